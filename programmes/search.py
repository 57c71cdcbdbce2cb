"""Free-text search of the programmes (`?zoek=`), on SQLite and PostgreSQL.

The building blocks of ProgrammeQuerySet.search: splitting and cleaning the words,
substring conditions for every database and Dutch full text conditions on
PostgreSQL. What a visitor can rely on is in the README ("Zoeken"). The rule to
know: text from an address goes through clean_search_text() before it reaches the
database. Why it works this way: docs/decisions/0022-search-substring-and-dutch-full-text.md.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection as default_connection
from django.db.backends.signals import connection_created
from django.db.models import Q
from django.dispatch import receiver

PREFERRED_CONFIG = "dutch"
FALLBACK_CONFIG = "simple"
# Set on a PostgreSQL connection wrapper when the connection is opened.
CONFIG_ATTRIBUTE = "toolkit_text_search_config"

_WORD_PARTS = re.compile(r"\w+")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
# Unicode categories that never belong in a search word: controls (NUL, tabs, escape
# characters), lone surrogates, unassigned code points and private use.
_DROPPED_CATEGORIES = {"Cc", "Cs", "Cn", "Co"}


def clean_search_text(text):
    """`text` without control characters or surrogates, with single spaces."""
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )
    return " ".join(kept.split())


def search_words(text):
    """The words to search for: split on spaces, without the punctuation around a word
    ("(deeltijd)", "techniek,"); a word of punctuation only ("-", "&") is dropped, and
    punctuation inside a word stays ("M&T", "s-Hertogenbosch")."""
    words = (_EDGE_PUNCTUATION.sub("", word) for word in clean_search_text(text).split())
    return [word for word in words if word]


def _detect_config(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_catalog.pg_ts_config WHERE cfgname = %s", [PREFERRED_CONFIG]
        )
        return PREFERRED_CONFIG if cursor.fetchone() else FALLBACK_CONFIG


@receiver(connection_created, dispatch_uid="programmes_text_search_config")
def _remember_config(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        setattr(connection, CONFIG_ATTRIBUTE, _detect_config(connection))


def text_search_config(connection=None):
    """The full text search configuration to use on `connection`: 'dutch' when the
    database has it, else 'simple'; None when the database has no full text search
    (SQLite)."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return None
    config = getattr(connection, CONFIG_ATTRIBUTE, None)
    if config is None:  # opened before this module was imported
        config = _detect_config(connection)
        setattr(connection, CONFIG_ATTRIBUTE, config)
    return config


def prefix_query(word):
    """A raw tsquery: every letter-and-digit part of `word` as a prefix, joined with &.
    Empty when the word has no letters or digits. The parts hold no quote, backslash
    or operator, so the text cannot break the query."""
    return " & ".join(f"'{part}':*" for part in _WORD_PARTS.findall(word))


def contains(word, *fields):
    """A condition: `word` is part of one of `fields`, case ignored (every database)."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def full_text_query(word, config):
    """The prefix query for `word` in `config`, or None when there is no full text
    search (SQLite) or the word has no letters or digits."""
    raw = prefix_query(word) if config else ""
    return SearchQuery(raw, config=config, search_type="raw") if raw else None


def full_text_match(query, *fields):
    """A condition: the stems of `fields` together match `query` (a full_text_query).

    `to_tsvector(config, COALESCE(field, ''))` for one field is the expression of the
    GIN indexes of migration 0006, so the database can answer it from the index.
    """
    return SearchVectorExact(SearchVector(*fields, config=query.config), query)
