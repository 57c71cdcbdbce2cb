"""Gives the "Redacteur" group the permissions of the models and history tables
that the Routewijzer added (PriorLearning; the history of the new many-to-many
fields), with the rules of programmes/migrations/0005_redacteur_group.py: content
models in full, history tables view and change.

`grant` adds whatever the group lacks for the models of this migration state, so a
later content model can reuse it in its own migration."""

import importlib

from django.db import migrations

GROUP_MIGRATION = "programmes.migrations.0005_redacteur_group"


def grant(apps, schema_editor):
    rules = importlib.import_module(GROUP_MIGRATION)
    using = schema_editor.connection.alias
    rules.create_missing_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = set(rules.wanted_permissions(apps))
    permissions = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=rules.CONTENT_APPS)
        .select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    group, _created = Group.objects.using(using).get_or_create(name=rules.GROUP_NAME)
    group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0005_redacteur_group"),
        ("pathways", "0005_routewijzer"),
    ]

    # Reversing leaves the permissions: 0005_routewijzer's reversal removes the models.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
