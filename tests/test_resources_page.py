"""The resources page (/hulpbronnen/): the sheet's resources grouped with a table of
contents, the organisations with what they offer and fund, the hybrid coach, and the
rules. Its query budget with many programmes and with more routes is in
test_route_pages.py."""

import datetime

import pytest
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose, ResourceKind
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
        "Laatst gecontroleerd op 1 maart 2026:",
    ):
        assert text in page, text


def test_resource_page_groups_the_sheets_resources_with_a_table_of_contents(client, seeded_db):
    page = get_html(client, reverse("pathways:resource_list"))

    toc = part(page, "inhoud-title")
    sections = [
        "online-hulpbronnen",
        "meer-lezen",
        "hybride-docentschap",
        "organisaties",
        "regels",
        "landelijk",  # the rules with order 100 or more: facts-2.md A1-A13
    ]
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
    page = get_html(client, reverse("pathways:resource_list"))

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

    page = get_html(client, reverse("pathways:resource_list"))
    article = page[page.index('id="organisatie-fonds"') :]
    article = article[: article.index("</article>")]

    assert draft.get_absolute_url() not in page
    assert "Biedt aan" not in article and "Betaalt voor" not in article


def test_resource_page_leaves_out_groups_without_data(client):
    f.ResourceFactory(kind=ResourceKind.FURTHER_READING, title="Pilots")

    page = get_html(client, reverse("pathways:resource_list"))

    assert hrefs(part(page, "inhoud-title")) == ["#meer-lezen"]
    for missing in ("online-hulpbronnen", "hybride-docentschap", "organisaties", "regels"):
        assert f'<section id="{missing}"' not in page


def test_resource_page_shows_the_hybrid_coach_without_a_text_block(client):
    f.OrganisationContactFactory(purpose=ContactPurpose.HYBRID_COACH, name="Rian")

    hybrid = part(get_html(client, reverse("pathways:resource_list")), "hybride-docentschap")

    assert "Een hybride docent combineert een baan in het onderwijs" in hybrid
    assert "Rian" in hybrid


def test_resource_list_query_count_does_not_grow_with_the_data(client):
    f.ResourceFactory(organisation=f.OrganisationFactory())
    f.RuleFactory().sources.add(f.SourceFactory())
    small = query_count(client, reverse("pathways:resource_list"))
    for kind in ResourceKind.values:
        f.ResourceFactory.create_batch(2, kind=kind, organisation=f.OrganisationFactory())
    for _ in range(4):
        f.RuleFactory().sources.add(f.SourceFactory())
    assert query_count(client, reverse("pathways:resource_list")) == small
