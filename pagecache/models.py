"""The content version: a table of one row that `bump_content_version()` raises in
the same database transaction as every change of the content.

The one rule: the version goes up after the change, never before it, so a page
rendered from old content can never be stored under the new version. The table
is unmanaged (made by a migration), so `flush` keeps it and backups leave it out.
What counts as a change: signals.py. Why it works this way:
docs/decisions/0015-content-version-in-the-database.md.
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
