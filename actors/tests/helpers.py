"""Shared pieces of the actor tests: the database markers and a bulk data builder."""

import pytest
from django.conf import settings

from actors.models import Actor, ActorDimension, ContactPerson, Dimension, Obligation, Task
from actors.tests.factories import (
    ActorFactory,
    LanguageFactory,
    MunicipalityFactory,
    TargetGroupFactory,
    TaskFactory,
)
from core import versions


def postgres_only(test):
    """Marks a test of PostgreSQL's search features; skipped on other engines."""
    skip = pytest.mark.skipif(
        not settings.DATABASE_IS_POSTGRES, reason="PostgreSQL full-text and trigram search"
    )
    return pytest.mark.postgres(skip(test))


def sqlite_only(test):
    """Marks a test of SQLite's search machinery (FTS5 tables, triggers); skipped elsewhere."""
    skip = pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="SQLite FTS5 tables and triggers",
    )
    return skip(test)


def build_directory(count: int, offset: int = 0) -> list[Actor]:
    """``count`` actors with every relation the pages show: parent, municipality,
    dimensions, target groups, languages, tasks and contact persons."""
    parent = ActorFactory(slug="dach", name="Dachorganisation")
    municipality = MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")
    group = TargetGroupFactory(slug="gefluechtete", name="Geflüchtete")
    language = LanguageFactory(code="ar", name="Arabisch")
    tasks = [TaskFactory(slug=f"aufgabe-{i}", name=f"Aufgabe {i}") for i in range(3)]
    actors = Actor.objects.bulk_create(
        Actor(
            name=f"Beratungsstelle {i:04d}",
            slug=f"stelle-{i:04d}",
            level="district",
            kind="external",
            sector="welfare",
            parent=parent,
            municipality=municipality,
            description="Beratung für Neuzugewanderte",
            is_public=i % 5 != 0,
        )
        for i in range(offset, offset + count)
    )
    ActorDimension.objects.bulk_create(
        ActorDimension(
            actor=actor,
            dimension=Dimension.values[i % 3],
            obligation=Obligation.values[i % 2],
        )
        for i, actor in enumerate(actors)
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(actor=actor, name=f"Demo {i}", email=f"demo{i}@example.org", is_demo=True)
        for i, actor in enumerate(actors)
    )
    Actor.target_groups.through.objects.bulk_create(
        Actor.target_groups.through(actor=actor, targetgroup=group) for actor in actors
    )
    Actor.languages.through.objects.bulk_create(
        Actor.languages.through(actor=actor, language=language) for actor in actors
    )
    Task.responsible_actors.through.objects.bulk_create(
        Task.responsible_actors.through(task=task, actor=actor)
        for actor in actors
        for task in tasks
    )
    versions.bump()  # bulk writes send no signals, as in the portal's own bulk writers
    return actors
