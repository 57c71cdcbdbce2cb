"""Backups of the whole database: `manage.py backup` and `manage.py restore`
(`make backup`, `make restore FILE=...`).

A backup is one file, var/backups/toolkit-YYYYmmdd-HHMMSS.tar.gz, readable by its owner
only (it holds the staff accounts' e-mail addresses and password hashes). It holds:

    manifest.json   the format, when and from which database it was made, the Django and
                    site versions, the applied migrations, the number of rows per table,
                    and a SHA-256 checksum of each of the two dumps
    site.xml        everything but the content: users, groups, the admin log, sessions,
                    login attempts ... with content types and permissions named by their
                    natural keys
    content.xml     the content apps (programmes, pathways) with their history, by id

Why two dumps, and why this way: see tests/test_roundtrip.py, which proves the recipe.
In short: content types and permissions are made by `migrate`, with ids of their own, so
they are left out and named by natural key; the content keeps its ids, because a version
in the history names its entry by id; and the content has no natural keys, because the
history still names entries that were deleted since. XML, not JSON: it is what the
round-trip test proves, and it keeps every value exactly. Tables that Django does not
manage (the page cache's content version) are left out: they belong to the database.

Both dumps are read in one transaction, so they are one consistent state even while
staff are editing (PostgreSQL: a repeatable-read snapshot; SQLite: the transaction holds
the write lock, so edits wait the few seconds a backup takes).

Restoring
---------
`restore` loads a backup into an empty database that `migrate` has set up, and refuses
anything else, with a Dutch message and a non-zero exit status:

- a file that is not a backup, is damaged (a checksum does not match) or of an unknown
  format;
- a database whose applied migrations differ from the backup's: set up the database with
  the version of the site that made the backup (`migrate`), restore, then upgrade;
- a database that holds data: any row in a table the backup holds, except the groups
  that a migration makes (they are replaced by the backup's own).

Everything loads in one transaction: after an error the database is as it was. At the
end the number of rows per table must equal the manifest's. On PostgreSQL the id
sequences are set past the highest loaded id, so the next new entry gets a free id.
"""

import contextlib
import datetime
import hashlib
import json
import os
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
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


# --- What a backup holds --------------------------------------------------------------


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


# --- Making a backup --------------------------------------------------------------------


def default_backup_path(now=None):
    now = timezone.localtime(now)
    return Path(settings.VAR_DIR) / "backups" / f"toolkit-{now:%Y%m%d-%H%M%S}.tar.gz"


@contextlib.contextmanager
def consistent_snapshot(using=DEFAULT_DB_ALIAS):
    """One consistent view of the database for the whole backup: a transaction, on
    PostgreSQL a repeatable-read one (inside a transaction that is already open, such
    as a test's, a savepoint of it)."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def make_backup(path=None, using=DEFAULT_DB_ALIAS):
    """Writes a backup file and returns its path and its manifest."""
    path = Path(path) if path else default_backup_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="toolkit-backup-") as work:
        work = Path(work)
        with consistent_snapshot(using):
            common = {"format": "xml", "database": using, "verbosity": 0}
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=[*MADE_BY_MIGRATE, *settings.CONTENT_APPS, *unmanaged_labels()],
                output=str(work / SITE_DUMP),
                **common,
            )
            call_command(
                "dumpdata", *settings.CONTENT_APPS, output=str(work / CONTENT_DUMP), **common
            )
            manifest = {
                "format": FORMAT,
                "made_at": timezone.now().isoformat(),
                "database": connections[using].vendor,
                "django": django.get_version(),
                "site": site_version(),
                "migrations": applied_migrations(using),
                "rows": row_counts(using),
                "sha256": {name: _sha256(work / name) for name in (SITE_DUMP, CONTENT_DUMP)},
            }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        _write_private_tar(path, work)
    return path, manifest


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_private_tar(path, work):
    """The tar file, readable by its owner only, written under a temporary name first so
    a half-written file never carries the final name."""
    fd, temporary = tempfile.mkstemp(prefix=".toolkit-", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            for name in MEMBERS:
                tar.add(work / name, arcname=name, recursive=False)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- Reading a backup -------------------------------------------------------------------


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


# --- Restoring ----------------------------------------------------------------------------


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
