"""The same search quality on SQLite as on PostgreSQL (actors/search.py, docs/search.md).

SQLite: two FTS5 tables, ``actors_actor_fts`` (name, short name, description;
``unicode61 remove_diacritics 2``) and ``actors_actor_trigram`` (folded names; trigram
tokenizer), filled from the existing actors and kept in step by triggers on
``actors_actor`` (insert, update, delete), so that bulk writes are covered too.

PostgreSQL: umlauts folded as on SQLite. A text search configuration ``portal_german``
(``unaccent``, then the German stemmer) for the generated search vector, regenerated
here with the same weights (the GIN index with it); an immutable ``portal_fold(text)``
(lower-cased ``unaccent``) and a trigram index on ``portal_fold(name)`` for compound
parts and typos, in place of the trigram index on the raw name. ``unaccent`` and
``pg_trgm`` exist since 0002.

Only the database changes, no model state: each engine runs its own part and skips the
other's.
"""

from django.db import migrations

from actors import search

SEARCH_VECTOR = (
    "setweight(to_tsvector('{config}'::regconfig, COALESCE(name, '')), 'A')"
    " || setweight(to_tsvector('{config}'::regconfig, COALESCE(short_name, '')), 'B')"
    " || setweight(to_tsvector('{config}'::regconfig, COALESCE(description, '')), 'C')"
)


def _regenerate_search_vector(schema_editor, config: str) -> None:
    """Drop and re-add the generated column (its GIN index goes with it)."""
    for statement in (
        "ALTER TABLE actors_actor DROP COLUMN search_vector",
        "ALTER TABLE actors_actor ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        + SEARCH_VECTOR.format(config=config)
        + ") STORED",
        "CREATE INDEX actor_search_vector_gin ON actors_actor USING gin (search_vector)",
    ):
        schema_editor.execute(statement, params=None)


def _unaccent_schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        return cursor.fetchone()[0]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # The columns of this migration's time (0012 adds ``search_text``).
        columns = search.FTS_COLUMNS_0007
        for statement in search.sqlite_schema_sql(columns) + search.sqlite_rebuild_sql(columns):
            schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        # Schema-qualified, so that the functions work whatever the search_path of the
        # session (autovacuum, pg_restore) that evaluates the index.
        schema = _unaccent_schema(schema_editor)
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION {search.SEARCH_CONFIG} (COPY = pg_catalog.german)",
            f"ALTER TEXT SEARCH CONFIGURATION {search.SEARCH_CONFIG}"
            f" ALTER MAPPING FOR hword, hword_part, word WITH {schema}.unaccent, german_stem",
            # unaccent() is only STABLE (its rules file could change); declared IMMUTABLE
            # here so that it can be indexed. Rebuild the index if the rules change.
            "CREATE FUNCTION portal_fold(text) RETURNS text"
            " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
            f" AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$",
            "DROP INDEX IF EXISTS actor_name_trgm",
            "CREATE INDEX actor_name_folded_trgm ON actors_actor"
            " USING gin (portal_fold(name) gin_trgm_ops)",
        ):
            schema_editor.execute(statement, params=None)
        _regenerate_search_vector(schema_editor, search.SEARCH_CONFIG)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in search.sqlite_drop_sql():
            schema_editor.execute(statement, params=None)
    elif vendor == "postgresql":
        _regenerate_search_vector(schema_editor, "german")
        for statement in (
            "DROP INDEX IF EXISTS actor_name_folded_trgm",
            "CREATE INDEX IF NOT EXISTS actor_name_trgm ON actors_actor"
            " USING gin (name gin_trgm_ops)",
            "DROP FUNCTION IF EXISTS portal_fold(text)",
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {search.SEARCH_CONFIG}",
        ):
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0006_actor_constraint_messages"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
