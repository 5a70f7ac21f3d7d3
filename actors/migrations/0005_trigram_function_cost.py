"""Tell PostgreSQL's planner what pg_trgm's strict word similarity really costs.

The directory search is ``search_vector @@ query OR name %>> query``. pg_trgm declares
its similarity functions with the default cost of 1, as cheap as an integer comparison,
so the planner prefers a sequential scan that computes the similarity for all 50,000
actors (EXPLAIN ANALYZE at NRW scale: 750 ms) over combining the GIN indexes on the
search vector and the name with a BitmapOr (160 ms, most of it ranking the matches).
With a realistic cost it takes the indexes. Only on PostgreSQL, and only where the
database user owns the functions (the extension's owner); elsewhere it changes nothing.
"""

from django.db import migrations

FUNCTIONS = (
    "strict_word_similarity(text, text)",
    "strict_word_similarity_commutator_op(text, text)",
)


def _set_cost(cost: int) -> str:
    statements = " ".join(f"ALTER FUNCTION {function} COST {cost};" for function in FUNCTIONS)
    return (
        f"DO $$ BEGIN {statements} "
        "EXCEPTION WHEN insufficient_privilege OR undefined_function THEN "
        "RAISE NOTICE 'pg_trgm function costs left unchanged'; END $$;"
    )


def raise_cost(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_set_cost(100))


def reset_cost(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_set_cost(1))


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0004_actor_name_index"),
    ]

    operations = [migrations.RunPython(raise_cost, reset_cost)]
