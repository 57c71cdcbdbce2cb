"""Making a backup: both dumps from one consistent snapshot of the database,
written under a temporary name and readable by the owner only."""

import contextlib
import hashlib
import json
import os
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from .contents import (
    CONTENT_DUMP,
    FORMAT,
    MADE_BY_MIGRATE,
    MANIFEST,
    MEMBERS,
    SITE_DUMP,
    applied_migrations,
    row_counts,
    site_version,
    unmanaged_labels,
)


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
