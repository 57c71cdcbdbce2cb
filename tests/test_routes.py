"""The route pages (/routes/, a route, a step), the roles page and the resources page.

Most tests use the real seed (`seeded_db`), so they show what a school leader
sees; the rest build just the data they need with the factories.
"""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose, Pathway, ResourceKind, Step
from programmes.models import Programme
from tests import factories as f

pytestmark = pytest.mark.django_db

SIDE_ENTRY = "scholingstraject-hybride-techniekopleiders"


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def get(client, url):
    return html_of(client.get(url))


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def part(page, element_id):
    """The HTML from the element with this id up to the end of its section or nav."""
    start = page.index(f'id="{element_id}"')
    ends = [page.find(end, start) for end in ("</section>", "</nav>")]
    return page[start : min(end for end in ends if end != -1)]


def hrefs(html):
    return re.findall(r'href="([^"]+)"', html)


def step_url(slug, pathway=SIDE_ENTRY):
    return reverse("pathways:step_detail", kwargs={"pathway_slug": pathway, "slug": slug})


def assert_sound_structure(page):
    """One h1, and no id used twice (the diagrams must not clash)."""
    assert page.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def build_route(rows=3, choices=1, status=PublicationStatus.PUBLISHED):
    """A route with everything its pages show: each step with a role, a yield,
    providers, funders, a programme, an offer and sources; the last row holds
    `choices` alternatives; every step leads to every step of the next row."""
    pathway = f.PathwayFactory(status=status, summary="Een gegenereerde route.")
    pathway.providers.add(f.OrganisationFactory())
    pathway.provider_institutions.add(f.InstitutionFactory())
    pathway.funders.add(f.OrganisationFactory())
    pathway.sources.add(f.SourceFactory())
    role = f.RoleFactory()
    previous, steps = [], []
    for order in range(1, rows + 1):
        row = []
        for _ in range(choices if order == rows else 1):
            step = f.StepFactory(
                pathway=pathway,
                order=order,
                duration="een jaar",
                yields=f.QualificationFactory(),
                leads_to_role=role,
            )
            step.providers.add(f.OrganisationFactory())
            step.provider_institutions.add(f.InstitutionFactory())
            step.funders.add(f.OrganisationFactory())
            step.sources.add(f.SourceFactory())
            step.programmes.add(f.ProgrammeFactory())
            f.StepOfferFactory(step=step).sources.add(f.SourceFactory())
            row.append(step)
        for before in previous:
            for after in row:
                f.TransitionFactory(from_step=before, to_step=after, credits="wat al gedaan is")
        previous = row
        steps.extend(row)
    return pathway, steps


# The list of routes ---------------------------------------------------------------------


def test_route_list_shows_every_published_route_in_order_with_its_step_count_and_diagram(client):
    second, _ = build_route(rows=2)
    second.order, second.name = 2, "Tweede route"
    second.save()
    first, _ = build_route(rows=3, choices=2)
    first.order, first.name = 1, "Eerste route"
    first.save()
    draft, _ = build_route(status=PublicationStatus.DRAFT)

    page = get(client, reverse("pathways:pathway_list"))

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

    page = get(client, reverse("pathways:pathway_list"))

    assert "Een route is de weg die iemand aflegt om in het onderwijs te gaan werken" in page
    assert f'<a href="{empty.get_absolute_url()}">Nieuwe route</a>' in page
    assert "De stappen van deze route staan hier zodra ze bekend zijn." in page
    assert "<svg" not in page
    assert f'<a href="{reverse("pathways:role_list")}">Rollen in de school</a>' in page


def test_route_list_without_routes_says_so(client):
    page = get(client, reverse("pathways:pathway_list"))
    assert "Er staan nog geen routes op de site." in page


def test_route_list_shows_the_stepped_side_entry_model_first(client, seeded_db):
    page = get(client, reverse("pathways:pathway_list"))

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
    page = get(client, reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}))

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


def test_route_page_says_what_each_step_counts_from_the_steps_before(client, seeded_db):
    page = get(client, reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}))
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

    page = get(client, pathway.get_absolute_url())
    steps = part(page, "stappen")

    for text in (
        "een jaar",
        step.yields.name,
        f'<a href="{step.leads_to_role.get_absolute_url()}">{step.leads_to_role.name}</a>',
        f"<dd>{organisation.name}, {institution.name}</dd>",
        f"<dd>{funder.name}</dd>",
    ):
        assert text in steps, text


def test_route_page_says_honestly_who_offers_a_step_when_that_is_unknown(client):
    pathway = f.PathwayFactory()
    f.StepFactory(pathway=pathway)

    steps = part(get(client, pathway.get_absolute_url()), "stappen")

    offered = steps[steps.index("<dt>Aangeboden door</dt>") :]
    assert offered.index("Nog niet bekend.") < offered.index("</div>")
    assert "#toolkit-contact" in offered


def test_route_page_links_onward_to_the_programmes_and_back_in_the_breadcrumbs(client, seeded_db):
    page = get(client, reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}))

    assert reverse("programmes:programme_list") in hrefs(part(page, "stappen"))
    start = page.index('aria-label="Kruimelpad"')
    crumbs = page[start : page.index("</nav>", start)]
    assert hrefs(crumbs) == ["/", "/routes/", f"/routes/{SIDE_ENTRY}/"]
    assert "#routes" not in crumbs


def test_route_page_escapes_step_names_in_the_diagram_and_the_list(client):
    pathway = f.PathwayFactory(name="R&D <route>")
    first = f.StepFactory(pathway=pathway, order=1, title="Lezen & schrijven <basis>")
    f.TransitionFactory(from_step=first, to_step=f.StepFactory(pathway=pathway, order=2))

    page = get(client, pathway.get_absolute_url())

    assert "<basis>" not in page and "<route>" not in page
    schema = part(page, "schema")
    assert "Lezen &amp; schrijven &lt;basis&gt;" in schema
    assert "Schema van de route R&amp;D &lt;route&gt;</title>" in schema


def test_route_pages_use_the_site_stylesheet_with_print_rules(client, seeded_db):
    for url in (
        reverse("pathways:pathway_list"),
        reverse("pathways:pathway_detail", kwargs={"slug": SIDE_ENTRY}),
        step_url("pdg-traject"),
    ):
        page = get(client, url)
        assert '<link rel="stylesheet" href="/static/css/site.css">' in page, url
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert 'a[href^="/"]::after' in print_rules and "attr(href)" in print_rules
    assert "break-inside: avoid" in print_rules


# A step ------------------------------------------------------------------------------


def test_step_page_says_which_step_it_is_and_names_the_other_choices(client, seeded_db):
    page = get(client, step_url("pdg-traject"))

    assert "Stap 3 van 3 in de route" in page
    note = page[page.index('class="choice-note"') :]
    note = note[: note.index("</p>")]
    assert "Bij stap 3 kiest u één van 3 mogelijkheden." in note
    assert hrefs(note) == [step_url("instructeur"), step_url("tweedegraadsprogramma")]
    assert "<h3>In plaats van deze stap</h3>" in page
    assert_sound_structure(page)


def test_step_page_navigation_lists_the_whole_route_and_marks_this_step(client, seeded_db):
    page = get(client, step_url("orientatietraject"))

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
    page = get(client, step_url("orientatietraject"))
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
    page = get(client, step_url("tweedegraadsprogramma"))

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

    order = part(get(client, lonely.get_absolute_url()), "volgorde-title")

    assert "Na deze stap is geen volgende stap vastgelegd." in order
    assert "laatste stap" not in order


def test_side_entry_journey_from_the_route_list_to_a_second_degree_programme(client, seeded_db):
    """Follow links only, as a visitor would: the list, the route, step by step to
    the second-degree programme, and on to a programme's page."""
    page = get(client, reverse("pathways:pathway_list"))
    route = f"/routes/{SIDE_ENTRY}/"
    assert route in hrefs(page)

    page = get(client, route)
    first = hrefs(part(page, "stap-1"))[0]
    assert first == step_url("kennismakingsprogramma")

    page = get(client, first)
    assert "Stap 1 van 3" in page
    following = hrefs(page[page.index("<h3>Daarna</h3>") :])[0]
    page = get(client, following)
    assert "Stap 2 van 3" in page
    after = hrefs(page[page.index("<h3>Daarna</h3>") :])
    second_degree = step_url("tweedegraadsprogramma")
    assert second_degree in after

    page = get(client, second_degree)
    assert "<h1>Tweedegraadsprogramma" in page
    programme = hrefs(part(page, "opleidingen-title"))[0]
    slug = programme.strip("/").split("/")[-1]
    assert Programme.objects.get(slug=slug).name in get(client, programme)


# Roles --------------------------------------------------------------------------------


def test_role_page_has_a_table_of_contents_and_a_section_per_role(client, seeded_db):
    page = get(client, reverse("pathways:role_list"))

    toc = part(page, "rollen-inhoud")
    for slug in (
        "instructeur",
        "onderwijsassistent",
        "onderwijsondersteuner",
        "hybride-docent",
        "bevoegd-docent",
    ):
        assert f"#{slug}" in hrefs(toc)
        assert f'<section class="role" id="{slug}" aria-labelledby="{slug}-title">' in page
    instructor = part(page, "instructeur")
    assert "Ondersteunt praktijklessen." in instructor
    assert "<dt>Wat deze rol mag en doet</dt>" in instructor
    assert_sound_structure(page)


def test_role_page_says_which_steps_and_routes_lead_to_each_role(client, seeded_db):
    page = get(client, reverse("pathways:role_list"))

    qualified = part(page, "bevoegd-docent")
    assert step_url("tweedegraadsprogramma") in hrefs(qualified)
    assert f"/routes/{SIDE_ENTRY}/" in hrefs(qualified)
    assert "/routes/zij-instroom-in-het-beroep/tweedegraads-bevoegdheid/" in hrefs(qualified)
    assert step_url("instructeur") in hrefs(part(page, "instructeur"))
    assert "Nog geen stap vastgelegd." in part(page, "gastdocent")


def test_role_page_does_not_link_steps_of_draft_routes(client):
    role = f.RoleFactory(slug="instructeur")
    hidden = f.StepFactory(
        leads_to_role=role, pathway=f.PathwayFactory(status=PublicationStatus.DRAFT)
    )

    section = part(get(client, reverse("pathways:role_list")), "instructeur")

    assert hidden.get_absolute_url() not in section
    assert "Nog geen stap vastgelegd." in section


# Resources ----------------------------------------------------------------------------


def test_resource_page_groups_the_sheets_resources_with_a_table_of_contents(client, seeded_db):
    page = get(client, reverse("pathways:resource_list"))

    toc = part(page, "inhoud-title")
    sections = ["online-hulpbronnen", "meer-lezen", "hybride-docentschap", "organisaties", "regels"]
    assert hrefs(toc) == [f"#{section}" for section in sections]
    positions = [page.index(f'<section id="{section}"') for section in sections]
    assert positions == sorted(positions)

    online = part(page, "online-hulpbronnen")
    assert "https://bit.ly/39yDfxW" in hrefs(online) and "https://bit.ly/3woZr7w" in hrefs(online)
    reading = part(page, "meer-lezen")
    assert "Meer lezen 1." in reading and "Meer lezen 2." in reading
    assert "https://www.sterktechniekonderwijs.nl/docententoolkit" in hrefs(reading)
    hybrid = part(page, "hybride-docentschap")
    assert "Het hybride docentschap" in hybrid  # the sheet's text block
    assert "Hybride Docentschap" in hybrid  # the article
    assert "Coach hybride docentschap" in hybrid and "Rian van Noord" in hybrid
    assert "Peildatum" in part(page, "regels")
    assert_sound_structure(page)


def test_resource_page_says_what_each_organisation_offers_and_funds(client, seeded_db):
    page = get(client, reverse("pathways:resource_list"))

    fund = page[page.index('id="organisatie-wij-techniek"') :]
    fund = fund[: fund.index("</article>")]
    offers = fund[fund.index("<dt>Biedt aan</dt>") : fund.index("<dt>Betaalt voor</dt>")]
    assert f"/routes/{SIDE_ENTRY}/" in hrefs(offers)
    assert step_url("kennismakingsprogramma") in hrefs(offers)
    funds = fund[fund.index("<dt>Betaalt voor</dt>") :]
    assert f"/routes/{SIDE_ENTRY}/" in hrefs(funds)
    assert "https://www.wij-techniek.nl" in hrefs(fund)


def test_resource_page_links_only_published_routes_of_an_organisation(client):
    organisation = f.OrganisationFactory(slug="fonds")
    draft, (draft_step, *_) = build_route(status=PublicationStatus.DRAFT)
    draft.providers.add(organisation)
    draft_step.funders.add(organisation)

    page = get(client, reverse("pathways:resource_list"))
    article = page[page.index('id="organisatie-fonds"') :]
    article = article[: article.index("</article>")]

    assert draft.get_absolute_url() not in page
    assert "Biedt aan" not in article and "Betaalt voor" not in article


def test_resource_page_leaves_out_groups_without_data(client):
    f.ResourceFactory(kind=ResourceKind.FURTHER_READING, title="Pilots")

    page = get(client, reverse("pathways:resource_list"))

    assert hrefs(part(page, "inhoud-title")) == ["#meer-lezen"]
    for missing in ("online-hulpbronnen", "hybride-docentschap", "organisaties", "regels"):
        assert f'<section id="{missing}"' not in page


def test_resource_page_shows_the_hybrid_coach_without_a_text_block(client):
    f.OrganisationContactFactory(purpose=ContactPurpose.HYBRID_COACH, name="Rian")

    hybrid = part(get(client, reverse("pathways:resource_list")), "hybride-docentschap")

    assert "Een hybride docent combineert een baan in het onderwijs" in hybrid
    assert "Rian" in hybrid


# Query budgets -----------------------------------------------------------------------

BUDGETS = {
    "list": 4,  # routes, steps, transitions, the toolkit contact
    "route": 12,  # route + 4 relations, steps + 5 relations, the toolkit contact
    "step": 12,  # step + 8 relations, the route's steps, offer sources, the toolkit contact
    "roles": 4,  # roles, sources, steps, the toolkit contact
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
