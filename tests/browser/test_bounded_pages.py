"""The sheet, contact and compare pages with more programmes than they list at
once, in a real browser, on a phone, without JavaScript:

- the sheet's table shows 20 and says how many more there are;
- contact pages its programmes, and the paging links land on the list;
- compare has a search field instead of a checkbox per programme: search, tick,
  search again (the tick stays), compare;
- axe-core finds no WCAG 2.2 A/AA violation in these states.
"""

import re

import pytest

from tests import factories as f
from tests.helpers import axe_violations, expect, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 360, "height": 740}
EXTRA = 30  # with the seed's seven: 37, more than the sheet (20), a contact page (20)
# and the compare picker (30) list at once


@pytest.fixture(scope="module")
def seeded_live_data():
    """The module's live server has EXTRA programmes more than the seed."""

    def add_programmes():
        for programme in f.ProgrammeFactory.create_batch(EXTRA):
            f.ProgrammeContactFactory(programme=programme)

    return add_programmes


@pytest.fixture
def phone(open_tab):
    """A phone-sized tab with JavaScript off: the pages must work without it."""
    return open_tab(PHONE, javascript=False)


def test_sheet_shows_twenty_programmes_and_links_to_the_rest(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/opleiden-doe-je-samen/")

    assert phone.locator("table.institutions tbody tr").count() == 20
    more = phone.locator("p.table-more").first
    assert "De andere 16 vindt u in de" in more.inner_text()
    more.get_by_role("link", name="lijst van alle opleidingen").click()
    assert phone.url.endswith("/opleidingen/")
    assert no_sideways_scroll(phone)


def test_contact_pages_its_programmes_and_lands_on_the_list(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/contact/")
    nav = phone.get_by_role("navigation", name=re.compile("Pagina’s met opleidingen"))
    nav.get_by_role("link", name=re.compile("Volgende")).click()

    assert phone.url.endswith("/contact/?pagina=2#opleiding")
    # The click returns once the new page starts; wait for it before counting.
    expect(phone.get_by_role("heading", name="Opleiding 21 tot en met 37 van 37")).to_be_visible()
    expect(phone.locator("#opleiding .contact-list > li")).to_have_count(17)
    # The rest of the page is still there.
    assert phone.locator("#toolkit").count() == 1
    assert no_sideways_scroll(phone)


def test_compare_search_tick_search_again_and_compare(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/opleidingen/vergelijken/")
    assert phone.get_by_role("checkbox").count() == 0

    search = phone.get_by_role("searchbox", name="Zoek een opleiding")
    search.fill("Agrotechniek")
    search.press("Enter")
    phone.get_by_role("checkbox", name=re.compile("Agrotechniek")).check()

    search = phone.get_by_role("searchbox", name="Zoek een opleiding")
    search.fill("Rotterdam")
    search.press("Enter")
    assert phone.get_by_role("checkbox", name=re.compile("Agrotechniek")).is_checked()
    phone.get_by_role("checkbox", name=re.compile("Hogeschool Rotterdam")).check()
    phone.get_by_role("button", name="Vergelijk").last.click()

    columns = phone.locator("table thead th[scope=col]")
    expect(columns).to_have_count(2)  # waits for the compare page to be there
    names = columns.all_inner_texts()
    assert any("Agrotechniek" in name for name in names)
    assert any("Hogeschool Rotterdam" in name for name in names)
    assert no_sideways_scroll(phone)


@pytest.mark.parametrize(
    "path",
    [
        "/opleiden-doe-je-samen/",
        "/contact/?pagina=2",
        "/contact/?pagina=abc",
        "/opleidingen/vergelijken/",
        "/opleidingen/vergelijken/?opleiding=aeres-docent-en-kennismanager-agrotechniek"
        "&zoek=leraar",
        "/opleidingen/vergelijken/?opleiding=bestaat-niet&zoek=bestaatnergens",
    ],
)
def test_bounded_states_have_no_accessibility_violations(seeded_live_server, page, path):
    page.goto(seeded_live_server.url + path)
    results = axe_violations(page)
    assert results.violations_count == 0, results.generate_report()
