"""Free-text search of the programme directory (`?zoek=`), on SQLite and PostgreSQL.

What a visitor can rely on, on both databases
---------------------------------------------
- Every word must occur somewhere: in the programme's name, its hogeschool's name or
  short name, a module's title or a contact person's name. Each word may match a
  different field.
- A word may be part of a longer word, case ignored: "installatie" finds "Leraar
  Installatietechniek" and "techniek" finds "Elektrotechniek". Dutch glues words
  together, so matching whole words only would miss most programmes. This is also
  what makes searching while typing work: "warmtep" already finds "Warmtepompen".

What PostgreSQL adds
--------------------
On PostgreSQL each word is also matched with full text search, in the programme's
name, the hogeschool's name and short name and the modules' titles, in the Dutch
configuration (`dutch`: the Snowball stemmer, stop words left out, accents ignored):
"leraren" finds "Leraar", "hogescholen" finds "Hogeschool", "opleidingen" finds
"opleiding", "ideeen" finds "ideeën". Each word is a prefix query on its stem
(`'docent':*`), so a word still being typed, or a plural of the first part of a
compound ("docenten" and "docentschap"), also finds its matches. A word matches
when either way finds it, so PostgreSQL finds everything SQLite finds, and more.
There is no ranking: the directory keeps its own sort order.

Contact persons' names are matched as written (part of a word, case ignored), not
stemmed: names have no plural. The full text conditions are kept apart from the
substring ones, each as its own subquery, so that PostgreSQL can answer them from the
GIN indexes on the programme's name and the modules' titles (migration 0006), instead of
stemming every title for every query.

Whether the `dutch` configuration exists is checked once per database connection,
when it is opened (so the check never lands in a page's query count); a server
without it falls back to `simple` (no stemming, no stop words).

Words
-----
The text is split on spaces. Punctuation around a word is left out ("(deeltijd)",
"techniek," and "installatie:*" search for the word inside), a word of punctuation
only ("-", "&") is dropped; punctuation inside a word stays ("M&T", "s-Hertogenbosch").

Input
-----
The text comes from an address, so it may hold anything. Control characters (NUL
among them, which PostgreSQL refuses in text) and lone surrogates are removed before
the text reaches the database; the full text query is built from the letters and
digits of each word only, so no character can change the query's syntax.
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
    """The words to search for: see "Words" above."""
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
