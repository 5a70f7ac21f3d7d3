"""The actors and tasks the keynote names, created where missing (``seed_keynote``).

The content is data in ``actors/content/keynote.yaml``: target groups, languages, actors
(with their cells of the multi-level table) and tasks, with the keynote's sources noted
there. It is read when the seed runs (:func:`keynote`), not at import, and checked
against :data:`SHAPE` and for references (parents, target groups, responsible actors)
before anything is written; a malformed file raises
:class:`~core.seeding.ContentError`.

No phone numbers, e-mail addresses or contact persons are invented for real
organisations; websites are only those of public bodies. The obligation of each task
follows the keynote's rule (security and welfare as a rule mandatory, social
cohesion as a rule voluntary) and, where stated, the municipal law of NRW.

Seeding is create-only (rules in :mod:`core.seeding`):

- Records: target groups by ``slug``, languages by ``code``, actors by ``slug``, tasks by
  ``slug``, the search's synonym groups by ``key``. A missing one is created; an existing one keeps everything people gave it
  (an actor made internal stays internal, an edited description stays) and is reported
  when it differs from the keynote.
- Parts: an actor's target groups and table cells belong to the actor, a task's
  responsible actors and its responsibilities (``Responsibility``: which actor does it
  for which area) to the task. They are created only with a newly created actor or
  task; an existing actor's target groups, languages, table cells and tasks, and an
  existing task's responsible actors and responsibilities, are never touched. So a target
  group recreated after it was deleted is not linked to existing actors again, and a
  recreated actor is not added to existing tasks (the report names those tasks as
  differing). A responsibility people deleted stays deleted, an edited one (its note,
  its area, its visibility) stays as edited; both make the task "abweichend" in the
  report ("Zuständigkeiten"), as do responsibilities people added. Responsibilities
  have no natural key of their own (the task and actor they name are editable), so
  they are parts, not records. Installations whose tasks predate the responsibilities
  got the keynote's once from migration 0008.
- Reset (``seed_keynote --reset-to-keynote SLUG``) applies to actors: their fields, target
  groups and table cells become the keynote's (languages and contact data are not the
  keynote's and stay). Tasks (with their responsibilities), target groups and languages
  are not reset by this command.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from actors import search_document
from actors.models import (
    Actor,
    ActorDimension,
    Dimension,
    Directness,
    Kind,
    Language,
    Level,
    MunicipalTaskType,
    Obligation,
    Responsibility,
    Sector,
    Synonym,
    TargetGroup,
    Task,
)
from core.seeding import (
    MappingOf,
    OneOf,
    Part,
    SeedRun,
    content_error,
    entry_label,
    read_content,
    relation_label,
)

CONTENT = Path(__file__).resolve().parent / "content" / "keynote.yaml"

SHAPE = {
    "target_groups": MappingOf(str, str),
    "languages": MappingOf(str, str),
    "actors": [
        {
            "slug": str,
            "name": str,
            "short_name?": str,
            "level": OneOf.choices(Level),
            "kind": OneOf.choices(Kind),
            "sector?": OneOf.choices(Sector, blank=True),
            "parent?": str,
            "municipality?": str,
            "description?": str,
            "dimensions?": MappingOf(OneOf.choices(Dimension), OneOf.choices(Obligation)),
            "target_groups?": [str],
            "website?": str,
        }
    ],
    "tasks": [
        {
            "slug": str,
            "name": str,
            "description?": str,
            "directness": OneOf.choices(Directness),
            "obligation": OneOf.choices(Obligation),
            "municipal_task_type?": OneOf.choices(MunicipalTaskType, blank=True),
            "dimension": OneOf.choices(Dimension),
            "legal_basis": str,
            "keywords?": str,
            "responsible": [str],
            "responsibilities?": [
                {
                    "actor": str,
                    "for_whole_district?": bool,
                    "municipalities?": [str],
                    "legal_basis?": str,
                    "public_note?": str,
                }
            ],
        }
    ],
    "synonyms?": MappingOf(str, str),
}


@dataclass(frozen=True)
class SeedActor:
    slug: str
    name: str
    level: str
    kind: str
    sector: str = ""
    short_name: str = ""
    parent: str = ""
    municipality: str = ""
    description: str = ""
    dimensions: dict[str, str] = field(default_factory=dict)
    target_groups: tuple[str, ...] = ()
    website: str = ""


@dataclass(frozen=True)
class SeedResponsibility:
    """A task's responsibility: the actor does it for the whole Kreis or the municipalities."""

    actor: str
    for_whole_district: bool = False
    municipalities: tuple[str, ...] = ()
    legal_basis: str = ""
    public_note: str = ""

    def as_data(self) -> tuple:
        """Comparable with :func:`_responsibility_data` of a stored row."""
        area = frozenset(self.municipalities)
        return (self.actor, self.for_whole_district, area, self.legal_basis, self.public_note, True)


@dataclass(frozen=True)
class SeedTask:
    slug: str
    name: str
    directness: str
    obligation: str
    dimension: str
    legal_basis: str
    responsible: tuple[str, ...]
    municipal_task_type: str = ""
    description: str = ""
    keywords: str = ""
    responsibilities: tuple[SeedResponsibility, ...] = ()


@dataclass(frozen=True)
class Keynote:
    """The content of ``actors/content/keynote.yaml``: names by slug or code, in order."""

    target_groups: dict[str, str]
    languages: dict[str, str]
    actors: list[SeedActor]
    tasks: list[SeedTask]
    synonyms: dict[str, str] = field(default_factory=dict)


def read_keynote(path: Path = CONTENT) -> Keynote:
    """The actors' content of the data file ``path``, checked, slugs resolved in order."""
    data = read_content(path, SHAPE)
    actors: list[SeedActor] = []
    slugs: set[str] = set()
    for index, entry in enumerate(data["actors"]):
        where = entry_label("actors", index, entry)
        actor = SeedActor(**{**entry, "target_groups": tuple(entry.get("target_groups", ()))})
        if actor.slug in slugs:
            raise content_error(path, where, "another actor above has this slug")
        for name in ("parent", "municipality"):
            if getattr(actor, name) and getattr(actor, name) not in slugs:
                raise content_error(
                    path, where, f"'{name}' is no actor above it (parents come first)"
                )
        unknown = [slug for slug in actor.target_groups if slug not in data["target_groups"]]
        if unknown:
            raise content_error(path, where, f"unknown target group(s): {', '.join(unknown)}")
        actors.append(actor)
        slugs.add(actor.slug)
    tasks: list[SeedTask] = []
    for index, entry in enumerate(data["tasks"]):
        where = entry_label("tasks", index, entry)
        responsibilities = tuple(
            SeedResponsibility(**{**item, "municipalities": tuple(item.get("municipalities", ()))})
            for item in entry.get("responsibilities", ())
        )
        task = SeedTask(
            **{
                **entry,
                "responsible": tuple(entry["responsible"]),
                "responsibilities": responsibilities,
            }
        )
        if any(task.slug == other.slug for other in tasks):
            raise content_error(path, where, "another task above has this slug")
        unknown = [slug for slug in task.responsible if slug not in slugs]
        if unknown:
            raise content_error(path, where, f"unknown actor(s): {', '.join(unknown)}")
        _check_responsibilities(path, where, task, actors)
        tasks.append(task)
    return Keynote(
        data["target_groups"], data["languages"], actors, tasks, data.get("synonyms", {})
    )


def _check_responsibilities(path: Path, where: str, task: SeedTask, actors: list[SeedActor]):
    """Each responsibility names one of the task's responsible actors, once, and exactly
    one area: the whole Kreis or member municipalities (local authorities of the
    municipal level) of this file."""
    municipalities = {
        actor.slug
        for actor in actors
        if actor.level == Level.MUNICIPALITY and actor.sector == Sector.LOCAL_AUTHORITY
    }
    seen: set[str] = set()
    for index, item in enumerate(task.responsibilities):
        label = f"{where}: responsibilities #{index + 1} ({item.actor})"
        if item.actor not in task.responsible:
            raise content_error(path, label, "the actor is not among the task's 'responsible'")
        if item.actor in seen:
            raise content_error(path, label, "another responsibility above names this actor")
        seen.add(item.actor)
        if item.for_whole_district == bool(item.municipalities):
            raise content_error(
                path, label, "give either 'for_whole_district: true' or 'municipalities'"
            )
        unknown = [slug for slug in item.municipalities if slug not in municipalities]
        if unknown:
            raise content_error(
                path, label, f"no member municipality of this file: {', '.join(unknown)}"
            )


@functools.cache
def keynote() -> Keynote:
    """The actors' content of the keynote, read once per process; treat it as read-only."""
    return read_keynote()


def __getattr__(name: str) -> Any:
    # TARGET_GROUPS and LANGUAGES under their former names (devdata uses them), read on
    # first access rather than at import.
    if name in ("TARGET_GROUPS", "LANGUAGES"):
        return getattr(keynote(), name.lower())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def keynote_table() -> dict[tuple[str, str], dict[str, str]]:
    """The multi-level table as the seed states it: (row, dimension) → {slug: obligation}.

    Rows are the keynote's: ``federal`` (Bund), ``state`` (Länder), ``local`` (Kommunen).
    """
    row_of_level = {
        Level.FEDERAL.value: "federal",
        Level.STATE.value: "state",
        Level.DISTRICT.value: "local",
        Level.MUNICIPALITY.value: "local",
    }
    table: dict[tuple[str, str], dict[str, str]] = {}
    for actor in keynote().actors:
        for dimension, obligation in actor.dimensions.items():
            row = row_of_level[actor.level]
            table.setdefault((row, str(dimension)), {})[actor.slug] = str(obligation)
    return table


def resettable_slugs() -> list[str]:
    """The records ``--reset-to-keynote`` may reset here: the actors."""
    return [seed.slug for seed in keynote().actors]


def _target_groups(seed: SeedActor, groups: dict[str, TargetGroup]) -> Part:
    def current(actor: Actor) -> frozenset[str]:
        return frozenset(actor.target_groups.values_list("slug", flat=True))

    def sync(run: SeedRun, actor: Actor) -> None:
        added = frozenset(seed.target_groups) - current(actor)
        actor.target_groups.set([groups[slug] for slug in seed.target_groups])
        run.count(relation_label(Actor, "target_groups"), len(added))

    return Part(
        Actor._meta.get_field("target_groups").verbose_name,
        current,
        frozenset(seed.target_groups),
        sync,
    )


def _table_cells(seed: SeedActor) -> Part:
    """The actor's cells of the multi-level table: dimension → obligation."""
    wanted = {str(dimension): str(obligation) for dimension, obligation in seed.dimensions.items()}

    def current(actor: Actor) -> dict[str, str]:
        return dict(actor.dimension_roles.values_list("dimension", "obligation"))

    def sync(run: SeedRun, actor: Actor) -> None:
        existing = {cell.dimension: cell for cell in actor.dimension_roles.all()}
        run.delete(cell for dimension, cell in existing.items() if dimension not in wanted)
        for dimension, obligation in wanted.items():
            cell = existing.get(dimension)
            if cell is None:
                run.create(ActorDimension, actor=actor, dimension=dimension, obligation=obligation)
            elif cell.obligation != obligation:
                cell.obligation = obligation
                run.save(cell)

    return Part(_("Politikdimensionen"), current, wanted, sync)


def _responsible_actors(seed: SeedTask, actors: dict[str, Actor]) -> Part:
    def current(task: Task) -> frozenset[str]:
        return frozenset(task.responsible_actors.values_list("slug", flat=True))

    def sync(run: SeedRun, task: Task) -> None:
        added = frozenset(seed.responsible) - current(task)
        task.responsible_actors.set([actors[slug] for slug in seed.responsible])
        run.count(relation_label(Task, "responsible_actors"), len(added))

    return Part(
        Task._meta.get_field("responsible_actors").verbose_name,
        current,
        frozenset(seed.responsible),
        sync,
    )


def _responsibility_data(responsibility: Responsibility) -> tuple:
    area = frozenset(m.slug for m in responsibility.municipalities.all())
    return (
        responsibility.actor.slug,
        responsibility.for_whole_district,
        area,
        responsibility.legal_basis,
        responsibility.public_note,
        responsibility.is_public,
    )


def _responsibilities(seed: SeedTask, actors: dict[str, Actor]) -> Part:
    """Which actor does the task for which area: compared as a whole (actor, area, legal
    basis, public note, visibility; internal notes are the editors' own)."""
    wanted = frozenset(item.as_data() for item in seed.responsibilities)

    def rows(task: Task):
        return task.responsibilities.select_related("actor").prefetch_related("municipalities")

    def current(task: Task) -> frozenset[tuple]:
        return frozenset(_responsibility_data(row) for row in rows(task))

    def sync(run: SeedRun, task: Task) -> None:
        stored = {_responsibility_data(row): row for row in rows(task)}
        run.delete(row for data, row in stored.items() if data not in wanted)
        for item in seed.responsibilities:
            if item.as_data() in stored:
                continue
            row = run.create(
                Responsibility,
                task=task,
                actor=actors[item.actor],
                for_whole_district=item.for_whole_district,
                legal_basis=item.legal_basis,
                public_note=item.public_note,
                is_public=True,
            )
            row.municipalities.set([actors[slug] for slug in item.municipalities])

    return Part(Responsibility._meta.verbose_name_plural, current, wanted, sync)


@transaction.atomic
def load_keynote(run: SeedRun | None = None) -> SeedRun:
    """Create the actors, table cells and tasks of the keynote that are missing."""
    with search_document.deferred():
        return _load_keynote(run)


def _load_keynote(run: SeedRun | None) -> SeedRun:
    run = run or SeedRun()
    content = keynote()
    # Names are unique too: a group or language people gave another slug or code is found
    # by its name rather than created a second time.
    groups: dict[str, TargetGroup] = {}
    for slug, name in content.target_groups.items():
        groups[slug], _created = run.record(
            TargetGroup, {"slug": slug}, {"name": name}, also_by={"name": name}
        )
    for code, name in content.languages.items():
        run.record(Language, {"code": code}, {"name": name}, also_by={"name": name})

    by_slug: dict[str, Actor] = {}
    # Parents first: every parent in the file precedes its children.
    for seed in content.actors:
        actor, _created = run.record(
            Actor,
            {"slug": seed.slug},
            {
                "name": seed.name,
                "short_name": seed.short_name,
                "level": seed.level,
                "kind": seed.kind,
                "sector": seed.sector,
                "parent": by_slug[seed.parent] if seed.parent else None,
                "municipality": by_slug[seed.municipality] if seed.municipality else None,
                "description": seed.description,
                "website": seed.website,
                "is_public": True,
            },
            parts=[_target_groups(seed, groups), _table_cells(seed)],
            reset=run.resets(seed.slug),
        )
        by_slug[seed.slug] = actor

    for position, seed in enumerate(content.tasks, start=1):
        run.record(
            Task,
            {"slug": seed.slug},
            {
                "name": seed.name,
                "description": seed.description,
                "directness": seed.directness,
                "obligation": seed.obligation,
                "municipal_task_type": seed.municipal_task_type,
                "dimension": seed.dimension,
                "legal_basis": seed.legal_basis,
                "keywords": seed.keywords,
                "position": position,
            },
            # Responsible actors first: a responsibility names one of them.
            parts=[_responsible_actors(seed, by_slug), _responsibilities(seed, by_slug)],
        )
    for key, words in content.synonyms.items():
        run.record(Synonym, {"key": key}, {"words": words})
    return run
