"""The directory by distance in a real browser, on a 390 px phone: the search from
the home page without JavaScript, the province question for Hengelo, place names
suggested while typing with JavaScript, and no accessibility violations."""

import pytest

from tests.helpers import axe_violations, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(open_tab):
    """A phone-sized tab without JavaScript: everything must work with forms alone."""
    return open_tab(PHONE, javascript=False)


def test_the_home_search_leads_to_the_list_nearest_first_without_javascript(
    seeded_live_server, phone
):
    phone.goto(seeded_live_server.url + "/")
    phone.get_by_role("textbox", name="In welke plaats staat uw school?").fill("Deventer")
    phone.get_by_role("button", name="Zoek opleidingen dichtbij").click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text().startswith("Opleidingen bij Deventer, dichtstbij eerst")
    first = phone.locator("li.result").first
    assert "Saxion" in first.inner_text()
    assert "Minder dan 1 km" in first.locator(".distance").inner_text()
    assert no_sideways_scroll(phone)


def test_hengelo_asks_the_province_and_then_lists_by_distance(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/opleidingen/?bij=Hengelo")
    assert "Er zijn meer plaatsen met de naam Hengelo" in phone.locator("#bij").inner_text()
    phone.get_by_label("In welke provincie staat uw school?").select_option("overijssel")
    phone.get_by_role("button", name="Toon resultaten").first.click()
    phone.wait_for_load_state()
    assert (
        phone.locator("h1")
        .inner_text()
        .startswith("Opleidingen bij Hengelo (Overijssel), dichtstbij eerst")
    )
    assert no_sideways_scroll(phone)


@pytest.mark.parametrize(
    "path",
    ["/opleidingen/?bij=Zwolle&straal=50", "/opleidingen/?bij=Hengelo", "/opleidingen/?bij=Zwoll"],
)
def test_the_pages_by_distance_have_no_accessibility_violations(seeded_live_server, page, path):
    page.set_viewport_size(PHONE)
    page.goto(seeded_live_server.url + path)
    results = axe_violations(page)
    assert results.violations_count == 0, results.generate_report()
    assert no_sideways_scroll(page)


def test_place_names_are_suggested_while_typing(seeded_live_server, page):
    page.goto(seeded_live_server.url + "/opleidingen/")
    page.locator("#id_bij").press_sequentially("Zwol")
    page.wait_for_selector("#plaatsen option", state="attached")
    values = page.evaluate(
        "Array.from(document.querySelectorAll('#plaatsen option'), o => o.value)"
    )
    assert values[0] == "Zwolle"
