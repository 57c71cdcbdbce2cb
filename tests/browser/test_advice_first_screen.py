"""The answer first, measured in a real browser (issue 14, item 4): on a 390 x 844 phone
the advice's summary, with the e-mail address of the nearest programme's contact, is on
the first screen, and on a 1280 x 800 laptop the summary is above the fold; printed on A4
the Deventer candidate's advice takes at most four pages, with the summary on page 1.

Before this change the e-mail address stood at 6,522 px on the phone (4,486 px on the
laptop) and the printed advice took 13 pages. The sentences themselves are tested
through the test client in tests/test_advice_summary.py.
"""

import re
from urllib.parse import urlencode

from tests.helpers import expect, no_sideways_scroll
from tests.test_advice_summary import DEVENTER

ADVICE = "/routewijzer/advies/?" + urlencode(DEVENTER)
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
CONTACT_EMAIL = "e.schakelaar@windesheim.nl"

MAX_PRINTED_PAGES = 4
# The printable height of an A4 page in CSS px, with the site's @page margins
# (15 mm top, 18 mm bottom): (297 - 33) mm at 96 px per inch.
A4_CONTENT_HEIGHT = (297 - 33) / 25.4 * 96
# The printable width, for laying out the page as on paper (210 - 2 x 15 mm).
A4_CONTENT_WIDTH = round((210 - 30) / 25.4 * 96)


def test_on_a_phone_the_summary_with_the_contacts_email_is_on_the_first_screen(
    seeded_live_server, open_tab
):
    tab = open_tab(PHONE)
    tab.goto(seeded_live_server.url + ADVICE)
    summary = tab.get_by_role("region", name="Het advies in het kort")
    email = summary.get_by_role("link", name=CONTACT_EMAIL)

    expect(email).to_be_visible()
    expect(email).to_have_attribute("href", f"mailto:{CONTACT_EMAIL}")
    assert tab.evaluate("window.scrollY") == 0
    email_box = email.bounding_box()
    assert email_box["y"] + email_box["height"] <= PHONE["height"]
    # The whole summary fits, not only its last link.
    summary_box = summary.bounding_box()
    assert summary_box["y"] + summary_box["height"] <= PHONE["height"]
    # Nothing is pushed sideways to make it fit.
    assert no_sideways_scroll(tab)


def test_on_a_laptop_the_summary_is_above_the_fold(seeded_live_server, open_tab):
    tab = open_tab(LAPTOP)
    tab.goto(seeded_live_server.url + ADVICE)
    summary = tab.get_by_role("region", name="Het advies in het kort")

    expect(summary).to_contain_text("Eerste stap: Kennismakingsprogramma")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= LAPTOP["height"]


def test_printed_deventer_advice_fits_on_four_a4_pages_with_the_summary_on_page_1(
    seeded_live_server, open_tab
):
    tab = open_tab({"width": A4_CONTENT_WIDTH, "height": 1000})
    tab.goto(seeded_live_server.url + ADVICE)
    tab.emulate_media(media="print")

    summary = tab.get_by_role("region", name="Het advies in het kort")
    expect(summary.locator(".advice-date")).to_be_visible()
    expect(summary.locator(".advice-date")).to_have_text(
        re.compile(r"Advies van \d{1,2} [a-z]+ \d{4}")
    )
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= A4_CONTENT_HEIGHT  # on page 1
    expect(tab.get_by_role("navigation", name="Op deze pagina")).to_be_hidden()
    # A link that matters prints its full address, not a bare path.
    route_link = summary.get_by_role("link", name="Scholingstraject Hybride Techniekopleiders")
    printed = route_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert (
        printed
        == f'" ({seeded_live_server.url}/routes/scholingstraject-hybride-techniekopleiders/)"'
    )

    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 1 <= pages <= MAX_PRINTED_PAGES
