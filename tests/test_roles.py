"""The "Redacteur" group (programmes/migrations/0005_redacteur_group.py): its
members edit the content, not users, groups or settings; only staff log in."""

import importlib
import types

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from programmes.models import Programme

from . import factories as f
from .apps import OUR_APPS, is_history_model, own_models
from .test_admin import change_form_data

pytestmark = pytest.mark.django_db

PASSWORD = "redacteur-wachtwoord-123"
MIGRATION = ("programmes", "0005_redacteur_group")
# Migrations that give the group the permissions of content models added later.
LATER_GROUP_MIGRATIONS = [
    ("pathways", "0006_redacteur_routewijzer"),
    ("pathways", "0008_redacteur_costs_funding"),
]
CONTENT_ACTIONS = {"add", "change", "delete", "view"}


@pytest.fixture
def group():
    return Group.objects.get(name="Redacteur")


@pytest.fixture
def editor(django_user_model, group):
    user = django_user_model.objects.create_user(
        username="redacteur", password=PASSWORD, is_staff=True
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def codenames(permissions):
    return {(p.content_type.app_label, p.codename) for p in permissions}


def expected_permissions():
    expected = set()
    for app_label in OUR_APPS:
        for model in own_models(app_label):
            expected |= {
                (app_label, f"{action}_{model._meta.model_name}") for action in CONTENT_ACTIONS
            }
    # The link-check results (editorial app): view only.
    return expected | {("editorial", "view_linkcheck")}


def group_permissions(group):
    return codenames(group.permissions.select_related("content_type"))


# --- What the group may do -----------------------------------------------------


def test_group_may_add_change_delete_and_view_every_content_model(group):
    """Fails when a content model is added without a data migration that gives
    the group its permissions (see the migration's docstring)."""
    permissions = group_permissions(group)
    missing = expected_permissions() - permissions
    assert missing == set()


def test_group_may_only_view_link_checks(group):
    assert {codename for app, codename in group_permissions(group) if "linkcheck" in codename} == {
        "view_linkcheck"
    }


def test_group_may_view_the_history_tables_but_nothing_else_beyond_the_content(group):
    history_models = [
        model
        for app_label in OUR_APPS
        for model in django_apps.get_app_config(app_label).get_models()
        if is_history_model(model)
    ]
    history_permissions = {
        (model._meta.app_label, f"{action}_{model._meta.model_name}")
        for model in history_models
        for action in ("view", "change")
    }
    assert group_permissions(group) == expected_permissions() | history_permissions


def test_group_has_no_permission_on_users_groups_or_other_apps(group, editor):
    apps = {app for app, _codename in group_permissions(group)}
    assert apps == {*OUR_APPS, "editorial"}
    for permission in ["auth.view_user", "auth.change_user", "auth.add_group", "auth.view_group"]:
        assert not editor.has_perm(permission)
    assert not editor.has_perm("admin.view_logentry")


def test_removing_the_migration_deletes_the_group_and_applying_it_recreates_it():
    migration = importlib.import_module("programmes.migrations.0005_redacteur_group")
    state_apps = MigrationLoader(connection).project_state(MIGRATION).apps
    schema_editor = types.SimpleNamespace(connection=connection)
    before = group_permissions(Group.objects.get(name="Redacteur"))

    migration.delete_group(state_apps, schema_editor)
    assert not Group.objects.filter(name="Redacteur").exists()

    Permission.objects.filter(content_type__app_label="pathways").delete()
    migration.create_group(state_apps, schema_editor)
    # Later content models get their permissions from later migrations.
    for app_label, name in LATER_GROUP_MIGRATIONS:
        later = importlib.import_module(f"{app_label}.migrations.{name}")
        later_apps = MigrationLoader(connection).project_state((app_label, name)).apps
        later.grant(later_apps, schema_editor)
    # The link-check results moved to the editorial app, permissions and all.
    moved = importlib.import_module("editorial.migrations.0001_initial")
    moved.move_content_type(state_apps, schema_editor)
    assert group_permissions(Group.objects.get(name="Redacteur")) == before


# --- Logging in ----------------------------------------------------------------


def log_in(client, username):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": PASSWORD, "next": reverse("admin:index")},
    )


def test_member_without_staff_status_cannot_log_in(client, editor):
    editor.is_staff = False
    editor.save()

    response = log_in(client, editor.username)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "stafaccount" in response.text  # Django's Dutch "log in with a staff account"


def test_member_with_staff_status_logs_in(client, editor):
    response = log_in(client, editor.username)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_member_edits_a_programme(editor_client):
    programme = f.ProgrammeFactory(name="Leraar Techniek oud")
    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme)
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    data = change_form_data(editor_client.get(url))
    data["name"] = "Leraar Techniek nieuw"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Leraar Techniek nieuw"
    assert programme.history.first().history_user.username == "redacteur"


def test_member_sees_the_history_of_a_programme(editor_client):
    programme = f.ProgrammeFactory()
    response = editor_client.get(reverse("admin:programmes_programme_history", args=[programme.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", ["auth_user_changelist", "auth_group_changelist"])
def test_member_may_not_open_users_or_groups(editor_client, url_name):
    response = editor_client.get(reverse(f"admin:{url_name}"))
    assert response.status_code == 403


def test_member_may_not_add_a_user(editor_client):
    response = editor_client.get(reverse("admin:auth_user_add"))
    assert response.status_code == 403


def test_admin_index_shows_the_content_but_not_users(editor_client):
    response = editor_client.get(reverse("admin:index"))
    app_labels = {app["app_label"] for app in response.context["app_list"]}
    assert app_labels == {*OUR_APPS, "editorial"}


def test_member_may_view_link_checks_but_not_change_them(editor_client):
    check = f.LinkCheckFactory()
    assert editor_client.get(reverse("admin:editorial_linkcheck_changelist")).status_code == 200
    change_page = editor_client.get(reverse("admin:editorial_linkcheck_change", args=[check.pk]))
    assert change_page.status_code == 200
    assert not change_page.context["has_change_permission"]
    assert editor_client.get(reverse("admin:editorial_linkcheck_add")).status_code == 403


def test_member_may_delete_a_draft_programme(editor_client):
    programme = f.ProgrammeFactory(status="draft")
    url = reverse("admin:programmes_programme_delete", args=[programme.pk])
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()
