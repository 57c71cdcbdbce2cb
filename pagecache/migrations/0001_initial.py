"""The content version table and its one row.

The model is unmanaged (see pagecache/models.py), so CreateModel makes no table;
the RunPython step creates it from the model as it is in this migration, with
the schema editor, and writes the row. Later changes to the table need their own
RunPython step in the same way.
"""

import django.utils.timezone
from django.db import migrations, models


def create_table(apps, schema_editor):
    ContentVersion = apps.get_model("pagecache", "ContentVersion")
    schema_editor.create_model(ContentVersion)
    ContentVersion.objects.using(schema_editor.connection.alias).create(
        id=1, version=1, changed_at=django.utils.timezone.now()
    )


def drop_table(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("pagecache", "ContentVersion"))


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, primary_key=True, serialize=False, verbose_name="id"
                    ),
                ),
                ("version", models.BigIntegerField(default=0, verbose_name="versie")),
                (
                    "changed_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="gewijzigd op"
                    ),
                ),
            ],
            options={
                "verbose_name": "inhoudsversie",
                "verbose_name_plural": "inhoudsversies",
                "db_table": "pagecache_contentversion",
                "ordering": ["id"],
                "managed": False,
            },
        ),
        migrations.RunPython(create_table, drop_table),
    ]
