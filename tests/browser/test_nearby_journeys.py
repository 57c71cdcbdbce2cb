"""A school leader's journey "a school in Groningen, Middelburg or Maastricht -> the
nearest programme -> its contact", in a real browser, on a phone and on a laptop, with
JavaScript on and off (issue 14):

1. from the home page's "In welke plaats staat uw school?" to the directory, nearest
   first, to the first programme's page and its contact person's e-mail address;
2. through the Routewijzer: the advice's summary names the nearest programme that fits
   PIE and its contact's e-mail, and that programme is also first in the list below.

The nearest programmes follow from the seed's campuses: Windesheim in Zwolle for
Groningen, Hogeschool Rotterdam for Middelburg, Fontys in Eindhoven for Maastricht.
"""

import re

import pytest

from tests.helpers import no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}

# place -> (the nearest programme's page, its hogeschool, its contact's e-mail)
NEAREST = {
    "Groningen": (
        "/opleidingen/windesheim-leraar-technisch-beroepsonderwijs/",
        "Hogeschool Windesheim",
        "e.schakelaar@windesheim.nl",
    ),
    "Middelburg": (
        "/opleidingen/hogeschool-rotterdam-leraar-technisch-beroepsonderwijs/",
        "Hogeschool Rotterdam",
        "a.van.vliet@hr.nl",
    ),
    "Maastricht": (
        "/opleidingen/fontys-leraar-technisch-beroepsonderwijs/",
        "Fontys Hogescholen",
        "k.vandorp@fontys.nl",
    ),
}


@pytest.fixture(params=["telefoon", "laptop"])
def viewport(request):
    return PHONE if request.param == "telefoon" else LAPTOP


def distances(tab):
    """The whole kilometres shown on the directory's results, top to bottom."""
    texts = tab.locator("li.result .distance").all_inner_texts()
    return [int(match.group(1)) for text in texts if (match := re.search(r"(\d+) km", text))]


@pytest.mark.parametrize("place", sorted(NEAREST))
def test_from_the_home_page_to_the_nearest_programme_and_its_contact(
    seeded_live_server, visitor, place
):
    path, institution, email = NEAREST[place]
    visitor.goto(seeded_live_server.url + "/")
    visitor.get_by_role("textbox", name="In welke plaats staat uw school?").fill(place)
    visitor.get_by_role("button", name="Zoek opleidingen dichtbij").click()
    visitor.wait_for_load_state()

    assert visitor.locator("h1").inner_text().startswith(f"Opleidingen bij {place}, dichtstbij")
    shown = distances(visitor)
    assert shown, "The results show no distance."
    assert shown == sorted(shown), f"The distances do not grow down the list: {shown}"
    first = visitor.locator("li.result").first
    assert institution in first.inner_text()
    assert no_sideways_scroll(visitor)

    first.locator("h3 a").click()
    visitor.wait_for_load_state()
    assert visitor.url.endswith(path)
    contact = visitor.locator("#contact").get_by_role("link", name=email)
    contact.scroll_into_view_if_needed()
    assert contact.is_visible()
    assert contact.get_attribute("href") == f"mailto:{email}"


@pytest.mark.parametrize("place", sorted(NEAREST))
def test_from_the_routewijzer_to_the_nearest_programme_and_its_contact(
    seeded_live_server, visitor, place
):
    path, institution, email = NEAREST[place]
    visitor.goto(seeded_live_server.url + "/routewijzer/")
    visitor.get_by_role("radio", name="mbo niveau 4", exact=True).check()
    visitor.get_by_label("Hoeveel jaar werkervaring heeft de kandidaat in een technisch vak?").fill(
        "15"
    )
    visitor.get_by_role("radio", name="Bevoegd docent in het vmbo", exact=True).check()
    visitor.get_by_label("Voor welk vmbo-profiel?").select_option(
        label="Produceren, installeren en energie (PIE)"
    )
    visitor.get_by_label("Hoeveel uur per week gaat de kandidaat lesgeven of helpen?").fill("12")
    visitor.get_by_label("In welke plaats staat de school?").fill(place)
    visitor.get_by_role("button", name="Toon de route").click()
    visitor.wait_for_load_state()

    summary = visitor.locator("#samenvatting")
    assert institution in summary.inner_text()
    mail = summary.get_by_role("link", name=email)
    assert mail.get_attribute("href") == f"mailto:{email}"
    # The summary is the answer: on the first screen, on a phone too.
    box = mail.bounding_box()
    assert box is not None and box["y"] + box["height"] <= visitor.viewport_size["height"]
    # The list below starts with the same programme, and its distances only grow.
    first = visitor.locator("#opleidingen li.programme-match").first
    assert first.locator("h3 a, h4 a").first.get_attribute("href") == path
    kilometres = [
        int(match.group(1))
        for text in visitor.locator("#opleidingen li.programme-match").all_inner_texts()
        if (match := re.search(r"ongeveer (\d+) km", text))
    ]
    assert kilometres == sorted(kilometres), kilometres
    assert no_sideways_scroll(visitor)
