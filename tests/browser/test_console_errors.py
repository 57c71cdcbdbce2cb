"""No page type logs an error in the browser's console, and no request of a page
fails: the public pages in every state the axe scan visits
(tests/browser/test_accessibility.py), every route and a step of each, the admin's
login page and, logged in, its index, a list and a change form.

A browser asks for /favicon.ico by itself, on pages without an icon link (the
admin's): it answers with the icon, never 404 (toolkit_site/favicon.py)."""

import pytest

from programmes.models import Programme
from tests.browser.test_accessibility import (
    ERROR_PAGES,
    PAGES,
    add_archived_programme,
    route_and_step_pages,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_live_data():
    return add_archived_programme


class Problems:
    """What goes wrong in a tab: console errors, script errors, failed requests and
    answers of 400 or more. An error page's own status (404, 410) is what it should
    answer, so that one answer, and the console line Chromium writes for it, are not
    problems."""

    def __init__(self, tab, base_url):
        self.found = []
        self.base_url = base_url
        self.expected = {base_url + path: status for path, status in ERROR_PAGES.items()}
        tab.on("console", self.console)
        tab.on("pageerror", lambda error: self.found.append(f"script error: {error}"))
        tab.on("requestfailed", self.failed)
        tab.on("response", self.response)

    def console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        status = self.expected.get(url)
        if status and f"status of {status}" in message.text:
            return
        self.found.append(f"console: {message.text} ({url})")

    def failed(self, request):
        self.found.append(f"failed: {request.url} ({request.failure})")

    def response(self, response):
        if response.status < 400:
            return
        if (
            self.expected.get(response.url) == response.status
            and response.request.is_navigation_request()
        ):
            return
        self.found.append(f"{response.status}: {response.url}")

    def visit(self, tab, path):
        tab.goto(self.base_url + path, wait_until="networkidle")


@pytest.mark.browser
def test_no_public_page_logs_an_error_or_fails_a_request(seeded_live_server, page):
    problems = Problems(page, seeded_live_server.url)
    visited = [*PAGES, *route_and_step_pages()]
    for path in visited:
        problems.visit(page, path)
    assert problems.found == []
    assert len(visited) > len(PAGES)


@pytest.mark.browser
def test_favicon_answers_with_the_icon_and_the_pages_link_it(seeded_live_server, page):
    """Chromium asks for /favicon.ico on pages without an icon link (the admin's)."""
    icon = page.request.get(seeded_live_server.url + "/favicon.ico")
    assert icon.status == 200
    assert icon.headers["content-type"] == "image/x-icon"
    assert icon.body().startswith(b"\x00\x00\x01\x00")  # an .ico file's header
    assert "max-age=" in icon.headers["cache-control"]

    page.goto(seeded_live_server.url + "/")
    links = page.locator("link[rel=icon]").evaluate_all("links => links.map(l => l.href)")
    assert len(links) == 2
    answers = [page.request.get(link) for link in links]
    assert [answer.status for answer in answers] == [200, 200]
    assert answers[1].headers["content-type"].startswith("image/svg+xml")
    assert answers[1].body().startswith(b"<svg")


@pytest.mark.browser
def test_the_admin_logs_no_error_and_fails_no_request(
    live_server, seeded_transactional_db, page, django_user_model
):
    django_user_model.objects.create_superuser(
        "beheerder", "beheer@example.org", "een-lang-wachtwoord-2026"
    )
    programme = Programme.objects.published().order_by("slug").first()
    problems = Problems(page, live_server.url)

    problems.visit(page, "/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-2026")
    with page.expect_navigation():
        page.locator("#login-form input[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == live_server.url + "/beheer/"

    for path in [
        "/beheer/programmes/programme/",
        f"/beheer/programmes/programme/{programme.pk}/change/",
        "/beheer/programmes/programme/add/",
        f"/beheer/programmes/programme/{programme.pk}/history/",
    ]:
        problems.visit(page, path)
        assert page.locator("#content").count() == 1, path
    assert problems.found == []


@pytest.mark.parametrize("page_cache", [False, True])
def test_favicon_is_the_same_from_the_page_cache_and_for_head(client, settings, page_cache):
    """The page cache (on in production) may keep the icon, but must give it back
    whole, with its type; HEAD gets the headers; other methods are refused."""
    settings.PAGE_CACHE_ENABLED = page_cache
    first, second = client.get("/favicon.ico"), client.get("/favicon.ico")
    for response in (first, second):
        assert response.status_code == 200
        assert response["Content-Type"] == "image/x-icon"
        assert response.content == (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()
    head = client.head("/favicon.ico")
    assert head.status_code == 200 and head["Content-Type"] == "image/x-icon"
    assert client.post("/favicon.ico").status_code == 405
