"""The table of the ``default`` cache, which holds the security counters (rate limits).

``createcachetable`` as a migration, so that ``manage.py migrate`` is the only step a
deployment needs; it creates the table of every database cache in ``CACHES`` that is
missing and leaves existing ones alone.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('portal_cache')}")


class Migration(migrations.Migration):
    dependencies = [("integration_portal", "0004_lowercase_account_emails")]

    operations = [migrations.RunPython(create_cache_tables, drop_cache_table)]
