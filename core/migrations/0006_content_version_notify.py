"""PostgreSQL: every change of a content version is announced to listening workers.

A trigger on the versions table sends ``NOTIFY portal_content_version`` with the key;
PostgreSQL delivers it when the transaction commits, to every connection that listens
(``core/versions.py``). Whatever writes the row (``bump()``, SQL, a restore) notifies.
Nothing happens on other databases.
"""

from django.db import migrations

CHANNEL = "portal_content_version"

CREATE = f"""
CREATE OR REPLACE FUNCTION portal_content_version_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', COALESCE(NEW.key, OLD.key));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS portal_content_version_notify ON integration_portal_contentversion;
CREATE TRIGGER portal_content_version_notify
    AFTER INSERT OR UPDATE OR DELETE ON integration_portal_contentversion
    FOR EACH ROW EXECUTE FUNCTION portal_content_version_notify();
"""

DROP = """
DROP TRIGGER IF EXISTS portal_content_version_notify ON integration_portal_contentversion;
DROP FUNCTION IF EXISTS portal_content_version_notify();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("integration_portal", "0005_security_counter_cache")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
