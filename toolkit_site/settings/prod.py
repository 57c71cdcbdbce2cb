"""Settings for a production server behind a TLS proxy (docs/deploy.md).

Everything secret or host-specific comes from the environment; the server refuses
to start without DJANGO_SECRET_KEY. Read here: the e-mail settings, HTTPS and
HSTS. Read in base.py, for every environment: DJANGO_ALLOWED_HOSTS, DATABASE_URL,
CACHE_URL, SITE_URL, DJANGO_ADMIN_PATH, DJANGO_TRUSTED_PROXY_COUNT.

`DJANGO_SETTINGS_MODULE=toolkit_site.settings.prod manage.py check --deploy`
reports no issues (tests/test_settings.py).
"""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY ontbreekt: zet een geheime sleutel van minstens 50 willekeurige "
        "tekens in de omgeving (DJANGO_SECRET_KEY must be set in production)."
    )


def _flag(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "ja", "on")


def _list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


# --- HTTPS -------------------------------------------------------------------------
# The proxy terminates TLS and says so in X-Forwarded-Proto. Trust that header only
# because gunicorn listens on 127.0.0.1 or a socket that only the proxy reaches.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT", "1")
# A load balancer asks for /healthz over plain HTTP inside the network: answer it
# there instead of redirecting it to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1")
# "preload" in the header only allows the domain onto the browsers' built-in
# HTTPS-only list; it gets there when someone submits it at hstspreload.org.
# Turn it off (DJANGO_HSTS_PRELOAD=0) if any subdomain still needs plain HTTP.
SECURE_HSTS_PRELOAD = _flag("DJANGO_HSTS_PRELOAD", "1")

# Cookies (the admin's only) over HTTPS only. The __Host- prefix makes the browser
# refuse them unless they are Secure, for this exact host and path "/".
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

CSRF_TRUSTED_ORIGINS = _list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- E-mail ------------------------------------------------------------------------
# Django e-mails ADMINS about server errors (500) and SERVER_EMAIL is the sender.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# "Naam <adres@example.org>, adres2@example.org": names are optional.
ADMINS = [
    (name, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address
]
