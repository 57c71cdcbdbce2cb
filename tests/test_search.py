"""Free-text search of the directory (`?zoek=`) on SQLite and on PostgreSQL.

The behaviour both databases share (every word somewhere, part of a word, case
ignored, punctuation around words left out, any input safe) is tested on both;
Dutch full text search (stems, accents, prefixes of stems) only on PostgreSQL.
See programmes/search.py.
"""

from urllib.parse import urlencode

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext

from programmes import search
from programmes.models import Module, Programme
from tests import factories as f

from .test_directory import h1_of, page_of, results

pytestmark = pytest.mark.django_db

only_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch full text search needs PostgreSQL"
)


@pytest.fixture
def programme():
    """A programme whose words are spread over its fields, and one that matches nothing."""
    institution = f.InstitutionFactory(name="Hogeschool Noord", short_name="NHS")
    programme = f.ProgrammeFactory(
        name="Leraar Installatietechniek", slug="installatie", institution=institution
    )
    f.ModuleFactory(programme=programme, title="Begeleiding van leerlingen")
    f.ProgrammeContactFactory(programme=programme, name="Pien Aansluiting")
    f.ProgrammeFactory(name="Docent Bouwkunde", slug="bouw")
    return programme


def query(text):
    return "?" + urlencode({"zoek": text})


def found(client, text):
    return results(page_of(client, query(text)))


# --- On every database --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "techniek",  # the end of a compound word
        "INSTALLATIE",  # case ignored
        "installat",  # a word still being typed
        "noord leerlingen pien",  # each word in another field
        "nhs",
    ],
)
def test_a_word_may_be_part_of_a_longer_word_in_any_field(client, programme, text):
    assert found(client, text) == [programme.slug]


def test_every_word_must_occur_somewhere(client, programme):
    assert found(client, "installatie pien") == [programme.slug]
    assert found(client, "installatie bouwkunde") == []
    assert found(client, "warmte installatie") == []


@pytest.mark.parametrize(
    "text",
    ["(installatie)", "'installatie'", "installatie:*", "installatie\\", "pien, - installatie!"],
)
def test_punctuation_around_a_word_is_left_out(client, programme, text):
    assert found(client, text) == [programme.slug]


@pytest.mark.parametrize("text", ["inst\x00allatie", "installatie\x07", "\x1binstallatie\tpien"])
def test_control_characters_are_dropped(client, programme, text):
    # PostgreSQL refuses NUL in text: the search must not pass it on.
    assert found(client, text) == [programme.slug]


@pytest.mark.parametrize(
    "text",
    [
        "\x00",
        "&",
        "'",
        ":*",
        "\\",
        "<->",
        "!installatie | bouw & (x)",
        "installatie ''':*&|!<-> bouw",
        "a&b|c:*",
        "'; DROP TABLE programmes_programme; --",
        "a" * 100,
    ],
)
def test_characters_of_query_syntax_give_a_page_not_an_error(client, programme, text):
    response = client.get("/opleidingen/" + query(text))
    assert response.status_code == 200
    assert Programme.objects.count() == 2


@pytest.mark.parametrize("text", ["inst%tie", "l_raar", "n%rd"])
def test_like_wildcards_inside_a_word_are_plain_characters(client, programme, text):
    # Unescaped, LIKE '%inst%tie%' would find "Installatietechniek".
    assert found(client, text) == []


def test_like_wildcards_find_themselves(client, programme):
    # Inside a word: punctuation at a word's edges is left out of the search, so "0%"
    # would search for "0" and also find a factory-made "Hogeschool 10".
    other = f.ProgrammeFactory(name="Leraar praktijk_gericht 50%korting", slug="procent")
    assert found(client, "k_g") == [other.slug]
    assert found(client, "0%k") == [other.slug]


def test_control_characters_are_not_shown_back(client, programme):
    page = page_of(client, query("pien\x00\x07 aansluiting"))
    assert h1_of(page) == "Opleidingen met ‘pien aansluiting’ (1)"


def test_clean_search_text_keeps_letters_and_drops_controls_and_surrogates():
    assert search.clean_search_text(" a\x00b\tc\ud800 één\u200b ") == "ab c één\u200b"


def test_search_words_leave_out_punctuation_around_words_only():
    assert search.search_words("(M&T) 's-Hertogenbosch, - & techniek:*") == [
        "M&T",
        "s-Hertogenbosch",
        "techniek",
    ]


def test_prefix_query_quotes_only_letters_and_digits():
    assert search.prefix_query("leraar's-techniek2") == "'leraar':* & 's':* & 'techniek2':*"
    assert search.prefix_query("&|!:*'\\") == ""


# --- Only on PostgreSQL -------------------------------------------------------------


@only_postgresql
@pytest.mark.parametrize(
    "text",
    [
        "leraren",  # plural of "Leraar" (not a substring of it)
        "hogescholen noord",  # plural of "Hogeschool"
        "begeleidingen",  # a module's title, stemmed
        "installatietechnieken",
    ],
)
def test_postgresql_finds_other_forms_of_a_word(client, programme, text):
    assert found(client, text) == [programme.slug]


@only_postgresql
def test_names_of_contact_persons_are_matched_as_written_not_stemmed(client, programme):
    assert found(client, "aansluit") == [programme.slug]
    assert found(client, "aansluitingen") == []


def plan_without_scans_of_whole_tables(queryset):
    """PostgreSQL's plan for the queryset when it may not read a whole table or index:
    a condition is then answered from an index whose expression it matches, whatever
    the statistics of these small tables say is cheapest."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@only_postgresql
def test_full_text_conditions_can_be_answered_from_the_gin_indexes(programme):
    """The indexes of migration 0006 must have exactly the expression the search uses.

    The search matches module titles in a correlated EXISTS; for that PostgreSQL may
    as well walk the few modules of each programme, depending on the statistics
    (autovacuum's or an earlier test's ANALYZE), so the title condition is planned
    on its own, built by the same function the search uses."""
    plan = plan_without_scans_of_whole_tables(Programme.objects.search("leraren").values("pk"))
    assert "programmes_programme_name_fts" in plan
    query = search.full_text_query("leraren", search.text_search_config(connection))
    titles = Module.objects.filter(search.full_text_match(query, "title")).values("pk")
    assert "programmes_module_title_fts" in plan_without_scans_of_whole_tables(titles)


@only_postgresql
def test_postgresql_ignores_accents_and_finds_the_start_of_a_stem(client):
    programme = f.ProgrammeFactory(name="Ideeën voor het docentschap", slug="ideeen")
    f.ProgrammeFactory(name="Leraar Bouwkunde", slug="bouw")

    assert found(client, "ideeen") == [programme.slug]
    assert found(client, "IDEEËN") == [programme.slug]
    assert found(client, "docenten") == [programme.slug]  # 'docent':* finds 'docentschap'


@only_postgresql
def test_postgresql_uses_the_dutch_configuration():
    assert search.text_search_config(connection) == "dutch"
    sql = str(Programme.objects.search("leraren").query)
    assert "to_tsvector" in sql and "to_tsquery" in sql and "dutch" in sql


@only_postgresql
def test_without_the_dutch_configuration_search_falls_back_to_simple(client, programme):
    setattr(connection, search.CONFIG_ATTRIBUTE, "simple")
    try:
        assert found(client, "leraren") == []  # no stemming
        assert found(client, "leraar noord") == [programme.slug]
        assert found(client, "installatie") == [programme.slug]  # substrings still match
    finally:
        setattr(connection, search.CONFIG_ATTRIBUTE, "dutch")


@only_postgresql
def test_the_configuration_is_checked_when_a_connection_opens_not_during_a_page(client):
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        assert getattr(other, search.CONFIG_ATTRIBUTE, None) is None
        other.ensure_connection()
        assert getattr(other, search.CONFIG_ATTRIBUTE) == "dutch"
    finally:
        other.close()

    with CaptureQueriesContext(connection) as page:
        page_of(client, "?zoek=leraren")
    assert page.captured_queries
    assert not any("pg_ts_config" in q["sql"] for q in page.captured_queries)
