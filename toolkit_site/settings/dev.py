"""Settings for development with `manage.py runserver`: DEBUG on."""

from .local import *  # noqa: F403

DEBUG = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No page cache: an edited template shows at the next reload (pagecache/middleware.py).
PAGE_CACHE_ENABLED = False
