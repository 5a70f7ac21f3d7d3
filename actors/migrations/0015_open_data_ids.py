"""Stable identifiers for the open data (opendata/, HSDS ``id``): a random UUID on every
row of the tables the HSDS API publishes.

Added in three steps in one migration: the column without a default (nullable), each
existing row filled with a UUID of its own (one ``UPDATE`` per table on PostgreSQL with
``gen_random_uuid()``, batches of ``bulk_update`` elsewhere), then made required and
unique with ``uuid4`` as the default for new rows. Reversible: going back removes the
columns (the identifiers are lost; going forward again gives new ones).
"""

import uuid

from django.db import migrations, models

MODELS = (
    "actor",
    "language",
    "offer",
    "offerplace",
    "openinghours",
    "place",
    "responsibility",
    "targetgroup",
    "task",
    "topic",
)
BATCH_SIZE = 2000


def fill(apps, schema_editor):
    connection = schema_editor.connection
    for name in MODELS:
        model = apps.get_model("actors", name)
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                # A table name of this migration (constants), no input.
                cursor.execute(f"UPDATE {table} SET uuid = gen_random_uuid() WHERE uuid IS NULL")  # noqa: S608  # nosec B608
            continue
        manager = model._base_manager.using(connection.alias)
        ids = list(manager.filter(uuid__isnull=True).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH_SIZE):
            rows = [model(pk=pk, uuid=uuid.uuid4()) for pk in ids[start : start + BATCH_SIZE]]
            manager.bulk_update(rows, ["uuid"])


def field():
    return models.UUIDField(
        default=uuid.uuid4, editable=False, unique=True, verbose_name="Kennung (offene Daten)"
    )


class Migration(migrations.Migration):
    dependencies = [("actors", "0014_saved_searches")]

    operations = [
        *(
            migrations.AddField(
                model_name=name,
                name="uuid",
                field=models.UUIDField(null=True, editable=False),
            )
            for name in MODELS
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        *(migrations.AlterField(model_name=name, name="uuid", field=field()) for name in MODELS),
    ]
