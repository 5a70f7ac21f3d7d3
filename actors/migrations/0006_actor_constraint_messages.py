"""German messages for the actor constraints, shown by full_clean() (admin, CSV import).

Only Django's state changes; the database constraints stay as they are (no SQL).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0005_trigram_function_cost"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_level_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("level__in", ["eu", "federal", "state", "district", "municipality"])
                ),
                name="actor_level_valid",
                violation_error_message="Die Ebene ist ungültig.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_kind_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind__in", ["superordinate", "politics", "administration", "external"])
                ),
                name="actor_kind_valid",
                violation_error_message="Die Art ist ungültig.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_sector_of_kind",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("sector", ""),
                    models.Q(
                        ("kind", "superordinate"),
                        (
                            "sector__in",
                            [
                                "legislature",
                                "executive",
                                "labour_market",
                                "interest_group",
                                "media",
                            ],
                        ),
                    ),
                    models.Q(
                        ("kind", "politics"), ("sector__in", ["council", "integration_council"])
                    ),
                    models.Q(
                        ("kind", "administration"),
                        (
                            "sector__in",
                            [
                                "local_authority",
                                "immigration_authority",
                                "social_administration",
                                "school_authority",
                                "development_authority",
                                "integration_office",
                            ],
                        ),
                    ),
                    models.Q(
                        ("kind", "external"),
                        (
                            "sector__in",
                            [
                                "welfare",
                                "church",
                                "jobcenter",
                                "school",
                                "police",
                                "federal_office",
                                "chamber",
                                "housing_company",
                                "club",
                                "migrant_organisation",
                                "migration_counselling",
                                "adult_education",
                            ],
                        ),
                    ),
                    _connector="OR",
                ),
                name="actor_sector_of_kind",
                violation_error_message="Der Bereich passt nicht zur Art des Akteurs.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_name_not_empty",
            constraint=models.CheckConstraint(
                condition=models.Q(("name", ""), _negated=True),
                name="actor_name_not_empty",
                violation_error_message="Der Name darf nicht leer sein.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_not_own_parent",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("pk")), _negated=True),
                name="actor_not_own_parent",
                violation_error_message="Eine Organisation kann nicht sich selbst untergeordnet sein.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="actor",
            name="actor_municipality_only_local",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("municipality__isnull", True),
                    ("level__in", ["district", "municipality"]),
                    _connector="OR",
                ),
                name="actor_municipality_only_local",
                violation_error_message="Eine Kommune kann nur bei Akteuren auf Kreis- oder Gemeindeebene stehen.",
            ),
        ),
    ]
