"""What a school leader does with the keyboard: skip to the content, find a
programme in the institutions table, open it and find whom to e-mail. The site
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


def test_keyboard_journey_from_home_to_a_programme_contact(live_server, page):
    programme = f.ProgrammeFactory(name="Leraar Technisch Beroepsonderwijs")
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

    # Enter moves the focus to <main>.
    page.keyboard.press("Enter")
    assert active_element(page)["id"] == "main-content"

    # Tab on to the programme's link in the institutions table, and follow it.
    target = programme.get_absolute_url()
    for _ in range(60):
        page.keyboard.press("Tab")
        if active_element(page)["href"] == target:
            break
    else:
        pytest.fail(f"The keyboard never reached the link to {target}.")
    assert page.locator(f'table a[href="{target}"]').evaluate("a => a === document.activeElement")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == live_server.url + target
    assert page.locator("h1").inner_text().startswith("Leraar Technisch Beroepsonderwijs")
    mailto = page.locator(f'#contact a[href="mailto:{contact.email}"]')
    assert mailto.count() == 1
    assert mailto.inner_text() == contact.email
    assert page.locator('a[href="https://bit.ly/3dQsFUm"]').count() == 1

    # Every request went to our own server: no CDN, fonts, trackers or scripts elsewhere.
    assert requests, "The browser recorded no requests at all."
    foreign = [url for url in requests if not url.startswith(live_server.url + "/")]
    assert foreign == []
    assert any(url.endswith("/static/css/site.css") for url in requests)
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
