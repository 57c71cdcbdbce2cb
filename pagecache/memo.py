"""Data derived from the content, kept in each process's memory per content version:

    data = per_content_version("name", build)

`build()` runs at most once per content version and process; every other call
costs the one small query that reads the version. The one rule: kept data is
read-only once built (threads share it) and holds content only, nothing about a
request or a user. Changes that send no model signals must call
`bump_content_version()` themselves. Why: docs/decisions/0017-data-per-content-version.md.
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


def forget_all():
    """Drops everything kept, so the next call builds again (tests that change content
    without a new version, e.g. with bulk_create, then roll it back)."""
    with _lock:
        _kept.clear()
