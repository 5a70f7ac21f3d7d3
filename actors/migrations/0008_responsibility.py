"""Responsibilities (Zuständigkeiten): a task, carried out by an actor for an area.

On an installation that already has the keynote's tasks, ``seed_keynote`` would not add
the keynote's responsibilities: they are a part of the task (core/seeding.py), created
only together with a newly created task. The table is new, so nobody can have edited or
removed a row of it; ``add_keynote_responsibilities`` creates the keynote's rows once,
for the tasks and actors found by slug, exactly as ``seed_keynote`` would have created
them with the task. The data is frozen here (as ``actors/content/keynote.yaml`` has it
for this migration); on a new installation no task exists yet and the seed creates them.
"""

import django.db.models.deletion
from django.db import migrations, models

MUNICIPALITIES = (
    "stadt-erkelenz",
    "stadt-geilenkirchen",
    "stadt-heinsberg",
    "stadt-hueckelhoven",
    "stadt-uebach-palenberg",
    "stadt-wassenberg",
    "stadt-wegberg",
    "gemeinde-gangelt",
    "gemeinde-selfkant",
    "gemeinde-waldfeucht",
)

# (task slug, actor slug, municipality slugs; none: the whole Kreis)
KEYNOTE_RESPONSIBILITIES = (
    ("auslaenderwesen", "abh-kreis-heinsberg", ()),
    ("einbuergerungswesen", "ebh-kreis-heinsberg", ()),
    *(("leistungsverwaltung-asylblg", slug, (slug,)) for slug in MUNICIPALITIES),
    *(("unterbringung-asylbewerber", slug, (slug,)) for slug in MUNICIPALITIES),
)


def add_keynote_responsibilities(apps, schema_editor):
    Actor = apps.get_model("actors", "Actor")
    Task = apps.get_model("actors", "Task")
    Responsibility = apps.get_model("actors", "Responsibility")
    tasks = {task.slug: task for task in Task.objects.all()}
    actors = {actor.slug: actor for actor in Actor.objects.all()}
    for task_slug, actor_slug, municipality_slugs in KEYNOTE_RESPONSIBILITIES:
        task, actor = tasks.get(task_slug), actors.get(actor_slug)
        municipalities = [actors.get(slug) for slug in municipality_slugs]
        if task is None or actor is None or None in municipalities:
            continue  # renamed or deleted by people: nothing to attach it to
        if Responsibility.objects.filter(task=task, actor=actor).exists():
            continue
        responsibility = Responsibility.objects.create(
            task=task, actor=actor, for_whole_district=not municipalities
        )
        responsibility.municipalities.set(municipalities)


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0007_search_on_both_databases"),
    ]

    operations = [
        migrations.CreateModel(
            name="Responsibility",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responsibilities",
                        to="actors.actor",
                        verbose_name="Zuständiger Akteur",
                    ),
                ),
                (
                    "municipalities",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Die kreisangehörigen Städte und Gemeinden, für die der Akteur zuständig ist.",
                        limit_choices_to={"level": "municipality", "sector": "local_authority"},
                        related_name="area_responsibilities",
                        to="actors.actor",
                        verbose_name="Kommunen",
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responsibilities",
                        to="actors.task",
                        verbose_name="Aufgabe",
                    ),
                ),
            ],
            options={
                "verbose_name": "Zuständigkeit",
                "verbose_name_plural": "Zuständigkeiten",
                "ordering": ["task__position", "actor__name", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("task", "actor"),
                        name="responsibility_once_per_task_actor",
                        violation_error_message="Dieser Akteur ist für diese Aufgabe schon eingetragen; ergänzen Sie dort die Kommunen.",
                    )
                ],
            },
        ),
        migrations.RunPython(add_keynote_responsibilities, migrations.RunPython.noop),
    ]
