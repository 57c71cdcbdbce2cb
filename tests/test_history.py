"""History and undo: every content entry keeps its versions (who, when, what
changed field by field), the admin shows them in Dutch, and staff restore an
earlier version, which becomes a new version itself."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.management import call_command

from editorial.history import HistoryAdminMixin
from editorial.version_diffs import compare_versions
from editorial.versions import FIRST_VERSION_REASON, is_tracked, record_first_versions
from programmes.models import (
    Programme,
    ProgrammeContact,
    ProgrammeSlugHistory,
    StudyForm,
    VocationalProfile,
)

from . import factories as f
from .test_admin import REGISTERED_MODELS, admin_url, change_form_data, make

pytestmark = pytest.mark.django_db

TRACKED_MODELS = [model for model in REGISTERED_MODELS if is_tracked(model)]


def text_areas(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.get_internal_type() == "TextField" and field.editable
    ]


MODELS_WITH_TEXT_AREAS = [model for model in TRACKED_MODELS if text_areas(model)]


@pytest.fixture
def programme():
    """A complete, published programme with two profiles and one study form."""
    programme = f.ProgrammeFactory(name="Leraar Techniek", slug="leraar-techniek")
    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme, name="Anna de Vries")
    programme.profiles.set(
        [
            f.VocationalProfileFactory(code="PIE", name="Produceren, installeren en energie"),
            f.VocationalProfileFactory(code="BWI", name="Bouwen, wonen en interieur"),
        ]
    )
    programme.study_forms.set([f.StudyFormFactory(slug="deeltijd", name="Deeltijd")])
    return programme


def profile_codes(programme):
    return sorted(programme.profiles.values_list("code", flat=True))


def as_a_browser_posts(data):
    """Form data as a browser sends it: the lines of a text area end in CRLF."""
    return {
        name: value.replace("\r\n", "\n").replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


def edit_in_admin(client, obj, **changes):
    """Saves `obj`'s change form as a browser would, with `changes` typed in."""
    url = admin_url(type(obj), "change", obj.pk)
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, as_a_browser_posts(data))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history_url(obj):
    return admin_url(type(obj), "history", obj.pk)


def version_url(obj, record):
    return admin_url(type(obj), "simple_history", obj.pk, record.history_id)


def version_form_data(response):
    """The POST data of a version's form as shown (it has no inline rows)."""
    form_only = SimpleNamespace(
        context={"adminform": response.context["adminform"], "inline_admin_formsets": []}
    )
    return change_form_data(form_only)


def restore(client, obj, record, **changes):
    """Opens a version and presses "Herstel deze versie", with its form as shown."""
    response = client.get(version_url(obj, record))
    assert response.status_code == 200
    data = version_form_data(response)
    data.update(changes)
    return client.post(version_url(obj, record), as_a_browser_posts(data))


# --- Every content model -------------------------------------------------------


def test_every_model_with_history_has_the_history_admin():
    for model in TRACKED_MODELS:
        assert isinstance(admin.site._registry[model], HistoryAdminMixin), model


@pytest.mark.parametrize("model", TRACKED_MODELS, ids=[m._meta.label for m in TRACKED_MODELS])
def test_history_and_version_pages_open_for_every_content_model(staff_client, model):
    obj = make(model)
    response = staff_client.get(history_url(obj))
    assert response.status_code == 200
    assert "Geschiedenis van" in response.text
    record = obj.history.first()
    response = staff_client.get(version_url(obj, record))
    assert response.status_code == 200
    assert "Herstel deze versie" in response.text


# --- Recording -----------------------------------------------------------------


def test_admin_edit_records_a_version_with_the_user_and_the_changed_fields(staff_client, programme):
    before = programme.history.count()
    pie = VocationalProfile.objects.get(code="PIE")
    edit_in_admin(staff_client, programme, name="Leraar Techniek (deeltijd)", profiles=[pie.pk])

    assert programme.history.count() == before + 1
    latest = programme.history.first()
    assert latest.history_user.username == "redacteur"
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert sorted(delta.changed_fields) == ["name", "profiles"]
    assert [row.vocationalprofile.code for row in latest.profiles.all()] == ["PIE"]


def test_one_admin_save_is_one_version_for_the_entry_and_each_inline_row(staff_client, programme):
    """Without merging, simple-history writes one version per save() and one per
    many-to-many change: three for this save of the programme, two for the module."""
    url = admin_url(Programme, "change", programme.pk)
    data = change_form_data(staff_client.get(url))
    data.update(
        {
            "name": "Nieuwe naam",
            "profiles": [],
            "study_forms": [
                str(pk)
                for pk in [
                    f.StudyFormFactory(slug="voltijd", name="Voltijd").pk,
                    *programme.study_forms.values_list("pk", flat=True),
                ]
            ],
            "modules-TOTAL_FORMS": "1",
            "modules-0-title": "Lesgeven",
            "modules-0-order": "1",
            "modules-0-learning_forms": [str(f.LearningFormFactory().pk)],
        }
    )
    before = programme.history.count()
    response = staff_client.post(url, data)
    assert response.status_code == 302

    assert programme.history.count() == before + 1
    assert profile_codes(programme) == []
    module = programme.modules.get()
    assert [version.history_type for version in module.history.all()] == ["+"]
    assert module.history.get().learning_forms.count() == 1


def test_loaddata_writes_no_versions(tmp_path, programme):
    """Loading a fixture or a backup sets many-to-many fields, which would each
    write a version; a loaded entry keeps exactly the history it had."""
    dump = tmp_path / "programme.json"
    call_command("dumpdata", "programmes.programme", output=str(dump), verbosity=0)
    before = programme.history.count()
    call_command("loaddata", str(dump), verbosity=0)
    assert programme.history.count() == before


def test_first_versions_of_the_seed_hold_the_many_to_many_values():
    call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
    assert record_first_versions() > 0
    for model in TRACKED_MODELS:
        assert model.history.count() == model.objects.count(), model
    for programme in Programme.objects.all():
        first = programme.history.get()
        assert first.history_change_reason == FIRST_VERSION_REASON
        recorded = sorted(row.vocationalprofile.code for row in first.profiles.all())
        assert recorded == profile_codes(programme)
    # A second run finds versions and writes none.
    assert record_first_versions() == 0


# --- The history page ------------------------------------------------------------


def test_history_page_shows_who_when_and_each_change_in_dutch(staff_client, programme):
    edit_in_admin(
        staff_client,
        programme,
        name="Leraar Techniek (deeltijd)",
        profiles=[VocationalProfile.objects.get(code="PIE").pk],
        ecpb_member="true",
    )
    response = staff_client.get(history_url(programme))
    assert response.status_code == 200
    latest = response.context["page_obj"][0]
    changes = {change.label: (change.old, change.new) for change in latest.history_delta_changes}
    assert changes == {
        "Naam van de opleiding": ("Leraar Techniek", "Leraar Techniek (deeltijd)"),
        "Vmbo-profielen": (
            "Bouwen, wonen en interieur (BWI), Produceren, installeren en energie (PIE)",
            "Produceren, installeren en energie (PIE)",
        ),
        "Lid van het ECPB": ("(leeg)", "ja"),
    }
    text = response.text
    assert "Geschiedenis van Leraar Techniek (deeltijd)" in text
    assert "<strong>Naam van de opleiding:</strong>" in text
    assert "Leraar Techniek&nbsp;&rarr;&nbsp;Leraar Techniek (deeltijd)" in text
    assert "redacteur" in text
    assert "Gewijzigd" in text
    assert "Datum en tijd" in text


def test_history_page_names_choices_and_related_entries_not_their_codes(staff_client, programme):
    other = f.InstitutionFactory(name="Hogeschool Utrecht")
    edit_in_admin(staff_client, programme, status="draft", institution=other.pk)
    latest = staff_client.get(history_url(programme)).context["page_obj"][0]
    changes = {change.label: change.new for change in latest.history_delta_changes}
    assert changes["Publicatiestatus"] == "Concept"
    assert changes["Hogeschool"] == "Hogeschool Utrecht"


def test_history_page_shortens_long_texts_around_the_change(staff_client, programme):
    start = "Een lange tekst over de opleiding. " * 10
    programme.details = start + "Oud einde."
    programme.save()
    edit_in_admin(staff_client, programme, details=start + "Nieuw einde.")
    latest = staff_client.get(history_url(programme)).context["page_obj"][0]
    (change,) = latest.history_delta_changes
    assert change.label == "Meer over deze opleiding"
    assert "tekens…]" in change.old
    assert change.old.endswith("Oud einde.")
    assert change.new.endswith("Nieuw einde.")
    assert len(change.new) < len(start)


def test_history_page_has_a_fixed_number_of_queries_however_many_versions(
    staff_client, programme, django_assert_max_num_queries
):
    profiles = [
        f.VocationalProfileFactory(code=code, name=f"Profiel {code}")
        for code in ("MVI", "MT", "GR")
    ]
    for n in range(60):
        programme.name = f"Leraar Techniek {n}"
        programme.save()
        programme.profiles.set(profiles[: n % 3 + 1])
        programme.study_forms.set(StudyForm.objects.all() if n % 2 else [])
    assert programme.history.count() > 60
    staff_client.get(history_url(programme))  # warms the permission and content type caches

    # One query per part list; costs and start moments added two.
    with django_assert_max_num_queries(22):
        response = staff_client.get(history_url(programme))
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert len(page) == 50
    # The oldest version on the page is compared with the one on the next page.
    assert page[len(page) - 1].history_delta_changes


def test_history_page_links_to_the_history_of_each_inline_row_deleted_ones_too(
    staff_client, programme
):
    contact = programme.contacts.get()
    gone = f.ProgrammeContactFactory(programme=programme, name="Bert Jansen")
    gone_pk = gone.pk
    gone.delete()

    response = staff_client.get(history_url(programme))
    parts = {part["title"]: part["entries"] for part in response.context["part_histories"]}
    assert set(parts) == {"Websites", "Contactpersonen", "Kosten", "Startmomenten", "Modules"}
    contacts = {entry["name"]: entry for entry in parts["Contactpersonen"]}
    assert contacts["Anna de Vries"]["url"] == history_url(contact)
    assert not contacts["Anna de Vries"]["deleted"]
    assert contacts["Bert Jansen"]["deleted"]
    assert contacts["Bert Jansen"]["url"] == admin_url(ProgrammeContact, "history", gone_pk)


# --- Restoring -------------------------------------------------------------------


def test_restore_brings_back_the_old_values_as_a_new_version(staff_client, programme):
    original = programme.history.first()
    edit_in_admin(
        staff_client,
        programme,
        name="Verkeerde naam",
        summary="Per ongeluk gewist.",
        profiles=[],
        study_forms=[],
    )
    assert profile_codes(programme) == []
    versions_before = programme.history.count()

    response = restore(staff_client, programme, original)

    assert response.status_code == 302
    assert response.url == history_url(programme)
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek"
    assert programme.summary == "Een opleiding voor docenten techniek."
    assert profile_codes(programme) == ["BWI", "PIE"]
    assert list(programme.study_forms.values_list("slug", flat=True)) == ["deeltijd"]
    assert programme.history.count() == versions_before + 1
    restored = programme.history.first()
    assert restored.history_user.username == "redacteur"
    assert restored.history_change_reason.startswith("Versie van ")
    assert restored.history_change_reason.endswith(" hersteld")


def test_a_restore_can_itself_be_undone(staff_client, programme):
    original = programme.history.first()
    edit_in_admin(staff_client, programme, name="Tweede naam", profiles=[])
    second = programme.history.first()
    restore(staff_client, programme, original)
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek"

    response = restore(staff_client, programme, second)

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Tweede naam"
    assert profile_codes(programme) == []


def test_version_page_shows_the_versions_values_and_what_a_restore_changes(staff_client, programme):
    original = programme.history.first()
    edit_in_admin(staff_client, programme, name="Andere naam", profiles=[])

    response = staff_client.get(version_url(programme, original))

    form = response.context["adminform"].form
    assert form.initial["name"] == "Leraar Techniek"
    assert sorted(form.initial["profiles"]) == sorted(
        VocationalProfile.objects.filter(code__in=["PIE", "BWI"]).values_list("pk", flat=True)
    )
    changes = {
        change.label: (change.old, change.new) for change in response.context["restore_changes"]
    }
    assert changes["Naam van de opleiding"] == ("Andere naam", "Leraar Techniek")
    assert "Eerdere versie herstellen" in response.text
    assert "Niet mee hersteld" in response.text
    assert "Contactpersonen" in response.text


def test_restoring_an_earlier_slug_keeps_the_replaced_address_redirecting(staff_client, programme):
    original = programme.history.first()
    edit_in_admin(staff_client, programme, slug="leraar-techniek-nieuw")
    assert ProgrammeSlugHistory.objects.filter(old_slug="leraar-techniek").exists()

    response = restore(staff_client, programme, original)

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.slug == "leraar-techniek"
    old_slugs = set(programme.old_slugs.values_list("old_slug", flat=True))
    assert old_slugs == {"leraar-techniek-nieuw"}
    page = staff_client.get("/opleidingen/leraar-techniek-nieuw/")
    assert page.status_code == 301
    assert page.url == programme.get_absolute_url()


def test_a_deleted_inline_row_is_brought_back_from_its_history(staff_client, programme):
    contact = programme.contacts.get()
    pk = contact.pk
    contact.delete()
    before_delete = ProgrammeContact.history.filter(id=pk).exclude(history_type="-").first()

    response = restore(staff_client, ProgrammeContact(pk=pk), before_delete)

    assert response.status_code == 302
    assert ProgrammeContact.objects.get(pk=pk).name == "Anna de Vries"


def test_restore_is_refused_without_change_permission(client, django_user_model, programme):
    original = programme.history.first()
    programme.name = "Huidige naam"
    programme.save()
    viewer = django_user_model.objects.create_user(
        username="lezer", password="geheim-wachtwoord-123", is_staff=True
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_programme"))
    client.force_login(viewer)

    page = client.get(version_url(programme, original))
    assert page.status_code == 200
    assert "Herstel deze versie" not in page.text
    assert "Eerdere versie bekijken" in page.text

    response = client.post(version_url(programme, original), version_form_data(page))

    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.name == "Huidige naam"


def test_a_viewer_sees_what_a_restore_would_change(
    staff_client, client, django_user_model, programme
):
    original = programme.history.first()
    edit_in_admin(staff_client, programme, name="Andere naam", profiles=[])
    viewer = django_user_model.objects.create_user(
        username="lezer", password="geheim-wachtwoord-123", is_staff=True
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_programme"))
    client.force_login(viewer)

    page = client.get(version_url(programme, original))

    changes = {change.label for change in page.context["restore_changes"]}
    assert changes == {"Naam van de opleiding", "Vmbo-profielen"}
    assert "Vmbo-profielen" not in page.context["not_restored"]


def test_version_page_of_another_entry_is_not_found(staff_client, programme):
    other = f.ProgrammeFactory()
    response = staff_client.get(version_url(other, programme.history.first()))
    assert response.status_code == 404


def test_history_page_of_an_entry_without_versions_says_so(staff_client, programme):
    programme.history.all().delete()
    response = staff_client.get(history_url(programme))
    assert response.status_code == 200
    assert "Dit onderdeel heeft nog geen geschiedenis." in response.text


# --- Only real changes -------------------------------------------------------------

MULTI_LINE = "Eerste regel.\nTweede regel.\n\nNieuwe alinea."


def with_multi_line_texts(model):
    """An entry whose every text area holds several lines, saved (one version);
    a draft, when it has a status, so saving needs nothing else."""
    obj = make(model)
    for field in model._meta.concrete_fields:
        if field.get_internal_type() == "TextField" and field.editable:
            setattr(obj, field.attname, MULTI_LINE)
    if "status" in {field.name for field in model._meta.fields}:
        choices = dict(model._meta.get_field("status").choices)
        obj.status = "draft" if "draft" in choices else obj.status
    obj.save()
    return obj


def latest_changes(obj):
    """The changes the history page shows for the latest version of `obj`."""
    latest, previous = obj.history.all()[:2]
    return [change.label for change in compare_versions([(latest, previous)])[latest.history_id]]


@pytest.mark.parametrize("model", TRACKED_MODELS, ids=[m._meta.label for m in TRACKED_MODELS])
def test_saving_an_unchanged_form_records_no_version(staff_client, model):
    """The browser posts each text area with CRLF line endings; the texts are
    stored with LF. That is no change, so no version."""
    obj = with_multi_line_texts(model)
    versions = obj.history.count()

    edit_in_admin(staff_client, obj)

    assert obj.history.count() == versions
    for field in model._meta.concrete_fields:
        if field.get_internal_type() == "TextField" and field.editable:
            obj.refresh_from_db()
            assert getattr(obj, field.attname) == MULTI_LINE, field.name


def test_a_real_change_next_to_untouched_texts_records_only_that_change(staff_client):
    programme = with_multi_line_texts(Programme)

    edit_in_admin(staff_client, programme, name="Nieuwe naam")

    assert latest_changes(programme) == ["Naam van de opleiding"]
    entry = LogEntry.objects.filter(object_id=str(programme.pk)).latest("action_time")
    assert entry.get_change_message() == "Naam van de opleiding gewijzigd."


def test_a_text_typed_with_crlf_is_stored_with_lf(staff_client, programme):
    edit_in_admin(staff_client, programme, details="Regel een.\r\nRegel twee.\rRegel drie.")
    programme.refresh_from_db()
    assert programme.details == "Regel een.\nRegel twee.\nRegel drie."


def test_a_text_stored_with_crlf_before_is_no_change_on_the_history_page(staff_client):
    """Saves from before the line endings were made one kept CRLF: the next save
    stores LF, and the history does not call that a change."""
    programme = with_multi_line_texts(Programme)
    Programme.objects.filter(pk=programme.pk).update(details=MULTI_LINE.replace("\n", "\r\n"))
    programme.refresh_from_db()
    programme.save()  # a version with CRLF, as an old admin save wrote it

    edit_in_admin(staff_client, programme, name="Nieuwe naam")

    programme.refresh_from_db()
    assert programme.details == MULTI_LINE
    assert latest_changes(programme) == ["Naam van de opleiding"]
    page = staff_client.get(history_url(programme))
    shown = [change.label for change in page.context["page_obj"][0].history_delta_changes]
    assert shown == ["Naam van de opleiding"]


# --- A restore does what its page says -------------------------------------------------


def preview_and_restore(client, obj, record):
    """The changes the version page promises, and those the restore then made
    (as the history page shows the new version)."""
    page = client.get(version_url(obj, record))
    promised = [(c.label, c.old, c.new) for c in page.context["restore_changes"]]
    before = obj.history.first().history_id
    response = restore(client, obj, record)
    assert response.status_code == 302
    latest = obj.history.first()
    assert latest.history_id != before
    previous = obj.history.filter(history_id=before).get()
    made = compare_versions([(latest, previous)])[latest.history_id]
    return promised, [(c.label, c.old, c.new) for c in made]


def test_restore_page_does_not_promise_a_change_of_line_endings(staff_client):
    programme = with_multi_line_texts(Programme)
    first = programme.history.first()
    Programme.objects.filter(pk=programme.pk).update(details=MULTI_LINE.replace("\n", "\r\n"))
    programme.refresh_from_db()
    programme.name = "Andere naam"
    programme.save()  # an old admin save: CRLF, and a new name

    promised, made = preview_and_restore(staff_client, programme, first)

    assert promised == made
    assert [label for label, _old, _new in promised] == ["Naam van de opleiding"]


def test_restore_page_does_not_promise_a_related_entry_deleted_since(staff_client, programme):
    """A version's profile that was deleted since cannot come back: the page does
    not say it will, and the restore brings back only what still exists."""
    first = programme.history.first()
    edit_in_admin(staff_client, programme, profiles=[], name="Andere naam")
    VocationalProfile.objects.get(code="BWI").delete()

    promised, made = preview_and_restore(staff_client, programme, first)

    assert promised == made
    assert dict((label, new) for label, _old, new in promised) == {
        "Naam van de opleiding": "Leraar Techniek",
        "Vmbo-profielen": "Produceren, installeren en energie (PIE)",
    }
    assert profile_codes(programme) == ["PIE"]


def test_restore_page_compares_with_the_entry_as_it_is_now(staff_client, programme):
    """A change saved without a version (a script, a bulk update) is still undone by
    a restore, so the page names it."""
    first = programme.history.first()
    Programme.objects.filter(pk=programme.pk).update(name="Stil gewijzigd")

    page = staff_client.get(version_url(programme, first))

    changes = {c.label: (c.old, c.new) for c in page.context["restore_changes"]}
    assert changes == {"Naam van de opleiding": ("Stil gewijzigd", "Leraar Techniek")}
    restore(staff_client, programme, first)
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek"


@pytest.mark.parametrize(
    "model", MODELS_WITH_TEXT_AREAS, ids=[m._meta.label for m in MODELS_WITH_TEXT_AREAS]
)
def test_every_restore_does_what_its_page_promised(staff_client, model):
    obj = with_multi_line_texts(model)
    first = obj.history.first()
    changes = dict.fromkeys(text_areas(model), "Een andere tekst.")
    edit_in_admin(staff_client, obj, **changes)

    promised, made = preview_and_restore(staff_client, obj, first)

    assert promised == made
    assert len(promised) == len(changes)
