"""Offers (Angebote) of actors, shaped after HSDS 3.0: topics, offers, places, offers at
places and opening hours; and the nine life situations (Lebenslagen) as the topics.

New tables only: ``actors_actor`` is not rebuilt (the offers' area is a table of its
own), so the SQLite search triggers on it stay as they are. The topics are created
where their slug is missing and never overwritten (create-only, as the seeding is);
reversing needs no data step, the table goes with the model.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.translation import gettext_noop

import core.choices
import core.constraints

# (slug, German name: also the msgid of its label), in the order of the list.
TOPICS = (
    ("ankommen-aufenthalt", gettext_noop("Ankommen und Aufenthalt")),
    ("sprache", gettext_noop("Sprache")),
    ("arbeit-ausbildung", gettext_noop("Arbeit und Ausbildung")),
    ("wohnen", gettext_noop("Wohnen")),
    ("gesundheit", gettext_noop("Gesundheit")),
    ("kita-schule", gettext_noop("Kita und Schule")),
    ("familie", gettext_noop("Familie")),
    ("beratung", gettext_noop("Beratung")),
    ("engagement", gettext_noop("Engagement")),
)


def add_topics(apps, schema_editor):
    Topic = apps.get_model("actors", "Topic")
    for position, (slug, name) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0008_responsibility"),
    ]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="Kurzadresse")),
                ("name", models.CharField(max_length=100, verbose_name="Name")),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=0, verbose_name="Reihenfolge"),
                ),
            ],
            options={
                "verbose_name": "Lebenslage",
                "verbose_name_plural": "Lebenslagen",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Offer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="Kurzadresse")),
                ("description", models.TextField(blank=True, verbose_name="Beschreibung")),
                (
                    "for_whole_district",
                    models.BooleanField(
                        default=False,
                        help_text="Sonst: für die unten gewählten Kommunen.",
                        verbose_name="Für den ganzen Kreis",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("active", "aktiv"),
                            ("inactive", "pausiert"),
                            ("defunct", "eingestellt"),
                        ],
                        default="active",
                        max_length=20,
                        verbose_name="Status",
                    ),
                ),
                (
                    "fees_description",
                    models.TextField(
                        blank=True,
                        help_text="Was das Angebot kostet, oder „kostenlos“.",
                        verbose_name="Kosten",
                    ),
                ),
                (
                    "application_process",
                    models.TextField(
                        blank=True,
                        help_text="Wie man das Angebot bekommt: Anmeldung, Termin, offene Sprechstunde.",
                        verbose_name="Zugang",
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="Internetseite")),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="E-Mail-Adresse"),
                ),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="Telefon")),
                (
                    "last_verified",
                    models.DateField(blank=True, null=True, verbose_name="Zuletzt geprüft"),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=True,
                        help_text="Nicht öffentliche Angebote sehen nur angemeldete Mitarbeitende.",
                        verbose_name="Öffentlich",
                    ),
                ),
                (
                    "internal_notes",
                    models.TextField(
                        blank=True,
                        help_text="Nur für angemeldete Mitarbeitende sichtbar.",
                        verbose_name="Interne Notizen",
                    ),
                ),
                ("is_demo", models.BooleanField(default=False, verbose_name="Demo-Daten")),
                (
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offers",
                        to="actors.actor",
                        verbose_name="Anbieter",
                    ),
                ),
                (
                    "languages",
                    models.ManyToManyField(
                        blank=True,
                        related_name="offers",
                        to="actors.language",
                        verbose_name="Sprachen",
                    ),
                ),
                (
                    "municipalities",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Die kreisangehörigen Städte und Gemeinden, in denen das Angebot gilt.",
                        limit_choices_to={"level": "municipality", "sector": "local_authority"},
                        related_name="area_offers",
                        to="actors.actor",
                        verbose_name="Kommunen",
                    ),
                ),
                (
                    "target_groups",
                    models.ManyToManyField(
                        blank=True,
                        related_name="offers",
                        to="actors.targetgroup",
                        verbose_name="Zielgruppen",
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(
                        blank=True,
                        related_name="offers",
                        to="actors.topic",
                        verbose_name="Lebenslagen",
                    ),
                ),
            ],
            options={
                "verbose_name": "Angebot",
                "verbose_name_plural": "Angebote",
                "ordering": ["name", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["active", "inactive", "defunct"])),
                        name="offer_status_valid",
                        violation_error_message="Der Status ist ungültig.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="offer_name_not_empty",
                        violation_error_message="Der Name darf nicht leer sein.",
                    ),
                ],
            },
            bases=(core.choices.ChoiceDisplayMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                (
                    "street",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="Straße und Hausnummer"
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=10, verbose_name="Postleitzahl"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="Ort")),
                (
                    "accessibility",
                    models.TextField(
                        blank=True,
                        help_text="Zugang für Menschen mit Behinderungen: Rampe, Aufzug, WC, Parkplatz.",
                        verbose_name="Barrierefreiheit",
                    ),
                ),
                ("is_demo", models.BooleanField(default=False, verbose_name="Demo-Daten")),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"level": "municipality", "sector": "local_authority"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="places",
                        to="actors.actor",
                        verbose_name="Kreisangehörige Kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "Ort eines Angebots",
                "verbose_name_plural": "Orte der Angebote",
                "ordering": ["name", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="place_name_not_empty",
                        violation_error_message="Der Name darf nicht leer sein.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OfferPlace",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="Was an diesem Ort anders ist, etwa „Eingang über den Hof“.",
                        verbose_name="Hinweis zu diesem Ort",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="offer_places",
                        to="actors.offer",
                        verbose_name="Angebot",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offer_places",
                        to="actors.place",
                        verbose_name="Ort",
                    ),
                ),
            ],
            options={
                "verbose_name": "Angebot an einem Ort",
                "verbose_name_plural": "Angebote an Orten",
                "ordering": ["pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("offer", "place"),
                        name="offerplace_once_per_offer_place",
                        violation_error_message="Dieser Ort ist bei dem Angebot schon eingetragen.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OpeningHours",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Montag"),
                            (2, "Dienstag"),
                            (3, "Mittwoch"),
                            (4, "Donnerstag"),
                            (5, "Freitag"),
                            (6, "Samstag"),
                            (7, "Sonntag"),
                        ],
                        verbose_name="Wochentag",
                    ),
                ),
                ("opens_at", models.TimeField(blank=True, null=True, verbose_name="Von")),
                ("closes_at", models.TimeField(blank=True, null=True, verbose_name="Bis")),
                (
                    "by_appointment_only",
                    models.BooleanField(default=False, verbose_name="Nur nach Terminvereinbarung"),
                ),
                ("description", models.TextField(blank=True, verbose_name="Hinweis")),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_hours",
                        to="actors.offer",
                        verbose_name="Angebot",
                    ),
                ),
                (
                    "offer_place",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leer lassen, wenn die Zeiten an allen Orten des Angebots gelten.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_hours",
                        to="actors.offerplace",
                        verbose_name="Ort",
                    ),
                ),
            ],
            options={
                "verbose_name": "Öffnungszeit",
                "verbose_name_plural": "Öffnungszeiten",
                "ordering": ["weekday", "opens_at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("weekday__gte", 1), ("weekday__lte", 7)),
                        name="openinghours_weekday_valid",
                        violation_error_message="Der Wochentag ist ungültig.",
                    ),
                    core.constraints.FieldCheckConstraint(
                        condition=models.Q(
                            ("by_appointment_only", True),
                            models.Q(
                                ("closes_at__isnull", False),
                                ("opens_at__isnull", False),
                                ("opens_at__lt", models.F("closes_at")),
                            ),
                            _connector="OR",
                        ),
                        field="closes_at",
                        name="openinghours_times_or_appointment",
                        violation_error_message="Geben Sie Beginn und Ende an (das Ende nach dem Beginn) oder wählen Sie „Nur nach Terminvereinbarung“.",
                    ),
                ],
            },
            bases=(core.choices.ChoiceDisplayMixin, models.Model),
        ),
        migrations.RunPython(add_topics, migrations.RunPython.noop),
    ]
