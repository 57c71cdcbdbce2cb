"""What counts as a change of the content: a save (also a raw one, as loaddata
does), a delete or a many-to-many change of any model of the content apps, except
the history tables (they only change together with their entry).

Changes that send no signals (queryset.update(), bulk_create(), raw SQL) must call
`bump_content_version()` themselves; the site's own code makes none on content
(the bulk writes in editorial/versions.py are on history tables). `migrate`
and `flush` raise the version once at the end (post_migrate), as data migrations
and flushes change tables without signals.
"""

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from .models import ContentVersion, bump_content_version

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}


def is_content_model(model):
    opts = model._meta
    return opts.app_label in settings.CONTENT_APPS and not opts.object_name.startswith("Historical")


def content_models():
    """The content models, with the through tables of their many-to-many fields."""
    for app_label in settings.CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            if is_content_model(model):
                yield model


def content_saved_or_deleted(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    bump_content_version(using)


def many_to_many_changed(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    # The sender is the through model: it belongs to the app of the field's model.
    if action in M2M_CHANGES and is_content_model(sender):
        bump_content_version(using)


def migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    connection = connections[using]
    if ContentVersion._meta.db_table in connection.introspection.table_names():
        bump_content_version(using)


def connect():
    # Per model, not for every sender: a post_delete receiver makes Django fetch
    # rows before deleting them, which should not slow down e.g. expired sessions.
    for model in content_models():
        uid = f"pagecache-{model._meta.label_lower}"
        post_save.connect(content_saved_or_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(content_saved_or_deleted, sender=model, dispatch_uid=uid)
    m2m_changed.connect(many_to_many_changed, dispatch_uid="pagecache-m2m")
    post_migrate.connect(
        migrated, sender=apps.get_app_config("pagecache"), dispatch_uid="pagecache-migrate"
    )
