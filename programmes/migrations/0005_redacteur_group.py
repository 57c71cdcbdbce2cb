"""Creates the "Redacteur" group: the staff who keep the content right.

What the group may do
---------------------
- add, change, delete and view every content model of the programmes and pathways
  apps (programmes, contacts, routes, steps, the vocabulary, old addresses, ...);
- view the history tables of those models (django-simple-history). By default
  simple-history checks the permissions of the model itself for its history and
  restore pages (SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS is off), so this
  is only needed if that setting is ever switched on; with it on, restoring an
  earlier version needs "change" on the history model, which is granted as well.
  The history models have no admin pages of their own, so this lets nobody edit
  history directly;
- view the link-check results (`check_links` writes them; nobody edits them);
- import and export programmes and contacts as CSV (the admin allows that to
  whoever may add and change them, see programmes/csv_io.py).

What it may not do: anything with users, groups or permissions (auth), or any
other app. Admin login is for staff only: a member also needs "is_staff" (staff
status), which a superuser sets on the user's page. A user in the group without
staff status cannot log in to /beheer/.

The permissions do not exist yet when this migration runs on an empty database:
Django creates them in its post_migrate signal, after all migrations. So the
migration creates them first with `create_permissions`, for the models as they
are at this point of the migration history.

A content model added later gets no permissions from this migration: add them to
the group in a new data migration. tests/test_roles.py fails until then.

Reversing the migration deletes the group (its members stay, without the group);
the permissions themselves are left, as Django would create them anyway.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Redacteur"
CONTENT_APPS = ("programmes", "pathways")
CONTENT_ACTIONS = ("add", "change", "delete", "view")
HISTORY_ACTIONS = ("view", "change")
VIEW_ONLY_MODELS = {("programmes", "linkcheck")}


def is_history_model(model):
    return model._meta.object_name.startswith("Historical")


def wanted_permissions(apps):
    """(app_label, codename) pairs the group gets, for the models in this migration state."""
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            model_name = model._meta.model_name
            if (app_label, model_name) in VIEW_ONLY_MODELS:
                actions = ("view",)
            elif is_history_model(model):
                actions = HISTORY_ACTIONS
            else:
                actions = CONTENT_ACTIONS
            for action in actions:
                yield app_label, f"{action}_{model_name}"


def create_missing_permissions(apps, using):
    """What post_migrate would do later: content types and permissions for our apps."""
    for app_label in CONTENT_APPS:
        app_config = apps.get_app_config(app_label)
        # create_permissions skips an app without a models module; the migration
        # state's app configs have none, so set it for the call.
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = None


def create_group(apps, schema_editor):
    using = schema_editor.connection.alias
    create_missing_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    wanted = set(wanted_permissions(apps))
    permissions = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=CONTENT_APPS)
        .select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions not found: {sorted(missing)}")

    group, _created = Group.objects.using(using).get_or_create(name=GROUP_NAME)
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programmes", "0004_help_texts"),
        ("pathways", "0004_help_texts"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
