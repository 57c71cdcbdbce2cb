"""The route pages: the list of routes (/routes/), a route with its diagram and steps,
and a step with its offers, its place in the route and its neighbours. The query
budgets of the roles and resources pages are checked here too, as those pages are
built from the same routes, steps and roles.

Many tests use the real seed (`seeded_db`), so they show what a school leader sees;
the rest build just the data they need with the factories.
"""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import Pathway, Step
from programmes.models import Programme
from tests import factories as f
from tests.helpers import (
    SIDE_ENTRY,
    assert_sound_structure,
    build_route,
    get_html,
    hrefs,
    html_of,
    part,
    query_count,
    step_url,
)

pytestmark = pytest.mark.django_db


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


# The list of routes ---------------------------------------------------------------------


def test_route_list_shows_every_published_route_in_order_with_its_step_count_and_diagram(client):
    second, _ = build_route(rows=2)
    second.order, second.name = 2, "Tweede route"
    second.save()
    first, _ = build_route(rows=3, choices=2)
    first.order, first.name = 1, "Eerste route"
    first.save()
    draft, _ = build_route(status=PublicationStatus.DRAFT)

    page = get_html(client, reverse("pathways:pathway_list"))

    assert "<title>Routes naar het docentschap — " in page
    assert page.index("Eerste route") < page.index("Tweede route")
    assert draft.name not in page and draft.get_absolute_url() not in page
    assert f'<a href="{first.get_absolute_url()}">Eerste route</a>' in page
    assert "Een gegenereerde route." in page
    assert "3 stappen. Bij stap 3 kiest u uit 2 mogelijkheden." in page
    assert "2 stappen." in page
    assert page.count('<svg class="route-diagram"') == 2
    assert f'aria-labelledby="schema-{first.slug}-title schema-{first.slug}-desc"' in page
    assert_sound_structure(page)


def test_route_list_explains_what_a_route_is_and_is_honest_about_missing_steps(client):
    empty = f.PathwayFactory(name="Nieuwe route")

    page = get_html(client, reverse("pathways:pathway_list"))

    assert "Een route is de weg die iemand aflegt om in het onderwijs te gaan werken" in page
    assert f'<a href="{empty.get_absolute_url()}">Nieuwe route</a>' in page
    assert "De stappen van deze route staan hier zodra ze bekend zijn." in page
    assert "<svg" not in page
    assert f'<a href="{reverse("pathways:role_list")}">Rollen in de school</a>' in page


def test_route_list_without_routes_says_so(client):
    page = get_html(client, reverse("pathways:pathway_list"))
    assert "Er staan nog geen routes op de site." in page


def test_route_list_shows_the_stepped_side_entry_model_first(client, seeded_db):
    page = get_html(client, reverse("pathways:pathway_list"))

    names = [p.name for p in Pathway.objects.published()]
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)
    side_entry = page[page.index('id="route-' + SIDE_ENTRY) :]
    side_entry = side_entry[: side_entry.index("</li>")]
    assert "3 stappen. Bij stap 3 kiest u uit 3 mogelijkheden." in side_entry
    assert "<desc" in side_entry and "Stap 3 is een keuze uit 3: Instructeur" in side_entry
    assert page.count('<svg class="route-diagram"') == len(names)
    assert_sound_structure(page)


# A route ------------------------------------------------------------------------------


def test_side_entry_route_page_shows_the_stepped_model_at_a_glance(client, seeded_db):
    page = get_html(client, reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}))

    schema = part(page, "schema")
    assert '<svg class="route-diagram"' in schema and 'role="img"' in schema
    assert 'aria-labelledby="diagram-title diagram-desc"' in schema
    assert "Schema van de route Scholingstraject Hybride Techniekopleiders</title>" in schema
    assert schema.count("<rect") == 5
    assert schema.count("marker-end=") == 5  # four arrows down, one from the PDG across
    in_words = unescape(schema[schema.index("In woorden:") :])
    for sentence in (
        "Stap 1: Kennismakingsprogramma.",
        "Stap 2: Oriëntatietraject.",
        "Stap 3 is een keuze uit 3: Instructeur, of PDG-traject (mbo-bevoegdheid), "
        "of Tweedegraadsprogramma.",
        "Na PDG-traject (mbo-bevoegdheid) kunt u verder met Tweedegraadsprogramma.",
    ):
        assert f"<li>{sentence}</li>" in in_words

    steps = part(page, "stappen")
    assert steps.count('<li class="step" id="stap-') == 3
    assert (
        '<span class="step-number">Stap 3</span> Kies één: Instructeur, of '
        "PDG-traject (mbo-bevoegdheid), of Tweedegraadsprogramma</h3>"
    ) in steps
    assert steps.count('<p class="or">of</p>') == 2
    for slug in ("kennismakingsprogramma", "orientatietraject", "instructeur", "pdg-traject"):
        assert step_url(slug) in hrefs(steps)
    assert_sound_structure(page)


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


def test_route_page_says_what_each_step_counts_from_the_steps_before(client, seeded_db):
    page = get_html(client, reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}))
    steps = part(page, "stappen")

    second_degree = steps[steps.rindex("<h4>") :]
    orientation = f'Uit <a href="{step_url("orientatietraject")}">Oriëntatietraject</a>: '
    pdg = f'Uit <a href="{step_url("pdg-traject")}">PDG-traject (mbo-bevoegdheid)</a>: '
    assert "<dt>Wat telt mee</dt>" in second_degree
    assert orientation + "Bij iedere stap wordt rekening gehouden" in second_degree
    assert pdg + "Bij Fontys geeft het PDG" in second_degree
    # The first step has nothing before it.
    first = steps[: steps.index('id="stap-2"')]
    assert "Wat telt mee" not in first
    # "Daarna" offers the next steps as choices.
    second = steps[steps.index('id="stap-2"') : steps.index('id="stap-3"')]
    assert f'<li>of <a href="{step_url("tweedegraadsprogramma")}">' in second


def test_route_page_shows_each_steps_duration_yield_role_providers_and_funders(client):
    pathway, (step,) = build_route(rows=1)
    organisation = step.providers.get()
    institution = step.provider_institutions.get()
    funder = step.funders.get()

    page = get_html(client, pathway.get_absolute_url())
    steps = part(page, "stappen")

    for text in (
        "een jaar",
        step.yields.name,
        f'<a href="{step.leads_to_role.get_absolute_url()}">{step.leads_to_role.name}</a>',
        f"<dd>{organisation.name}, {institution.name}</dd>",
        f"<dd>{funder.name}</dd>",
    ):
        assert text in steps, text


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
        "Laatst gecontroleerd op 5 januari 2026: de feiten zijn toen vergeleken met de bronnen.",
    ):
        assert text in page


def test_step_page_says_once_who_offers_a_step_when_that_is_unknown(client):
    pathway = f.PathwayFactory()
    step = f.StepFactory(pathway=pathway, duration="", entry_requirements="")

    steps = part(get_html(client, pathway.get_absolute_url()), "stappen")
    page = get_html(client, step.get_absolute_url())

    # The route's overview shows what is known; the step's page says what is not, once.
    assert "<dt>Aangeboden door</dt>" not in steps and "Nog niet bekend" not in steps
    assert "Wat we van een stap nog niet weten, staat op de pagina van die stap." in steps
    line = page[page.index('<p class="unknown">') :]
    line = line[: line.index("</p>")]
    assert page.count('<p class="unknown">') == 1
    assert "Nog niet bekend: duur, toelatingseisen" in line and "wie de stap aanbiedt" in line
    assert "#toolkit-contact" in line


def test_route_page_links_onward_to_the_programmes_and_back_in_the_breadcrumbs(client, seeded_db):
    page = get_html(client, reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}))

    assert reverse("programmes:programme_list") in hrefs(part(page, "stappen"))
    start = page.index('aria-label="Kruimelpad"')
    crumbs = page[start : page.index("</nav>", start)]
    assert hrefs(crumbs) == ["/", "/routes/", f"/routes/{SIDE_ENTRY}/"]
    assert "#routes" not in crumbs


def test_route_page_escapes_step_names_in_the_diagram_and_the_list(client):
    pathway = f.PathwayFactory(name="R&D <route>")
    first = f.StepFactory(pathway=pathway, order=1, title="Lezen & schrijven <basis>")
    f.TransitionFactory(from_step=first, to_step=f.StepFactory(pathway=pathway, order=2))

    page = get_html(client, pathway.get_absolute_url())

    assert "<basis>" not in page and "<route>" not in page
    schema = part(page, "schema")
    assert "Lezen &amp; schrijven &lt;basis&gt;" in schema
    assert "Schema van de route R&amp;D &lt;route&gt;</title>" in schema


def test_draft_pathway_and_its_steps_are_not_found(client):
    step = f.StepFactory(pathway=f.PathwayFactory(status=PublicationStatus.DRAFT))
    assert client.get(step.pathway.get_absolute_url()).status_code == 404
    assert client.get(step.get_absolute_url()).status_code == 404


def test_route_pages_use_the_site_stylesheet_with_print_rules(client, seeded_db):
    for url in (
        reverse("pathways:pathway_list"),
        reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}),
        step_url("pdg-traject"),
    ):
        page = get_html(client, url)
        assert '<link rel="stylesheet" href="/static/css/site.css">' in page, url
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert 'a[href^="/"]::after' in print_rules and "attr(href)" in print_rules
    assert "break-inside: avoid" in print_rules


# A step ------------------------------------------------------------------------------


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
        "Laatst gecontroleerd op 24 november 2026: de feiten zijn toen",
        "anderhalf jaar",
        "Een PDG.",
        f'<a href="{programme.get_absolute_url()}">Leraar Techniek</a>',
        f'<a href="{before.get_absolute_url()}">Kennismaken</a> — telt mee: de lessen',
        f'<a href="{after.get_absolute_url()}">Tweedegraads</a> — telt mee: vrijstellingen',
    ):
        assert text in page, text
    assert page.count('href="/opleidingen/') == 2  # the menu and the published programme
    assert f'href="{programme.get_absolute_url()}"' in page


def test_step_page_says_which_step_it_is_and_names_the_other_choices(client, seeded_db):
    page = get_html(client, step_url("pdg-traject"))

    assert "Stap 3 van 3 in de route" in page
    note = page[page.index('class="choice-note"') :]
    note = note[: note.index("</p>")]
    assert "Bij stap 3 kiest u één van 3 mogelijkheden." in note
    assert hrefs(note) == [step_url("instructeur"), step_url("tweedegraadsprogramma")]
    assert "<h3>In plaats van deze stap</h3>" in page
    assert_sound_structure(page)


def test_step_page_navigation_lists_the_whole_route_and_marks_this_step(client, seeded_db):
    page = get_html(client, step_url("orientatietraject"))

    nav = part(page, "step-nav-title")
    assert hrefs(nav) == [
        step_url("kennismakingsprogramma"),
        step_url("orientatietraject"),
        step_url("instructeur"),
        step_url("pdg-traject"),
        step_url("tweedegraadsprogramma"),
        f"/routes/{SIDE_ENTRY}/#stappen",
    ]
    assert page.count('aria-current="step"') == 1
    assert f'<a href="{step_url("orientatietraject")}" aria-current="step">' in nav
    assert '<span class="step-nav-choose">Kies één:</span>' in nav
    assert page.index('<nav class="step-nav"') > page.index('id="bronnen"')  # after the content


def test_step_page_links_back_and_on_with_what_counts(client, seeded_db):
    page = get_html(client, step_url("orientatietraject"))
    order = part(page, "volgorde-title")

    assert (
        f'<a href="{step_url("kennismakingsprogramma")}">Kennismakingsprogramma</a> — telt mee: '
        "Bij iedere stap"
    ) in order
    after = order[order.index("<h3>Daarna</h3>") :]
    assert hrefs(after) == [
        step_url("instructeur"),
        step_url("pdg-traject"),
        step_url("tweedegraadsprogramma"),
    ]
    assert after.count("— telt mee:") == 3


def test_last_step_links_onward_to_its_programmes_and_all_programmes(client, seeded_db):
    page = get_html(client, step_url("tweedegraadsprogramma"))

    order = part(page, "volgorde-title")
    assert "Dit is de laatste stap van de route." in order
    assert "#opleidingen" in hrefs(order)
    assert reverse("programmes:programme_list") in hrefs(order)
    programmes = Step.objects.get(slug="tweedegraadsprogramma").programmes.published()
    assert programmes.count() == 6
    listed = hrefs(part(page, "opleidingen-title"))
    assert sorted(listed) == sorted(p.get_absolute_url() for p in programmes)


def test_a_step_without_a_next_step_before_the_end_says_so(client):
    pathway = f.PathwayFactory()
    lonely = f.StepFactory(pathway=pathway, order=1)
    f.StepFactory(pathway=pathway, order=2)

    order = part(get_html(client, lonely.get_absolute_url()), "volgorde-title")

    assert "Na deze stap is geen volgende stap vastgelegd." in order
    assert "laatste stap" not in order


def test_side_entry_journey_from_the_route_list_to_a_second_degree_programme(client, seeded_db):
    """Follow links only, as a visitor would: the list, the route, step by step to
    the second-degree programme, and on to a programme's page."""
    page = get_html(client, reverse("pathways:pathway_list"))
    route = f"/routes/{SIDE_ENTRY}/"
    assert route in hrefs(page)

    page = get_html(client, route)
    first = hrefs(part(page, "stap-1"))[0]
    assert first == step_url("kennismakingsprogramma")

    page = get_html(client, first)
    assert "Stap 1 van 3" in page
    following = hrefs(page[page.index("<h3>Daarna</h3>") :])[0]
    page = get_html(client, following)
    assert "Stap 2 van 3" in page
    after = hrefs(page[page.index("<h3>Daarna</h3>") :])
    second_degree = step_url("tweedegraadsprogramma")
    assert second_degree in after

    page = get_html(client, second_degree)
    assert "<h1>Tweedegraadsprogramma" in page
    programme = hrefs(part(page, "opleidingen-title"))[0]
    slug = programme.strip("/").split("/")[-1]
    assert Programme.objects.get(slug=slug).name in get_html(client, programme)


# Query budgets -----------------------------------------------------------------------


BUDGETS = {
    "list": 4,  # routes, steps, transitions, the toolkit contact
    "route": 13,  # route + 5 relations (with funding schemes), steps + 5 relations, contact
    # step + 9 relations (with funding schemes), the route's steps, offer sources, costs
    # and profielen, the toolkit contact
    "step": 15,
    "roles": 5,  # roles, sources, funding schemes, steps, the toolkit contact
    "resources": 11,  # resources, texts, organisations + 4, coach, rules + sources, contact
}


def page_urls(route, step):
    return {
        "list": reverse("pathways:pathway_list"),
        "route": route.get_absolute_url(),
        "step": step.get_absolute_url(),
        "roles": reverse("pathways:role_list"),
        "resources": reverse("pathways:resource_list"),
    }


def test_route_pages_keep_their_query_budget_with_many_programmes(
    client, many_programmes, django_assert_max_num_queries
):
    route = Pathway.objects.get(slug=SIDE_ENTRY)
    step = Step.objects.get(pathway=route, slug="pdg-traject")  # a step with offers
    for name, url in page_urls(route, step).items():
        with django_assert_max_num_queries(BUDGETS[name]):
            assert client.get(url).status_code == 200, name


def test_route_pages_query_count_does_not_grow_with_more_routes_steps_and_roles(
    client, django_assert_max_num_queries
):
    small_route, small_steps = build_route(rows=1)
    f.RuleFactory()
    small = {
        name: query_count(client, url)
        for name, url in page_urls(small_route, small_steps[0]).items()
    }

    for _ in range(6):
        build_route(rows=4, choices=3)
    big_route, big_steps = build_route(rows=6, choices=4)
    for step in big_steps[:3]:
        f.StepOfferFactory(step=step).sources.add(f.SourceFactory())
    f.ResourceFactory.create_batch(5, organisation=big_route.providers.get())
    f.RuleFactory.create_batch(5)

    urls = page_urls(big_route, big_steps[-1])
    for name, url in urls.items():
        assert query_count(client, url) == small[name], name
        with django_assert_max_num_queries(BUDGETS[name]):
            client.get(url)


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
    with django_assert_max_num_queries(BUDGETS["route"]):
        client.get(url)


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
