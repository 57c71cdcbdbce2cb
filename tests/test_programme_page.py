"""The programme page (/opleidingen/<slug>/): key facts, list of contents with
stable anchors, modules, honest gaps, links to the directory and the comparison,
schema.org data and a fixed query budget. Older tests of this page live in
tests/test_pages.py."""

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import LearningForm, Programme
from tests import factories as f

pytestmark = pytest.mark.django_db

ANCHORS = [
    "kenmerken",
    "over",
    "toelating",
    "modules",
    "vrijstellingen",
    "werkgever",
    "contact",
    "websites",
    "routes",
    "bronnen",
]


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def section(page, anchor):
    """The HTML of the <section id="anchor">."""
    start = page.index(f'<section id="{anchor}"')
    return page[start : page.index("</section>", start)]


def structured_data(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Contents and key facts -----------------------------------------------------------


def test_contents_list_links_to_every_section_by_its_stable_anchor(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    nav = re.search(r'<nav class="toc" aria-label="Op deze pagina">(.*?)</nav>', page, re.S)
    assert nav, "the list of contents is a labelled nav"
    assert re.findall(r'href="#([a-z]+)"', nav.group(1)) == ANCHORS
    for anchor in ANCHORS:
        assert page.count(f'id="{anchor}"') == 1, anchor


def test_contents_list_comes_right_after_the_summary_and_before_the_key_facts(client):
    page = html_of(client.get(f.ProgrammeFactory(summary="Kort gezegd.").get_absolute_url()))

    assert (
        page.index("<h1>")
        < page.index("<p>Kort gezegd.</p>")
        < page.index('aria-label="Op deze pagina"')
        < page.index('id="kenmerken"')
        < page.index('id="over"')
    )


def test_key_facts_are_a_description_list_with_one_div_per_pair(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    facts = section(page, "kenmerken")
    dl = facts[facts.index('<dl class="facts">') : facts.index("</dl>")]
    terms = re.findall(r"<dt>(.*?)</dt>", dl)
    assert len(re.findall(r"<div>\s*<dt>", dl)) == len(terms)
    for term in [
        "Hogeschool",
        "Leidt tot",
        "Studievormen",
        "Vestigingen",
        "Studielast",
        "Duur",
        "Vrijstellingen mogelijk",
        "Contactpersoon",
    ]:
        assert term in terms


def test_key_facts_give_each_contact_person_with_a_mailto_link(client):
    programme = f.ProgrammeFactory()
    f.ProgrammeContactFactory(
        programme=programme, name="Erik Schakelaar", email="e.schakelaar@hs.example", role=""
    )
    f.ProgrammeContactFactory(
        programme=programme, name="Anja", email="anja@hs.example", role="zij-instroom"
    )

    facts = section(html_of(client.get(programme.get_absolute_url())), "kenmerken")

    assert (
        'Erik Schakelaar: <a href="mailto:e.schakelaar@hs.example">e.schakelaar@hs.example</a>'
        in facts
    )
    assert 'Anja, zij-instroom: <a href="mailto:anja@hs.example">anja@hs.example</a>' in facts


def test_key_facts_without_contact_person_point_to_the_toolkit_contact(client):
    facts = section(html_of(client.get(f.ProgrammeFactory().get_absolute_url())), "kenmerken")

    assert re.search(
        r"<dt>Contactpersoon</dt>\s*<dd><span class=\"unknown\">Nog niet bekend\. "
        r'<a href="#toolkit-contact">Vraag het aan de toolkit</a>',
        facts,
    )


def test_key_facts_say_when_the_data_were_last_checked(client):
    checked = f.ProgrammeFactory(checked_on=datetime.date(2026, 3, 5))
    unchecked = f.ProgrammeFactory(checked_on=None)

    assert "laatst gecontroleerd op 5 maart 2026." in section(
        html_of(client.get(checked.get_absolute_url())), "kenmerken"
    )
    page = html_of(client.get(unchecked.get_absolute_url()))
    assert "Deze gegevens zijn nog niet gecontroleerd." in section(page, "kenmerken")
    assert "Nog niet gecontroleerd." in section(page, "bronnen")


# Links to the directory and the comparison -------------------------------------------


def test_programme_page_links_to_the_comparison_with_itself_chosen(client):
    programme = f.ProgrammeFactory()
    page = html_of(client.get(programme.get_absolute_url()))

    href = f"{reverse('programmes:programme_compare')}?opleiding={programme.slug}"
    assert f'<a href="{href}">Vergelijk met een andere opleiding</a>' in page

    compare = html_of(client.get(href))
    assert re.search(rf'value="{programme.slug}" id="id_opleiding_\d+" checked>', compare)


def test_programme_page_links_back_to_the_directory(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    directory = reverse("programmes:programme_list")
    assert f'<li><a href="{directory}">Opleidingen</a></li>' in page  # breadcrumbs
    assert f'<a href="{directory}">Terug naar alle opleidingen</a>' in page


# Modules -------------------------------------------------------------------------------


def test_modules_say_how_many_there_are_and_show_each_with_its_facts(client):
    programme = f.ProgrammeFactory()
    first = f.ModuleFactory(programme=programme, title="Lesgeven", ec=Decimal("15"), order=1)
    first.learning_forms.add(f.LearningFormFactory())
    f.ModuleFactory(programme=programme, title="Begeleiden", order=2, exemption_possible=False)

    modules = section(html_of(client.get(programme.get_absolute_url())), "modules")

    assert "De opleiding bestaat uit 2 modules." in modules
    assert modules.index("<h3>Lesgeven</h3>") < modules.index("<h3>Begeleiden</h3>")
    assert '15 <abbr title="European credits' in modules
    assert "Praktijkleren" in modules
    assert re.search(r"<dt>Vrijstelling mogelijk</dt>\s*<dd>Nee</dd>", modules)


def test_module_with_exemption_but_no_basis_says_the_basis_is_unknown(client):
    programme = f.ProgrammeFactory()
    f.ModuleFactory(programme=programme, exemption_possible=True, exemption_basis="")

    modules = section(html_of(client.get(programme.get_absolute_url())), "modules")

    assert 'Ja. Op grond waarvan: <span class="unknown">Nog niet bekend.' in modules


def test_programme_without_modules_says_so_and_points_to_the_contact(client):
    modules = section(html_of(client.get(f.ProgrammeFactory().get_absolute_url())), "modules")

    assert "Er staan nog geen modules van deze opleiding op deze site." in modules
    assert '<a href="#contact">Vraag het aan de contactpersoon</a>' in modules
    assert "<article" not in modules


# Honest gaps ---------------------------------------------------------------------------


@pytest.mark.parametrize("anchor", ["over", "toelating", "werkgever", "websites"])
def test_empty_section_says_it_is_not_known_and_points_to_the_contact(client, anchor):
    programme = f.ProgrammeFactory(details="", entry_requirements="", employer_role="")

    text = section(html_of(client.get(programme.get_absolute_url())), anchor)

    assert 'Nog niet bekend. <a href="#contact">Vraag het aan de contactpersoon</a>.' in text


def test_filled_sections_show_the_text_and_no_unknown_note(client):
    programme = f.ProgrammeFactory(
        entry_requirements="Een mbo-4-diploma.", employer_role="De school geeft een mentor."
    )

    page = html_of(client.get(programme.get_absolute_url()))

    assert "Een mbo-4-diploma." in section(page, "toelating")
    assert "De school geeft een mentor." in section(page, "werkgever")
    assert "Nog niet bekend" not in section(page, "toelating") + section(page, "werkgever")


def test_routes_section_is_always_there_and_says_when_no_route_leads_here(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    routes = section(page, "routes")
    assert "Deze opleiding is nog geen stap in een route op deze site." in routes
    assert f'href="{reverse("pathways:pathway_list")}"' in routes


# schema.org ---------------------------------------------------------------------------


def test_structured_data_describes_the_programme_with_its_known_facts(client):
    institution = f.InstitutionFactory(name="Hogeschool Windesheim", website="https://hs.example/")
    programme = f.ProgrammeFactory(
        institution=institution,
        name="Leraar Techniek",
        summary="Een opleiding voor docenten.",
        total_ec=240,
        degree="Bachelor of Education",
        entry_requirements="Een mbo-4-diploma.",
        qualification=f.QualificationFactory(),
    )
    programme.study_forms.add(
        f.StudyFormFactory(slug="deeltijd", name="Deeltijd"),
        f.StudyFormFactory(slug="flexibel", name="Flexibel (leeruitkomstgericht)"),
    )

    data = structured_data(html_of(client.get(programme.get_absolute_url())))

    assert data == {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "Leraar Techniek",
        "description": "Een opleiding voor docenten.",
        "url": f"http://testserver{programme.get_absolute_url()}",
        "provider": {
            "@type": "CollegeOrUniversity",
            "name": "Hogeschool Windesheim",
            "url": "https://hs.example/",
        },
        "educationalCredentialAwarded": ["Tweedegraads bevoegdheid", "Bachelor of Education"],
        "numberOfCredits": 240,
        "programPrerequisites": "Een mbo-4-diploma.",
        "educationalProgramMode": ["part-time", "Flexibel (leeruitkomstgericht)"],
    }


def test_structured_data_leaves_out_what_is_not_known(client):
    programme = f.ProgrammeFactory(
        summary="", institution=f.InstitutionFactory(website=""), total_ec=None
    )

    data = structured_data(html_of(client.get(programme.get_absolute_url())))

    assert set(data) == {"@context", "@type", "name", "url", "provider"}
    assert set(data["provider"]) == {"@type", "name"}


def test_structured_data_cannot_close_its_script_element(client):
    programme = f.ProgrammeFactory(summary="</script><script>alert(1)</script>")

    page = html_of(client.get(programme.get_absolute_url()))

    assert "<script>alert(1)" not in page
    assert structured_data(page)["description"] == "</script><script>alert(1)</script>"


def test_structured_data_uses_the_site_address_when_it_is_set(client, settings):
    settings.SITE_URL = "https://docententoolkit.example"
    programme = f.ProgrammeFactory()

    data = structured_data(html_of(client.get(programme.get_absolute_url())))

    assert data["url"] == f"https://docententoolkit.example{programme.get_absolute_url()}"


# Print ---------------------------------------------------------------------------------


def test_programme_page_links_a_stylesheet_that_prints_on_a4(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    assert re.search(r'<link rel="stylesheet" href="[^"]*css/site\.css">', page)
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4;", css)
    print_rules = css[css.index("@media print") :]
    assert re.search(r"\.toc:has\(> \.toc-title\),[^{]*\{\s*display:\s*none;", print_rules)


# Query budget --------------------------------------------------------------------------

BUDGET = 16


def test_programme_page_query_count_is_fixed_with_the_seed(
    seeded_db, client, django_assert_max_num_queries
):
    for programme in Programme.objects.published():
        with django_assert_max_num_queries(BUDGET):
            html_of(client.get(programme.get_absolute_url()))


def test_programme_page_query_count_does_not_grow_with_many_programmes_or_modules(
    many_programmes, client, django_assert_max_num_queries
):
    programme = many_programmes[7]
    url = programme.get_absolute_url()
    before = query_count(client, url)

    learning_forms = list(LearningForm.objects.all())
    for n in range(10):
        module = f.ModuleFactory(programme=programme, ec=Decimal("7.5"), order=10 + n)
        module.learning_forms.add(*learning_forms)
        module.sources.add(f.SourceFactory())
    for _ in range(3):
        f.ProgrammeContactFactory(programme=programme).sources.add(f.SourceFactory())
        f.ProgrammeLinkFactory(programme=programme).sources.add(f.SourceFactory())
        f.StepFactory().programmes.add(programme)

    assert query_count(client, url) == before
    with django_assert_max_num_queries(BUDGET):
        page = html_of(client.get(url))
    assert "De opleiding bestaat uit 12 modules." in page
