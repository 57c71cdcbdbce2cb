"""Freshness (editorial/freshness.py): the admin shows what has not been
checked for twelve months, stamps today's date with an action, and the public
pages show the dates of programmes, contact persons and resources."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from editorial.admin_base import ContentAdmin
from editorial.freshness import CheckedOnFilter, is_stale, stale_before
from pathways.models import Resource
from programmes.models import Programme, ProgrammeContact

from . import factories as f
from .test_admin import admin_url

pytestmark = pytest.mark.django_db

CONTENT_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    ),
    key=lambda pair: pair[0]._meta.label,
)
WITH_CHECKED_ON = [
    model
    for model, _ in CONTENT_ADMINS
    if any(field.name == "checked_on" for field in model._meta.fields)
]
WITHOUT_CHECKED_ON = [
    model
    for model, _ in CONTENT_ADMINS
    if not any(field.name == "checked_on" for field in model._meta.fields)
]


def today():
    return timezone.localdate()


def months_ago(months, days=0):
    date = today()
    year, month = divmod(date.month - 1 - months, 12)
    return date.replace(year=date.year + year, month=month + 1, day=min(date.day, 28)) - (
        datetime.timedelta(days=days)
    )


# --- Twelve months -------------------------------------------------------------------


def test_stale_means_never_checked_or_longer_than_twelve_months_ago():
    assert stale_before(datetime.date(2026, 3, 4)) == datetime.date(2025, 3, 4)
    assert stale_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)
    assert is_stale(None)
    assert is_stale(datetime.date(2025, 3, 3), today=datetime.date(2026, 3, 4))
    assert not is_stale(datetime.date(2025, 3, 4), today=datetime.date(2026, 3, 4))


def test_filter_finds_what_was_not_checked_for_twelve_months_or_never(staff_client):
    never = f.ProgrammeFactory(checked_on=None)
    old = f.ProgrammeFactory(checked_on=months_ago(13))
    f.ProgrammeFactory(checked_on=months_ago(2))

    response = staff_client.get(admin_url(Programme, "changelist"), {"controle": "verouderd"})

    assert set(response.context["cl"].result_list) == {never, old}
    assert "Langer dan 12 maanden geleden of nooit" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("nooit", {"never"}), ("ouder-dan-een-jaar", {"old"}), ("dit-jaar", {"recent"})],
)
def test_filter_keeps_its_other_options(staff_client, value, expected):
    entries = {
        "never": f.ProgrammeContactFactory(checked_on=None),
        "old": f.ProgrammeContactFactory(checked_on=months_ago(12, days=1)),
        "recent": f.ProgrammeContactFactory(checked_on=today()),
    }

    response = staff_client.get(admin_url(ProgrammeContact, "changelist"), {"controle": value})

    found = {name for name, entry in entries.items() if entry in response.context["cl"].result_list}
    assert found == expected


@pytest.mark.parametrize("model", WITH_CHECKED_ON, ids=lambda m: m._meta.label)
def test_every_content_list_with_a_checked_date_can_filter_on_it(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    list_filter = admin.site._registry[model].get_list_filter(request)
    assert CheckedOnFilter in list_filter


# --- The list shows the date, stale ones marked --------------------------------------


def test_programme_list_shows_the_date_and_marks_stale_entries(staff_client):
    fresh = f.ProgrammeFactory(checked_on=today())
    f.ProgrammeFactory(checked_on=months_ago(14))
    f.ProgrammeFactory(checked_on=None)

    page = staff_client.get(admin_url(Programme, "changelist")).content.decode()

    assert date_format(fresh.checked_on, "j F Y") in page  # "24 november 2026", as everywhere
    assert "langer dan 12 maanden" in page
    assert "⚠ nooit" in page
    assert page.count('class="stale"') == 2


@pytest.mark.parametrize("model", WITH_CHECKED_ON, ids=lambda m: m._meta.label)
def test_every_content_list_with_a_checked_date_shows_it(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    list_display = admin.site._registry[model].get_list_display(request)
    assert "checked_on_freshness" in list_display
    assert "checked_on" not in list_display


# --- The action "gecontroleerd" ------------------------------------------------------


def test_action_stamps_todays_date_on_the_selected_entries_only(staff_client):
    old = f.ProgrammeFactory(checked_on=months_ago(20))
    never = f.ProgrammeFactory(checked_on=None)
    untouched = f.ProgrammeFactory(checked_on=months_ago(20))

    response = staff_client.post(
        admin_url(Programme, "changelist"),
        {"action": "mark_checked", admin.helpers.ACTION_CHECKBOX_NAME: [old.pk, never.pk]},
        follow=True,
    )

    for entry in (old, never, untouched):
        entry.refresh_from_db()
    assert old.checked_on == never.checked_on == today()
    assert untouched.checked_on == months_ago(20)
    assert (
        f"2 opleidingen gemarkeerd als gecontroleerd op {date_format(today(), 'j F Y')}."
        in response.content.decode()
    )
    # Recorded like any edit: in the history (with who did it) and the admin log.
    record = old.history.first()
    assert record.checked_on == today() and record.history_user.username == "redacteur"
    assert LogEntry.objects.filter(object_id=str(old.pk)).exists()


def test_action_says_which_entries_were_already_checked_today(staff_client):
    done = f.ProgrammeFactory(checked_on=today(), name="Al gedaan")
    old = f.ProgrammeFactory(checked_on=months_ago(20))
    versions = done.history.count()

    response = staff_client.post(
        admin_url(Programme, "changelist"),
        {"action": "mark_checked", admin.helpers.ACTION_CHECKBOX_NAME: [done.pk, old.pk]},
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        f"1 opleiding gemarkeerd als gecontroleerd op {date_format(today(), 'j F Y')}.",
        f"{done} stond al als gecontroleerd op vandaag. Er is niets veranderd.",
    ]
    assert done.history.count() == versions


def test_action_works_on_contacts_and_resources_too(staff_client):
    contact = f.ProgrammeContactFactory(checked_on=None)
    resource = f.ResourceFactory(checked_on=None)

    for model, entry in ((ProgrammeContact, contact), (Resource, resource)):
        staff_client.post(
            admin_url(model, "changelist"),
            {"action": "mark_checked", admin.helpers.ACTION_CHECKBOX_NAME: [entry.pk]},
        )
        entry.refresh_from_db()
        assert entry.checked_on == today()


@pytest.mark.parametrize("model", WITH_CHECKED_ON, ids=lambda m: m._meta.label)
def test_every_content_admin_with_a_checked_date_has_the_action(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    actions = admin.site._registry[model].get_actions(request)
    assert actions["mark_checked"][2] == "Markeer als gecontroleerd (vandaag)"


@pytest.mark.parametrize("model", WITHOUT_CHECKED_ON, ids=lambda m: m._meta.label)
def test_content_admins_without_a_checked_date_do_not_offer_the_action(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    assert "mark_checked" not in admin.site._registry[model].get_actions(request)


def test_action_is_not_offered_to_staff_who_may_only_view(rf, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="lezer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_programme"))
    request = rf.get("/")
    request.user = user
    assert "mark_checked" not in admin.site._registry[Programme].get_actions(request)


# --- Public pages --------------------------------------------------------------------


def test_programme_page_shows_when_each_contact_person_was_checked(client):
    programme = f.ProgrammeFactory(checked_on=datetime.date(2026, 1, 5))
    f.ProgrammeContactFactory(programme=programme, checked_on=datetime.date(2025, 11, 24))
    f.ProgrammeContactFactory(programme=programme, checked_on=None)

    page = client.get(programme.get_absolute_url()).content.decode()

    assert "laatst gecontroleerd op 5 januari 2026" in page
    assert "Gegevens vergeleken met de bron op 24 november 2025." in page
    assert "Gegevens nog niet vergeleken met de bron." in page


def test_resource_list_shows_when_each_resource_was_checked(client):
    f.ResourceFactory(checked_on=datetime.date(2025, 6, 2))
    f.ResourceFactory(checked_on=None)

    page = client.get(reverse("pathways:resource_list")).content.decode()

    assert (
        "Laatst gecontroleerd op 2 juni 2025: de feiten zijn toen vergeleken met de bronnen."
        in page
    )
    assert "De feiten zijn nog niet vergeleken met de bronnen." in page
