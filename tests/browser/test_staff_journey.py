"""A new staff member's first job, in a real browser: log in, change a contact
person's e-mail address on a draft programme, publish it, see it on the public
page, and undo the change from the history."""

import importlib
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from editorial.status import PublicationStatus
from programmes.models import Programme
from tests.helpers import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def redacteur_group():
    """The group as its data migration makes it. Transactional tests empty every
    table after them, so the group the migration made may be gone: run the
    migration's own function again, with the models as they were at that point."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    name = "0005_redacteur_group"
    migration = importlib.import_module(f"programmes.migrations.{name}")
    if not Group.objects.filter(name=migration.GROUP_NAME).exists():
        state = MigrationExecutor(connection).loader.project_state(("programmes", name))
        migration.create_group(state.apps, SimpleNamespace(connection=connection))
    return Group.objects.get(name=migration.GROUP_NAME)


SLUG = "windesheim-leraar-technisch-beroepsonderwijs"
OLD_EMAIL = "e.schakelaar@windesheim.nl"
NEW_EMAIL = "erik.schakelaar@windesheim.nl"


def test_staff_member_changes_an_email_publishes_and_undoes_it_from_the_history(
    live_server, seeded_transactional_db, page, django_user_model
):
    editor = django_user_model.objects.create_user(
        "nieuwe.redacteur", password="een-lang-wachtwoord-2026", is_staff=True
    )
    editor.groups.add(redacteur_group())
    programme = Programme.objects.get(slug=SLUG)
    programme.status = PublicationStatus.DRAFT
    programme.save()
    public_url = live_server.url + programme.get_absolute_url()

    # The public does not see the draft.
    assert page.goto(public_url).status == 404

    page.goto(live_server.url + "/beheer/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe.redacteur")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-2026")
    page.locator("#login-form input[type=submit]").click()

    page.locator('#content-main a[href="/beheer/programmes/programme/"]').first.click()
    page.locator(f'#result_list a[href$="/programmes/programme/{programme.pk}/change/"]').click()
    email = page.locator("input[name='contacts-0-email']")
    assert email.input_value() == OLD_EMAIL
    email.fill(NEW_EMAIL)
    page.locator("select[name='status']").select_option(PublicationStatus.PUBLISHED.value)
    page.locator("input[name='_save']").first.click()
    assert "met succes gewijzigd" in page.locator(".messagelist .success").first.inner_text()

    # Published: the public page shows the new address.
    assert page.goto(public_url).status == 200
    assert page.locator(f'#contact a[href="mailto:{NEW_EMAIL}"]').count() >= 1

    # Undo from the contact person's history: open the earlier version and restore it.
    contact = programme.contacts.get(email=NEW_EMAIL)
    page.goto(f"{live_server.url}/beheer/programmes/programmecontact/{contact.pk}/history/")
    assert NEW_EMAIL in page.locator("#content").inner_text()
    page.locator(f'a[href*="/programmecontact/{contact.pk}/history/"]').last.click()
    assert page.locator("input[name='email']").input_value() == OLD_EMAIL
    page.get_by_role("button", name="Herstel deze versie").first.click()
    expect(page.locator(".messagelist .success")).not_to_have_count(0)

    page.goto(public_url)
    assert page.locator(f'#contact a[href="mailto:{OLD_EMAIL}"]').count() >= 1
    assert page.locator(f'a[href="mailto:{NEW_EMAIL}"]').count() == 0
