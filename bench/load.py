"""Throughput and the load run: gunicorn on loopback, loaded with wrk.

Each page's throughput is compared with the static file's, measured right before and
after it in the same gunicorn, so the ratio compares only what happens inside the
application. The load run must give only 2xx/3xx answers and no socket error. Why
sync workers, and the details of each run: docs/decisions/0034-benchmark-method.md.
"""

import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.pages import BUSIEST

ROOT = Path(__file__).resolve().parent.parent
WRK_DIR = Path(__file__).resolve().parent / "wrk"
THREADS = 2
CONNECTIONS = 20
# An answer slower than this counts as an error (wrk's default is 2 s): gunicorn's own
# worker time-out, after which it would kill the worker anyway.
TIMEOUT = "30s"
WARMUP_SECONDS = 2
# What a browser sends (Chromium 2026): every request says it accepts compressed
# answers, so the site and whitenoise answer as they do for real visitors.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def log(message):
    print(f"[bench] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env, settings, workers, log_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = {**env, "DJANGO_SETTINGS_MODULE": settings}
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "toolkit_site.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--worker-class", "sync",
            "--timeout", TIMEOUT.removesuffix("s"),
            "--log-level", "warning",
            "--error-logfile", str(log_path),
        ]  # fmt: skip
        if not Path(command[0]).exists():
            command[0] = shutil.which("gunicorn") or "gunicorn"
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        self.wait_until_ready()

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (see {self.log_path})")
            try:
                with urllib.request.urlopen(self.base + "/robots.txt", timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s (see {self.log_path})")

    def drain(self, limit=180):
        """Waits until the requests that wrk left queued are done: a sync worker goes on
        with connections whose client has gone, and the next run would queue behind them."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + "/robots.txt", timeout=limit):
                    pass
            except OSError:
                time.sleep(0.5)
                continue
            if time.monotonic() - start < 0.2:
                return

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def wrk(url, seconds, connections=CONNECTIONS, script=None):
    """One wrk run; returns its JSON summary plus requests per second."""
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout", TIMEOUT,
        "-H", f"Accept-Encoding: {ACCEPT_ENCODING}",
        "-s", str(script or WRK_DIR / "report.lua"),
        url,
    ]  # fmt: skip
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    summary = json.loads(lines[-1].removeprefix("BENCH_JSON "))
    summary["rps"] = round(summary["requests"] / (summary["duration_us"] / 1e6), 1)
    summary["error_total"] = sum(summary["errors"].values())
    summary["command"] = " ".join(command)
    return summary


def check_status(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def throughput(server, targets, static_url, seconds):
    """wrk per address, the static file before and after every page: each page's ratio
    uses the mean of the static runs on either side of it, so a change in the
    machine's other load during the run touches both sides of the ratio alike."""

    def measure(path):
        wrk(server.base + path, WARMUP_SECONDS)
        server.drain()
        result = wrk(server.base + path, seconds)
        server.drain()
        result["path"] = path
        return result

    static_runs = [measure(static_url)]
    log(f"  static: {static_runs[-1]['rps']} requests/s")
    results = {}
    for key, path in targets:
        results[key] = measure(path)
        static_runs.append(measure(static_url))
        around = (static_runs[-2]["rps"] + static_runs[-1]["rps"]) / 2
        results[key]["static_rps"] = round(around, 1)
        results[key]["ratio"] = round(results[key]["rps"] / around, 3) if around else 0.0
        log(
            f"  {key}: {results[key]['rps']} requests/s, {results[key]['error_total']} errors; "
            f"static after it: {static_runs[-1]['rps']}; ratio {results[key]['ratio']}"
        )
    rates = [run["rps"] for run in static_runs]
    results = {
        "static": {
            **static_runs[0],
            "rps": round(sum(rates) / len(rates), 1),
            "rps_runs": rates,
            "latency_us": {
                key: max(run["latency_us"][key] for run in static_runs)
                for key in static_runs[0]["latency_us"]
            },
            "error_total": sum(run["error_total"] for run in static_runs),
        },
        **results,
    }
    return results


def mix_script(paths, directory):
    script = directory / "mix.lua"
    listed = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"paths = {{{listed}}}\n"
        + (WRK_DIR / "mix.lua").read_text()
        + (WRK_DIR / "report.lua").read_text()
    )
    return script


def errors_in_log(path, since):
    """Lines of gunicorn's error log written since `since` (a byte offset) that tell of
    a failure: tracebacks, worker timeouts and crashes."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace") as file:
        file.seek(since)
        text = file.read()
    return [
        line
        for line in text.splitlines()
        if "Traceback" in line or "[ERROR]" in line or "[CRITICAL]" in line
    ]


def run_all(config, env, static_url, pages, extra_paths, size_label, log_dir):
    """Throughput (cached and, when there is a cache, uncached) and the load run."""
    log_path = log_dir / "gunicorn.log"
    log_path.unlink(missing_ok=True)
    targets = [(key, pages[key]["url"]) for key in BUSIEST]
    has_cache = any(page.get("cached") for page in pages.values())
    results = {
        "size": size_label,
        "workers": config.workers,
        "worker_class": "sync",
        "threads": THREADS,
        "connections": CONNECTIONS,
        "seconds": config.duration,
        "timeout": TIMEOUT,
        "static_url": static_url,
        "accept_encoding": ACCEPT_ENCODING,
        "page_cache": has_cache,
        "throughput": {},
    }
    variants = [("cached" if has_cache else "uncached", "toolkit_site.settings.prod")]
    if has_cache:
        variants.append(("uncached", "bench.settings_uncached"))
    for variant, settings in variants:
        log(f"throughput under gunicorn ({variant}, {size_label}), {config.workers} sync workers")
        with Gunicorn(env, settings, config.workers, log_path) as server:
            statuses = {key: check_status(server.base, path) for key, path in targets}
            statuses["static"] = check_status(server.base, static_url)
            results["throughput"][variant] = throughput(
                server, targets, static_url, config.duration
            )
            results.setdefault("statuses", {})[variant] = statuses

    log(
        f"load run: {config.load_seconds} s at {config.load_connections} connections "
        f"({size_label}, {'with' if has_cache else 'without'} page cache)"
    )
    mix = [page["url"] for page in pages.values()] + list(extra_paths) + [static_url]
    script = mix_script(mix, log_dir)
    with Gunicorn(env, "toolkit_site.settings.prod", config.workers, log_path) as server:
        offset = log_path.stat().st_size if log_path.exists() else 0
        summary = wrk(
            server.base + "/",
            config.load_seconds,
            connections=config.load_connections,
            script=script,
        )
        alive = server.process.poll() is None
        log_errors = errors_in_log(log_path, offset)
    summary["paths"] = mix
    summary["seconds"] = config.load_seconds
    summary["connections"] = config.load_connections
    summary["server_alive"] = alive
    summary["log_errors"] = log_errors[:20]
    summary["ok"] = summary["error_total"] == 0 and alive and not log_errors
    results["load_run"] = summary
    log(
        f"  {summary['requests']} requests, {summary['rps']} requests/s, "
        f"errors {summary['errors']}, statuses {summary['statuses']}"
    )
    return results
