"""Restoring a backup: read and check the file, refuse a database that is not
empty or has other migrations, load both dumps in one transaction, and check the
number of rows per table against the manifest."""

import hashlib
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .contents import (
    CONTENT_DUMP,
    FORMAT,
    MANIFEST,
    MEMBERS,
    REPLACED_ON_RESTORE,
    SITE_DUMP,
    BackupError,
    applied_migrations,
    backed_up_models,
    row_counts,
)


def read_backup(path):
    """The manifest and the two dumps (bytes) of a backup file, checked."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Het bestand {path} bestaat niet.")
    not_a_backup = f"{path} is geen back-up van de toolkit"
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            members = {member.name: member for member in tar.getmembers()}
            missing = [name for name in MEMBERS if name not in members]
            if missing:
                raise BackupError(f"{not_a_backup}: {', '.join(missing)} ontbreekt.")
            data = {}
            for name in MEMBERS:
                member = members[name]
                if not member.isfile():
                    raise BackupError(f"{not_a_backup}: {name} is geen gewoon bestand.")
                data[name] = tar.extractfile(member).read()
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(f"{not_a_backup}, of het is beschadigd ({error}).") from error
    try:
        manifest = json.loads(data[MANIFEST])
    except ValueError as error:
        raise BackupError(f"{not_a_backup}: manifest.json is onleesbaar.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(
            f"{path} heeft een onbekende versie van het back-upformaat ({found!r}); "
            f"deze versie van de site leest versie {FORMAT}."
        )
    for name in (SITE_DUMP, CONTENT_DUMP):
        expected = manifest.get("sha256", {}).get(name)
        if hashlib.sha256(data[name]).hexdigest() != expected:
            raise BackupError(
                f"{path} is beschadigd: {name} klopt niet met de controlesom in het manifest."
            )
    return manifest, data[SITE_DUMP], data[CONTENT_DUMP]


def check_migrations(manifest, using=DEFAULT_DB_ALIAS):
    current = set(applied_migrations(using))
    wanted = set(manifest.get("migrations", []))
    if not current:
        raise BackupError(
            "De database is nog niet ingericht. Voer eerst `make migrate` uit "
            "(manage.py migrate) en zet de back-up daarna terug."
        )
    if current != wanted:
        only_backup = sorted(wanted - current)
        only_database = sorted(current - wanted)
        details = []
        if only_backup:
            details.append("alleen in de back-up: " + _few(only_backup))
        if only_database:
            details.append("alleen in de database: " + _few(only_database))
        raise BackupError(
            "De database heeft een andere migratiestand dan de back-up ("
            + "; ".join(details)
            + "). Richt de database in met de versie van de site waarmee de back-up is "
            "gemaakt, zet de back-up terug, en werk daarna de site bij."
        )


def _few(items, limit=5):
    shown = ", ".join(items[:limit])
    return shown + (f" en nog {len(items) - limit}" if len(items) > limit else "")


def tables_with_data(using=DEFAULT_DB_ALIAS):
    """{model label: rows} of the tables a restore would fill that already hold rows."""
    replaced = {label.lower() for label in REPLACED_ON_RESTORE}
    replaced |= {
        field.remote_field.through._meta.label_lower
        for label in REPLACED_ON_RESTORE
        for field in apps.get_model(label)._meta.local_many_to_many
    }
    return {
        label: count
        for label, count in row_counts(using).items()
        if count and label.lower() not in replaced
    }


def restore_backup(path, using=DEFAULT_DB_ALIAS):
    """Loads a backup into the empty database `using`. Returns the manifest."""
    manifest, site_dump, content_dump = read_backup(path)
    check_migrations(manifest, using)
    with transaction.atomic(using=using):
        filled = tables_with_data(using)
        if filled:
            tables = "1 tabel heeft" if len(filled) == 1 else f"{len(filled)} tabellen hebben"
            raise BackupError(
                f"De database is niet leeg: {tables} al rijen ("
                + _few([f"{label} {count}" for label, count in sorted(filled.items())], 3)
                + "). Een back-up wordt alleen in een lege database teruggezet, zodat er "
                "niets verloren gaat. Gebruik een nieuwe database (en `make migrate`)."
            )
        for label in REPLACED_ON_RESTORE:
            apps.get_model(label)._base_manager.using(using).all().delete()
        ContentType.objects.clear_cache()
        with tempfile.TemporaryDirectory(prefix="toolkit-restore-") as work:
            site_file, content_file = Path(work) / SITE_DUMP, Path(work) / CONTENT_DUMP
            site_file.write_bytes(site_dump)
            content_file.write_bytes(content_dump)
            # loaddata warns about a dump without rows (a site without users or groups).
            dumps = [
                str(dump)
                for dump, has_rows in (
                    (site_file, _rows(manifest, content=False)),
                    (content_file, _rows(manifest, content=True)),
                )
                if has_rows
            ]
            try:
                if dumps:
                    call_command("loaddata", *dumps, database=using, verbosity=0)
            except Exception as error:
                raise BackupError(
                    f"Terugzetten mislukt; de database is niet veranderd. De fout: {error}"
                ) from error
        _reset_sequences(using)
        counts = row_counts(using)
        different = {
            label: (counts.get(label, 0), rows)
            for label, rows in manifest.get("rows", {}).items()
            if counts.get(label, 0) != rows
        }
        if different:
            raise BackupError(
                "Terugzetten mislukt; de database is niet veranderd. Na het laden klopt het "
                "aantal rijen niet met de back-up: "
                + _few(
                    [
                        f"{label} {now} in plaats van {rows}"
                        for label, (now, rows) in different.items()
                    ]
                )
                + "."
            )
    ContentType.objects.clear_cache()
    return manifest


def _rows(manifest, content):
    """The number of rows in the backup of the content apps (content=True) or the rest."""
    return sum(
        rows
        for label, rows in manifest.get("rows", {}).items()
        if (label.split(".", 1)[0] in settings.CONTENT_APPS) == content
    )


def _reset_sequences(using):
    """Every id sequence past the highest id (PostgreSQL; SQLite needs nothing)."""
    connection = connections[using]
    models = list(backed_up_models())
    models += [
        field.remote_field.through
        for model in list(models)
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
