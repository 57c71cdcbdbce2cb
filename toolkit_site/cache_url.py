"""The CACHES setting from one environment variable, CACHE_URL.

- unset, empty or ``locmem://``: local memory, per server process. Right for one
  server: the page cache (pagecache/middleware.py) still empties itself at once
  on every content change, because the content version it keys on lives in the
  database, which every process sees.
- ``redis://host:6379/0`` or ``rediss://`` (TLS) or ``unix:///path/redis.sock``:
  Redis, shared by every process of every server, so a page rendered once is
  served by all of them. Needs the ``redis`` package (a dependency of the site).
- ``dummy://``: no cache at all (every page is rendered; for measuring).

Imported by the settings, so it imports nothing that reads them.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django.core.cache.backends.redis.RedisCache"
DUMMY = "django.core.cache.backends.dummy.DummyCache"

# Pages are about 5-50 kB; a thousand of them per process stays well under 50 MB.
LOCMEM_MAX_ENTRIES = 1000
# A Redis server that is down or unreachable must not hang the site: after this
# many seconds the page cache gives up and renders the page (see caching.py).
REDIS_TIMEOUT_SECONDS = 0.5


def cache_from_url(url):
    """The settings of one cache (a value of CACHES) for `url`."""
    url = (url or "").strip() or "locmem://"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "locmem":
        return {
            "BACKEND": LOCMEM,
            "LOCATION": parts.netloc or "toolkit",
            "OPTIONS": {"MAX_ENTRIES": LOCMEM_MAX_ENTRIES},
        }
    if scheme in ("redis", "rediss", "unix"):
        return {
            "BACKEND": REDIS,
            "LOCATION": url,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    if scheme == "dummy":
        return {"BACKEND": DUMMY}
    # Names only the scheme: the rest of the address may hold a password.
    raise ImproperlyConfigured(
        f"CACHE_URL with scheme {scheme!r} is not supported: use locmem://, "
        "redis://host:port/db, rediss://host:port/db, unix:///path or dummy://."
    )
