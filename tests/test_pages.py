"""The plain public pages: home, programme, route, step, roles, resources, 404/500.

Data is built with the factories; the sheet's facts (quote, contacts, texts) are
data, so the tests change the data and look for the change on the page.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose, ResourceKind
from tests import factories as f

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


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


def step_with_everything(pathway, order):
    step = f.StepFactory(pathway=pathway, order=order, yields=f.QualificationFactory())
    step.leads_to_role = f.RoleFactory()
    step.save()
    step.providers.add(f.OrganisationFactory())
    step.provider_institutions.add(f.InstitutionFactory())
    step.funders.add(f.OrganisationFactory())
    step.sources.add(f.SourceFactory())
    step.programmes.add(f.ProgrammeFactory())
    offer = f.StepOfferFactory(step=step)
    offer.sources.add(f.SourceFactory())
    return step


# Base template ------------------------------------------------------------------


def test_every_page_is_dutch_with_the_skip_link_first_and_no_external_resources(client):
    page = html_of(client.get("/"))
    assert '<html lang="nl">' in page
    assert 'name="viewport"' in page
    first_link = re.search(r"<a\s[^>]*>.*?</a>", page, re.S).group(0)
    assert 'href="#main-content"' in first_link
    assert "Naar de inhoud" in first_link
    assert '<main id="main-content" tabindex="-1"' in page
    assert "<title>" in page and "— Docententoolkit techniek</title>" in page
    # The only resource loaded is our own stylesheet; the canonical link names this
    # page itself (on this host), not another site.
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/site.css"]
    assert re.findall(r'<link rel="canonical" href="([^"]+)"', page) == ["http://testserver/"]
    assert not re.search(r"<(?:img|script|iframe)[^>]+src=", page)
    assert "<script" not in page


def test_footer_shows_the_toolkit_contact_from_the_data(client):
    f.OrganisationContactFactory(
        purpose=ContactPurpose.TOOLKIT,
        email="info@toolkit.example",
        url="https://toolkit.example/meer",
    )
    page = html_of(client.get(reverse("pathways:role_list")))
    assert 'href="mailto:info@toolkit.example"' in page
    assert 'href="https://toolkit.example/meer"' in page


# The sheet (its table and texts moved from home; more in test_site_pages.py) ---


def test_sheet_lists_every_published_programme_linking_to_its_page_and_no_drafts(client):
    published = f.ProgrammeFactory.create_batch(3)
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT, name="Geheime conceptopleiding")
    archived = f.ProgrammeFactory(status=PublicationStatus.ARCHIVED, name="Oude opleiding")

    page = html_of(client.get(reverse("sheet")))

    for programme in published:
        assert f'<a href="{programme.get_absolute_url()}">{programme.name}</a>' in page
        assert programme.institution.name in page
    assert draft.name not in page and draft.get_absolute_url() not in page
    assert archived.name not in page


def test_sheet_table_shows_websites_and_contacts_like_the_sheet(client):
    programme = f.ProgrammeFactory()
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/3dvnqZJ")
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/3rZQa2b")
    f.ProgrammeContactFactory(programme=programme, name="Kees", email="kees@fontys.example")
    f.ProgrammeContactFactory(programme=programme, name="Sharda", email="sharda@fontys.example")

    page = html_of(client.get(reverse("sheet")))

    table = page[page.index("<table") : page.index("</table>")]
    assert "<caption" in table and '<th scope="col">' in table and '<th scope="row">' in table
    assert (
        '<a class="url" href="https://bit.ly/3dvnqZJ">https://bit.ly/3dvnqZJ</a> of '
        '<a class="url" href="https://bit.ly/3rZQa2b">https://bit.ly/3rZQa2b</a>'
    ) in table
    assert "Kees of Sharda" in table
    assert (
        '<a href="mailto:kees@fontys.example">kees@fontys.example</a> of '
        '<a href="mailto:sharda@fontys.example">sharda@fontys.example</a>'
    ) in table


def test_sheet_shows_quote_coach_and_toolkit_contact_from_the_data(client):
    quote = f.QuoteFactory(text="Opleiden doe je samen.", author="Thea", author_role="Voorzitter")
    coach = f.OrganisationContactFactory(
        purpose=ContactPurpose.HYBRID_COACH,
        name="Rian",
        role="Coach",
        how_to_reach="Via uw ondersteuner.",
        email="",
        url="https://sto.example/",
    )
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT, email="info@sto.example")

    page = html_of(client.get(reverse("sheet")))
    assert "Opleiden doe je samen." in page
    assert "Thea, Voorzitter" in page
    assert "Rian</strong>, Coach" in page
    assert "Via uw ondersteuner." in page
    assert 'href="https://sto.example/"' in page
    assert 'href="mailto:info@sto.example"' in page

    quote.text = "Een heel ander citaat."
    quote.save()
    coach.name = "Een andere coach"
    coach.save()
    page = html_of(client.get(reverse("sheet")))
    assert "Een heel ander citaat." in page and "Opleiden doe je samen." not in page
    assert "Een andere coach" in page and "Rian" not in page


def test_sheet_shows_the_first_quote_only(client):
    f.QuoteFactory(text="Tweede citaat.", order=2)
    f.QuoteFactory(text="Eerste citaat.", order=1)
    page = html_of(client.get(reverse("sheet")))
    assert "Eerste citaat." in page
    assert "Tweede citaat." not in page


def test_sheet_shows_the_sheet_texts_from_their_text_blocks(client):
    texts = {
        "sheet-title": ("Docententoolkit", "Opleiden doe je samen!"),
        "intro": ("", "Docenten techniek volgen vaak een andere route."),
        "institutions-intro": ("Instellingen die opleiden", "Neem contact op."),
        "flexible-routes": ("Flexibele leerroutes", "Opleidingen hebben modules."),
        "stepped-model": ("Een getrapt model", "Eerst kennismaken."),
        "hybrid-teaching": ("Hybride docentschap", "Twee banen tegelijk."),
        "online-resources": ("Online hulpbronnen", "Handige websites."),
    }
    for slug, (title, body) in texts.items():
        f.TextBlockFactory(slug=slug, title=title, body=body)

    page = html_of(client.get(reverse("sheet")))

    assert re.search(r"<h1>\s*Docententoolkit\s*</h1>", page)
    assert "<title>Docententoolkit — Docententoolkit techniek</title>" in page
    for title, body in texts.values():
        assert body in page
        if title:
            assert title in page


def test_sheet_leaves_out_sections_whose_data_is_missing(client):
    page = html_of(client.get(reverse("sheet")))
    assert "<figure" not in page  # no quote
    assert "Coach hybride docentschap" not in page
    assert 'id="meer-lezen"' not in page
    assert "Er staan nog geen opleidingen op de site." in page


def test_sheet_shows_resources_with_their_printed_address_as_link_text(client):
    online = f.ResourceFactory(kind=ResourceKind.ONLINE, url="https://bit.ly/39yDfxW")
    further = f.ResourceFactory(
        kind=ResourceKind.FURTHER_READING,
        label="Meer lezen 1",
        description="Meer over de pilots.",
        url="https://bit.ly/3umIokF",
    )
    article = f.ResourceFactory(kind=ResourceKind.ARTICLE, title="Hybride Docentschap", url="")

    page = html_of(client.get(reverse("sheet")))

    assert '<a class="url" href="https://bit.ly/39yDfxW">https://bit.ly/39yDfxW</a>' in page
    assert '<a class="url" href="https://bit.ly/3umIokF">https://bit.ly/3umIokF</a>' in page
    assert "Meer lezen 1." in page and further.description in page
    assert online.title in page and article.title in page
    assert reverse("pathways:resource_list") in page


def test_sheet_does_not_repeat_what_a_text_block_or_the_toolkit_contact_already_says(client):
    f.TextBlockFactory(slug="online-resources", title="Online hulpbronnen", body="Een kennisbank.")
    f.ResourceFactory(kind=ResourceKind.ONLINE, description="Ook een kennisbank, uitgebreid.")
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT, url="https://sto.example/toolkit")
    f.ResourceFactory(
        kind=ResourceKind.MORE_INFO, title="Zelfde adres", url="https://sto.example/toolkit"
    )
    f.ResourceFactory(
        kind=ResourceKind.MORE_INFO, title="Ander adres", url="https://ander.example/"
    )

    page = html_of(client.get(reverse("sheet")))

    assert "Een kennisbank." in page
    assert "Ook een kennisbank, uitgebreid." not in page
    assert page.count('href="https://sto.example/toolkit"') == 2  # contact section and footer
    assert "Zelfde adres" not in page
    assert "Ander adres" in page


def test_sheet_links_the_published_routes_of_its_parts_with_their_summary(client):
    f.TextBlockFactory(slug="stepped-model", title="Getrapt model", body="Stappen.")
    pathway = f.PathwayFactory(slug="zij-instroom-in-het-beroep", summary="Van vakman naar docent.")
    draft = f.PathwayFactory(
        slug="scholingstraject-hybride-techniekopleiders", status=PublicationStatus.DRAFT
    )
    page = html_of(client.get(reverse("sheet")))
    assert f'<a href="{pathway.get_absolute_url()}">{pathway.name}</a>' in page
    assert "Van vakman naar docent." in page
    assert draft.get_absolute_url() not in page


def test_sheet_query_count_does_not_grow_with_the_data(client, django_assert_max_num_queries):
    def add_data(n):
        for _ in range(n):
            programme = f.ProgrammeFactory()
            f.ProgrammeLinkFactory.create_batch(2, programme=programme)
            f.ProgrammeContactFactory.create_batch(2, programme=programme)
            f.PathwayFactory()
            f.ResourceFactory()
            f.TextBlockFactory()
            f.QuoteFactory()

    add_data(3)
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT)
    f.OrganisationContactFactory(purpose=ContactPurpose.HYBRID_COACH)
    small = query_count(client, reverse("sheet"))
    add_data(9)
    assert query_count(client, reverse("sheet")) == small
    with django_assert_max_num_queries(10):
        client.get(reverse("sheet"))


# Programme page -----------------------------------------------------------------


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
    assert re.search(r"ECPB</abbr></dt>\s*<dd>Nee</dd>", page)
    assert "Een mbo-4-diploma." in page and "De school begeleidt." in page
    assert "<p>Eerste alinea.</p>" in page and "<p>Tweede alinea.</p>" in page


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
    assert "Laatst gecontroleerd op 24 november 2026." in sources


def test_programme_page_says_honestly_what_is_not_known(client):
    programme = f.ProgrammeFactory(degree="", total_ec=None, exemptions_possible=None)

    page = html_of(client.get(programme.get_absolute_url()))

    facts = page[page.index('id="kenmerken"') : page.index('id="toelating"')]
    unknown = 'Nog niet bekend. <a href="#contact">Vraag het aan de contactpersoon</a>.'
    assert re.search(r"<dt>Graad</dt>\s*<dd><span class=\"unknown\">" + re.escape(unknown), facts)
    assert re.search(r"<dt>Studielast</dt>\s*<dd><span class=\"unknown\">", facts)
    assert re.search(r"<dt>Vrijstellingen mogelijk</dt>\s*<dd><span class=\"unknown\">", facts)
    assert "Er is nog geen contactpersoon voor deze opleiding bekend." in page


def test_programme_page_lists_the_steps_of_published_routes_that_point_to_it(client):
    programme = f.ProgrammeFactory()
    step = f.StepFactory(title="Tweedegraadsprogramma")
    step.programmes.add(programme)
    hidden = f.StepFactory(pathway=f.PathwayFactory(status=PublicationStatus.DRAFT))
    hidden.programmes.add(programme)

    page = html_of(client.get(programme.get_absolute_url()))

    assert f'<a href="{step.get_absolute_url()}">Tweedegraadsprogramma</a>' in page
    assert hidden.get_absolute_url() not in page


def test_draft_programme_page_is_not_found(client):
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_programme_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries
):
    programme = full_programme()
    url = programme.get_absolute_url()
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


# Pathway and step pages ---------------------------------------------------------


def test_pathway_page_shows_steps_in_order_with_or_choices_and_transitions(client):
    pathway = f.PathwayFactory(summary="Van vakman naar docent.")
    third = f.StepFactory(pathway=pathway, order=30, title="Instructeur worden")
    first = f.StepFactory(pathway=pathway, order=10, title="Kennismakingsprogramma")
    second = f.StepFactory(pathway=pathway, order=20, title="Oriëntatietraject")
    alternative = f.StepFactory(pathway=pathway, order=30, title="PDG-traject")
    f.TransitionFactory(from_step=first, to_step=second, credits="de gevolgde lessen")
    f.TransitionFactory(from_step=second, to_step=third)

    page = html_of(client.get(pathway.get_absolute_url()))

    steps = page[page.index('<ol class="steps">') : page.index("</ol>", page.index("steps"))]
    positions = [steps.index(s.title) for s in (first, second, third, alternative)]
    assert positions == sorted(positions)
    assert steps.count('<li class="step" id="stap-') == 3
    assert "Stap 3</span> Kies één: Instructeur worden, of PDG-traject</h3>" in steps
    assert re.search(r"Instructeur worden.*<p class=\"or\">of</p>.*PDG-traject", steps, re.S)
    assert f'<a href="{first.get_absolute_url()}">Kennismakingsprogramma</a>' in steps
    assert (
        f'Uit <a href="{first.get_absolute_url()}">Kennismakingsprogramma</a>: de gevolgde lessen'
    ) in steps


def test_pathway_page_shows_who_offers_and_funds_and_its_sources(client):
    pathway = f.PathwayFactory(
        provider_note="Gegeven door hogescholen.",
        funding_note="Betaald door de fondsen.",
        employer_role="De school stelt een begeleider aan.",
        checked_on=datetime.date(2026, 1, 5),
    )
    pathway.providers.add(f.OrganisationFactory(name="Wij Techniek"))
    pathway.provider_institutions.add(f.InstitutionFactory(name="Hogeschool Windesheim"))
    pathway.funders.add(f.OrganisationFactory(name="OOM"))
    pathway.sources.add(f.SourceFactory(title="Techniekpact"))

    page = html_of(client.get(pathway.get_absolute_url()))

    for text in (
        "Wij Techniek",
        "Hogeschool Windesheim",
        "OOM",
        "Gegeven door hogescholen.",
        "Betaald door de fondsen.",
        "De school stelt een begeleider aan.",
        "Techniekpact",
        "Laatst gecontroleerd op 5 januari 2026.",
    ):
        assert text in page


def test_draft_pathway_and_its_steps_are_not_found(client):
    step = f.StepFactory(pathway=f.PathwayFactory(status=PublicationStatus.DRAFT))
    assert client.get(step.pathway.get_absolute_url()).status_code == 404
    assert client.get(step.get_absolute_url()).status_code == 404


def test_pathway_page_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries
):
    pathway = f.PathwayFactory()
    previous = step_with_everything(pathway, 1)
    url = pathway.get_absolute_url()
    small = query_count(client, url)

    for order in range(2, 8):
        step = step_with_everything(pathway, order)
        f.TransitionFactory(from_step=previous, to_step=step, credits="alles")
        pathway.providers.add(f.OrganisationFactory())
        pathway.funders.add(f.OrganisationFactory())
        pathway.sources.add(f.SourceFactory())
        previous = step

    assert query_count(client, url) == small
    with django_assert_max_num_queries(12):
        client.get(url)


def test_step_page_shows_its_offers_and_neighbours(client):
    pathway = f.PathwayFactory()
    before = f.StepFactory(pathway=pathway, title="Kennismaken")
    step = f.StepFactory(
        pathway=pathway, title="PDG-traject", duration="anderhalf jaar", yields_note="Een PDG."
    )
    after = f.StepFactory(pathway=pathway, title="Tweedegraads")
    f.TransitionFactory(from_step=before, to_step=step, credits="de lessen")
    f.TransitionFactory(from_step=step, to_step=after, credits="vrijstellingen")
    programme = f.ProgrammeFactory(name="Leraar Techniek")
    step.programmes.add(programme, f.ProgrammeFactory(status=PublicationStatus.DRAFT))
    offer = f.StepOfferFactory(
        step=step,
        name="PDG bij de HU",
        url="https://www.hu.example/pdg",
        duration="ongeveer 1,5 jaar",
        study_load="1.680 uur",
        cost="€ 6.650 (2023)",
        place="Utrecht",
        entry_requirements="Een baan in het mbo.",
        notes="De helft in uw eigen baan.",
        checked_on=datetime.date(2026, 11, 24),
    )
    offer.sources.add(f.SourceFactory(title="Website HU"))

    page = html_of(client.get(step.get_absolute_url()))

    assert f'<a href="{pathway.get_absolute_url()}">{pathway.name}</a>' in page  # breadcrumb
    for text in (
        "<h3>PDG bij de HU</h3>",
        offer.institution.name,
        '<a class="url" href="https://www.hu.example/pdg">https://www.hu.example/pdg</a>',
        "ongeveer 1,5 jaar",
        "1.680 uur",
        "€ 6.650 (2023)",
        "Utrecht",
        "Een baan in het mbo.",
        "De helft in uw eigen baan.",
        "Website HU",
        "Laatst gecontroleerd op 24 november 2026.",
        "anderhalf jaar",
        "Een PDG.",
        f'<a href="{programme.get_absolute_url()}">Leraar Techniek</a>',
        f'<a href="{before.get_absolute_url()}">Kennismaken</a> — telt mee: de lessen',
        f'<a href="{after.get_absolute_url()}">Tweedegraads</a> — telt mee: vrijstellingen',
    ):
        assert text in page, text
    assert page.count('href="/opleidingen/') == 2  # the menu and the published programme
    assert f'href="{programme.get_absolute_url()}"' in page


def test_step_page_query_count_does_not_grow_with_the_data(client):
    pathway = f.PathwayFactory()
    step = step_with_everything(pathway, 1)
    url = step.get_absolute_url()
    small = query_count(client, url)

    for _ in range(5):
        f.StepOfferFactory(step=step).sources.add(f.SourceFactory())
        step.programmes.add(f.ProgrammeFactory())
        step.providers.add(f.OrganisationFactory())
        f.TransitionFactory(from_step=step)
        f.TransitionFactory(to_step=step, from_step=f.StepFactory(pathway=pathway))

    assert query_count(client, url) == small


# Roles and resources ------------------------------------------------------------


def test_role_list_shows_every_role_in_a_section_with_its_slug_as_id(client):
    qualification = f.QualificationFactory(slug="pdg", name="PDG")
    role = f.RoleFactory(
        name="Instructeur",
        slug="instructeur",
        summary="Helpt bij praktijklessen.",
        may_do="Lesgeven onder toezicht.",
        required_qualification=qualification,
        qualification_note="Niveau 4.",
    )
    other = f.RoleFactory(name="Onderwijsassistent")
    step = f.StepFactory(leads_to_role=role, title="Instructeurscursus")
    role.sources.add(f.SourceFactory(title="Rijksoverheid"))

    page = html_of(client.get(reverse("pathways:role_list")))

    assert role.get_absolute_url() == "/rollen/#instructeur"
    assert '<section class="role" id="instructeur"' in page
    assert f'<section class="role" id="{other.slug}"' in page
    for text in (
        "Helpt bij praktijklessen.",
        "Lesgeven onder toezicht.",
        "PDG",
        "Niveau 4.",
        f'<a href="{step.get_absolute_url()}">Instructeurscursus</a>',
        "Rijksoverheid",
    ):
        assert text in page


def test_role_list_query_count_does_not_grow_with_the_data(client):
    f.StepFactory(leads_to_role=f.RoleFactory(required_qualification=f.QualificationFactory()))
    small = query_count(client, reverse("pathways:role_list"))
    for _ in range(5):
        role = f.RoleFactory(required_qualification=f.QualificationFactory())
        role.sources.add(f.SourceFactory())
        f.StepFactory.create_batch(2, leads_to_role=role)
    assert query_count(client, reverse("pathways:role_list")) == small


def test_resource_list_shows_resources_organisations_coach_and_rules(client):
    resource = f.ResourceFactory(
        kind=ResourceKind.FURTHER_READING, title="Pilots", url="https://bit.ly/3umIokF"
    )
    organisation = f.OrganisationFactory(
        name="Wij Techniek",
        website="https://www.wij-techniek.example/",
        email="info@wij-techniek.example",
        description="Het opleidingsfonds voor de installatiebranche.",
    )
    f.OrganisationContactFactory(
        purpose=ContactPurpose.HYBRID_COACH, name="Rian", organisation=organisation
    )
    rule = f.RuleFactory(
        title="Meer dan vier uur lesgeven vraagt een bevoegdheid",
        explanation="Dat geldt in het vmbo.",
        valid_note="sinds 2019",
        checked_on=datetime.date(2026, 3, 1),
    )
    rule.sources.add(f.SourceFactory(title="Windesheim"))

    page = html_of(client.get(reverse("pathways:resource_list")))

    for text in (
        "Meer lezen",
        resource.title,
        '<a class="url" href="https://bit.ly/3umIokF">https://bit.ly/3umIokF</a>',
        "Wij Techniek",
        '<a class="url" href="https://www.wij-techniek.example/">',
        '<a href="mailto:info@wij-techniek.example">',
        "Het opleidingsfonds voor de installatiebranche.",
        "Coach hybride docentschap",
        "Rian",
        "Meer dan vier uur lesgeven vraagt een bevoegdheid",
        "Dat geldt in het vmbo.",
        "sinds 2019",
        "Windesheim",
        "Laatst gecontroleerd op 1 maart 2026.",
    ):
        assert text in page, text


def test_resource_list_query_count_does_not_grow_with_the_data(client):
    f.ResourceFactory(organisation=f.OrganisationFactory())
    f.RuleFactory().sources.add(f.SourceFactory())
    small = query_count(client, reverse("pathways:resource_list"))
    for kind in ResourceKind.values:
        f.ResourceFactory.create_batch(2, kind=kind, organisation=f.OrganisationFactory())
    for _ in range(4):
        f.RuleFactory().sources.add(f.SourceFactory())
    assert query_count(client, reverse("pathways:resource_list")) == small


# Error pages --------------------------------------------------------------------


def test_unknown_address_gives_the_dutch_not_found_page(client, settings):
    assert settings.DEBUG is False
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT, email="info@sto.example")

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert '<a href="/">' in page
    assert 'href="mailto:info@sto.example"' in page


def test_server_error_page_needs_no_context_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = loader.get_template("500.html").render()
    assert '<html lang="nl">' in page
    assert "Er ging iets mis" in page
    assert 'href="/"' in page


def test_a_printed_page_names_its_own_address_with_its_query_string(client):
    page = html_of(client.get("/opleidingen/?profiel=pie&zoek=a%20b"))
    assert (
        '<p class="print-only">Deze pagina staat op '
        "http://testserver/opleidingen/?profiel=pie&amp;zoek=a%20b" in page
    )
    # The canonical link leaves the filters out.
    assert '<link rel="canonical" href="http://testserver/opleidingen/">' in page


def test_site_url_fixes_the_host_of_canonical_and_printed_addresses(client, settings):
    settings.SITE_URL = "https://toolkit.example.nl"
    page = html_of(client.get("/rollen/"))
    assert '<link rel="canonical" href="https://toolkit.example.nl/rollen/">' in page
    assert '<meta property="og:url" content="https://toolkit.example.nl/rollen/">' in page
    assert "Deze pagina staat op https://toolkit.example.nl/rollen/" in page
