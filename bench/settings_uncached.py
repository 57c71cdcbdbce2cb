"""The production settings without the public page cache, for the uncached
throughput figures of bench/load.py. Everything else is toolkit_site.settings.prod."""

from toolkit_site.settings.prod import *  # noqa: F403
from toolkit_site.settings.prod import MIDDLEWARE

MIDDLEWARE = [path for path in MIDDLEWARE if not path.startswith("pagecache.middleware.")]
