"""Queries and server time per public page type, in-process (Django's test client).

Run by bench/run.py against one benchmark database: `python -m bench.measure --meta
... --out result.json`. Per page: warm-up requests, one request inside
CaptureQueriesContext, then timed requests (slow pages get fewer, at least
MIN_REQUESTS). "Uncached" takes the page-cache middleware out of MIDDLEWARE; with a
page cache configured, the same is measured again with it.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

import django

CACHE_MIDDLEWARE_PREFIX = "pagecache.middleware."
MIN_REQUESTS = 10
# A page gets at most about this many seconds of timed requests.
TIME_BUDGET_S = 12.0


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    return response, body


def measure_page(client, url, requests, warmup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm_times = []
    for _ in range(warmup):
        start = time.perf_counter()
        fetch(client, url)
        warm_times.append(time.perf_counter() - start)
        if len(warm_times) >= 2 and sum(warm_times) > TIME_BUDGET_S / 4:
            break  # a slow page: two warm-ups are enough
    with CaptureQueriesContext(connection) as captured:
        response, body = fetch(client, url)
    # Read now: captured_queries reads the connection's log, which the next request resets.
    queries = len(captured.captured_queries)
    count = requests
    if warm_times:
        count = max(MIN_REQUESTS, min(requests, int(TIME_BUDGET_S / statistics.median(warm_times))))
    times = []
    for _ in range(count):
        start = time.perf_counter()
        fetch(client, url)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "bytes": len(body),
        "queries": queries,
        "requests": count,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "mean_ms": round(statistics.fmean(times), 2),
        "min_ms": round(min(times), 2),
    }


def cache_middleware():
    from django.conf import settings

    return [path for path in settings.MIDDLEWARE if path.startswith(CACHE_MIDDLEWARE_PREFIX)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meta", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    django.setup()

    from django.core.cache import caches
    from django.test import Client
    from django.test.utils import modify_settings

    from bench.pages import public_pages

    meta = json.loads(args.meta.read_text(encoding="utf-8"))
    pages = public_pages(meta.get("sample_programme"))
    cached_middleware = cache_middleware()
    results = {"pages": {}, "page_cache": cached_middleware}

    with modify_settings(MIDDLEWARE={"remove": cached_middleware}):
        client = Client()
        for page in pages:
            results["pages"][page.key] = {"url": page.url, "uncached": None, "cached": None}
            results["pages"][page.key]["uncached"] = measure_page(
                client, page.url, args.requests, args.warmup
            )
    if cached_middleware:
        for alias in caches:
            caches[alias].clear()
        client = Client()
        for page in pages:
            results["pages"][page.key]["cached"] = measure_page(
                client, page.url, args.requests, max(2, args.warmup)
            )
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_site.settings.prod")
    sys.exit(main())
