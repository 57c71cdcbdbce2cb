"""The public page cache: a page is rendered once per content version, and every
change of the content makes all cached pages unreachable at once.

How it works (PublicPageCacheMiddleware):

- It handles GET and HEAD requests of visitors without a session cookie, except
  under the admin path and /healthz. Staff (who have a session) always get the
  page rendered for them: previews of drafts, banners.
- It reads the content version from the database (pagecache.models, one query)
  and looks the page up under "page:<version>:<hash of the absolute URL>". The
  URL includes the host and scheme (pages hold absolute links when SITE_URL is
  unset) and the query string (filters). The version changes with every change of
  the content (pagecache.signals), in the same transaction, so the very next
  request after a change renders the page again: nobody gets stale content.
- A hit returns the stored response without running the rest of the middleware or
  the view: the version query is the only query. The middleware above this one
  (security headers, Content-Security-Policy, Permissions-Policy) still adds its
  headers on the way out, so those headers are never stored.
- A miss runs the view and stores the response if it is a plain public page:
  a GET with status 200, not streamed, no Set-Cookie, no Vary (the key holds
  only the URL), and no Cache-Control private, no-store or no-cache. So 404s,
  the 410 of an archived entry, redirects and previews are never stored.

Conditional requests: a stored page carries a strong ETag (a hash of its body,
computed once, when it is stored) and Last-Modified (when the content last
changed), and the middleware answers If-None-Match and If-Modified-Since with
304 Not Modified (Django's get_conditional_response), for GET and HEAD, from the
cache: one query, no body. An ETag only changes when the page itself changes, so
a browser keeps getting 304s after changes elsewhere in the content. Other 200
responses to anonymous visitors (those not stored) get an ETag and 304s as
Django's ConditionalGetMiddleware would give them; that middleware is not used,
as it would compute a second ETag for every page and skips HEAD.

Cache-Control of a stored page: "public, max-age=0, must-revalidate". Browsers
and shared caches may keep the page, but must ask the server before every reuse;
the answer is a 304 from this cache (cheap), or the new page after a change. A
max-age above zero would be faster still, but would show old content after a
change for that long, which the site promises never to do. A view that sets its
own Cache-Control (the place-name suggestions, for a day) keeps it.

If the cache backend fails (Redis down), pages are rendered as if there were no
cache, and a warning is logged: the site stays up.

Settings (environment variables, read in settings/base.py):

- CACHE_URL: where pages are kept (toolkit_site/cache_url.py). With several
  servers, give them all the same Redis, so a page is rendered once for all.
- PAGE_CACHE_ENABLED (default 1; 0 turns the page cache off, e.g. to measure
  what rendering costs). Off in settings/dev.py, so an edited template shows at
  once, and in the test settings except in tests/test_caching.py.
- PAGE_CACHE_SECONDS (default 600): how long an entry is kept at most. It never
  decides whether a page is current (the content version does); it only frees
  memory from entries of old versions and addresses nobody asks for any more.

A new release with changed templates: `manage.py migrate`, which every upgrade
runs, raises the content version (pagecache/signals.py), so a shared cache does
not serve pages rendered by the old templates. With local memory, restarting
the server empties the cache anyway.

HTTP dates have a resolution of one second. A client that validates with
If-Modified-Since alone (no If-None-Match) and fetched a page within the same
second as a later change could get a 304 for the older page. Browsers and
proxies send If-None-Match, which always decides when present.
"""

import contextlib
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe

from pagecache.models import current_version

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
KEY_PREFIX = "page"
CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
NOT_STORED_CACHE_CONTROL = {"private", "no-store", "no-cache"}


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


def page_key(absolute_url, current):
    digest = hashlib.sha256(absolute_url.encode()).hexdigest()
    return f"{KEY_PREFIX}:{current.key}:{digest}"


def freeze(response):
    return {
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": response.content,
    }


def thaw(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response.headers[name] = value
    return response


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
            return self.conditional(request, thaw(stored))

        response = self.get_response(request)
        if may_store(response):
            self.describe(response, current)
            if request.method == "GET":
                self.cache_set(cache, key, freeze(response))
            return self.conditional(request, response)
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
            response.headers["Last-Modified"] = http_date(current.changed_at.timestamp())
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, **CACHE_CONTROL)

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
