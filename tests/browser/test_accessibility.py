"""axe-core scans every public page type, filled with the seed content, in a
real browser: WCAG 2.0, 2.1 and 2.2 A and AA rules, zero violations."""

import pytest

from tests.helpers import axe_violations, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Every page type, and the states of the directory and the comparison that look
# different: filtered, empty, with invalid input, with a choice.
PAGES = [
    "/",
    "/opleiden-doe-je-samen/",
    "/opleidingen/",
    "/opleidingen/?profiel=pie&studievorm=voltijd&pagina=1",
    "/opleidingen/?zoek=bestaat-niet",
    "/opleidingen/?profiel=onbekend&pagina=abc",
    "/opleidingen/fontys-leraar-technisch-beroepsonderwijs/",
    "/opleidingen/aeres-docent-en-kennismanager-agrotechniek/",
    "/opleidingen/vergelijken/",
    "/opleidingen/vergelijken/?opleiding=hu-leraar-techniek-tweedegraads"
    "&opleiding=aeres-docent-en-kennismanager-agrotechniek",
    "/opleidingen/vergelijken/?opleiding=bestaat-niet",
    "/routes/",
    "/routes/scholingstraject-hybride-techniekopleiders/",
    "/routes/scholingstraject-hybride-techniekopleiders/pdg-traject/",
    "/routes/flexibele-leerroute/",
    "/rollen/",
    "/hulpbronnen/",
    "/kosten-en-subsidies/",
    "/routes/kopopleiding/",
    "/opleidingen/saxion-tweedegraadslerarenopleiding-techniek/",
    "/contact/",
    "/toegankelijkheid/",
    "/privacy/",
    "/deze-pagina-bestaat-niet/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(seeded_live_server, page, path):
    page.goto(seeded_live_server.url + path)
    results = axe_violations(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
def test_no_page_scrolls_sideways_on_a_phone_or_a_laptop(seeded_live_server, page, width):
    """Wide tables scroll inside their own focusable box, never the whole page."""
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = []
    for path in PAGES:
        page.goto(seeded_live_server.url + path)
        if not no_sideways_scroll(page):
            too_wide.append(path)
    assert too_wide == []


@pytest.mark.parametrize(
    "path",
    [
        "/opleidingen/windesheim-leraar-technisch-beroepsonderwijs/",
        "/routes/scholingstraject-hybride-techniekopleiders/",
    ],
)
def test_programme_and_route_pages_print_without_menus_and_with_link_addresses(
    seeded_live_server, page, path
):
    page.goto(seeded_live_server.url + path)
    page.emulate_media(media="print")
    assert page.locator(".site-header nav").is_hidden()
    assert page.locator(".skip-link").is_hidden()
    assert page.locator("form").evaluate_all("fs => fs.every(f => !f.offsetParent)")
    # An external link shows its address after the text on paper.
    shown = page.evaluate(
        """() => [...document.querySelectorAll('main a[href^="http"]:not(.url)')]
            .map(a => getComputedStyle(a, '::after').content)"""
    )
    assert shown and all("http" in content for content in shown), shown
    # The page's own address is printed too.
    assert page.locator(".print-only").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
