"""Settings for `make run`: one machine, SQLite under var/, DEBUG off.

Without DJANGO_SECRET_KEY in the environment a key is generated once and kept in
var/secret_key, so sessions survive a restart and the key never enters git.
"""

import os

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import VAR_DIR


def _local_secret_key() -> str:
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _local_secret_key()
