"""axe-core scans every public page type, filled with the seed content, in a
real browser: WCAG 2.0, 2.1 and 2.2 A and AA rules, zero violations."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PAGES = [
    "/",
    "/opleidingen/fontys-leraar-technisch-beroepsonderwijs/",
    "/opleidingen/aeres-docent-en-kennismanager-agrotechniek/",
    "/routes/scholingstraject-hybride-techniekopleiders/",
    "/routes/scholingstraject-hybride-techniekopleiders/pdg-traject/",
    "/rollen/",
    "/hulpbronnen/",
    "/deze-pagina-bestaat-niet/",
]


@pytest.fixture
def seeded_live_server(live_server):
    call_command("load_seed", verbosity=0)
    return live_server


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(seeded_live_server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(seeded_live_server.url + path)
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["/", "/opleidingen/hu-leraar-techniek-tweedegraads/"])
def test_page_does_not_scroll_sideways_on_a_phone_or_a_laptop(
    seeded_live_server, page, path, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(seeded_live_server.url + path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
