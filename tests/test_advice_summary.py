"""The answer first on the Routewijzer's advice (issue 14, item 4): the summary's
sentences for the Deventer candidate and for every other kind of outcome, whom to
contact for the first step, "Op deze pagina", the date and the full print addresses.

The first screen and the four printed pages are measured in a real browser:
tests/browser/test_advice_first_screen.py.
"""

import html
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.utils import formats, timezone, translation

from pathways.models import Step
from pathways.routewijzer.summary import first_contact
from programmes.models.durations import months_text
from tests import factories as f

ADVICE_URL = "/routewijzer/advies/"

# The candidate of the issue: a car mechanic in Deventer, mbo 4, who wants to teach PIE.
DEVENTER = {
    "opleiding": "mbo-4",
    "ervaring": "15",
    "functie": "bevoegd-docent",
    "profiel": "pie",
    "uren": "12",
    "plaats": "Deventer",
}
ONLY_A_PROVINCE = {
    **{k: v for k, v in DEVENTER.items() if k != "plaats"},
    "provincie": "overijssel",
}
HAS_WHAT_IS_NEEDED = {**DEVENTER, "opleiding": "hbo", "gedaan": "pdg", "functie": "docent-mbo"}
NO_ROUTE_FITS = {**DEVENTER, "opleiding": "vmbo", "ervaring": "0"}
PDD_DONE = {**DEVENTER, "gedaan": "pdd"}

WINDESHEIM_CONTACT = "Contactpersoon: Erik Schakelaar, e.schakelaar@windesheim.nl."


def advice(client, answers):
    response = client.get(f"{ADVICE_URL}?{urlencode(answers)}")
    assert response.status_code == 200
    return response.content.decode()


def text_of(piece):
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", piece)).split())
    return re.sub(r" ([:.,;)])", r"\1", text).replace("( ", "(")


def summary_of(page):
    start = page.index('<section class="advice-summary"')
    return page[start : page.index("</section>", start)]


def test_deventer_summary_gives_route_first_step_with_contact_and_nearest_programme(
    seeded_db, client
):
    summary = text_of(summary_of(advice(client, DEVENTER)))

    assert summary.startswith("Het advies in het kort")
    assert (
        "De beste route: Scholingstraject Hybride Techniekopleiders: nog 3 stappen, "
        "duur nog niet bekend." in summary
    )
    assert (
        "Eerste stap: Kennismakingsprogramma. "
        "Neem contact op met Wij Techniek (https://www.wij-techniek.nl)." in summary
    )
    assert (
        "Opleiding het dichtstbij: Leraar Technisch Beroepsonderwijs, Hogeschool Windesheim, "
        "Zwolle, ongeveer 29 km." in summary
    )
    assert WINDESHEIM_CONTACT in summary


def test_summary_comes_before_the_contents_the_answers_and_the_route(seeded_db, client):
    page = advice(client, DEVENTER)
    order = [
        page.index('id="samenvatting"'),
        page.index('id="op-deze-pagina-title"'),
        page.index('id="antwoorden"'),
        page.index('<section id="route"'),
        page.index('<section id="opleidingen"'),
    ]
    assert order == sorted(order)
    assert 'href="mailto:e.schakelaar@windesheim.nl"' in summary_of(page)


def test_first_step_in_the_route_names_whom_to_contact_to_start_it(seeded_db, client):
    page = advice(client, DEVENTER)
    steps = page[page.index('<ol class="steps advice-steps">') :]
    first, second = steps.split('<li class="step')[1:3]

    assert "Kennismakingsprogramma" in first
    assert "Beginnen: Neem contact op met Wij Techniek (https://www.wij-techniek.nl)." in (
        text_of(first)
    )
    assert "Beginnen:" not in second


def test_when_the_first_step_is_the_programme_its_contact_person_is_named(seeded_db, client):
    summary = text_of(summary_of(advice(client, PDD_DONE)))

    assert "nog 1 stap (2 stappen tellen al mee)" in summary
    assert (
        "Eerste stap: Tweedegraadsprogramma. Neem contact op met Erik Schakelaar, contactpersoon "
        "van Leraar Technisch Beroepsonderwijs, Hogeschool Windesheim "
        "(e.schakelaar@windesheim.nl)." in summary
    )


def test_with_only_a_province_the_summary_names_a_programme_there_without_a_distance(
    seeded_db, client
):
    summary = text_of(summary_of(advice(client, ONLY_A_PROVINCE)))

    assert (
        "Opleiding in Overijssel: Leraar Technisch Beroepsonderwijs, Hogeschool Windesheim, "
        "Zwolle." in summary
    )
    assert WINDESHEIM_CONTACT in summary
    assert "km" not in summary
    assert "dichtstbij" not in summary


def test_a_candidate_who_has_what_is_needed_gets_no_route_and_no_first_step(seeded_db, client):
    summary = text_of(summary_of(advice(client, HAS_WHAT_IS_NEEDED)))

    assert "De kandidaat heeft al wat nodig is voor de functie Docent in het mbo." in summary
    assert "De beste route" not in summary
    assert "Eerste stap" not in summary
    assert "info@sterktechniekonderwijs.nl" in summary  # whom to ask: the toolkit


def test_when_no_route_fits_the_summary_says_so_and_links_to_why(seeded_db, client):
    # A job whose only route asks for hbo, for a candidate with vmbo (the seed's routes
    # change as sources are added; this one stays without a fit).
    qualification = f.QualificationFactory(slug="testbevoegdheid", name="Testbevoegdheid")
    role = f.RoleFactory(
        slug="testfunctie",
        name="Testfunctie",
        in_routewijzer=True,
        required_qualification=qualification,
    )
    f.StepFactory(
        pathway=f.PathwayFactory(name="Testroute"),
        title="Teststap",
        min_education="hbo",
        yields=qualification,
        leads_to_role=role,
    )
    page = advice(client, {**NO_ROUTE_FITS, "functie": "testfunctie"})
    summary_html = summary_of(page)
    summary = text_of(summary_html)

    assert "Geen route past bij deze kandidaat en de functie testfunctie. Lees waarom." in summary
    assert 'href="#past-niet"' in summary_html
    assert '<section id="past-niet"' in page
    assert "De beste route" not in summary
    assert "Eerste stap" not in summary
    assert "Een bron noemt wel een weg" not in summary  # no rule names one for Teststap


def test_when_no_route_fits_the_summary_names_the_way_in_a_source_gives_and_whom_to_ask(
    seeded_db, client
):
    # The vmbo candidate of issue 14: no route fits, but Hogeschool Utrecht's part-time
    # programme takes an admission test (the rule toelatingsonderzoek-hogeschool-utrecht).
    summary_html = summary_of(advice(client, {**DEVENTER, "opleiding": "vmbo"}))
    summary = text_of(summary_html)

    assert summary.index("Geen route past") < summary.index("Een bron noemt wel een weg")
    assert (
        "Een bron noemt wel een weg: Zonder havo-, vwo- of mbo-diploma: een "
        "toelatingsonderzoek bij Hogeschool Utrecht. Neem contact op met Hermien Vossebeld "
        "(hermien.vossebeld@hu.nl)." in summary
    )
    assert 'href="#regel-toelatingsonderzoek-hogeschool-utrecht"' in summary_html
    assert 'href="mailto:hermien.vossebeld@hu.nl"' in summary_html
    assert "onder voorwaarde" not in summary


def test_a_job_without_a_route_in_the_data_says_the_toolkit_has_none_yet(seeded_db, client):
    f.RoleFactory(slug="nieuwe-functie", name="Nieuwe functie", in_routewijzer=True)
    summary = text_of(summary_of(advice(client, {**DEVENTER, "functie": "nieuwe-functie"})))

    assert "De toolkit beschrijft nog geen route naar de functie nieuwe functie." in summary
    assert "info@sterktechniekonderwijs.nl" in summary
    assert "Eerste stap" not in summary


def test_total_duration_is_given_when_every_step_still_to_do_has_one(seeded_db, client):
    steps = Step.objects.filter(
        pathway__slug="scholingstraject-hybride-techniekopleiders",
        slug__in=["kennismakingsprogramma", "orientatietraject", "tweedegraadsprogramma"],
    )
    assert steps.count() == 3
    steps.update(duration_min_months=6, duration_max_months=12)

    summary = text_of(summary_of(advice(client, DEVENTER)))

    assert f"nog 3 stappen, samen {months_text(18, 36)}." in summary
    assert "duur nog niet bekend" not in summary


@pytest.mark.parametrize(
    "answers",
    [DEVENTER, ONLY_A_PROVINCE, HAS_WHAT_IS_NEEDED, NO_ROUTE_FITS],
    ids=["deventer", "provincie", "al-bevoegd", "vmbo"],
)
def test_on_this_page_links_only_to_sections_the_advice_has(seeded_db, client, answers):
    page = advice(client, answers)
    contents = page[page.index('<nav class="toc advice-toc"') :]
    contents = contents[: contents.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', contents)
    ids = set(re.findall(r'\sid="([^"]+)"', page))

    assert targets[:2] == ["antwoorden", "route"]
    assert [target for target in targets if target not in ids] == []
    # A section the page has is listed: the programmes, when there are any.
    assert ("opleidingen" in targets) == ('<section id="opleidingen"' in page)


def test_the_advice_carries_its_date_for_paper(seeded_db, client):
    with translation.override("nl"):
        today = formats.date_format(timezone.localdate(), "j F Y")
    summary = summary_of(advice(client, DEVENTER))

    assert f'<p class="print-only advice-date">Advies van {today}</p>' in summary
    assert re.search(r"Advies van \d{1,2} [a-z]+ \d{4}", text_of(summary))


def test_links_that_matter_on_paper_carry_their_full_address(seeded_db, client):
    page = advice(client, DEVENTER)
    links = re.findall(r'<a href="([^"]+)" data-print-url="([^"]+)"', page)

    assert len(links) >= 4  # route, first step, programme, costs and subsidies
    for href, print_url in links:
        assert href.startswith("/")
        assert print_url == "http://testserver" + href
    printed = {href for href, _ in links}
    assert "/routes/scholingstraject-hybride-techniekopleiders/" in printed
    assert "/kosten-en-subsidies/" in printed or any("kosten" in href for href in printed)


# Whom to contact for a step: the order of preference (summary.first_contact) ---------


class Related(list):
    """A prefetched relation: .all() gives its items."""

    def all(self):
        return self


def step_entry(pk=1, offers=(), providers=(), institutions=()):
    step = SimpleNamespace(
        pk=pk, providers=Related(providers), provider_institutions=Related(institutions)
    )
    return {"step": step, "offers": list(offers)}


def nearest_programme(step_pk, institution_pk=7):
    institution = SimpleNamespace(pk=institution_pk, name="Hogeschool Windesheim")
    programme = SimpleNamespace(
        name="Leraar Techniek", institution=institution, institution_id=institution_pk
    )
    contact = SimpleNamespace(name="Erik Schakelaar", email="e@example.nl")
    return (
        SimpleNamespace(step=SimpleNamespace(pk=step_pk)),
        SimpleNamespace(match=SimpleNamespace(programme=programme), contact=contact),
    )


def organisation(name, email="", website=""):
    return SimpleNamespace(name=name, email=email, website=website)


def offer(name, url, fits=None, runner="Fontys Hogescholen"):
    return {
        "offer": SimpleNamespace(
            name=name, url=url, institution=SimpleNamespace(name=runner), organisation=None
        ),
        "fits": fits,
    }


def test_first_contact_at_the_programme_step_is_the_nearest_programmes_contact_person():
    programme_advice, nearest = nearest_programme(step_pk=1)
    entry = step_entry(offers=[offer("Traject", "https://example.nl/traject")])
    contact = first_contact(entry, programme_advice, nearest)
    assert (contact.via, contact.name, contact.email) == (
        "programme",
        "Erik Schakelaar",
        "e@example.nl",
    )


def test_first_contact_prefers_an_offer_for_the_profiel_with_a_website():
    programme_advice, nearest = nearest_programme(step_pk=99)
    entry = step_entry(
        offers=[
            offer("Ander profiel", "https://example.nl/a", fits=False),
            offer("Past", "https://example.nl/b"),
        ],
        providers=[organisation("Wij Techniek", email="info@example.nl")],
    )
    contact = first_contact(entry, programme_advice, nearest)
    assert (contact.via, contact.about, contact.url) == ("offer", "Past", "https://example.nl/b")


def test_first_contact_at_a_hogeschool_that_offers_the_step_is_its_programmes_contact():
    programme_advice, nearest = nearest_programme(step_pk=99, institution_pk=7)
    entry = step_entry(
        providers=[organisation("Wij Techniek", website="https://example.nl")],
        institutions=[SimpleNamespace(pk=7, name="Hogeschool Windesheim", website="")],
    )
    assert first_contact(entry, programme_advice, nearest).via == "programme"


def test_first_contact_then_an_organisation_by_email_then_by_website_then_a_hogeschool():
    entry = step_entry(
        providers=[
            organisation("A+O Metalektro"),
            organisation("OOM", website="https://oom.example"),
            organisation("Wij Techniek", email="info@wij.example"),
        ]
    )
    assert first_contact(entry, None, None).email == "info@wij.example"

    entry = step_entry(
        providers=[organisation("A+O"), organisation("OOM", website="https://oom.example")]
    )
    assert first_contact(entry, None, None).url == "https://oom.example"

    hogescholen = [
        SimpleNamespace(pk=1, name="Hogeschool Utrecht", website="https://hu.example"),
        SimpleNamespace(pk=2, name="Fontys", website="https://fontys.example"),
    ]
    contact = first_contact(step_entry(institutions=hogescholen), None, None)
    assert (contact.name, contact.one_of_several) == ("Hogeschool Utrecht", True)


def test_first_contact_without_anyone_known_is_the_toolkit_never_an_invented_one():
    entry = step_entry(providers=[organisation("A+O Metalektro")])
    contact = first_contact(entry, None, None)
    assert (contact.via, contact.name, contact.email, contact.url) == ("toolkit", "", "", "")


# The nearest programme: the nearest that fits for sure, else the nearest of all -------


def test_summary_names_the_nearest_fitting_programme_and_whether_one_is_nearer():
    from pathways.routewijzer.summary import _nearest_programme

    def match(name, email=""):
        contacts = [SimpleNamespace(name=name, email=email)]
        return SimpleNamespace(programme=name, contacts=contacts, in_province=True)

    far_fitting, near_maybe = match("Windesheim", "e@example.nl"), match("Aeres")
    nearest = _nearest_programme(SimpleNamespace(nearest_fitting=far_fitting, nearest=near_maybe))
    assert (nearest.match, nearest.fits, nearest.is_nearest) == (far_fitting, True, False)
    assert nearest.contact.email == "e@example.nl"

    nearest = _nearest_programme(SimpleNamespace(nearest_fitting=None, nearest=near_maybe))
    assert (nearest.match, nearest.fits, nearest.contact) == (near_maybe, False, None)

    assert _nearest_programme(SimpleNamespace(nearest_fitting=None, nearest=None)) is None
