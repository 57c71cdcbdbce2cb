"""The roles page (/rollen/): a section per role in the school, with what the role may
do, the qualification it needs, and the published steps and routes that lead to it.
Its query budget with many programmes and with more routes is in test_route_pages.py.

(The staff's "Redacteur" group is tested in test_roles.py.)
"""

import pytest
from django.urls import reverse

from editorial.status import PublicationStatus
from tests import factories as f
from tests.helpers import (
    SIDE_ENTRY,
    assert_sound_structure,
    get_html,
    hrefs,
    html_of,
    part,
    query_count,
    step_url,
)

pytestmark = pytest.mark.django_db


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


def test_role_page_has_a_table_of_contents_and_a_section_per_role(client, seeded_db):
    page = get_html(client, reverse("pathways:role_list"))

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
    page = get_html(client, reverse("pathways:role_list"))

    qualified = part(page, "bevoegd-docent")
    assert step_url("tweedegraadsprogramma") in hrefs(qualified)
    assert f"/routes/{SIDE_ENTRY}/" in hrefs(qualified)
    assert "/routes/zij-instroom-in-het-beroep/tweedegraads-bevoegdheid/" in hrefs(qualified)
    assert step_url("instructeur") in hrefs(part(page, "instructeur"))
    # Every role of the sheet has a step now (issue 13).
    assert "/routes/hybride-docentschap/gastdocent/" in hrefs(part(page, "gastdocent"))
    assert "Nog geen stap vastgelegd." not in page


def test_role_page_does_not_link_steps_of_draft_routes(client):
    role = f.RoleFactory(slug="instructeur")
    hidden = f.StepFactory(
        leads_to_role=role, pathway=f.PathwayFactory(status=PublicationStatus.DRAFT)
    )

    section = part(get_html(client, reverse("pathways:role_list")), "instructeur")

    assert hidden.get_absolute_url() not in section
    assert "Nog geen stap vastgelegd." in section


def test_role_list_query_count_does_not_grow_with_the_data(client):
    f.StepFactory(leads_to_role=f.RoleFactory(required_qualification=f.QualificationFactory()))
    small = query_count(client, reverse("pathways:role_list"))
    for _ in range(5):
        role = f.RoleFactory(required_qualification=f.QualificationFactory())
        role.sources.add(f.SourceFactory())
        f.StepFactory.create_batch(2, leads_to_role=role)
    assert query_count(client, reverse("pathways:role_list")) == small
