"""Gives the "Redacteur" group the permissions of the models this round added (costs,
start moments, offer costs, funding schemes and their history tables), with the
rules of programmes/migrations/0005_redacteur_group.py."""

import importlib

from django.db import migrations


def grant(apps, schema_editor):
    importlib.import_module("pathways.migrations.0006_redacteur_routewijzer").grant(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [("pathways", "0007_content_facts_2")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
