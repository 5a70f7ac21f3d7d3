"""The inbox of accessibility feedback: status, answer note, who handled it and when,
a version for optimistic locking, and a history of the handling.

The status "answered" becomes "done" (Erledigt): existing rows move with it, and back
when the migration is reversed. The history does not copy the sender's data.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

RENAMED = {"answered": "done"}


def _rename(apps, schema_editor, mapping):
    db = schema_editor.connection.alias
    Feedback = apps.get_model("integration_portal", "AccessibilityFeedback")
    for old, new in mapping.items():
        Feedback.objects.using(db).filter(status=old).update(status=new)


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, RENAMED)


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("integration_portal", "0006_content_version_notify"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalAccessibilityFeedback",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        db_index=True, editable=False, max_length=20, verbose_name="Vorgangsnummer"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "Neu"),
                            ("in_progress", "In Bearbeitung"),
                            ("done", "Erledigt"),
                        ],
                        default="new",
                        max_length=20,
                        verbose_name="Status",
                    ),
                ),
                (
                    "answer_note",
                    models.TextField(
                        blank=True,
                        help_text="Was geantwortet oder veranlasst wurde. Nur für die Administration sichtbar.",
                        max_length=5000,
                        verbose_name="Notiz zur Antwort",
                    ),
                ),
                (
                    "handled_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="Zuletzt bearbeitet am"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="Version"),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="Eingegangen"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Rückmeldung zur Barrierefreiheit",
                "verbose_name_plural": "historical Rückmeldung zur Barrierefreiheit",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="accessibilityfeedback",
            name="answer_note",
            field=models.TextField(
                blank=True,
                help_text="Was geantwortet oder veranlasst wurde. Nur für die Administration sichtbar.",
                max_length=5000,
                verbose_name="Notiz zur Antwort",
            ),
        ),
        migrations.AddField(
            model_name="accessibilityfeedback",
            name="handled_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="Zuletzt bearbeitet am"),
        ),
        migrations.AddField(
            model_name="accessibilityfeedback",
            name="handled_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Zuletzt bearbeitet von",
            ),
        ),
        migrations.AddField(
            model_name="accessibilityfeedback",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="Version"),
        ),
        migrations.AlterField(
            model_name="accessibilityfeedback",
            name="status",
            field=models.CharField(
                choices=[("new", "Neu"), ("in_progress", "In Bearbeitung"), ("done", "Erledigt")],
                default="new",
                max_length=20,
                verbose_name="Status",
            ),
        ),
        migrations.AddIndex(
            model_name="accessibilityfeedback",
            index=models.Index(fields=["status", "-created_at"], name="feedback_status_created"),
        ),
        migrations.AddField(
            model_name="historicalaccessibilityfeedback",
            name="handled_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Zuletzt bearbeitet von",
            ),
        ),
        migrations.AddField(
            model_name="historicalaccessibilityfeedback",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
