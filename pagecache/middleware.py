"""The public page cache: a public page is rendered once per content version and
then served from the cache, until the next change of the content.

The one rule: only GET and HEAD requests without a session cookie, outside the
admin and /healthz, are cached, under the content version, the day and the absolute
URL (pages say what holds today: whether a subsidy still runs, whether an amount is
of an earlier study year, so they change at midnight without an edit);
and only plain public 200 pages are stored (no cookie, no Vary, not private,
no-store or no-cache), so previews, errors and redirects never are. Stored pages
carry an ETag and Last-Modified and get 304s, and are kept gzip-compressed too, so a
browser that accepts gzip gets the compressed copy without compressing per request.
Settings: settings/base.py
(CACHE_URL, PAGE_CACHE_ENABLED, PAGE_CACHE_SECONDS). Why it works this way:
docs/decisions/0016-page-cache-by-content-version.md and, for the compressed copy,
0046-cached-pages-compressed.md.
"""

import contextlib
import datetime
import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.text import compress_string

from pagecache.models import current_version

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
KEY_PREFIX = "page"
CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
NOT_STORED_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# As django.middleware.gzip.GZipMiddleware: not worth it below 200 bytes.
MIN_COMPRESSED_SIZE = 200
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


_excluded = {}


def excluded_prefixes():
    """Paths the page cache leaves alone: the admin (its path is configurable) and
    the health check.

    Worked out once per URL configuration and script prefix, not per request: two
    reverse() calls cost about a tenth of a cached page. A changed URL configuration
    (tests; Django makes a new resolver then) is noticed through the resolver object.
    """
    key = (get_resolver(get_urlconf()), get_script_prefix())
    prefixes = _excluded.get(key)
    if prefixes is None:
        found = []
        for name in ("admin:index", "healthz"):
            with contextlib.suppress(NoReverseMatch):
                found.append(reverse(name))
        prefixes = tuple(found)
        _excluded.clear()  # only the current configuration is kept
        _excluded[key] = prefixes
    return prefixes


def cache_control_directives(response):
    return {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        if directive.strip()
    }


def may_store(response):
    """Whether `response` is a public page that every visitor may get."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not response.has_header("Vary")
        and not (cache_control_directives(response) & NOT_STORED_CACHE_CONTROL)
    )


def page_key(absolute_url, current, day=None):
    """The key of a page: the content version, the site's local date and the URL.

    The date is in it because a page may change at midnight without an edit: a
    subsidy whose end date has passed is shown as stopped (pathways.FundingScheme).
    docs/decisions/0036-funding-scheme-status.md.
    """
    day = day or timezone.localdate()
    digest = hashlib.sha256(absolute_url.encode()).hexdigest()
    return f"{KEY_PREFIX}:{current.key}:{day.isoformat()}:{digest}"


def start_of_today():
    """Midnight of the site's local date, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))


def freeze(response):
    """What the cache keeps of a page: its status, headers and body, and the body
    gzip-compressed when that is shorter (compressed once, here)."""
    stored = {
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": response.content,
    }
    if len(response.content) >= MIN_COMPRESSED_SIZE and not response.has_header("Content-Encoding"):
        # No random padding against BREACH as GZipMiddleware adds: a cached page is
        # the same for every visitor and holds no secret (no session, no CSRF token).
        compressed = compress_string(response.content)
        if len(compressed) < len(response.content):
            stored["gzip"] = compressed
    return stored


def thaw(stored, accepts_gzip=False):
    """The stored page as a response: compressed if the browser accepts gzip."""
    compressed = stored.get("gzip") if accepts_gzip else None
    response = HttpResponse(
        stored["content"] if compressed is None else compressed, status=stored["status"]
    )
    for name, value in stored["headers"]:
        response.headers[name] = value
    if compressed is not None:
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(compressed))
        # Another representation: a strong ETag becomes weak (RFC 9110 8.8.1), as
        # GZipMiddleware does; If-None-Match compares weakly, so 304s still match.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
    return response


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def last_modified_seconds(response):
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        try:
            absolute_url = request.build_absolute_uri()
        except DisallowedHost:
            # A Host not in ALLOWED_HOSTS: let Django answer it (400), uncached.
            return self.get_response(request)

        current = current_version()
        key = page_key(absolute_url, current)
        cache = caches[CACHE_ALIAS]
        stored = self.cache_get(cache, key)
        if stored is not None:
            return self.conditional(request, thaw(stored, accepts_gzip(request)))

        response = self.get_response(request)
        if may_store(response):
            self.describe(response, current)
            stored = freeze(response)
            if request.method == "GET":
                self.cache_set(cache, key, stored)
            # The same bytes as every later visitor gets from the cache.
            return self.conditional(request, thaw(stored, accepts_gzip(request)))
        if (
            response.status_code == 200
            and not response.streaming
            and "no-store" not in cache_control_directives(response)
        ):
            # What ConditionalGetMiddleware would do: an ETag, and a 304 on a match.
            if not response.has_header("ETag"):
                set_response_etag(response)
            return self.conditional(request, response)
        return response

    def applies_to(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True):
            return False
        if request.method not in ("GET", "HEAD"):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        return not request.path.startswith(excluded_prefixes())

    def describe(self, response, current):
        """Adds ETag, Last-Modified and Cache-Control to a page that will be stored."""
        if not response.has_header("ETag"):
            set_response_etag(response)
        if current.changed_at is not None and not response.has_header("Last-Modified"):
            # Not before today's midnight: a page made today may differ from
            # yesterday's with the same content (see page_key).
            changed = max(current.changed_at, start_of_today())
            response.headers["Last-Modified"] = http_date(changed.timestamp())
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, **CACHE_CONTROL)
        # Served compressed or not by the request's Accept-Encoding (see thaw).
        patch_vary_headers(response, ("Accept-Encoding",))

    def conditional(self, request, response):
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified_seconds(response),
            response=response,
        )

    def cache_get(self, cache, key):
        try:
            return cache.get(key)
        except Exception:  # the cache is a help, never a reason to fail a page
            logger.warning("Page cache unavailable (get)", exc_info=True)
            return None

    def cache_set(self, cache, key, value):
        try:
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Page cache unavailable (set)", exc_info=True)
