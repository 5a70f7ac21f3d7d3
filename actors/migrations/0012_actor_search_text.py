"""The search finds an actor by its tasks, offers, target groups, languages and
municipality: ``Actor.search_text`` (actors/search_document.py), indexed beside name,
short name and description.

PostgreSQL: the generated search vector regenerated with the text weighted D (the GIN
index with it). SQLite: the FTS5 word table re-created with a fourth column, its
triggers following ``search_text`` too. Then the text is filled for every actor.
"""

from django.db import migrations, models

from actors import search, search_document

SEARCH_VECTOR = (
    "setweight(to_tsvector('{config}'::regconfig, COALESCE(name, '')), 'A')"
    " || setweight(to_tsvector('{config}'::regconfig, COALESCE(short_name, '')), 'B')"
    " || setweight(to_tsvector('{config}'::regconfig, COALESCE(description, '')), 'C')"
    "{text}"
)
SEARCH_TEXT = " || setweight(to_tsvector('{config}'::regconfig, COALESCE(search_text, '')), 'D')"


def _regenerate(schema_editor, with_text: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        columns = search.FTS_COLUMNS if with_text else search.FTS_COLUMNS_0007
        statements = (
            search.sqlite_drop_sql()
            + search.sqlite_schema_sql(columns)
            + search.sqlite_rebuild_sql(columns)
        )
    elif vendor == "postgresql":
        config = search.SEARCH_CONFIG
        text = SEARCH_TEXT.format(config=config) if with_text else ""
        statements = [
            "ALTER TABLE actors_actor DROP COLUMN search_vector",
            "ALTER TABLE actors_actor ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            + SEARCH_VECTOR.format(config=config, text=text)
            + ") STORED",
            "CREATE INDEX actor_search_vector_gin ON actors_actor USING gin (search_vector)",
        ]
    else:
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    _regenerate(schema_editor, with_text=True)
    search_document.refresh(using=schema_editor.connection.alias, apps=apps)


def backwards(apps, schema_editor):
    _regenerate(schema_editor, with_text=False)


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0011_synonyms"),
    ]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="Suchtext"),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
