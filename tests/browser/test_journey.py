"""What a school leader does with the keyboard only: skip to the content, open
the directory, filter it, open a programme and find whom to e-mail. The site
makes no request to another host on the way."""

import pytest

from pathways.models import ContactPurpose
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def active_element(page):
    return page.evaluate(
        "() => ({id: document.activeElement.id, tag: document.activeElement.tagName,"
        " text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )


def tab_to(page, selector, limit=150):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    pytest.fail(f"The keyboard never reached {selector}.")


def test_keyboard_only_journey_from_home_through_the_filters_to_a_contact(live_server, page):
    """Only Tab, Space and Enter: skip link, the directory, two filters, the
    programme, and its contact person's e-mail link, each visibly focused."""
    programme = f.ProgrammeFactory(name="Leraar Technisch Beroepsonderwijs")
    programme.profiles.add(f.VocationalProfileFactory(code="PIE", slug="pie"))
    programme.study_forms.add(f.StudyFormFactory(slug="deeltijd", name="Deeltijd"))
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/3dQsFUm")
    contact = f.ProgrammeContactFactory(
        programme=programme, name="Erik Schakelaar", email="e.schakelaar@windesheim.example"
    )
    f.ProgrammeFactory.create_batch(2)
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT, email="info@toolkit.example")

    requests = []
    page.on("request", lambda request: requests.append(request.url))
    failed = []
    page.on("response", lambda response: response.ok or failed.append(response.url))

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"

    # The skip link is the first thing the Tab key reaches, and it becomes visible.
    page.keyboard.press("Tab")
    focused = active_element(page)
    assert focused["text"] == "Naar de inhoud"
    assert focused["href"] == "#main-content"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0

    # Enter moves the focus to <main>; from there Tab reaches the way into the directory.
    page.keyboard.press("Enter")
    assert active_element(page)["id"] == "main-content"
    tab_to(page, 'main a[href="/opleidingen/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + "/opleidingen/"

    # Tick PIE and part-time with the space bar, then send the form with Enter.
    tab_to(page, "input[type=checkbox][name=profiel][value=pie]")
    page.keyboard.press("Space")
    tab_to(page, "input[type=checkbox][name=studievorm][value=deeltijd]")
    page.keyboard.press("Space")
    # The focused element shows a visible focus indicator (an outline or a shadow).
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert style[0] != "none" or style[2] != "none", style
    tab_to(page, "#filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "profiel=pie" in page.url and "studievorm=deeltijd" in page.url
    assert "(1)" in page.locator("h1").inner_text()

    target = programme.get_absolute_url()
    tab_to(page, f'main a[href="{target}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == live_server.url + target
    assert page.locator("h1").inner_text().startswith("Leraar Technisch Beroepsonderwijs")
    tab_to(page, f'#contact a[href="mailto:{contact.email}"]')
    assert active_element(page)["text"] == contact.email
    assert page.locator('a[href="https://bit.ly/3dQsFUm"]').count() >= 1

    # Every request went to our own server: no CDN, fonts, trackers or scripts elsewhere.
    assert requests, "The browser recorded no requests at all."
    foreign = [url for url in requests if not url.startswith(live_server.url + "/")]
    assert foreign == []
    assert any(url.endswith("/static/css/site.css") for url in requests)
    assert failed == []
