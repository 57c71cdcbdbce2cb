"""axe-core scans every public page type in every state it has, filled with the seed
content, in a real browser: WCAG 2.0, 2.1 and 2.2 A and AA rules and axe's best
practices (such as one name per landmark), zero violations.

PAGES and PAGE_TYPES are also what the console and Lighthouse tests visit."""

import pytest

from editorial.status import PublicationStatus
from pathways.models import Pathway, Step
from tests import factories as f
from tests.helpers import WCAG_TAGS, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Seed programmes: three on the toolkit sheet and one that is not (Saxion).
COMPARED = [
    "hu-leraar-techniek-tweedegraads",
    "aeres-docent-en-kennismanager-agrotechniek",
    "fontys-leraar-technisch-beroepsonderwijs",
    "saxion-tweedegraadslerarenopleiding-techniek",
]
ARCHIVED = "oude-lerarenopleiding-techniek"


def compare(count):
    return "/opleidingen/vergelijken/?" + "&".join(f"opleiding={s}" for s in COMPARED[:count])


def advice(query):
    return "/routewijzer/advies/?" + query


# The Routewijzer's advice with a full answer: a route with its steps, programmes
# near the place, funding and the employer's part.
ADVICE = advice(
    "opleiding=mbo-4&ervaring=15&functie=bevoegd-docent&profiel=pie&uren=12&plaats=Deventer"
)

# One address of every public page type: what the Lighthouse test audits.
PAGE_TYPES = [
    "/",
    "/opleiden-doe-je-samen/",
    "/opleidingen/",
    "/opleidingen/fontys-leraar-technisch-beroepsonderwijs/",
    compare(2),
    "/routes/",
    "/routes/scholingstraject-hybride-techniekopleiders/",
    "/routes/scholingstraject-hybride-techniekopleiders/pdg-traject/",
    "/rollen/",
    "/hulpbronnen/",
    "/kosten-en-subsidies/",
    "/routewijzer/",
    ADVICE,
    "/contact/",
    "/toegankelijkheid/",
    "/privacy/",
    "/deze-pagina-bestaat-niet/",
    f"/opleidingen/{ARCHIVED}/",
]

# Error pages: the document itself answers 404 or 410, on purpose.
ERROR_PAGES = {"/deze-pagina-bestaat-niet/": 404, f"/opleidingen/{ARCHIVED}/": 410}

# Every page type with the states that look different: filtered, empty, with invalid
# input, with a choice; the comparison with two, three and four programmes; the
# advice in its different outcomes. Every route and a step of each are added by
# route_and_step_pages(), from the data.
PAGES = [
    *PAGE_TYPES,
    "/opleidingen/?profiel=pie&studievorm=voltijd&pagina=1",
    "/opleidingen/?profiel=pie&studievorm=deeltijd",
    "/opleidingen/?zoek=bestaat-niet",
    "/opleidingen/?profiel=onbekend&pagina=abc",
    "/opleidingen/aeres-docent-en-kennismanager-agrotechniek/",
    # A programme that is not on the toolkit sheet.
    "/opleidingen/saxion-tweedegraadslerarenopleiding-techniek/",
    "/opleidingen/vergelijken/",
    compare(3),
    compare(4),
    "/opleidingen/vergelijken/?opleiding=bestaat-niet",
    "/routewijzer/?functie=instructeur&gedaan=pdd&plaats=Zwolle",
    # The questionnaire again, with a message beside every field.
    advice("opleiding=x&ervaring=y&gedaan=z&uren=0"),
    advice(
        "opleiding=mbo-4&ervaring=10&gedaan=kennismakingsprogramma&functie=instructeur"
        "&profiel=pie&uren=8&plaats=Zwolle"
    ),
    advice("opleiding=vmbo&ervaring=2&functie=bevoegd-docent&uren=20&provincie=utrecht"),
    advice("opleiding=mbo-4&ervaring=3&functie=onderwijsassistent&uren=10&plaats=Utrecht"),
    "/contact/?pagina=abc",
]


def add_archived_programme():
    """The state an archived programme's address is in: 410 Gone, with alternatives."""
    f.ProgrammeFactory(slug=ARCHIVED, status=PublicationStatus.ARCHIVED)


@pytest.fixture(scope="module")
def seeded_live_data():
    return add_archived_programme


def route_and_step_pages():
    """Every published route, and the first public step of each."""
    pages = []
    for pathway in Pathway.objects.published().order_by("slug"):
        pages.append(pathway.get_absolute_url())
        step = Step.objects.public().filter(pathway=pathway).order_by("pk").first()
        if step is not None:
            pages.append(step.get_absolute_url())
    return pages


def axe_scan(tab):
    """axe-core's WCAG A and AA rules and its best practices, violations only."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(
        tab,
        options={
            "runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]},
            "resultTypes": ["violations"],
        },
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(seeded_live_server, page, path):
    response = page.goto(seeded_live_server.url + path)
    assert response.status == ERROR_PAGES.get(path, 200), path
    results = axe_scan(page)
    assert results.violations_count == 0, results.generate_report()


def test_every_route_and_a_step_of_each_have_no_accessibility_violations(seeded_live_server, page):
    pages = route_and_step_pages()
    assert len(pages) >= 2 * Pathway.objects.published().count() > 0
    reports = {}
    for path in pages:
        assert page.goto(seeded_live_server.url + path).status == 200, path
        results = axe_scan(page)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}


@pytest.mark.parametrize("width", [360, 1280])
def test_no_page_scrolls_sideways_on_a_phone_or_a_laptop(seeded_live_server, page, width):
    """Wide tables are stacked on a phone (or else scroll inside their own
    focusable box), never the whole page."""
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = []
    for path in [*PAGES, *route_and_step_pages()]:
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
