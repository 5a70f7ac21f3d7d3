"""Account administration in the portal: who invited, changed or deactivated an account
and when (``AccountChange``), and a version of each account for optimistic locking."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("integration_portal", "0007_feedback_inbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="Version"),
        ),
        migrations.CreateModel(
            name="AccountChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("invited", "Eingeladen"),
                            ("invitation_resent", "Einladung erneut gesendet"),
                            ("role_changed", "Rolle oder Netzwerke geändert"),
                            ("deactivated", "Deaktiviert"),
                            ("reactivated", "Reaktiviert"),
                        ],
                        max_length=30,
                        verbose_name="Änderung",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("staff", "Mitarbeitende"),
                            ("coordinator", "Koordination"),
                            ("editor", "Redaktion"),
                            ("admin", "Administration"),
                        ],
                        max_length=20,
                        verbose_name="Rolle",
                    ),
                ),
                ("networks", models.TextField(blank=True, verbose_name="Koordinierte Netzwerke")),
                (
                    "at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="Geändert am"
                    ),
                ),
                (
                    "account",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="account_changes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="Konto",
                    ),
                ),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="Geändert von",
                    ),
                ),
            ],
            options={
                "verbose_name": "Änderung eines Kontos",
                "verbose_name_plural": "Änderungen von Konten",
                "ordering": ["-at", "-pk"],
                "indexes": [
                    models.Index(fields=["account", "-at"], name="account_change_account_at")
                ],
            },
        ),
    ]
