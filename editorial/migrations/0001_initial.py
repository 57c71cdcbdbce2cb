# The link-check results moved here from the programmes app: the table keeps its
# name, so only Django's idea of which app owns it changes (and the content type,
# which carries the Redacteur group's permission to view them).
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="programmes", new="editorial"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    old_type = ContentType.objects.using(db).filter(app_label=old, model="linkcheck").first()
    if old_type is None:
        return
    new_type = ContentType.objects.using(db).filter(app_label=new, model="linkcheck").first()
    if new_type is None:
        old_type.app_label = new
        old_type.save(using=db)
        return
    # Both exist: whoever held an old permission gets the new one; then the old type
    # goes, and its permissions with it.
    for old_permission in Permission.objects.using(db).filter(content_type=old_type):
        new_permission = (
            Permission.objects.using(db)
            .filter(content_type=new_type, codename=old_permission.codename)
            .first()
        )
        if new_permission is not None:
            for group in old_permission.group_set.all():
                group.permissions.add(new_permission)
            for user in old_permission.user_set.all():
                user.user_permissions.add(new_permission)
    old_type.delete()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="editorial", new="programmes")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programmes", "0006_full_text_search_indexes"),
        # The last migration that gives the Redacteur group permissions by app.
        ("pathways", "0006_redacteur_routewijzer"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LinkCheck",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("url", models.URLField(max_length=500, verbose_name="adres")),
                        (
                            "ok",
                            models.BooleanField(
                                help_text="Werkt als het adres na doorverwijzingen een 2xx-antwoord geeft.",
                                verbose_name="werkt",
                            ),
                        ),
                        (
                            "status_code",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="HTTP-status"
                            ),
                        ),
                        (
                            "final_url",
                            models.URLField(
                                blank=True,
                                help_text="Waar het adres na alle doorverwijzingen uitkomt.",
                                max_length=2000,
                                verbose_name="eindadres",
                            ),
                        ),
                        (
                            "redirected",
                            models.BooleanField(default=False, verbose_name="doorverwezen"),
                        ),
                        (
                            "error",
                            models.CharField(
                                blank=True,
                                help_text="Bijvoorbeeld een time-out of een onbekende server.",
                                max_length=300,
                                verbose_name="fout",
                            ),
                        ),
                        ("checked_at", models.DateTimeField(verbose_name="gecontroleerd op")),
                    ],
                    options={
                        "verbose_name": "linkcontrole",
                        "verbose_name_plural": "linkcontroles",
                        "db_table": "programmes_linkcheck",
                        "ordering": ["ok", "url"],
                        "indexes": [models.Index(fields=["ok"], name="linkcheck_ok_idx")],
                        "constraints": [
                            models.UniqueConstraint(fields=("url",), name="linkcheck_unique_url")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
