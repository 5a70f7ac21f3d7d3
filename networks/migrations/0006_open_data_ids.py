"""Stable identifiers for the open data (opendata/, HSDS ``id``): a random UUID on every
network, membership and coordination link (see ``actors.0015``, the same three steps).

The history tables get the column too (django-simple-history copies the fields, the
uniqueness as a plain index): each historical row is given the identifier of its record,
and the rows of records deleted since one of their own, shared by all their rows.
"""

import uuid

from django.db import migrations, models

MODELS = ("network", "membership", "coordinationlink")
BATCH_SIZE = 2000


def fill(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    for name in MODELS:
        model = apps.get_model("networks", name)
        history = apps.get_model("networks", f"historical{name}")
        manager = model._base_manager.using(connection.alias)
        history_manager = history._base_manager.using(connection.alias)
        if connection.vendor == "postgresql":
            table, history_table = quote(model._meta.db_table), quote(history._meta.db_table)
            with connection.cursor() as cursor:
                # Table names of this migration (constants), no input.
                cursor.execute(f"UPDATE {table} SET uuid = gen_random_uuid() WHERE uuid IS NULL")  # noqa: S608  # nosec B608
                cursor.execute(
                    f"UPDATE {history_table} AS h SET uuid = r.uuid FROM {table} AS r "  # noqa: S608  # nosec B608
                    "WHERE h.id = r.id AND h.uuid IS NULL"
                )
        else:
            ids = list(
                manager.filter(uuid__isnull=True).order_by("pk").values_list("pk", flat=True)
            )
            for start in range(0, len(ids), BATCH_SIZE):
                rows = [model(pk=pk, uuid=uuid.uuid4()) for pk in ids[start : start + BATCH_SIZE]]
                manager.bulk_update(rows, ["uuid"])
            known = dict(manager.values_list("pk", "uuid"))
            for record_id in (
                history_manager.filter(uuid__isnull=True).values_list("id", flat=True).distinct()
            ):
                history_manager.filter(id=record_id).update(
                    uuid=known.get(record_id) or uuid.uuid4()
                )
        # Deleted records: one identifier per record, for all its historical rows.
        for record_id in (
            history_manager.filter(uuid__isnull=True).values_list("id", flat=True).distinct()
        ):
            history_manager.filter(id=record_id).update(uuid=uuid.uuid4())


def field():
    return models.UUIDField(
        default=uuid.uuid4, editable=False, unique=True, verbose_name="Kennung (offene Daten)"
    )


def history_field():
    return models.UUIDField(
        db_index=True, default=uuid.uuid4, editable=False, verbose_name="Kennung (offene Daten)"
    )


class Migration(migrations.Migration):
    dependencies = [("networks", "0005_network_profile_and_limits")]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="uuid",
                field=models.UUIDField(null=True, editable=False),
            )
            for name in MODELS
            for model_name in (name, f"historical{name}")
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        *(migrations.AlterField(model_name=name, name="uuid", field=field()) for name in MODELS),
        *(
            migrations.AlterField(
                model_name=f"historical{name}", name="uuid", field=history_field()
            )
            for name in MODELS
        ),
    ]
