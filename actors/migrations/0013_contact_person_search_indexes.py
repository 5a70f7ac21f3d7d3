"""Trigram indexes for the staff's search by contact person (PostgreSQL only): the
folded name and function (``portal_fold``, migration 0007) are searched for a part of a
word (``LIKE '%…%'``), which a trigram GIN index answers without reading every row."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("name", "function"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS contactperson_{column}_folded_trgm"
            f" ON actors_contactperson USING gin (portal_fold({column}) gin_trgm_ops)",
            params=None,
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("name", "function"):
        schema_editor.execute(
            f"DROP INDEX IF EXISTS contactperson_{column}_folded_trgm", params=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0012_actor_search_text"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
