"""The page "Kosten en subsidies" (/kosten-en-subsidies/) with the seed: every
scheme's sourced facts (../shared/facts-2.md, section 8) are on it with their
sources; the answer comes first; tuition is shown with its year and never as
current when it is old; an ended scheme is never shown as running, also not from
the page cache the day after its end date. Also the national-structure facts
(facts-2.md, A1-A13) on /hulpbronnen/, and the page's place in the sitemap.

Why the zij-instroom subsidy reads "niet nagegaan" and not "loopt" or "gestopt":
docs/decisions/0036-funding-scheme-status.md.
"""

import datetime
import re
import zoneinfo
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from pathways.models import FundingScheme, Rule
from programmes.models import ProgrammeCost
from programmes.models.costs import CostKind

from . import factories as f
from .helpers import html_of, position
from .test_html_validity import _checker, html_problems
from .test_sheet_facts import visible_text

pytestmark = pytest.mark.django_db

URL = "/kosten-en-subsidies/"
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")  # the site's TIME_ZONE

# Per scheme (slug): the facts a visitor must read in its section, as the page says them.
SCHEME_FACTS = {
    "subsidie-zij-instroom": [
        "Ten hoogste € 25.000 per zij-instromer, voor aanvragen vanaf 16 oktober 2022",  # D2
        "€ 54.240.000 per jaar voor 2025, 2026, 2027 en 2028 (Staatscourant 2024)",  # D1
        "In 2024 was het € 57.250.000",  # D1
        "verlengd tot 1 januari 2026",  # D3
        "veel hoger zijn dan het oude subsidiebedrag",  # D4
        "Schoolbesturen en mbo-instellingen",  # D4
        "Niet nagegaan of de regeling nog loopt",  # the inference below D1-D3
        "Een nieuwe einddatum is niet nagegaan",
    ],
    "tegemoetkoming-leraren": [
        "Studenten, zij-instromers en contractanten",  # D5
        "PDG-opleiding",  # D5
        "alleen combineren met levenlanglerenkrediet of de subsidie zij-instroom",  # D5
        "Voor studiejaar 2024-2025 kijkt DUO naar uw inkomen van 2022",  # D6
        "€ 40.284",  # D6
    ],
    "lerarenbeurs": [
        "al een onderwijsbevoegdheid hebben (of leraar zijn in het hbo)",  # D7
        "minstens 20% van hun werktijd lesgeven",  # D7
        "Een nieuwe technische docent zonder bevoegdheid",  # D7: not for
        "van 1 april (18.00 uur) tot en met 15 mei (23.59 uur)",  # D8
        "subsidie voor studieverlof in dezelfde periode",  # D8
        "ten hoogste € 7.000 per jaar",  # D9
        "tot ten hoogste € 350 per jaar",  # D9
        "vast bedrag per uur studieverlof",  # D9
        "ten hoogste 4 uur studieverlof per week",  # D10
    ],
    "subsidie-tweede-lerarenopleiding": [
        "sinds 1 oktober 2020",  # D11
        "tweede bevoegdheid halen in een vak waarin leraren tekort zijn",  # D11
        "Sinds 2021 ook voor een tweede studiejaar",  # D11
        "€ 12.000 per leraar, voor twee studiejaren",  # D12
        "€ 3.500 voor één jaar",  # D12
    ],
    "instructeursbeurs-mbo": [
        "instructeurs in het mbo die een associate degree of een bacheloropleiding",  # D13
        "voldoen aan de bekwaamheidseisen",  # D13
        "subsidie voor het studieverlof",  # D13
        "€ 7.700 per studiejaar, voor ten hoogste drie studiejaren",  # D14
    ],
    "onderwijsregios": [
        "werven, te matchen, op te leiden, te begeleiden en te professionaliseren",  # D16
        "4 juni 2024",  # D16
        "één of meer lerarenopleidingen",  # D17
        "15.000 leerlingen",  # D17
        "Landelijk groen onderwijs",  # D17
        "ruim € 152 miljoen voor 2025",  # D18
        "van 17 juni tot en met 15 oktober 2024",  # D18
    ],
    "onderwijsregios-aanvullend-2025": [
        "Ten hoogste € 250.000 per aanvraag",  # D19
        "€ 10 miljoen",  # D19
        "van 7 tot en met 25 april 2025",  # D19
        "Gestopt",
    ],
    "sterk-techniekonderwijs-2025-2028": [
        "Loopt tot en met 29 maart 2029",  # D21 (lapses on 30 March 2029)
        "vanaf 3 april 2024",  # D21
        "€ 368.640.080",  # D22
        "ten hoogste € 4 miljoen per regio",  # D22
        "€ 20 miljoen",  # D22
        "minstens 10% mee",  # D22
        "hele vmbo, niet alleen de 'harde' techniek",  # D23
        "basisscholen is nu verplicht",  # D23
        "elk jaar € 100 miljoen",  # D24
        "78 STO-regio's",  # D25
        "is en blijft structureel",  # D26
    ],
}

# Facts A1-A13 on /hulpbronnen/: the rule's slug and a phrase of it.
NATIONAL_FACTS = {
    "landelijk-kennisbasis": "Vakdidactiek docent Technische beroepen",  # A1
    "landelijk-kennistoets": "landelijke kennistoets",  # A2
    "landelijk-vier-bekwaamheidsdossiers": "pedagogisch, vakdidactisch, werken in de school en "
    "professionele ontwikkeling",  # A3
    "landelijk-wet-leeruitkomsten": "niet voor voltijdopleidingen",  # A4
    "landelijk-begrip-leeruitkomsten": "leerwegonafhankelijke beoordeling",  # A5
    "landelijk-experiment-flexibel-deeltijd": "Fontys, Hogeschool Rotterdam",  # A6
    "landelijk-ecpb-vier-opleidingen": "Professionalisering Beroepsonderwijs (ECPB)",  # A7
    "landelijk-voorkeur-technici-uit-bedrijven": "technici uit het bedrijfsleven",  # A8
    "landelijk-bevoegdheid-pie": "bevoegdheden in het team samen alle delen dekken",  # A9
    "landelijk-conversietabel": "overgangsperiode tot 1 augustus 2021",  # A10
    "landelijk-brieven-ocw-bevoegdheden": "In juni 2017",  # A11
    "landelijk-kern-technische-profielvakken": "PIE, BWI, M&T, MVI en MaT",  # A12
    "landelijk-bwi-profielmodules": "Hout- en meubelverbindingen",  # A13
}


def runs(text):
    """Whether the text says a scheme runs ("Loopt tot en met ..."; not "Looptijd")."""
    return re.search(r"\bloopt\b(?! nog)", text, re.IGNORECASE) is not None


def section(page, element_id, end="</article>"):
    start = page.index(f'id="{element_id}"')
    return page[start : page.index(end, start)]


def page_at(client, moment=None):
    """The page as a visitor gets it, at `moment` (an aware datetime) if given."""
    if moment is None:
        return html_of(client.get(URL))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return html_of(client.get(URL))


def noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=AMSTERDAM)


# --- The schemes --------------------------------------------------------------------


@pytest.mark.parametrize("slug", SCHEME_FACTS)
def test_each_scheme_shows_its_sourced_facts_and_its_sources(seeded_db, client, slug):
    scheme = FundingScheme.objects.get(slug=slug)
    text = visible_text(section(page_at(client), slug).encode())

    for fact in SCHEME_FACTS[slug]:
        assert fact in text, (slug, fact)
    sources = list(scheme.sources.all())
    assert sources, slug
    for source in sources:
        assert source.title in text, (slug, source.title)
        if source.published:
            assert source.published in text
    assert "Laatst gecontroleerd op 5 december 2026" in text


def test_every_published_scheme_of_the_seed_is_on_the_page(seeded_db, client):
    page = page_at(client)
    slugs = set(FundingScheme.objects.published().values_list("slug", flat=True))

    assert slugs == set(SCHEME_FACTS)
    for slug in slugs:
        assert f'<article class="offer" id="{slug}"' in page


def test_schemes_are_grouped_for_the_school_and_for_the_candidate(seeded_db, client):
    page = page_at(client)
    school = section(page, "voor-de-school", "</section>")
    candidate = section(page, "voor-de-kandidaat", "</section>")

    for slug in ["subsidie-zij-instroom", "onderwijsregios", "sterk-techniekonderwijs-2025-2028"]:
        assert f'id="{slug}"' in school
    for slug in ["tegemoetkoming-leraren", "lerarenbeurs", "instructeursbeurs-mbo"]:
        assert f'id="{slug}"' in candidate


def test_a_scheme_names_its_organisation_and_links_its_roles_routes_and_steps(seeded_db, client):
    zij_instroom = section(page_at(client), "subsidie-zij-instroom")
    lerarenbeurs = section(page_at(client), "lerarenbeurs")

    assert 'href="/routes/zij-instroom-in-het-beroep/"' in zij_instroom
    assert 'href="/routes/zij-instroom-in-het-beroep/werken-en-leren/"' in zij_instroom
    assert 'href="/rollen/#bevoegd-docent"' in zij_instroom
    assert "Dienst Uitvoering Onderwijs (DUO)" in lerarenbeurs


def test_the_hybrid_support_text_is_on_the_page_with_its_sources(seeded_db, client):
    text = visible_text(section(page_at(client), "hybride-steun", "</section>").encode())

    assert "adviseur, als sparringspartner of als kennisbank" in text  # D27
    assert "Brabant-Oost" in text and "Fontys" in text  # D20
    assert "vijf proeven (pilots)" in text and "'PDG-light'" in text  # D29
    assert "coachingsprogramma voor hybride docenten" in text  # D28
    assert "6 uur" not in text  # the Techport figure that conflicts with other sources
    assert "Techniekpact: thema hybride docent" in text


# --- Answer first ------------------------------------------------------------------


def test_the_answer_comes_first_with_tuition_and_the_schemes_for_both(seeded_db, client):
    page = page_at(client)
    answer = section(page, "kort-title", "</section>")

    assert position(page, 'id="kort-title"') < position(page, 'class="toc"')
    assert position(page, 'class="toc"') < position(page, 'id="voor-de-school"')
    assert "Collegegeld:" in answer
    assert "Voor de school:" in answer and "Voor de kandidaat:" in answer
    for slug in SCHEME_FACTS:
        assert f'href="#{slug}"' in answer


# --- Ended schemes and the date --------------------------------------------------------


def test_an_ended_scheme_is_shown_as_stopped_and_never_as_running(seeded_db, client):
    FundingScheme.objects.filter(slug="sterk-techniekonderwijs-2025-2028").update(
        ends_on=datetime.date(2026, 12, 4)
    )

    page = page_at(client, noon(datetime.date(2026, 12, 5)))

    scheme = visible_text(section(page, "sterk-techniekonderwijs-2025-2028").encode())
    answer = visible_text(section(page, "kort-title", "</section>").encode())
    assert "Gestopt: liep tot en met 4 december 2026" in scheme
    assert not runs(scheme)
    assert "gestopt: liep tot en met 4 december 2026" in answer
    assert "loopt tot" not in answer


def test_the_state_changes_the_day_after_the_end_date_without_an_edit(seeded_db, client):
    last_day = datetime.date(2029, 3, 29)

    on_the_last_day = section(page_at(client, noon(last_day)), "sterk-techniekonderwijs-2025-2028")
    the_day_after = section(
        page_at(client, noon(last_day + datetime.timedelta(days=1))),
        "sterk-techniekonderwijs-2025-2028",
    )

    assert "Loopt tot en met 29 maart 2029" in on_the_last_day
    assert "Gestopt: liep tot en met 29 maart 2029" in the_day_after
    assert not runs(visible_text(the_day_after.encode()))


def test_the_page_cache_never_serves_yesterdays_open_scheme(
    seeded_db, settings, django_assert_num_queries
):
    """The cache keys on the day (pagecache/middleware.py), so at midnight the page is
    made again; within a day it is served from the cache."""
    settings.PAGE_CACHE_ENABLED = True
    visitor = Client()
    last_day = datetime.date(2029, 3, 29)
    evening = datetime.datetime.combine(last_day, datetime.time(23, 50), tzinfo=AMSTERDAM)
    after_midnight = evening + datetime.timedelta(minutes=20)

    with mock.patch("django.utils.timezone.now", return_value=evening):
        first = visitor.get(URL)
    assert "Loopt tot en met 29 maart 2029" in html_of(first)
    with django_assert_num_queries(1):  # the content version: served from the cache
        assert "Loopt tot en met 29 maart 2029" in page_at(visitor, evening)
    with mock.patch("django.utils.timezone.now", return_value=after_midnight):
        response = visitor.get(URL, headers={"if-modified-since": first["Last-Modified"]})
    page = html_of(response)  # not a 304: the page may have changed at midnight

    scheme = section(page, "sterk-techniekonderwijs-2025-2028")
    assert "Gestopt: liep tot en met 29 maart 2029" in scheme
    assert not runs(visible_text(scheme.encode()))


# --- Tuition -------------------------------------------------------------------------


@pytest.fixture
def tuition(seeded_db):
    """Statutory tuition for 2024 and 2025, as the HOVI records give it (D15)."""
    ProgrammeCost.objects.all().delete()
    programme = f.ProgrammeFactory(name="Leraar Techniek (test)")
    f.ProgrammeCostFactory(programme=programme, year=2024, amount=2530)
    f.ProgrammeCostFactory(programme=programme, year=2025, amount=2601)
    f.ProgrammeCostFactory(
        programme=programme, year=2024, amount=10030, kind=CostKind.INSTITUTIONAL
    )
    return programme


def test_old_tuition_is_shown_with_its_year_and_not_as_current(tuition, client):
    page = page_at(client, noon(datetime.date(2026, 12, 5)))
    answer = visible_text(section(page, "kort-title", "</section>").encode())
    table = visible_text(section(page, "collegegeld", "</section>").encode())

    assert (
        "in studiejaar 2025-2026 was het wettelijk collegegeld € 2.601 per jaar. "
        "Het bedrag voor studiejaar 2026-2027 is niet nagegaan." in answer
    )
    assert "collegegeld is" not in answer
    assert "2025-2026 (voorbij) € 2.601" in table
    assert "2024-2025 (voorbij) € 2.530" in table
    assert "€ 10.030 per jaar in studiejaar 2024-2025 (voorbij" in table


def test_tuition_of_the_current_study_year_is_shown_as_current(tuition, client):
    answer = section(page_at(client, noon(datetime.date(2025, 10, 1))), "kort-title", "</section>")

    assert "het wettelijk collegegeld is € 2.601 per jaar (studiejaar 2025-2026)" in answer


def test_without_tuition_rows_the_page_points_to_the_programmes(seeded_db, client):
    ProgrammeCost.objects.all().delete()

    answer = section(page_at(client), "kort-title", "</section>")

    assert "dit staat bij elke" in answer


# --- The page itself -------------------------------------------------------------------


def test_the_page_is_in_the_sitemap_the_menu_and_on_the_home_page(seeded_db, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    page = page_at(client)
    home = html_of(client.get("/"))

    assert reverse("pathways:funding") == URL
    assert f"<loc>http://testserver{URL}</loc>" in sitemap
    assert f'<a href="{URL}" aria-current="page">Kosten en subsidies</a>' in page
    assert f'href="{URL}"' in home


def test_the_query_count_does_not_grow_with_the_data(
    many_programmes, client, django_assert_max_num_queries
):
    for _ in range(20):
        scheme = f.FundingSchemeFactory()
        scheme.sources.add(f.SourceFactory())
    with django_assert_max_num_queries(12):
        page_at(client)


def test_the_page_has_one_h1_and_unique_ids(seeded_db, client):
    page = page_at(client)

    assert len(re.findall(r"<h1[\s>]", page)) == 1
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_the_funding_and_resources_pages_are_valid_html(seeded_db, client, tmp_path):
    command = _checker()
    files = {}
    for number, address in enumerate([URL, reverse("pathways:resource_list")]):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(html_of(client.get(address)).encode())
        files[path.as_uri()] = address

    assert html_problems(command, tmp_path, files) == []


# --- The national structure (A1-A13) on /hulpbronnen/ ------------------------------------


def test_each_national_structure_fact_is_on_the_resources_page_with_its_source(seeded_db, client):
    page = html_of(client.get(reverse("pathways:resource_list")))
    national = section(page, "landelijk", "</section>")

    assert '<a href="#landelijk">' in page
    for slug, phrase in NATIONAL_FACTS.items():
        rule = Rule.objects.get(slug=slug)
        text = visible_text(section(national, f"regel-{slug}").encode())
        assert phrase in text, slug
        for source in rule.sources.all():
            assert source.title in text, (slug, source.title)
