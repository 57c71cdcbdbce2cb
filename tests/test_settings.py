"""The production settings (toolkit_site/settings/prod.py), each in a fresh Python
process with only the environment a server would have: `check --deploy` finds
nothing, a missing secret key stops the start, and every setting the deployment
guide (docs/deploy.md) names is read from the environment."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = secrets.token_urlsafe(60)
# Variables the settings read: none may leak in from the shell that runs the tests.
OURS = ("DJANGO_", "EMAIL_", "DATABASE_", "CACHE_URL", "SITE_URL", "ADMINS", "SERVER_EMAIL")
OURS += ("DEFAULT_FROM_EMAIL",)


def run(args, settings="prod", **environment):
    env = {name: value for name, value in os.environ.items() if not name.startswith(OURS)}
    env.update(DJANGO_SETTINGS_MODULE=f"toolkit_site.settings.{settings}", **environment)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def prod_settings(*names, **environment):
    """The named settings as the production module computes them from `environment`."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run(["-c", code], **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_reports_no_issues():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], DJANGO_ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY ontbreekt" in result.stderr


def test_production_reads_hosts_site_and_database_from_the_environment():
    values = prod_settings(
        "ALLOWED_HOSTS",
        "SITE_URL",
        "DATABASES",
        "CSRF_TRUSTED_ORIGINS",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="docententoolkit.nl, www.docententoolkit.nl",
        SITE_URL="https://docententoolkit.nl/",
        DATABASE_URL="postgres://toolkit:geheim@db.internal:5432/toolkit",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://docententoolkit.nl",
    )

    assert values["ALLOWED_HOSTS"] == ["docententoolkit.nl", "www.docententoolkit.nl"]
    assert values["SITE_URL"] == "https://docententoolkit.nl"
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"], database["PORT"]) == (
        "toolkit",
        "toolkit",
        "db.internal",
        5432,
    )
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://docententoolkit.nl"]


def test_production_reads_the_mail_settings_and_admins_from_the_environment():
    values = prod_settings(
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "DEFAULT_FROM_EMAIL",
        "SERVER_EMAIL",
        "ADMINS",
        DJANGO_SECRET_KEY=SECRET_KEY,
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="toolkit",
        EMAIL_HOST_PASSWORD="mail-geheim",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="Docententoolkit <noreply@example.org>",
        SERVER_EMAIL="server@example.org",
        ADMINS="Beheer Toolkit <beheer@example.org>, ict@example.org",
    )

    assert values == {
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "toolkit",
        "EMAIL_HOST_PASSWORD": "mail-geheim",
        "EMAIL_USE_TLS": True,
        "DEFAULT_FROM_EMAIL": "Docententoolkit <noreply@example.org>",
        "SERVER_EMAIL": "server@example.org",
        "ADMINS": [["Beheer Toolkit", "beheer@example.org"], ["", "ict@example.org"]],
    }


def test_production_cookies_are_secure_and_bound_to_the_host():
    values = prod_settings(
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        DJANGO_SECRET_KEY=SECRET_KEY,
    )

    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


REQUEST_OVER_HTTP = (
    "import django; django.setup(); from django.test import Client; "
    "c = Client(HTTP_HOST='example.org'); "
    "print(c.get('/contact/').status_code, c.get('/contact/').get('Location'), "
    "c.get('/healthz').status_code)"
)


def test_production_sends_http_to_https_but_answers_the_health_check(tmp_path):
    result = run(
        ["-c", REQUEST_OVER_HTTP],
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        TOOLKIT_VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    redirect, location, health = result.stdout.split()[-3:]
    assert (redirect, location) == ("301", "https://example.org/contact/")
    assert health == "200"


# --- The admin path ----------------------------------------------------------------

REVERSE_ADMIN = (
    "import django; django.setup(); from django.urls import reverse; "
    "print(reverse('admin:index'), reverse('admin:login'))"
)


def test_the_admin_is_under_beheer_by_default():
    assert reverse("admin:index") == "/beheer/"


@pytest.mark.parametrize("value", ["geheim-beheer", "/geheim-beheer/", "geheim-beheer/"])
def test_the_admin_path_follows_django_admin_path(value):
    result = run(["-c", REVERSE_ADMIN], settings="test", DJANGO_ADMIN_PATH=value)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/geheim-beheer/", "/geheim-beheer/login/"]


def test_an_empty_admin_path_is_refused():
    result = run(["-c", REVERSE_ADMIN], settings="test", DJANGO_ADMIN_PATH="/")

    assert result.returncode != 0
    assert "DJANGO_ADMIN_PATH" in result.stderr
