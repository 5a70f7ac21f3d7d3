"""Drop the indexes on the recent searches' time: a search rewrites its row in place."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0016_history"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="recentsearch", name="recentsearch_user_time"),
        migrations.RemoveIndex(model_name="recentsearch", name="recentsearch_time"),
    ]
