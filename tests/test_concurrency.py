"""No lost edits: when two staff members edit the same entry at the same time, the
second save is refused with a Dutch message that shows what changed meanwhile, and
nothing typed is lost; saving again then keeps both people's work."""

import contextlib
import re
import threading
import time

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import connection, models, transaction
from django.test import Client
from django.urls import reverse

from editorial.concurrency.admin import NoLostEditsAdminMixin
from editorial.concurrency.fields import FIELD_NAME
from programmes.models import Institution, Programme, ProgrammeContact

from . import factories as f
from .helpers import Tags
from .test_admin import admin_url, change_form_data, make

pytestmark = pytest.mark.django_db

CONFLICT = "Iemand anders heeft"
NOT_SAVED = "Uw wijzigingen zijn nog niet opgeslagen."
WHAT_NOW = "Bekijk de verschillen en pas zo nodig uw invoer aan. Klik daarna opnieuw op Opslaan."
ADOPTED = "Het formulier toont nu de nieuwe waarde."
KEPT = "U had dit veld ook gewijzigd: het formulier toont nog uw invoer."
DAMAGED = "een verborgen controlegegeven is beschadigd"
ROW_GONE = (
    "Deze rij (contactpersoon) staat hier niet meer. Iemand anders heeft de rij verwijderd "
    "nadat u deze pagina opende."
)


@pytest.fixture
def colleague_client(django_user_model):
    """A second staff member, in a browser of their own."""
    user = django_user_model.objects.create_superuser(
        username="collega", email="collega@example.org", password="ander-wachtwoord-456"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def programme():
    programme = f.ProgrammeFactory(name="Leraar Techniek", summary="Oude samenvatting.")
    f.ProgrammeContactFactory(
        programme=programme, name="Petra Jansen", email="p.jansen@hogeschool.example"
    )
    f.ProgrammeLinkFactory(programme=programme)
    f.ModuleFactory(programme=programme).learning_forms.add(f.LearningFormFactory())
    programme.profiles.add(f.VocationalProfileFactory())
    return programme


def open_change_page(client, obj):
    response = client.get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return response


def save(client, obj, data, **changes):
    return client.post(admin_url(type(obj), "change", obj.pk), {**data, **changes})


def form_value(response, name, prefix=None):
    """What a field of the form shown again holds (as the browser will send it)."""
    if prefix is None:
        return change_form_data(response)[name]
    return change_form_data(response)[f"{prefix}-{name}"]


def text_of(response):
    """The page's text without tags and with single spaces, to look for sentences."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


# --- Two people edit the same programme ---------------------------------------------


def test_second_save_is_refused_and_says_what_changed_meanwhile_and_by_whom(
    staff_client, colleague_client, programme
):
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))

    response = save(colleague_client, programme, theirs, name="Leraar Techniek Duaal")
    assert response.status_code == 302

    response = save(staff_client, programme, mine, summary="Mijn nieuwe samenvatting.")

    assert response.status_code == 200
    text = text_of(response)
    assert (
        f"{CONFLICT} opleiding “Leraar Techniek Duaal ({programme.institution})” opgeslagen "
        "nadat u deze pagina opende." in text
    )
    assert NOT_SAVED in text
    assert "Laatst opgeslagen door collega op" in text
    assert f"Naam van de opleiding: “Leraar Techniek” → “Leraar Techniek Duaal”. {ADOPTED}" in text
    assert WHAT_NOW in text
    # Nothing of the refused save is stored.
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek Duaal"
    assert programme.summary == "Oude samenvatting."


def test_form_shown_again_keeps_the_typed_input_and_shows_the_newer_values(
    staff_client, colleague_client, programme
):
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    save(colleague_client, programme, theirs, name="Leraar Techniek Duaal")

    response = save(staff_client, programme, mine, summary="Mijn nieuwe samenvatting.")

    assert response.status_code == 200
    assert form_value(response, "summary") == "Mijn nieuwe samenvatting."
    assert form_value(response, "name") == "Leraar Techniek Duaal"
    assert 'value="Leraar Techniek Duaal"' in response.text
    assert "Mijn nieuwe samenvatting.</textarea>" in response.text


def test_saving_again_after_reading_the_message_keeps_both_edits(
    staff_client, colleague_client, programme
):
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    save(colleague_client, programme, theirs, name="Leraar Techniek Duaal")
    refused = save(staff_client, programme, mine, summary="Mijn nieuwe samenvatting.")

    response = staff_client.post(
        admin_url(Programme, "change", programme.pk), change_form_data(refused)
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek Duaal"
    assert programme.summary == "Mijn nieuwe samenvatting."
    # The rows and relations on the page are kept as they were.
    assert programme.contacts.get().email == "p.jansen@hogeschool.example"
    assert programme.profiles.count() == 1
    assert programme.modules.get().learning_forms.count() == 1
    # The history names what each person changed, and nothing else.
    versions = list(programme.history.all()[:2])
    assert versions[0].history_user.username == "redacteur"
    assert versions[1].history_user.username == "collega"
    assert versions[0].diff_against(versions[1]).changed_fields == ["summary"]


def test_a_field_both_changed_keeps_my_input_and_shows_theirs_in_the_message(
    staff_client, colleague_client, programme
):
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    save(colleague_client, programme, theirs, summary="Hun samenvatting.")

    response = save(staff_client, programme, mine, summary="Mijn samenvatting.")

    assert response.status_code == 200
    text = text_of(response)
    assert f"Korte samenvatting: “Oude samenvatting.” → “Hun samenvatting.”. {KEPT}" in text
    assert form_value(response, "summary") == "Mijn samenvatting."

    response = staff_client.post(
        admin_url(Programme, "change", programme.pk), change_form_data(response)
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.summary == "Mijn samenvatting."


def crlf(data):
    """Form data as a browser sends it: the lines of a text area end in CRLF."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


def test_untouched_texts_posted_with_crlf_are_no_conflict(
    staff_client, colleague_client, programme
):
    """Browsers post text areas with CRLF; the texts are stored with LF. Two people
    saving the same page, each changing something else, is no conflict."""
    Programme.objects.filter(pk=programme.pk).update(details="Regel een.\nRegel twee.")
    mine = crlf(change_form_data(open_change_page(staff_client, programme)))
    theirs = crlf(change_form_data(open_change_page(colleague_client, programme)))
    assert save(colleague_client, programme, theirs).status_code == 302

    response = save(staff_client, programme, mine, summary="Nieuwe samenvatting.")

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.details == "Regel een.\nRegel twee."


def test_a_text_stored_with_crlf_that_i_left_alone_takes_their_change(
    staff_client, colleague_client, programme
):
    """A text stored with CRLF (by a save from before line endings were made one)
    that someone else changed meanwhile: I did not touch it, so the form takes
    their value, and the message does not say I changed it too."""
    Programme.objects.filter(pk=programme.pk).update(details="Regel een.\r\nRegel twee.")
    mine = crlf(change_form_data(open_change_page(staff_client, programme)))
    theirs = crlf(change_form_data(open_change_page(colleague_client, programme)))
    save(colleague_client, programme, theirs, details="Hun tekst.")

    response = save(staff_client, programme, mine, summary="Mijn samenvatting.")

    assert response.status_code == 200
    text = text_of(response)
    assert f"“Hun tekst.”. {ADOPTED}" in text
    assert KEPT not in text
    assert form_value(response, "details") == "Hun tekst."


def test_long_values_in_the_message_are_shortened_as_on_the_history_page(
    staff_client, colleague_client, programme
):
    start = "Een lange tekst over de opleiding. " * 10
    programme.details = start + "Oud einde."
    programme.save()
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    save(colleague_client, programme, theirs, details=start + "Nieuw einde.")

    text = text_of(save(staff_client, programme, mine, summary="Mijn samenvatting."))

    assert "Meer over deze opleiding: “Een l […214 tekens…] " in text
    assert "Oud einde.” → “Een l […214 tekens…] " in text
    assert "Nieuw einde.”" in text


def test_changed_relations_are_named_in_the_message_and_kept(
    staff_client, colleague_client, programme
):
    new_profile = f.VocationalProfileFactory(name="Bouwen, wonen en interieur", code="BWI")
    old_profile = programme.profiles.get()
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    theirs["profiles"] = [str(old_profile.pk), str(new_profile.pk)]
    assert save(colleague_client, programme, theirs).status_code == 302

    refused = save(staff_client, programme, mine, summary="Mijn samenvatting.")

    assert refused.status_code == 200
    assert f"Vmbo-profielen: “{old_profile}” → “{new_profile}, {old_profile}”" in text_of(
        refused
    ) or f"Vmbo-profielen: “{old_profile}” → “{old_profile}, {new_profile}”" in text_of(refused)
    response = staff_client.post(
        admin_url(Programme, "change", programme.pk), change_form_data(refused)
    )
    assert response.status_code == 302
    assert set(programme.profiles.all()) == {old_profile, new_profile}


def test_no_conflict_when_nothing_changed_meanwhile(staff_client, programme):
    data = change_form_data(open_change_page(staff_client, programme))

    response = save(staff_client, programme, data, summary="Nieuwe samenvatting.")

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.summary == "Nieuwe samenvatting."


def test_a_save_that_changed_nothing_is_no_conflict(staff_client, colleague_client, programme):
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    assert save(colleague_client, programme, theirs).status_code == 302

    response = save(staff_client, programme, mine, summary="Nieuwe samenvatting.")

    assert response.status_code == 302


def test_the_same_change_by_both_is_no_conflict(staff_client, colleague_client, programme):
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    save(colleague_client, programme, theirs, summary="Gecorrigeerde samenvatting.")

    response = save(staff_client, programme, mine, summary="Gecorrigeerde samenvatting.")

    assert response.status_code == 302


def test_the_admin_log_does_not_mention_the_hidden_field(staff_client, programme):
    data = change_form_data(open_change_page(staff_client, programme))
    save(staff_client, programme, data, summary="Nieuwe samenvatting.")

    entry = admin.models.LogEntry.objects.get(object_id=str(programme.pk))
    assert entry.get_change_message() == "Korte samenvatting gewijzigd."


# --- Rows edited inline ---------------------------------------------------------------


def test_a_row_changed_on_its_own_page_refuses_the_stale_programme_save(
    staff_client, colleague_client, programme
):
    contact = programme.contacts.get()
    mine = change_form_data(open_change_page(staff_client, programme))
    theirs = change_form_data(open_change_page(colleague_client, contact))
    response = save(colleague_client, contact, theirs, email="petra.jansen@hogeschool.example")
    assert response.status_code == 302

    refused = save(
        staff_client,
        programme,
        mine,
        **{"summary": "Mijn samenvatting.", "contacts-0-role": "Opleidingscoördinator"},
    )

    assert refused.status_code == 200
    text = text_of(refused)
    assert f"{CONFLICT} contactpersoon “Petra Jansen" in text
    assert (
        "E-mailadres: “p.jansen@hogeschool.example” → “petra.jansen@hogeschool.example”. "
        f"{ADOPTED}" in text
    )
    assert "Laatst opgeslagen door collega op" in text
    contact.refresh_from_db()
    programme.refresh_from_db()
    assert contact.role == ""
    assert programme.summary == "Oude samenvatting."
    assert form_value(refused, "email", "contacts-0") == "petra.jansen@hogeschool.example"
    assert form_value(refused, "role", "contacts-0") == "Opleidingscoördinator"

    response = staff_client.post(
        admin_url(Programme, "change", programme.pk), change_form_data(refused)
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    programme.refresh_from_db()
    assert contact.email == "petra.jansen@hogeschool.example"
    assert contact.role == "Opleidingscoördinator"
    assert programme.summary == "Mijn samenvatting."


@pytest.fixture
def programme_with_three_contacts(programme):
    programme.contacts.update(order=1)
    f.ProgrammeContactFactory(programme=programme, name="Karel de Vries", order=2)
    f.ProgrammeContactFactory(programme=programme, name="Sanne Bakker", order=3)
    return programme


def deleted_meanwhile(staff_client, programme, name):
    """Opens the programme, deletes contact `name` behind the page's back, and
    saves the page with a change in that row and one elsewhere."""
    data = change_form_data(open_change_page(staff_client, programme))
    row = next(key for key, value in data.items() if value == name).rsplit("-", 1)[0]
    ProgrammeContact.objects.get(name=name).delete()
    response = save(
        staff_client, programme, data, **{f"{row}-role": "Docent", "summary": "Mijn samenvatting."}
    )
    return row, response


def test_a_row_deleted_meanwhile_gets_a_dutch_message_in_its_own_row(
    staff_client, programme_with_three_contacts
):
    programme = programme_with_three_contacts
    row, response = deleted_meanwhile(staff_client, programme, "Karel de Vries")

    assert response.status_code == 200
    assert ROW_GONE in text_of(response)
    assert "Selecteer een geldige keuze" not in response.text
    programme.refresh_from_db()
    assert programme.summary == "Oude samenvatting."
    # Every posted row is shown again, each with its own values.
    shown = change_form_data(response)
    assert [shown[f"contacts-{i}-name"] for i in range(3)] == [
        "Petra Jansen",
        "Karel de Vries",
        "Sanne Bakker",
    ]
    assert shown[f"{row}-role"] == "Docent"


def test_a_row_deleted_meanwhile_stays_deleted_when_the_user_ticks_delete(
    staff_client, programme_with_three_contacts
):
    programme = programme_with_three_contacts
    row, refused = deleted_meanwhile(staff_client, programme, "Karel de Vries")
    data = change_form_data(refused)
    data[f"{row}-DELETE"] = "on"

    response = staff_client.post(admin_url(Programme, "change", programme.pk), data)

    assert response.status_code == 302
    assert sorted(programme.contacts.values_list("name", flat=True)) == [
        "Petra Jansen",
        "Sanne Bakker",
    ]
    programme.refresh_from_db()
    assert programme.summary == "Mijn samenvatting."


def test_a_row_deleted_meanwhile_comes_back_when_the_user_saves_again(
    staff_client, programme_with_three_contacts
):
    programme = programme_with_three_contacts
    _row, refused = deleted_meanwhile(staff_client, programme, "Karel de Vries")

    response = staff_client.post(
        admin_url(Programme, "change", programme.pk), change_form_data(refused)
    )

    assert response.status_code == 302
    assert programme.contacts.get(name="Karel de Vries").role == "Docent"
    assert programme.contacts.count() == 3


def test_a_row_added_meanwhile_is_no_conflict(staff_client, programme):
    data = change_form_data(open_change_page(staff_client, programme))
    f.ProgrammeContactFactory(programme=programme, name="Karel de Vries")

    response = save(staff_client, programme, data, summary="Nieuwe samenvatting.")

    assert response.status_code == 302
    assert sorted(programme.contacts.values_list("name", flat=True)) == [
        "Karel de Vries",
        "Petra Jansen",
    ]


def test_the_entry_deleted_meanwhile_gives_the_admins_dutch_message(staff_client, programme):
    data = change_form_data(open_change_page(staff_client, programme))
    pk = programme.pk
    programme.delete()

    response = staff_client.post(admin_url(Programme, "change", pk), data, follow=True)

    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        f"opleiding met ID ‘{pk}’ bestaat niet. Misschien is deze verwijderd?"
    ]


# --- The hidden snapshot ------------------------------------------------------------------


def test_change_page_carries_a_hidden_snapshot_for_the_entry_and_each_row(staff_client, programme):
    response = open_change_page(staff_client, programme)

    for name in [FIELD_NAME, *(f"{p}-0-{FIELD_NAME}" for p in ("links", "contacts", "modules"))]:
        assert Tags(response.text).one("input", type="hidden", name=name)["value"]
    assert f'for="id_{FIELD_NAME}"' not in response.text  # no label for a hidden field


def test_add_page_carries_no_snapshot_and_saves_as_before(staff_client):
    response = staff_client.get(admin_url(Institution, "add"))
    assert FIELD_NAME not in response.text

    data = change_form_data(response)
    data.update(name="Hogeschool Nieuw", short_name="HN", slug="hogeschool-nieuw")
    del data["sources"]  # empty: a browser sends nothing
    response = staff_client.post(admin_url(Institution, "add"), data)

    assert response.status_code == 302
    assert Institution.objects.get().name == "Hogeschool Nieuw"


def test_a_page_opened_before_the_check_existed_is_saved(staff_client, programme):
    data = change_form_data(open_change_page(staff_client, programme))
    data = {name: value for name, value in data.items() if not name.endswith(FIELD_NAME)}

    response = save(staff_client, programme, data, summary="Nieuwe samenvatting.")

    assert response.status_code == 302


@pytest.mark.parametrize(
    "damage", [lambda token: token[:-4] + "abcd", lambda token: "kapot"], ids=["edited", "junk"]
)
def test_a_damaged_snapshot_is_refused_in_dutch_and_saving_again_works(
    staff_client, programme, damage
):
    data = change_form_data(open_change_page(staff_client, programme))
    data[FIELD_NAME] = damage(data[FIELD_NAME])

    response = save(staff_client, programme, data, summary="Nieuwe samenvatting.")

    assert response.status_code == 200
    assert DAMAGED in text_of(response)
    programme.refresh_from_db()
    assert programme.summary == "Oude samenvatting."

    response = staff_client.post(
        admin_url(Programme, "change", programme.pk), change_form_data(response)
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.summary == "Nieuwe samenvatting."


def test_the_snapshot_of_another_entry_is_refused(staff_client, programme):
    other = f.ProgrammeFactory()
    data = change_form_data(open_change_page(staff_client, programme))
    data[FIELD_NAME] = change_form_data(open_change_page(staff_client, other))[FIELD_NAME]

    response = save(staff_client, programme, data)

    assert response.status_code == 200
    assert DAMAGED in text_of(response)


def test_a_user_who_may_only_view_sees_no_snapshot_field(client, django_user_model, programme):
    user = django_user_model.objects.create_user(
        username="lezer", password="lezer-wachtwoord-789", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_programme", "view_programmecontact", "view_programmelink"]
        )
    )
    client.force_login(user)

    response = open_change_page(client, programme)

    assert FIELD_NAME not in response.text


# --- Every content model ------------------------------------------------------------------

CONTENT_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, NoLostEditsAdminMixin)
    ),
    key=lambda model: model._meta.label,
)


def plain_text_field(model, form):
    """A text field of the form that takes any text, to change behind its back."""
    for kind in (models.TextField, models.CharField):
        for field in model._meta.concrete_fields:
            if (
                type(field) is kind
                and field.name in form.fields
                and not field.choices
                and not field.unique
                and field.name != "phone"
                and all(
                    isinstance(v, MaxLengthValidator | ProhibitNullCharactersValidator)
                    for v in field.validators
                )
            ):
                return field
    # A model without free text (a start moment) is tested with a number field.
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.PositiveSmallIntegerField)
            and field.name in form.fields
            and not field.choices
            and field.name != "order"
        ):
            return field
    return None


def has_publication_status(model):
    """Draft/published/archived, not another kind of status (a funding scheme's)."""
    field = next((f for f in model._meta.concrete_fields if f.name == "status"), None)
    return field is not None and "draft" in dict(field.choices or ())


def newer_value(field):
    if isinstance(field, models.PositiveSmallIntegerField):
        return 7
    return "Intussen gewijzigd"[: field.max_length]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=[m._meta.label for m in CONTENT_MODELS])
def test_every_content_model_refuses_a_save_over_a_newer_one(staff_client, model):
    obj = make(model)
    if has_publication_status(model):
        # A draft may be incomplete; this test saves a bare entry.
        model._default_manager.filter(pk=obj.pk).update(status="draft")
    page = open_change_page(staff_client, obj)
    field = plain_text_field(model, page.context["adminform"].form)
    assert field is not None, f"{model._meta.label} has no plain text field to test with"
    data = change_form_data(page)
    newer = newer_value(field)
    model._default_manager.filter(pk=obj.pk).update(**{field.name: newer})

    refused = save(staff_client, obj, data)

    assert refused.status_code == 200
    assert CONFLICT in text_of(refused)
    response = staff_client.post(admin_url(model, "change", obj.pk), change_form_data(refused))
    assert response.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field.name) == newer


# --- Restoring a version from the history -----------------------------------------------


def entry_form_data(response):
    """The POST data of a form without inlines, such as a version's page."""
    data = {}
    for bound_field in response.context["adminform"].form:
        value = bound_field.value()
        if isinstance(bound_field.field.widget, forms.CheckboxInput):
            if value:
                data[bound_field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound_field.html_name] = [str(item) for item in value]
        elif value is not None:
            data[bound_field.html_name] = str(value)
    return data


def version_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def test_restoring_a_version_still_works(staff_client, programme):
    data = change_form_data(open_change_page(staff_client, programme))
    save(staff_client, programme, data, summary="Nieuwe samenvatting.")
    first = programme.history.earliest()
    url = version_url(programme, first)

    response = staff_client.post(url, entry_form_data(staff_client.get(url)))

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.summary == "Oude samenvatting."


def test_restoring_a_version_over_a_newer_save_is_refused(
    staff_client, colleague_client, programme
):
    first = programme.history.earliest()
    url = version_url(programme, first)
    restore = entry_form_data(staff_client.get(url))
    theirs = change_form_data(open_change_page(colleague_client, programme))
    save(colleague_client, programme, theirs, name="Leraar Techniek Duaal")

    response = staff_client.post(url, restore)

    assert response.status_code == 200
    assert CONFLICT in text_of(response)
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek Duaal"


def test_restoring_an_entry_deleted_before_the_page_was_opened_brings_it_back(
    staff_client, programme
):
    contact = programme.contacts.get()
    pk = contact.pk
    version = contact.history.first()
    contact.delete()
    url = version_url(ProgrammeContact(pk=pk), version)

    response = staff_client.post(url, entry_form_data(staff_client.get(url)))

    assert response.status_code == 302
    assert ProgrammeContact.objects.get(pk=pk).name == "Petra Jansen"


# --- A real race, on a database that locks rows --------------------------------------------


def needs_row_locks():
    if not connection.features.has_select_for_update:
        pytest.skip(
            "only PostgreSQL locks rows; on SQLite each transaction takes the write "
            "lock at its start (transaction_mode IMMEDIATE), so saves queue up instead"
        )


@contextlib.contextmanager
def save_in_progress(model, pk, **values):
    """Another save of the row, in another connection, that holds the row for a
    moment while the body runs, then commits."""
    holding = threading.Event()

    def other_save():
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**values)
                holding.set()
                time.sleep(0.5)
        finally:
            connection.close()

    other = threading.Thread(target=other_save)
    other.start()
    try:
        assert holding.wait(5)
        yield
    finally:
        other.join()


@pytest.mark.django_db(transaction=True)
def test_a_save_committed_while_the_check_runs_is_not_overwritten(staff_client, programme):
    """The other save holds the row while ours checks: our check waits for it and
    then sees its change."""
    needs_row_locks()
    data = change_form_data(open_change_page(staff_client, programme))

    with save_in_progress(Programme, programme.pk, name="Leraar Techniek Duaal"):
        response = save(staff_client, programme, data, summary="Mijn samenvatting.")

    assert response.status_code == 200
    assert CONFLICT in text_of(response)
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek Duaal"
    assert programme.summary == "Oude samenvatting."


@pytest.mark.django_db(transaction=True)
def test_a_field_not_on_the_page_saved_meanwhile_is_not_overwritten(staff_client):
    """A step on its route's page shows no description. Another save of it, while
    ours checks, keeps its description: ours takes the fields it does not edit
    from the row as it is after that save."""
    needs_row_locks()
    step = f.StepFactory(pathway__status="draft", description="Oude uitleg.")
    data = change_form_data(open_change_page(staff_client, step.pathway))

    with save_in_progress(type(step), step.pk, description="Nieuwe uitleg."):
        response = save(staff_client, step.pathway, data, **{"steps-0-title": "Eerste stap"})

    assert response.status_code == 302
    step.refresh_from_db()
    assert step.title == "Eerste stap"
    assert step.description == "Nieuwe uitleg."
