"""Data derived from the content, kept in each process's memory per content version.

Some pages need the same data for every request, whatever their address says: the
directory's facet index (programmes/facets.py) and the Routewijzer's routes, steps,
jobs and rules (pathways/routewijzer.py). The page cache (pagecache/middleware.py)
keeps whole pages per address, and the Routewijzer and the directory have countless
addresses, so these are kept apart from the pages, per process:

    data = per_content_version("name", build)

`build()` runs at most once per content version and process; every other call costs
the one small query that reads the version (pagecache.models.current_version). The
version is raised in the same transaction as every change of the content
(pagecache/signals.py), so the next request after a change builds the data again:
never stale. The version is read before `build()` reads the content, so kept data
can be newer than its version (harmless) but never older.

Rules for what is kept: it is read-only once built (requests in several threads
may share it), and it holds content only, nothing about a request or a user.
Changes that send no model signals (bulk_create, queryset.update, raw SQL) must call
bump_content_version() themselves, as they must for the page cache.

One entry per name and database is kept; an old version's data is dropped when the
new one is built. The key includes the database's name, so test databases and the
benchmark's databases never share data.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections

from .models import current_version

_lock = threading.Lock()
_kept = {}  # (name, alias, database name) -> (version key, data)


def per_content_version(name, build, using=DEFAULT_DB_ALIAS):
    """`build()`'s result for the current content version (see the module docstring)."""
    version = current_version(using).key  # first, before any content is read
    slot = (name, using, str(connections[using].settings_dict.get("NAME")))
    kept = _kept.get(slot)
    if kept is not None and kept[0] == version:
        return kept[1]
    data = build()
    with _lock:
        _kept[slot] = (version, data)
    return data
