"""Security headers, cookies and the admin login throttle (issue 6).

- Every page, public or admin, carries the Content-Security-Policy without
  'unsafe-inline', Permissions-Policy, X-Frame-Options, nosniff, Referrer-Policy
  and Cross-Origin-Opener-Policy; the templates hold nothing the policy blocks.
- Public pages set no cookies and do not vary on them.
- django-axes: 5 wrong passwords for one username from one address lock that
  combination for an hour, with a Dutch page; a success resets the count; behind
  a proxy the address comes from X-Forwarded-For only as far as configured.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.test_html_validity import page_addresses
from toolkit_site.security import client_ip

PASSWORD = "het-goede-wachtwoord-2026"

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def vary(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value}


# --- Headers ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/", "/opleidingen/", "/deze-pagina-bestaat-niet/", "/beheer/login/", "/sitemap.xml"],
)
def test_every_response_carries_the_security_headers(client, address):
    client.get(address)
    response = client.get(address)  # the second time perhaps from the page cache

    assert csp_directives(response) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
        assert features[feature] == "()"


def test_the_admin_gets_the_same_policy_as_the_public_pages(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert csp_directives(response) == EXPECTED_CSP


# --- Templates: nothing inline that the policy would block -----------------------

TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("*/templates"),
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)


def our_templates():
    for folder in TEMPLATE_DIRS:
        yield from sorted(path for path in folder.rglob("*") if path.suffix in {".html", ".svg"})


def test_the_header_built_once_is_what_django_csp_would_build(client):
    """toolkit_site.security.CSPMiddleware builds the header once per process."""
    response = client.get("/robots.txt")
    assert response["Content-Security-Policy"] == build_policy()


def test_a_changed_policy_setting_shows_in_the_next_response(client, settings):
    client.get("/robots.txt")  # the header of the old settings is built and kept
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/robots.txt")["Content-Security-Policy"] == "default-src 'none'"


def test_a_view_with_its_own_policy_still_gets_it():
    """A view decorated by django-csp (none is, today) goes the library's way."""
    from csp.decorators import csp_update

    from toolkit_site.content_security_policy import CSPMiddleware

    view = csp_update({"img-src": "https://kaart.example"})(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    middleware = CSPMiddleware(view)
    response = middleware(request)
    assert "img-src 'self' data: https://kaart.example" in response["Content-Security-Policy"]
    assert Client().get("/robots.txt")["Content-Security-Policy"] == build_policy()


def test_there_are_templates_to_check():
    names = {path.name for path in our_templates()}
    assert {"base.html", "_diagram.html", "lockout.html"} <= names


@pytest.mark.parametrize(
    "pattern", [INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_ELEMENT, EVENT_HANDLER, JAVASCRIPT_URL]
)
def test_no_template_holds_what_the_policy_blocks(pattern):
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in our_templates()
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


def test_the_pattern_would_find_an_inline_script_but_not_json_ld():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/x.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')


@pytest.mark.django_db
def test_the_rendered_diagram_has_no_style_attributes(seeded_db, client):
    response = client.get("/routes/scholingstraject-hybride-techniekopleiders/")
    assert "<svg" in response.text
    assert not STYLE_ATTRIBUTE.search(response.text)
    assert not INLINE_SCRIPT.search(response.text)


# --- Cookies ---------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_set_no_cookies_and_do_not_vary_on_them(seeded_db):
    addresses = [*page_addresses(), "/sitemap.xml", "/robots.txt", "/static/css/site.css"]
    client = Client()
    offending = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        if response.cookies or "cookie" in vary(response):
            offending[address] = (list(response.cookies), response.get("Vary"))
    assert offending == {}
    assert len(addresses) > 30


@pytest.mark.django_db
def test_admin_cookies_are_httponly_and_samesite_lax(client, django_user_model):
    django_user_model.objects.create_user("redacteur", password=PASSWORD, is_staff=True)

    login_page = client.get(reverse("admin:login"))
    logged_in = client.post(
        reverse("admin:login"),
        {"username": "redacteur", "password": PASSWORD, "next": reverse("admin:index")},
    )

    csrf = login_page.cookies[settings.CSRF_COOKIE_NAME]
    session = logged_in.cookies[settings.SESSION_COOKIE_NAME]
    for cookie in (csrf, session):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


# --- Password rules --------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["kort-en-1", "12345678901234", "password1234", "redacteur-jansen"]
)
def test_weak_staff_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="redacteur-jansen", email="r.jansen@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_unusual_password_is_accepted(django_user_model):
    user = django_user_model(username="redacteur-jansen")
    assert validate_password("vijf-paarse-tandwielen-draaien", user) is None


# --- Admin login throttle (django-axes) ------------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redacteur", password=PASSWORD, is_staff=True)


def log_in(client, password, username="redacteur", forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )


def is_lockout_page(response):
    return response.status_code == 429 and "Inloggen tijdelijk geblokkeerd" in response.text


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(client, editor):
    for _ in range(4):
        response = log_in(client, "fout")
        assert response.status_code == 200  # the login form again, with Django's error
        assert not is_lockout_page(response)

    fifth = log_in(client, "fout")
    right = log_in(client, PASSWORD)

    assert is_lockout_page(fifth)
    assert is_lockout_page(right)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_page_is_dutch_and_says_how_long_and_who_can_help(client, editor):
    for _ in range(5):
        response = log_in(client, "fout")

    text = response.text
    assert 'lang="nl"' in text
    assert "5 keer" in text
    assert "over 1 uur opnieuw" in text
    assert "Vraag een beheerder" in text
    assert reverse("admin:login") in text
    assert "Account locked" not in text
    assert "Content-Security-Policy" in response


def wind_back_the_clock(minutes):
    """Make every recorded failed attempt `minutes` older."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


@pytest.mark.django_db
def test_the_lockout_ends_after_an_hour(client, editor):
    for _ in range(5):
        log_in(client, "fout")

    wind_back_the_clock(58)
    assert is_lockout_page(log_in(client, PASSWORD))  # and this attempt restarts the hour
    wind_back_the_clock(61)
    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lockout_holds_only_that_username_from_that_address(client, editor, django_user_model):
    django_user_model.objects.create_user("collega", password=PASSWORD, is_staff=True)
    for _ in range(5):
        log_in(client, "fout")

    assert log_in(Client(REMOTE_ADDR="192.0.2.44"), PASSWORD).status_code == 302
    assert log_in(Client(), PASSWORD, username="collega").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        log_in(client, "fout")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        response = log_in(client, "fout")
        assert not is_lockout_page(response)
    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(4):
        log_in(client, "fout", forwarded_for=f"203.0.113.{number}")

    assert is_lockout_page(log_in(client, "fout", forwarded_for="203.0.113.99"))


@pytest.mark.django_db
def test_behind_one_trusted_proxy_the_client_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # A client cannot dodge the count by sending its own X-Forwarded-For: the proxy
    # appends the real address, and only the right-most entry is used.
    for number in range(4):
        log_in(client, "fout", forwarded_for=f"10.0.0.{number}, 203.0.113.7")
    assert is_lockout_page(log_in(client, "fout", forwarded_for="203.0.113.7"))

    # Another visitor behind the same proxy is not locked out.
    assert log_in(client, PASSWORD, forwarded_for="198.51.100.9").status_code == 302


def request_from(remote_addr, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.7", "127.0.0.1"),
        (1, None, "127.0.0.1"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (1, "geen-adres", "127.0.0.1"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "127.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from("127.0.0.1", forwarded_for)) == expected
