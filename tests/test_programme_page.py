"""The programme page (/opleidingen/<slug>/): key facts, list of contents with
stable anchors, contacts and websites, modules, sources, honest gaps, the routes that
lead to it, links to the directory and the comparison, schema.org data, print, and a
fixed query budget."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from editorial.status import PublicationStatus
from programmes.models import LearningForm, Programme
from tests import factories as f
from tests.helpers import Tags, html_of, json_ld_blocks, query_count

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


def section(page, anchor):
    """The HTML of the <section id="anchor">."""
    start = page.index(f'<section id="{anchor}"')
    return page[start : page.index("</section>", start)]


def structured_data(page):
    blocks = json_ld_blocks(page)
    assert len(blocks) == 1
    return blocks[0]


def full_programme(**kwargs):
    """A published programme with a bit of everything its page shows."""
    programme = f.ProgrammeFactory(**kwargs)
    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme)
    module = f.ModuleFactory(programme=programme, ec=Decimal("7.5"))
    module.learning_forms.add(f.LearningFormFactory())
    module.sources.add(f.SourceFactory())
    programme.locations.add(f.LocationFactory(institution=programme.institution))
    programme.profiles.add(f.VocationalProfileFactory())
    programme.study_forms.add(f.StudyFormFactory())
    programme.exemption_methods.add(f.ExemptionMethodFactory())
    programme.sources.add(f.SourceFactory())
    return programme


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
    programme = full_programme(total_ec=240, duration="4 jaar", exemptions_possible=True)
    programme.qualification = f.QualificationFactory()
    programme.save()
    page = html_of(client.get(programme.get_absolute_url()))

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


def test_programme_page_shows_its_key_facts(client):
    programme = full_programme(
        degree="Bachelor of Education",
        total_ec=240,
        duration="4 jaar",
        exemptions_possible=True,
        ecpb_member=False,
        entry_requirements="Een mbo-4-diploma.",
        employer_role="De school begeleidt.",
        details="Eerste alinea.\n\nTweede alinea.",
        qualification=f.QualificationFactory(valid_for="vmbo en mbo"),
    )
    location = programme.locations.get()

    page = html_of(client.get(programme.get_absolute_url()))

    assert '<dl class="facts">' in page and "<div>\n      <dt>Graad</dt>" in page
    assert "Tweedegraads bevoegdheid (geldig voor vmbo en mbo)" in page
    assert "Bachelor of Education" in page
    assert "Produceren, installeren en energie (PIE)" in page
    assert "Deeltijd" in page
    assert f"{location.city} (Utrecht)" in page
    assert '240 <abbr title="European credits' in page
    assert "4 jaar" in page
    assert "Ja, via EVC." in page
    assertInHTML(
        '<div><dt>Lid van het <abbr title="Expertisecentrum Professionalisering '
        'Beroepsonderwijs">ECPB</abbr></dt><dd>Nee</dd></div>',
        page,
    )
    assert "Een mbo-4-diploma." in page and "De school begeleidt." in page
    assert "<p>Eerste alinea.</p>" in page and "<p>Tweede alinea.</p>" in page


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

    assert "<dt>Contactpersoon</dt>" not in facts
    line = re.search(r'<p class="unknown">Nog niet bekend: (.*?)</p>', facts).group(1)
    assert "contactpersoon" in line
    assert '<a href="#toolkit-contact">Vraag het aan de toolkit</a>' in line


def test_key_facts_say_when_the_data_were_last_checked(client):
    checked = f.ProgrammeFactory(checked_on=datetime.date(2026, 3, 5))
    unchecked = f.ProgrammeFactory(checked_on=None)

    assert (
        "laatst gecontroleerd op 5 maart 2026: toen zijn ze vergeleken met de bronnen."
        in section(html_of(client.get(checked.get_absolute_url())), "kenmerken")
    )
    page = html_of(client.get(unchecked.get_absolute_url()))
    assert "De feiten op deze pagina zijn nog niet vergeleken met de bronnen." in section(
        page, "kenmerken"
    )
    assert "De feiten zijn nog niet vergeleken met de bronnen." in section(page, "bronnen")


# Contact, websites and sources ------------------------------------------------------


def test_programme_page_shows_contacts_as_mailto_links_and_websites_as_links(client):
    programme = f.ProgrammeFactory()
    f.ProgrammeContactFactory(
        programme=programme, name="Erik", email="erik@hs.example", phone="038 123 45 67"
    )
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/3dQsFUm", title="Opleiding")

    page = html_of(client.get(programme.get_absolute_url()))

    contact = page[page.index('id="contact"') : page.index('id="websites"')]
    assert '<a href="mailto:erik@hs.example">erik@hs.example</a>' in contact
    assert 'href="tel:0381234567"' in contact and "038 123 45 67" in contact
    assert 'Opleiding: <a class="url" href="https://bit.ly/3dQsFUm">https://bit.ly/3dQsFUm</a>' in (
        page
    )


def test_programme_page_shows_its_sources_and_the_checked_date_in_dutch(client):
    programme = f.ProgrammeFactory(checked_on=datetime.date(2026, 11, 24))
    programme.sources.add(
        f.SourceFactory(
            title="Studiekeuze123",
            url="https://www.studiekeuze123.nl/",
            publisher="Studiekeuze123",
            published="juni 2020",
        ),
        f.SourceFactory(title="Blad zonder adres", url=""),
    )
    module_source = f.SourceFactory(title="Bron van een module")
    f.ModuleFactory(programme=programme).sources.add(module_source)

    page = html_of(client.get(programme.get_absolute_url()))

    sources = page[page.index('id="bronnen"') :]
    assert (
        '<a href="https://www.studiekeuze123.nl/">Studiekeuze123</a>, Studiekeuze123 (juni 2020)'
        in sources
    )
    assert "<li>Blad zonder adres</li>" in sources
    assert "Bron van een module" in sources
    assert "Laatst gecontroleerd op 24 november 2026: de feiten zijn toen" in sources


# Links to the directory, the comparison and the routes ------------------------------


def test_programme_page_links_to_the_comparison_with_itself_chosen(client):
    programme = f.ProgrammeFactory()
    page = html_of(client.get(programme.get_absolute_url()))

    href = f"{reverse('programmes:programme_compare')}?opleiding={programme.slug}"
    assert f'<a href="{href}">Vergelijk met een andere opleiding</a>' in page

    compare = html_of(client.get(href))
    assert "checked" in Tags(compare).one("input", name="opleiding", value=programme.slug)


def test_programme_page_links_back_to_the_directory(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    directory = reverse("programmes:programme_list")
    assert f'<li><a href="{directory}">Opleidingen</a></li>' in page  # breadcrumbs
    assert f'<a href="{directory}">Terug naar alle opleidingen</a>' in page


def test_programme_page_lists_the_steps_of_published_routes_that_point_to_it(client):
    programme = f.ProgrammeFactory()
    step = f.StepFactory(title="Tweedegraadsprogramma")
    step.programmes.add(programme)
    hidden = f.StepFactory(pathway=f.PathwayFactory(status=PublicationStatus.DRAFT))
    hidden.programmes.add(programme)

    page = html_of(client.get(programme.get_absolute_url()))

    assert f'<a href="{step.get_absolute_url()}">Tweedegraadsprogramma</a>' in page
    assert hidden.get_absolute_url() not in page


def test_routes_section_is_always_there_and_says_when_no_route_leads_here(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    routes = section(page, "routes")
    assert "Deze opleiding is nog geen stap in een route op deze site." in routes
    assert f'href="{reverse("pathways:pathway_list")}"' in routes


# Modules -------------------------------------------------------------------------------


def test_modules_say_how_many_there_are_and_show_each_with_its_facts(client):
    programme = f.ProgrammeFactory(modules_complete=True)
    first = f.ModuleFactory(programme=programme, title="Lesgeven", ec=Decimal("15"), order=1)
    first.learning_forms.add(f.LearningFormFactory())
    f.ModuleFactory(programme=programme, title="Begeleiden", order=2, exemption_possible=False)

    modules = section(html_of(client.get(programme.get_absolute_url())), "modules")

    assert "De opleiding bestaat uit 2 modules." in modules
    assert modules.index("<h3>Lesgeven</h3>") < modules.index("<h3>Begeleiden</h3>")
    assert '15 <abbr title="European credits' in modules
    assert "Praktijkleren" in modules
    assertInHTML("<div><dt>Vrijstelling mogelijk</dt><dd>Nee</dd></div>", modules)


def test_programme_page_shows_its_modules_with_ec_and_learning_forms(client):
    programme = f.ProgrammeFactory()
    module = f.ModuleFactory(
        programme=programme,
        title="Didactiek",
        ec=Decimal("7.5"),
        exemption_possible=True,
        exemption_basis="Een pedagogisch didactisch diploma",
    )
    module.learning_forms.add(
        f.LearningFormFactory(slug="praktijkleren", name="Praktijkleren"),
        f.LearningFormFactory(slug="zelfstudie", name="Zelfstudie"),
    )

    page = html_of(client.get(programme.get_absolute_url()))

    modules = page[page.index('id="modules"') : page.index('id="vrijstellingen"')]
    assert "<h3>Didactiek</h3>" in modules
    assert module.outcome in modules
    assert '7,5 <abbr title="European credits' in modules
    assert "Praktijkleren, Zelfstudie" in modules
    assert "Ja, op grond van: Een pedagogisch didactisch diploma" in modules


def test_module_with_exemption_but_no_basis_says_the_basis_is_unknown(client):
    programme = f.ProgrammeFactory()
    f.ModuleFactory(programme=programme, exemption_possible=True, exemption_basis="")

    modules = section(html_of(client.get(programme.get_absolute_url())), "modules")

    assertInHTML("<div><dt>Vrijstelling mogelijk</dt><dd>Ja</dd></div>", modules)
    assert "op grond waarvan vrijstelling kan." in modules


def test_programme_without_modules_says_so_and_points_to_the_contact(client):
    modules = section(html_of(client.get(f.ProgrammeFactory().get_absolute_url())), "modules")

    assert "Er staan nog geen modules van deze opleiding op deze site." in modules
    assert '<a href="#contact">Vraag het aan de contactpersoon</a>' in modules
    assert "<article" not in modules


# Honest gaps ---------------------------------------------------------------------------


def test_programme_page_says_once_what_is_not_known(client):
    programme = f.ProgrammeFactory(degree="", total_ec=None, exemptions_possible=None)
    f.ProgrammeContactFactory(programme=programme)

    page = html_of(client.get(programme.get_absolute_url()))

    facts = section(page, "kenmerken")
    for term in ("Graad", "Studielast", "Vrijstellingen mogelijk"):
        assert f"<dt>{term}</dt>" not in facts  # a label is never shown as a value
    assert facts.count("Nog niet bekend") == 1
    assert (
        '<p class="unknown">Nog niet bekend: waartoe de opleiding leidt, graad, vmbo-profielen, '
        "studievormen, vestiging, studielast, duur, startmomenten, kosten, studieadvies, "
        "toelatingseisen, vrijstellingen, ECPB-lidmaatschap en wat de school als werkgever "
        'regelt. <a href="#contact">Vraag het aan de contactpersoon</a>.</p>'
    ) in facts


def test_programme_without_contact_person_says_so_in_the_contact_section(client):
    page = html_of(client.get(f.ProgrammeFactory().get_absolute_url()))

    assert "Er is nog geen contactpersoon voor deze opleiding bekend." in page


@pytest.mark.parametrize("anchor", ["over", "toelating", "werkgever", "websites"])
def test_empty_section_says_it_is_not_on_the_site_yet_and_points_to_the_contact(client, anchor):
    programme = f.ProgrammeFactory(details="", entry_requirements="", employer_role="")

    text = section(html_of(client.get(programme.get_absolute_url())), anchor)

    assert "nog niet op deze site" in text
    assert '<a href="#contact">Vraag het aan de contactpersoon</a>.' in text
    assert "Nog niet bekend" not in text  # said once, under the key facts


def test_filled_sections_show_the_text_and_no_unknown_note(client):
    programme = f.ProgrammeFactory(
        entry_requirements="Een mbo-4-diploma.", employer_role="De school geeft een mentor."
    )

    page = html_of(client.get(programme.get_absolute_url()))

    assert "Een mbo-4-diploma." in section(page, "toelating")
    assert "De school geeft een mentor." in section(page, "werkgever")
    assert "Nog niet bekend" not in section(page, "toelating") + section(page, "werkgever")


def test_draft_programme_page_is_not_found(client):
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


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

    assert Tags(page).one("link", rel="stylesheet")["href"].endswith("css/site.css")
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4;", css)
    print_rules = css[css.index("@media print") :]
    assert re.search(r"\.toc:has\(> \.toc-title\),[^{]*\{\s*display:\s*none;", print_rules)


# Query budget --------------------------------------------------------------------------


# 20: the programme with its relations (with_public_relations and the page's own
# prefetches, start moments and costs included), the funding schemes of its route
# steps, the other offers of its hogeschool, and the footer's toolkit contact.
BUDGET = 20


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
    # One route step from the start: the query for the steps' funding schemes runs
    # once the programme has a step, however many it has.
    f.StepFactory().programmes.add(programme)
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
    assert "De opleiding bestaat uit" not in page  # the list is not marked complete
    assert page.count('<article class="module">') == 12


def test_programme_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries
):
    programme = full_programme()
    url = programme.get_absolute_url()
    f.StepFactory().programmes.add(programme)  # as above: the schemes' query runs
    small = query_count(client, url)

    for _ in range(5):
        f.ProgrammeLinkFactory(programme=programme).sources.add(f.SourceFactory())
        f.ProgrammeContactFactory(programme=programme).sources.add(f.SourceFactory())
        module = f.ModuleFactory(programme=programme)
        module.learning_forms.add(f.LearningFormFactory(slug=f"lf-{module.pk}", name="Colleges"))
        module.sources.add(f.SourceFactory())
        programme.locations.add(f.LocationFactory(institution=programme.institution))
        programme.sources.add(f.SourceFactory())
        f.StepFactory().programmes.add(programme)

    assert query_count(client, url) == small
    with django_assert_max_num_queries(20):
        client.get(url)


def test_the_subsidies_of_the_programmes_route_steps_are_named_with_their_state(client, db):
    programme = f.ProgrammeFactory(status="published")
    step = f.StepFactory(pathway=f.PathwayFactory(status="published"))
    step.programmes.add(programme)
    ended = f.FundingSchemeFactory(
        name="Oude regeling", status="open", ends_on=datetime.date(2020, 1, 1)
    )
    hidden = f.FundingSchemeFactory(name="Verborgen regeling", is_published=False)
    ended.steps.add(step)
    hidden.steps.add(step)

    facts = section(html_of(client.get(programme.get_absolute_url())), "kenmerken")

    assert "Subsidies en beurzen" in facts
    assert f'href="{ended.get_absolute_url()}">Oude regeling</a>: gestopt' in facts
    assert "Verborgen regeling" not in facts
