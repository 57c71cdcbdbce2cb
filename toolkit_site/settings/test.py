"""Settings for the test suite: fast hashing, plain static storage."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files from the app folders, so tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Local memory whatever CACHE_URL says, emptied before every test (tests/conftest.py).
# The page cache (pagecache/middleware.py) is off, so the other tests' query budgets
# count what a page costs to render; tests/test_caching.py turns it on. To run the
# whole suite through the cache: PAGE_CACHE_ENABLED=1 (only the exact query counts
# then differ, by the one query that reads the content version).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED") == "1"

# django-axes announces itself at start-up; under xdist every worker would print it.
AXES_VERBOSE = False
