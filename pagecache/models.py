"""The content version: a table of one row (id 1).

`bump_content_version()` raises `version` by one and sets `changed_at`, with a
single UPDATE in the database transaction that made the change (signals.py calls
it after every save, delete and many-to-many change of the content). So:

- every server process sees the new version as soon as the change is committed,
  and never before: a reader that sees the new version also sees the new content;
- the version goes up *after* the change (post_save, post_delete, post_add ...),
  never before it. In autocommit mode the change and the bump are two commits, in
  that order. A page rendered between them is stored under the old version, which
  nobody reads any more; no page of old content can be stored under the new one.

The cache key uses the version and `changed_at` together (`ContentVersion.key`):
a database restored from a backup, or a new one, starts again from a lower
version, but never with the same moment, so it cannot reach pages that a shared
cache (Redis) still holds for the old database.

The table is not managed by Django's migrations in the usual way (managed =
False; the migration creates it with a RunPython step). That keeps it out of
`flush` (the row and its count survive, as they must) and out of the content
snapshots that the backup and round-trip tests compare: loading content raises
the version, so it can never be equal before and after.
"""

import datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

ROW_ID = 1


class ContentVersion(models.Model):
    id = models.PositiveSmallIntegerField("id", primary_key=True, default=ROW_ID)
    version = models.BigIntegerField("versie", default=0)
    changed_at = models.DateTimeField("gewijzigd op", default=timezone.now)

    class Meta:
        managed = False
        db_table = "pagecache_contentversion"
        verbose_name = "inhoudsversie"
        verbose_name_plural = "inhoudsversies"
        ordering = ["id"]

    def __str__(self):
        return f"versie {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class Current:
    """The content version as read at the start of a request."""

    __slots__ = ("version", "changed_at")

    def __init__(self, version, changed_at):
        self.version = version
        self.changed_at = changed_at

    @property
    def key(self):
        """Unique for one state of the content: "<version>-<microseconds>"."""
        if self.changed_at is None:
            return f"{self.version}-0"
        return f"{self.version}-{int(self.changed_at.timestamp() * 1_000_000)}"


# Read on every request the page cache handles, so with a plain cursor: the ORM
# would spend ten times longer building this one statement than the database
# takes to answer it (about 250 against 20 microseconds).
_VERSION_SQL = "SELECT version, changed_at FROM pagecache_contentversion WHERE id = %s"


def _as_datetime(value):
    """changed_at as the ORM would give it: an aware datetime in UTC (or None)."""
    if value is None or isinstance(value, datetime.datetime):
        parsed = value
    else:  # SQLite hands back text
        parsed = parse_datetime(value)
    if parsed is not None and settings.USE_TZ and timezone.is_naive(parsed):
        # Django keeps datetimes in UTC on databases without time zone support.
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def current_version(using=DEFAULT_DB_ALIAS):
    """The current content version (one query). Version 0 if the row is missing."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [ROW_ID])
        row = cursor.fetchone()
    if row is None:
        return Current(0, None)
    return Current(row[0], _as_datetime(row[1]))


def bump_content_version(using=DEFAULT_DB_ALIAS):
    """Marks the content as changed: every cached public page is out of date.

    Call it after changing content in a way that sends no model signals
    (queryset.update(), bulk_create(), raw SQL), inside the same transaction.
    Saves, deletes and many-to-many changes of the content models call it
    already (signals.py).
    """
    manager = ContentVersion.objects.using(using)
    now = timezone.now()
    if manager.filter(pk=ROW_ID).update(version=F("version") + 1, changed_at=now):
        return
    # The row is gone (deleted by hand): make it again, then count this change.
    _row, created = manager.get_or_create(pk=ROW_ID, defaults={"version": 1, "changed_at": now})
    if not created:  # another process made it first
        manager.filter(pk=ROW_ID).update(version=F("version") + 1, changed_at=now)
