"""Draft, published, archived (editorial/publishing.py): publishing checks that
an entry is complete, staff preview drafts at the public address, archived
entries answer 410 with alternatives, and what the public has seen is never
deleted."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from editorial.publishing.addresses import archived_since
from editorial.publishing.completeness import missing_for_publishing
from editorial.status import PublicationStatus
from pathways.models import Pathway, Step
from programmes.models import Programme

from . import factories as f
from .test_admin import admin_url, change_form_data

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT
PUBLISHED = PublicationStatus.PUBLISHED
ARCHIVED = PublicationStatus.ARCHIVED
PREVIEW_BANNER = (
    "Voorbeeld: deze opleiding is nog niet gepubliceerd. Alleen redacteuren zien deze pagina."
)


@pytest.fixture
def visitor():
    """An anonymous visitor, apart from `staff_client` (which is the `client`
    fixture, logged in)."""
    return Client()


def post_change(client, entry, **changes):
    url = admin_url(type(entry), "change", entry.pk)
    data = change_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def complete_programme(**kwargs):
    programme = f.ProgrammeFactory(**kwargs)
    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme)
    return programme


def run_action(client, model, action, entries, **extra):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, admin.helpers.ACTION_CHECKBOX_NAME: [e.pk for e in entries], **extra},
        follow=True,
    )


def main_of(response):
    page = response.content.decode()
    return page[page.index('<main id="main-content"') : page.index("</main>")]


# --- Completeness ------------------------------------------------------------------


def test_a_programme_needs_a_website_and_a_contact_person_to_be_published():
    programme = f.ProgrammeFactory(status=DRAFT)
    assert [r.name for r in missing_for_publishing(programme)] == ["links", "contacts"]

    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme)
    assert missing_for_publishing(programme) == []


def test_a_route_needs_a_step_to_be_published():
    pathway = f.PathwayFactory(status=DRAFT)
    assert [r.name for r in missing_for_publishing(pathway)] == ["steps"]
    f.StepFactory(pathway=pathway)
    assert missing_for_publishing(pathway) == []


def test_saving_an_incomplete_draft_is_always_allowed(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT)

    response = post_change(staff_client, programme, name="Nieuwe naam")

    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.name, programme.status) == ("Nieuwe naam", DRAFT)


def test_publishing_an_incomplete_programme_is_refused_and_keeps_the_typed_input(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT, name="Oude naam")

    response = post_change(staff_client, programme, status=PUBLISHED, name="Getypte nieuwe naam")

    assert response.status_code == 200
    page = response.content.decode()
    assert "er ontbreekt nog een website en een contactpersoon" in page
    assert "Om te publiceren heeft deze opleiding minstens een website nodig" in page
    assert 'value="Getypte nieuwe naam"' in page
    programme.refresh_from_db()
    assert (programme.name, programme.status) == ("Oude naam", DRAFT)


def test_a_website_and_contact_added_in_the_same_save_count_for_publishing(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT)
    url = admin_url(Programme, "change", programme.pk)
    data = change_form_data(staff_client.get(url))
    data.update(
        {
            "status": PUBLISHED,
            "links-TOTAL_FORMS": "1",
            "links-0-url": "https://bit.ly/nieuw",
            "links-0-title": "Website",
            "links-0-kind": "eigen",
            "links-0-order": "0",
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-name": "Petra Jansen",
            "contacts-0-email": "petra@hogeschool.example",
            "contacts-0-order": "0",
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == PUBLISHED
    assert programme.links.count() == programme.contacts.count() == 1


def test_deleting_the_last_contact_of_a_published_programme_is_refused(staff_client):
    programme = complete_programme(status=PUBLISHED)

    response = post_change(staff_client, programme, **{"contacts-0-DELETE": "on"})

    assert response.status_code == 200
    assert "er ontbreekt nog een contactpersoon" in response.content.decode()
    assert programme.contacts.count() == 1


def test_adding_a_published_programme_without_contacts_is_refused(staff_client):
    url = admin_url(Programme, "add")
    data = change_form_data(staff_client.get(url))
    data.update(
        institution=str(f.InstitutionFactory().pk),
        name="Leraar Techniek",
        slug="leraar-techniek-nieuw",
        status=PUBLISHED,
    )

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert not Programme.objects.filter(slug="leraar-techniek-nieuw").exists()


def test_publishing_a_route_without_steps_is_refused_in_the_change_form(staff_client):
    pathway = f.PathwayFactory(status=DRAFT)

    response = post_change(staff_client, pathway, status=PUBLISHED)

    assert response.status_code == 200
    assert "er ontbreekt nog een stap" in response.content.decode()
    pathway.refresh_from_db()
    assert pathway.status == DRAFT


def test_publish_action_publishes_complete_entries_and_says_why_others_were_not(staff_client):
    complete = complete_programme(status=DRAFT, name="Volledig")
    no_contact = f.ProgrammeFactory(status=DRAFT, name="Zonder contact")
    f.ProgrammeLinkFactory(programme=no_contact)
    bare = f.ProgrammeFactory(status=DRAFT, name="Leeg")

    response = run_action(staff_client, Programme, "publish", [complete, no_contact, bare])

    page = response.content.decode()
    assert "1 opleiding is gepubliceerd." in page
    assert f"Gepubliceerd: {complete}." in page
    assert "2 opleidingen zijn niet gepubliceerd" in page
    assert f"{no_contact} mist een contactpersoon" in page
    assert f"{bare} mist een website en een contactpersoon" in page
    statuses = dict(Programme.objects.values_list("name", "status"))
    assert statuses == {"Volledig": PUBLISHED, "Zonder contact": DRAFT, "Leeg": DRAFT}


def test_archive_action_archives_entries_and_logs_it(staff_client):
    programme = complete_programme(status=PUBLISHED)

    response = run_action(staff_client, Programme, "archive", [programme])

    programme.refresh_from_db()
    assert programme.status == ARCHIVED
    assert "1 opleiding is gearchiveerd." in response.content.decode()
    assert programme.history.first().status == ARCHIVED


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_publishing_a_published_programme_says_it_already_was(staff_client):
    programme = complete_programme(status=PUBLISHED, name="Al online")
    versions = programme.history.count()

    response = run_action(staff_client, Programme, "publish", [programme])

    assert messages_of(response) == [f"{programme} was al gepubliceerd. Er is niets veranderd."]
    assert "0 opleidingen" not in response.content.decode()
    assert programme.history.count() == versions


def test_publish_action_says_what_it_did_and_what_already_was(staff_client):
    draft = complete_programme(status=DRAFT, name="Nieuw")
    published = [complete_programme(status=PUBLISHED, name=f"Online {n}") for n in (1, 2)]

    response = run_action(staff_client, Programme, "publish", [draft, *published])

    assert messages_of(response) == [
        f"1 opleiding is gepubliceerd. Gepubliceerd: {draft}.",
        f"2 opleidingen waren al gepubliceerd: {published[0]}; {published[1]}. "
        "Daar is niets veranderd.",
    ]


@pytest.mark.parametrize(
    ("action", "status", "words"),
    [
        ("make_draft", DRAFT, "was al een concept"),
        ("archive", ARCHIVED, "was al gearchiveerd"),
    ],
)
def test_status_actions_say_when_an_entry_already_had_the_status(
    staff_client, action, status, words
):
    programme = complete_programme(status=status)
    pathway = f.PathwayFactory(status=status)

    for model, entry in ((Programme, programme), (Pathway, pathway)):
        response = run_action(staff_client, model, action, [entry])
        assert messages_of(response) == [f"{entry} {words}. Er is niets veranderd."]


def test_archive_action_names_the_archived_and_the_already_archived(staff_client):
    published = complete_programme(status=PUBLISHED)
    archived = [complete_programme(status=ARCHIVED) for _ in range(2)]

    response = run_action(staff_client, Programme, "archive", [published, *archived])

    shown = messages_of(response)
    assert shown[0].startswith("1 opleiding is gearchiveerd.")
    assert shown[1] == (
        f"2 opleidingen waren al gearchiveerd: {archived[0]}; {archived[1]}. "
        "Daar is niets veranderd."
    )


# --- Preview -------------------------------------------------------------------------


def test_staff_see_a_draft_as_the_public_would_once_published_under_a_banner(staff_client, visitor):
    programme = complete_programme(status=DRAFT)

    preview = staff_client.get(programme.get_absolute_url())

    assert preview.status_code == 200
    assert PREVIEW_BANNER in preview.content.decode()
    assert 'class="preview-banner"' in preview.content.decode()
    Programme.objects.filter(pk=programme.pk).update(status=PUBLISHED)
    public = visitor.get(programme.get_absolute_url())
    assert PREVIEW_BANNER not in public.content.decode()
    assert main_of(preview) == main_of(public)


def test_a_preview_is_never_cached_by_others_nor_indexed(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT)

    response = staff_client.get(programme.get_absolute_url())

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex"


def test_the_public_gets_404_for_a_draft_and_the_published_page_has_no_banner(client):
    assert client.get(f.ProgrammeFactory(status=DRAFT).get_absolute_url()).status_code == 404
    response = client.get(f.ProgrammeFactory().get_absolute_url())
    assert "preview-banner" not in response.content.decode()
    assert "private" not in response.get("Cache-Control", "")


def test_staff_without_permission_to_view_programmes_get_404(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="ander", password="x-geheim-123", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_pathway"))
    client.force_login(user)

    response = client.get(f.ProgrammeFactory(status=DRAFT).get_absolute_url())

    assert response.status_code == 404


def test_staff_with_view_permission_only_may_preview(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="lezer", password="x-geheim-123", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_programme"))
    client.force_login(user)

    response = client.get(f.ProgrammeFactory(status=DRAFT).get_absolute_url())

    assert response.status_code == 200


def test_view_on_site_in_the_admin_opens_the_preview_of_a_draft(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT)
    content_type = ContentType.objects.get_for_model(Programme)

    response = staff_client.get(
        reverse("admin:view_on_site", args=[content_type.pk, programme.pk]), follow=True
    )

    assert response.redirect_chain[-1][0].endswith(programme.get_absolute_url())
    assert PREVIEW_BANNER in response.content.decode()


def test_change_form_links_to_the_preview_next_to_the_status(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT)

    page = staff_client.get(admin_url(Programme, "change", programme.pk)).content.decode()

    assert re.search(
        rf'<a href="{re.escape(programme.get_absolute_url())}">Bekijk voorbeeld</a>', page
    )


def test_staff_preview_a_draft_route_and_its_steps(staff_client, visitor):
    step = f.StepFactory(pathway=f.PathwayFactory(status=DRAFT))

    for url in (step.pathway.get_absolute_url(), step.get_absolute_url()):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "nog niet gepubliceerd. Alleen redacteuren zien deze pagina." in (
            response.content.decode()
        )
        assert "no-store" in response["Cache-Control"]
        assert visitor.get(url).status_code == 404


def test_staff_see_an_archived_programme_as_a_preview(staff_client):
    programme = f.ProgrammeFactory(status=ARCHIVED)

    response = staff_client.get(programme.get_absolute_url())

    assert response.status_code == 200
    assert "Voorbeeld: deze opleiding is gearchiveerd." in response.content.decode()


# --- Archived ------------------------------------------------------------------------


def archive(entry):
    entry.status = ARCHIVED
    entry.save()
    return entry


def test_archived_programme_answers_410_with_a_helpful_page(client):
    institution = f.InstitutionFactory(name="Hogeschool Zwolle")
    profile = f.VocationalProfileFactory(code="PIE")
    programme = f.ProgrammeFactory(institution=institution, name="Leraar Oud")
    programme.profiles.add(profile)
    archive(programme)
    same_institution = f.ProgrammeFactory(institution=institution, name="Leraar Zelfde School")
    same_profile = f.ProgrammeFactory(name="Leraar Zelfde Profiel")
    same_profile.profiles.add(profile)
    unrelated = f.ProgrammeFactory(name="Leraar Iets Anders")
    draft = f.ProgrammeFactory(institution=institution, name="Leraar Concept", status=DRAFT)

    response = client.get(programme.get_absolute_url())

    assert response.status_code == 410
    page = response.content.decode()
    assert "Deze opleiding wordt niet meer aangeboden" in page
    assert '<meta name="robots" content="noindex">' in page
    for shown in (same_institution, same_profile):
        assert f'<a href="{shown.get_absolute_url()}">{shown.name}</a>' in page
    assert unrelated.name not in page and draft.name not in page
    # Same hogeschool first.
    assert page.index(same_institution.name) < page.index(same_profile.name)
    assert f"?hogeschool={institution.slug}" in page
    assert f"?profiel={profile.slug}" in page
    assert reverse("programmes:programme_list") in page
    assert reverse("pathways:pathway_list") in page


def test_archived_page_says_since_when_as_the_history_records_it(client):
    programme = archive(f.ProgrammeFactory())
    archived_at = programme.history.first().history_date

    page = client.get(programme.get_absolute_url()).content.decode()

    assert archived_since(programme) == archived_at
    expected = date_format(timezone.localtime(archived_at), "j F Y")
    assert f"staat niet meer in de toolkit, sinds {expected}." in page


def test_archived_date_is_not_guessed_when_the_history_does_not_show_it(client):
    programme = f.ProgrammeFactory(status=ARCHIVED)  # created archived: no change seen

    page = client.get(programme.get_absolute_url()).content.decode()

    assert archived_since(programme) is None
    assert "staat niet meer in de toolkit. Misschien" in page


def test_archived_date_is_the_start_of_the_latest_archiving(client):
    programme = archive(f.ProgrammeFactory())
    programme.status = PUBLISHED
    programme.save()
    archive(programme)
    latest_archiving = programme.history.first().history_date
    programme.summary = "Later nog iets aangepast."
    programme.save()

    assert archived_since(programme) == latest_archiving


def archived_programme_with_alternatives(count):
    institution = f.InstitutionFactory()
    profile = f.VocationalProfileFactory(code="PIE")
    programme = archive(f.ProgrammeFactory(institution=institution))
    programme.profiles.add(profile, f.VocationalProfileFactory(code="BWI", name="Bouwen"))
    for _ in range(count):
        f.ProgrammeFactory(institution=institution).profiles.add(profile)
        f.ProgrammeFactory().profiles.add(profile)
    return programme


def test_archived_programme_page_query_count_does_not_grow(client, django_assert_num_queries):
    few = archived_programme_with_alternatives(1).get_absolute_url()
    many = archived_programme_with_alternatives(10).get_absolute_url()

    # Published lookup, unpublished lookup, since when, profiles, alternatives,
    # the toolkit's contact in the footer.
    with django_assert_num_queries(6):
        assert client.get(few).status_code == 410
    with django_assert_num_queries(6):
        assert client.get(many).status_code == 410


def test_archived_route_answers_410_pointing_to_the_published_routes(client):
    pathway = archive(f.PathwayFactory(name="Oude route"))
    other = f.PathwayFactory(name="Nieuwe route")
    draft = f.PathwayFactory(name="Geheime route", status=DRAFT)

    response = client.get(pathway.get_absolute_url())

    assert response.status_code == 410
    page = response.content.decode()
    assert "Deze route wordt niet meer aangeboden" in page
    assert f'<a href="{other.get_absolute_url()}">Nieuwe route</a>' in page
    assert draft.name not in page


def test_step_of_an_archived_route_answers_410_pointing_to_the_routes(client):
    step = f.StepFactory(title="Kennismaken", pathway=f.PathwayFactory(name="Oude route"))
    archive(step.pathway)
    other = f.PathwayFactory(name="Nieuwe route")

    response = client.get(step.get_absolute_url())

    assert response.status_code == 410
    page = response.content.decode()
    assert "De stap Kennismaken hoort bij de route Oude route" in page
    assert f'<a href="{other.get_absolute_url()}">Nieuwe route</a>' in page
    assert reverse("pathways:pathway_list") in page


def test_archived_route_and_step_pages_have_a_fixed_query_budget(client, django_assert_num_queries):
    step = f.StepFactory(pathway=f.PathwayFactory())
    archive(step.pathway)
    f.PathwayFactory.create_batch(5)

    # Published lookup, unpublished lookup, since when, published routes, footer contact.
    with django_assert_num_queries(5):
        assert client.get(step.pathway.get_absolute_url()).status_code == 410
    with django_assert_num_queries(5):
        assert client.get(step.get_absolute_url()).status_code == 410


def test_old_slug_redirects_do_not_interfere_with_an_archived_page(client):
    programme = archive(f.ProgrammeFactory(slug="oude-opleiding"))
    f.ProgrammeSlugHistoryFactory(programme=f.ProgrammeFactory(), old_slug="nog-ouder")

    response = client.get(programme.get_absolute_url())

    assert response.status_code == 410
    assert client.get("/opleidingen/bestaat-niet/").status_code == 404


# --- Never delete what public links point to ------------------------------------------


@pytest.mark.parametrize("status", [PUBLISHED, ARCHIVED])
def test_a_published_or_archived_programme_cannot_be_deleted(staff_client, status):
    programme = f.ProgrammeFactory(status=status)

    change_page = staff_client.get(admin_url(Programme, "change", programme.pk))
    delete_page = staff_client.get(admin_url(Programme, "delete", programme.pk))

    assert admin_url(Programme, "delete", programme.pk) not in change_page.content.decode()
    assert delete_page.status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_a_draft_that_was_published_before_cannot_be_deleted(staff_client):
    programme = f.ProgrammeFactory(status=PUBLISHED)
    programme.status = DRAFT
    programme.save()

    response = staff_client.get(admin_url(Programme, "delete", programme.pk))

    assert response.status_code == 403


def test_a_draft_that_was_never_published_can_be_deleted(staff_client):
    programme = f.ProgrammeFactory(status=DRAFT)

    response = staff_client.post(admin_url(Programme, "delete", programme.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_bulk_delete_refuses_a_selection_with_a_public_entry_and_advises_archiving(
    staff_client,
):
    draft = f.ProgrammeFactory(status=DRAFT)
    published = f.ProgrammeFactory(status=PUBLISHED)

    response = run_action(staff_client, Programme, "delete_selected", [draft, published])
    confirmed = run_action(
        staff_client, Programme, "delete_selected", [draft, published], post="yes"
    )

    for page in (response.content.decode(), confirmed.content.decode()):
        assert "Niets verwijderd" in page
        assert str(published) in page
        assert "Archiveren" in page
    assert Programme.objects.count() == 2


def test_bulk_delete_still_deletes_drafts_that_were_never_published(staff_client):
    drafts = f.ProgrammeFactory.create_batch(2, status=DRAFT)

    run_action(staff_client, Programme, "delete_selected", drafts, post="yes")

    assert not Programme.objects.exists()


def test_bulk_delete_of_routes_refuses_a_published_route(staff_client):
    pathway = f.PathwayFactory(status=PUBLISHED)

    response = run_action(staff_client, Pathway, "delete_selected", [pathway], post="yes")

    assert "Niets verwijderd" in response.content.decode()
    assert Pathway.objects.filter(pk=pathway.pk).exists()


@pytest.mark.parametrize("status", [PUBLISHED, ARCHIVED])
def test_steps_of_a_published_or_archived_route_cannot_be_deleted(staff_client, status):
    step = f.StepFactory(pathway=f.PathwayFactory(status=status))

    delete_page = staff_client.get(admin_url(Step, "delete", step.pk))
    route_page = staff_client.get(admin_url(Pathway, "change", step.pathway.pk))
    bulk = run_action(staff_client, Step, "delete_selected", [step], post="yes")

    assert delete_page.status_code == 403
    assert 'name="steps-0-DELETE"' not in route_page.content.decode()
    assert "Niets verwijderd" in bulk.content.decode()
    assert Step.objects.filter(pk=step.pk).exists()


def test_steps_of_a_draft_route_can_be_deleted(staff_client):
    step = f.StepFactory(pathway=f.PathwayFactory(status=DRAFT))

    route_page = staff_client.get(admin_url(Pathway, "change", step.pathway.pk))
    response = staff_client.post(admin_url(Step, "delete", step.pk), {"post": "yes"})

    assert 'name="steps-0-DELETE"' in route_page.content.decode()
    assert response.status_code == 302
    assert not Step.objects.filter(pk=step.pk).exists()


def test_publication_actions_sit_together_in_the_admin(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    for model in (Programme, Pathway):
        actions = admin.site._registry[model].get_actions(request)
        labels = {name: str(description) for _, name, description in actions.values()}
        assert labels["publish"] == "Publiceren"
        assert labels["make_draft"] == "Terugzetten naar concept"
        assert labels["archive"] == "Archiveren"


# --- Saving a published entry --------------------------------------------------------

ONLINE_AT_ONCE = "Wat u opslaat, ziet iedereen meteen."


@pytest.mark.parametrize("status", [PUBLISHED, DRAFT, ARCHIVED])
def test_the_form_of_a_published_entry_says_saving_puts_it_online(staff_client, status):
    programme = complete_programme(status=status)
    pathway = f.PathwayFactory(status=status)
    step = f.StepFactory(pathway=pathway)

    for entry in (programme, pathway, step):
        page = staff_client.get(admin_url(type(entry), "change", entry.pk)).content.decode()
        shown = ONLINE_AT_ONCE in page
        assert shown == (status == PUBLISHED), (entry, status)

    page = staff_client.get(admin_url(Programme, "change", programme.pk)).content.decode()
    if status == PUBLISHED:
        assert "Let op: deze opleiding staat op de site." in page
        assert '<p class="publication-note" role="note">' in page


def test_the_note_is_not_on_the_add_form(staff_client):
    page = staff_client.get(admin_url(Programme, "add")).content.decode()
    assert ONLINE_AT_ONCE not in page
