"""What a backup holds: its members and format, the tables it covers, and the
facts its manifest records about the database."""

import contextlib
import datetime
from importlib import metadata

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
# Made by `migrate`, with ids of their own: not in the backup, named by natural key.
MADE_BY_MIGRATE = ("contenttypes", "auth.permission")
# Rows that a data migration writes (programmes 0005: the "Redacteur" group). A
# database just set up by `migrate` has them; the backup's own rows replace them.
REPLACED_ON_RESTORE = ("auth.Group",)
MANIFEST, SITE_DUMP, CONTENT_DUMP = "manifest.json", "site.xml", "content.xml"
MEMBERS = (MANIFEST, SITE_DUMP, CONTENT_DUMP)
SITE_PACKAGE = "docententoolkit-techniek"


class BackupError(Exception):
    """A backup cannot be made or restored; the message is Dutch, for the operator."""


def backed_up_models():
    """The models whose rows a backup holds (not proxies, not unmanaged tables, not
    content types and permissions)."""
    left_out = {"contenttypes"}
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or not opts.managed or opts.app_label in left_out:
            continue
        if opts.label_lower == "auth.permission":
            continue
        yield model


def unmanaged_labels():
    return sorted(model._meta.label for model in apps.get_models() if not model._meta.managed)


def row_counts(using=DEFAULT_DB_ALIAS):
    """{model label: number of rows}, many-to-many tables included."""
    counts = {}
    for model in backed_up_models():
        counts[model._meta.label] = model._base_manager.using(using).count()
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                counts[through._meta.label] = through._base_manager.using(using).count()
    return counts


def applied_migrations(using=DEFAULT_DB_ALIAS):
    """Sorted ["app.name", ...] of the migrations applied to the database."""
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def site_version():
    try:
        return metadata.version(SITE_PACKAGE)
    except metadata.PackageNotFoundError:
        return "onbekend"


def describe(manifest):
    """One line about a backup, for the commands' output."""
    rows = sum(manifest.get("rows", {}).values())
    made_at = manifest.get("made_at", "?")
    with contextlib.suppress(TypeError, ValueError):
        made_at = timezone.localtime(datetime.datetime.fromisoformat(made_at)).strftime(
            "%d-%m-%Y %H:%M:%S"
        )
    return (
        f"{rows} rijen, gemaakt op {made_at} met Django {manifest.get('django', '?')} "
        f"en site-versie {manifest.get('site', '?')} ({manifest.get('database', '?')})"
    )
