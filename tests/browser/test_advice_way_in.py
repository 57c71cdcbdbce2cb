"""The way in a source names, when no route fits (issue 14, item 5), measured in a real
browser: for a candidate with only vmbo, on a 390 x 844 phone, the summary names
Hogeschool Utrecht's admission test with the contact's e-mail address on the first
screen, and the link to the rule leads to it on the page. The sentences themselves are
tested through the test client in tests/test_advice_correctness.py.
"""

from urllib.parse import urlencode

from tests.browser.test_advice_first_screen import PHONE, expect
from tests.helpers import no_sideways_scroll
from tests.test_advice_summary import DEVENTER

ADVICE = "/routewijzer/advies/?" + urlencode({**DEVENTER, "opleiding": "vmbo"})
CONTACT_EMAIL = "hermien.vossebeld@hu.nl"
RULE = "Zonder havo-, vwo- of mbo-diploma: een toelatingsonderzoek bij Hogeschool Utrecht"


def test_on_a_phone_the_way_in_and_whom_to_ask_are_on_the_first_screen(seeded_live_server, page):
    tab = page
    tab.set_viewport_size(PHONE)
    tab.goto(seeded_live_server.url + ADVICE)
    summary = tab.get_by_role("region", name="Het advies in het kort")
    expect(summary).to_contain_text("Geen route past")
    email = summary.get_by_role("link", name=CONTACT_EMAIL)

    expect(email).to_be_visible()
    box = email.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    assert no_sideways_scroll(tab)

    # The rule's link leads to the rule, with its source, further down the page.
    summary.get_by_role("link", name=RULE).click()
    rule = tab.locator("#regel-toelatingsonderzoek-hogeschool-utrecht")
    expect(rule).to_be_in_viewport()
    expect(rule).to_contain_text("Of andere hogescholen dat ook doen")
