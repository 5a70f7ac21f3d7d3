from django.db import migrations, models


def create_directory_version(apps, schema_editor):
    apps.get_model("integration_portal", "ContentVersion").objects.get_or_create(key="directory")


class Migration(migrations.Migration):
    dependencies = [
        ("integration_portal", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "key",
                    models.CharField(
                        max_length=50, primary_key=True, serialize=False, verbose_name="Schlüssel"
                    ),
                ),
                ("value", models.PositiveBigIntegerField(default=1, verbose_name="Stand")),
            ],
            options={
                "verbose_name": "Inhaltsstand",
                "verbose_name_plural": "Inhaltsstände",
            },
        ),
        migrations.RunPython(create_directory_version, migrations.RunPython.noop),
    ]
