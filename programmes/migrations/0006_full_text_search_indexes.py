"""GIN indexes for the directory's Dutch full text search, on PostgreSQL only.

The search (programmes/search.py) matches each word against the stems of a
programme's name and of its modules' titles. Without an index PostgreSQL stems every
title for every query: with 5,000 programmes and 50,000 modules some 100 ms per word,
and the directory page runs its filters about ten times (the list, the count and a
count per filter). With these indexes each lookup takes about a millisecond.

Each index expression is exactly what the search's SearchVector compiles to for one
field, `to_tsvector('dutch'::regconfig, COALESCE(column, ''))`; otherwise PostgreSQL
would not use it. The models do not declare the indexes (SQLite has no GIN indexes
and no to_tsvector), so nothing here changes the migration state: on SQLite, and on a
PostgreSQL server without the `dutch` configuration (the search then uses `simple`),
this migration does nothing.
"""

from django.db import migrations

INDEXES = {
    "programmes_programme_name_fts": ("programmes_programme", "name"),
    "programmes_module_title_fts": ("programmes_module", "title"),
}


def has_dutch_configuration(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_catalog.pg_ts_config WHERE cfgname = 'dutch'")
        return cursor.fetchone() is not None


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql" or not has_dutch_configuration(
        schema_editor
    ):
        return
    quote = schema_editor.quote_name
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin "
            f"(to_tsvector('dutch'::regconfig, COALESCE({quote(column)}, '')))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_redacteur_group")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
