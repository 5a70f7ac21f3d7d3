"""The change history of actors, contact persons, responsibilities, offers, places,
offers at places and opening hours (django-simple-history), with the saved rows of the
many-to-many fields that matter (target groups, languages, topics, municipalities).

Every row that exists already gets one first state, "Anfangsstand", in one
``INSERT … SELECT`` per table (and one per many-to-many field for its rows), so the
migration is fast at NRW scale and a later change has a state to compare with and to
restore. Demo data (``is_demo``, and what belongs to demo actors and offers) gets none:
``seed_demo`` writes and clears it without history. Reversible: going back drops the
history tables.
"""

import uuid

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

INITIAL_REASON = "Anfangsstand"
# The rows that get a first state: model → (condition, parameters).
NOT_DEMO = "is_demo = %s"
INITIAL = {
    "actor": (NOT_DEMO, [False], ["target_groups", "languages"]),
    "contactperson": (NOT_DEMO, [False], []),
    "responsibility": (
        "actor_id IN (SELECT id FROM {actors} WHERE is_demo = %s)",
        [False],
        ["municipalities"],
    ),
    "offer": (NOT_DEMO, [False], ["topics", "target_groups", "languages", "municipalities"]),
    "place": (NOT_DEMO, [False], []),
    "offerplace": ("offer_id IN (SELECT id FROM {offers} WHERE is_demo = %s)", [False], []),
    "openinghours": ("offer_id IN (SELECT id FROM {offers} WHERE is_demo = %s)", [False], []),
}


def initial_states(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    tables = {
        "actors": quote(apps.get_model("actors", "Actor")._meta.db_table),
        "offers": quote(apps.get_model("actors", "Offer")._meta.db_table),
    }
    now = timezone.now()
    with connection.cursor() as cursor:
        for name, (condition, params, m2m_fields) in INITIAL.items():
            model = apps.get_model("actors", name)
            history = apps.get_model("actors", f"Historical{model.__name__}")
            columns = [
                f.column
                for f in history._meta.concrete_fields
                if not f.name.startswith("history_") and f.name != "history"
            ]
            listed = ", ".join(quote(column) for column in columns)
            # Table and column names of this migration's models (constants), no input.
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608  # nosec B608
                f"({listed}, history_date, history_type, history_change_reason) "
                f"SELECT {listed}, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {condition.format(**tables)}",
                [now, "+", INITIAL_REASON, *params],
            )
            for field_name in m2m_fields:
                through = model._meta.get_field(field_name).remote_field.through
                saved = apps.get_model("actors", f"Historical{model.__name__}_{field_name}")
                owner = model._meta.get_field(field_name).m2m_column_name()
                through_columns = [f.column for f in through._meta.concrete_fields]
                cursor.execute(
                    f"INSERT INTO {quote(saved._meta.db_table)} "  # noqa: S608  # nosec B608
                    f"({', '.join(quote(c) for c in through_columns)}, history_id) "
                    f"SELECT {', '.join('t.' + quote(c) for c in through_columns)}, "
                    f"h.history_id FROM {quote(through._meta.db_table)} t "
                    f"JOIN {quote(history._meta.db_table)} h ON h.id = t.{quote(owner)}",
                )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0015_open_data_ids"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalActor",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                (
                    "short_name",
                    models.CharField(blank=True, max_length=40, verbose_name="Kurzname"),
                ),
                ("slug", models.SlugField(max_length=200, verbose_name="Kurzadresse")),
                (
                    "uuid",
                    models.UUIDField(
                        db_index=True,
                        default=uuid.uuid4,
                        editable=False,
                        verbose_name="Kennung (offene Daten)",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("eu", "Europäische Union"),
                            ("federal", "Bund"),
                            ("state", "Land"),
                            ("district", "Kreis"),
                            ("municipality", "Kreisangehörige Kommune"),
                        ],
                        max_length=20,
                        verbose_name="Ebene",
                    ),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=True,
                        help_text="Nicht öffentliche Akteure sehen nur angemeldete Mitarbeitende.",
                        verbose_name="Öffentlich",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("superordinate", "Übergeordneter Akteur"),
                            ("politics", "Politikakteur"),
                            ("administration", "Kommunalverwaltung"),
                            ("external", "Externer lokaler Akteur"),
                        ],
                        max_length=20,
                        verbose_name="Art",
                    ),
                ),
                (
                    "sector",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("legislature", "Legislative"),
                            ("executive", "Exekutive (Regierung, Ministerium, Bundesbehörde)"),
                            ("labour_market", "Arbeitgeber und Tarifpartner"),
                            ("interest_group", "Interessenverband"),
                            ("media", "Medien"),
                            ("council", "Rat oder Kreistag"),
                            (
                                "integration_council",
                                "Integrationsrat, Ausländerbeirat, Migrationsausschuss",
                            ),
                            ("local_authority", "Stadt, Gemeinde oder Kreis"),
                            ("immigration_authority", "Ausländer- und Einbürgerungsbehörde"),
                            ("social_administration", "Jugendhilfe-, Sozial-, Kulturverwaltung"),
                            ("school_authority", "Schulbehörde"),
                            (
                                "development_authority",
                                "Stadtentwicklungs-, Wirtschafts- und Wohnbehörde",
                            ),
                            ("integration_office", "Integrationszentrum oder -beauftragte"),
                            ("welfare", "Wohlfahrtsverband"),
                            ("church", "Kirche"),
                            ("jobcenter", "Jobcenter (ARGE)"),
                            ("school", "Schule"),
                            ("police", "Polizei"),
                            ("federal_office", "Bundesbehörde vor Ort"),
                            ("chamber", "Kammer (IHK, Handelskammer)"),
                            ("housing_company", "Wohnungsgesellschaft"),
                            ("club", "Bürger- oder Sportverein"),
                            ("migrant_organisation", "Migrantenselbstorganisation (MSO)"),
                            ("migration_counselling", "Migrationsberatung (MBE, JMD)"),
                            ("adult_education", "Volkshochschule"),
                        ],
                        max_length=30,
                        verbose_name="Bereich",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="Beschreibung")),
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
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="Telefon")),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="E-Mail-Adresse"),
                ),
                ("website", models.URLField(blank=True, verbose_name="Internetseite")),
                ("opening_hours", models.TextField(blank=True, verbose_name="Öffnungszeiten")),
                (
                    "internal_notes",
                    models.TextField(
                        blank=True,
                        help_text="Nur für angemeldete Mitarbeitende sichtbar.",
                        verbose_name="Interne Notizen",
                    ),
                ),
                (
                    "last_verified",
                    models.DateField(blank=True, null=True, verbose_name="Zuletzt geprüft"),
                ),
                ("is_demo", models.BooleanField(default=False, verbose_name="Demo-Daten")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Nur für Akteure vor Ort: die Stadt oder Gemeinde, in der sie arbeiten.",
                        limit_choices_to={"level": "municipality", "sector": "local_authority"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                        verbose_name="Kreisangehörige Kommune",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                        verbose_name="Übergeordnete Organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Akteur",
                "verbose_name_plural": "historical Akteure",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalActor_languages",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicalactor",
                    ),
                ),
                (
                    "language",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.language",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalActor_languages",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalActor_target_groups",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicalactor",
                    ),
                ),
                (
                    "targetgroup",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.targetgroup",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalActor_target_groups",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContactPerson",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150, verbose_name="Name")),
                ("function", models.CharField(blank=True, max_length=150, verbose_name="Funktion")),
                ("phone", models.CharField(blank=True, max_length=50, verbose_name="Telefon")),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="E-Mail-Adresse"),
                ),
                (
                    "is_demo",
                    models.BooleanField(
                        default=False,
                        help_text="Erfundene Beispieldaten (example.org), keine echte Person.",
                        verbose_name="Demo-Daten",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=0, verbose_name="Reihenfolge"),
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
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                        verbose_name="Akteur",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Ansprechperson",
                "verbose_name_plural": "historical Ansprechpersonen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOffer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                ("slug", models.SlugField(max_length=200, verbose_name="Kurzadresse")),
                (
                    "uuid",
                    models.UUIDField(
                        db_index=True,
                        default=uuid.uuid4,
                        editable=False,
                        verbose_name="Kennung (offene Daten)",
                    ),
                ),
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
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                        verbose_name="Anbieter",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Angebot",
                "verbose_name_plural": "historical Angebote",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOffer_languages",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicaloffer",
                    ),
                ),
                (
                    "language",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.language",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offer",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOffer_languages",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOffer_municipalities",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicaloffer",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offer",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOffer_municipalities",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOffer_target_groups",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicaloffer",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offer",
                    ),
                ),
                (
                    "targetgroup",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.targetgroup",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOffer_target_groups",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOffer_topics",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicaloffer",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offer",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOffer_topics",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOfferPlace",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
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
                    "uuid",
                    models.UUIDField(
                        db_index=True,
                        default=uuid.uuid4,
                        editable=False,
                        verbose_name="Kennung (offene Daten)",
                    ),
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
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offer",
                        verbose_name="Angebot",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.place",
                        verbose_name="Ort",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Angebot an einem Ort",
                "verbose_name_plural": "historical Angebote an Orten",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOpeningHours",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
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
                    "uuid",
                    models.UUIDField(
                        db_index=True,
                        default=uuid.uuid4,
                        editable=False,
                        verbose_name="Kennung (offene Daten)",
                    ),
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
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offer",
                        verbose_name="Angebot",
                    ),
                ),
                (
                    "offer_place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Leer lassen, wenn die Zeiten an allen Orten des Angebots gelten.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.offerplace",
                        verbose_name="Ort",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Öffnungszeit",
                "verbose_name_plural": "historical Öffnungszeiten",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlace",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="Name")),
                (
                    "uuid",
                    models.UUIDField(
                        db_index=True,
                        default=uuid.uuid4,
                        editable=False,
                        verbose_name="Kennung (offene Daten)",
                    ),
                ),
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
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"level": "municipality", "sector": "local_authority"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                        verbose_name="Kreisangehörige Kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Ort eines Angebots",
                "verbose_name_plural": "historical Orte der Angebote",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalResponsibility",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "for_whole_district",
                    models.BooleanField(
                        default=False,
                        help_text="Sonst: für die unten gewählten Kommunen.",
                        verbose_name="Für den ganzen Kreis",
                    ),
                ),
                (
                    "legal_basis",
                    models.CharField(
                        blank=True,
                        help_text="Leer lassen, wenn sie dieselbe ist wie bei der Aufgabe.",
                        max_length=300,
                        verbose_name="Rechtsgrundlage",
                    ),
                ),
                ("public_note", models.TextField(blank=True, verbose_name="Öffentlicher Hinweis")),
                (
                    "internal_notes",
                    models.TextField(
                        blank=True,
                        help_text="Nur für angemeldete Mitarbeitende sichtbar.",
                        verbose_name="Interne Notizen",
                    ),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=True,
                        help_text="Nicht öffentliche Zuständigkeiten sehen nur angemeldete Mitarbeitende.",
                        verbose_name="Öffentlich",
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        db_index=True,
                        default=uuid.uuid4,
                        editable=False,
                        verbose_name="Kennung (offene Daten)",
                    ),
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
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                        verbose_name="Zuständiger Akteur",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.task",
                        verbose_name="Aufgabe",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Zuständigkeit",
                "verbose_name_plural": "historical Zuständigkeiten",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalResponsibility_municipalities",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.actor",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="actors.historicalresponsibility",
                    ),
                ),
                (
                    "responsibility",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.responsibility",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalResponsibility_municipalities",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(initial_states, migrations.RunPython.noop, elidable=True),
    ]
