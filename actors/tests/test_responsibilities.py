"""Responsibilities (Zuständigkeiten): the finder's one-query answer, the area rule,
visibility, the seeded keynote content and its create-only seeding."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from actors import seed as actors_seed
from actors.admin import ResponsibilityForm
from actors.models import Actor, Level, Responsibility, Sector, Task
from actors.tests.factories import (
    ActorFactory,
    MunicipalityFactory,
    ResponsibilityFactory,
    TaskFactory,
)
from core.seeding import ContentError, Outcome

pytestmark = pytest.mark.django_db

TEN = [
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
]

backfill = importlib.import_module("actors.migrations.0008_responsibility")


def seed() -> str:
    out = io.StringIO()
    call_command("seed_keynote", stdout=out)
    return out.getvalue()


# --- the finder's answer on the keynote's content ---------------------------------------


@pytest.mark.parametrize(
    ("task_slug", "expected"),
    [
        ("unterbringung-asylbewerber", None),  # the municipality itself
        ("leistungsverwaltung-asylblg", None),
        ("auslaenderwesen", "abh-kreis-heinsberg"),
        ("einbuergerungswesen", "ebh-kreis-heinsberg"),
    ],
)
def test_task_and_municipality_give_the_responsible_actor_in_one_query(
    keynote, django_assert_num_queries, task_slug, expected
):
    task = Task.objects.get(slug=task_slug)
    municipalities = Actor.objects.filter(slug__in=TEN)
    assert municipalities.count() == 10
    for municipality in municipalities:
        with django_assert_num_queries(1):
            rows = list(
                Responsibility.objects.visible_to(AnonymousUser())
                .for_municipality(municipality)
                .filter(task=task)
            )
            answer = [(row.actor.slug, row.task.slug) for row in rows]
        assert answer == [(expected or municipality.slug, task_slug)]


def test_the_keynote_seeds_only_what_law_settles(keynote):
    assert Responsibility.objects.count() == 22
    whole = Responsibility.objects.filter(for_whole_district=True)
    assert set(whole.values_list("task__slug", "actor__slug")) == {
        ("auslaenderwesen", "abh-kreis-heinsberg"),
        ("einbuergerungswesen", "ebh-kreis-heinsberg"),
    }
    for row in Responsibility.objects.filter(for_whole_district=False):
        assert list(row.municipalities.values_list("slug", flat=True)) == [row.actor.slug]
    # No legal basis of its own: the task's applies; nothing invented, nothing internal.
    assert not Responsibility.objects.exclude(legal_basis="").exists()
    assert not Responsibility.objects.exclude(public_note="", internal_notes="").exists()
    assert not Responsibility.objects.filter(is_public=False).exists()
    row = Responsibility.objects.get(task__slug="auslaenderwesen")
    assert row.effective_legal_basis == "Aufenthaltsgesetz (AufenthG)"
    # Tasks the keynote and the law leave open are the editors' to fill in.
    assert not Responsibility.objects.filter(task__slug__in=["uma", "schultraegerschaft"]).exists()


def test_an_actor_answers_for_its_responsibilities(keynote):
    erkelenz = Actor.objects.get(slug="stadt-erkelenz")
    assert set(erkelenz.responsibilities.values_list("task__slug", flat=True)) == {
        "unterbringung-asylbewerber",
        "leistungsverwaltung-asylblg",
    }
    assert erkelenz.area_responsibilities.count() == 2
    abh = Actor.objects.get(slug="abh-kreis-heinsberg")
    assert [r.task.slug for r in abh.responsibilities.visible_to(AnonymousUser())] == [
        "auslaenderwesen"
    ]


def test_for_municipality_returns_each_row_once_and_not_other_towns_rows():
    here, there = MunicipalityFactory(), MunicipalityFactory()
    task = TaskFactory()
    district = ResponsibilityFactory(task=task)
    both = ResponsibilityFactory(task=task, municipalities=[here, there])
    other = ResponsibilityFactory(task=task, municipalities=[there])
    assert list(Responsibility.objects.for_municipality(here)) == sorted(
        [district, both], key=lambda r: (r.actor.name, r.pk)
    )
    assert set(Responsibility.objects.for_municipality(there.pk)) == {district, both, other}


# --- the area rule --------------------------------------------------------------------


def _form(instance=None, **data):
    task = instance.task if instance else TaskFactory()
    actor = instance.actor if instance else ActorFactory()
    values = {"task": task.pk, "actor": actor.pk, "is_public": "on", **data}
    return ResponsibilityForm(data=values, instance=instance)


def test_the_form_wants_exactly_one_area():
    erkelenz = MunicipalityFactory()
    both = _form(for_whole_district="on", municipalities=[erkelenz.pk])
    assert not both.is_valid()
    assert "entweder für den ganzen Kreis" in str(both.errors["municipalities"])
    neither = _form()
    assert not neither.is_valid()
    assert "Wählen Sie die Kommunen" in str(neither.errors["municipalities"])
    assert _form(for_whole_district="on").is_valid()
    saved = _form(municipalities=[erkelenz.pk]).save()
    assert list(saved.municipalities.all()) == [erkelenz]


def test_the_form_offers_only_member_municipalities():
    form = _form(municipalities=[ActorFactory().pk])
    assert not form.is_valid()
    assert "municipalities" in form.errors
    town = MunicipalityFactory()
    assert list(_form().fields["municipalities"].queryset) == [town]


def test_switching_the_area_is_checked_against_the_new_municipalities():
    town = MunicipalityFactory()
    row = ResponsibilityFactory(municipalities=[town])
    # To the whole Kreis, the municipalities cleared in the same form: valid.
    form = _form(instance=row, for_whole_district="on")
    assert form.is_valid(), form.errors
    form.save()
    row.refresh_from_db()
    assert row.for_whole_district and not row.municipalities.exists()


def test_clean_checks_the_stored_area_of_a_saved_row():
    row = ResponsibilityFactory(municipalities=[MunicipalityFactory()])
    row.for_whole_district = True
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "municipalities" in raised.value.message_dict


def test_a_public_responsibility_may_not_name_a_new_internal_actor():
    row = Responsibility(task=TaskFactory(), actor=ActorFactory(is_public=False))
    row.for_whole_district = True
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "ist nicht öffentlich" in str(raised.value.message_dict["actor"])


def test_the_database_keeps_one_row_per_task_and_actor():
    row = ResponsibilityFactory()
    twin = Responsibility(task=row.task, actor=row.actor, for_whole_district=True)
    with pytest.raises(ValidationError) as raised:
        twin.validate_constraints()
    assert "schon eingetragen" in str(raised.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


# --- visibility -------------------------------------------------------------------------


@pytest.fixture
def rows():
    town = MunicipalityFactory()
    return {
        "public": ResponsibilityFactory(internal_notes="Vertretung: Frau Beispiel"),
        "internal": ResponsibilityFactory(is_public=False),
        "internal actor": ResponsibilityFactory(actor=ActorFactory(is_public=False)),
        "town": ResponsibilityFactory(municipalities=[town], internal_notes="intern"),
    }


def test_anonymous_visitors_see_public_rows_of_public_actors_only(rows, staff_user):
    anonymous = set(Responsibility.objects.visible_to(AnonymousUser()))
    assert anonymous == {rows["public"], rows["town"]}
    assert set(Responsibility.objects.visible_to(staff_user)) == set(rows.values())


# --- seeding: create-only ---------------------------------------------------------------


def test_a_fresh_seed_reports_the_responsibilities_it_created(db):
    report = seed()
    assert "  Zuständigkeiten: 22 neu angelegt" in report.splitlines()


def test_reseeding_keeps_edits_and_deletions_and_reports_the_task(keynote):
    """Responsibilities are parts of their task (core/seeding.py): an edited one stays
    edited, a deleted one stays deleted, and the task is reported as differing."""
    edited = Responsibility.objects.get(
        task__slug="unterbringung-asylbewerber", actor__slug="stadt-erkelenz"
    )
    edited.public_note = "Von der Redaktion ergänzt."
    edited.save()
    Responsibility.objects.get(
        task__slug="leistungsverwaltung-asylblg", actor__slug="stadt-geilenkirchen"
    ).delete()
    internal = Responsibility.objects.get(task__slug="auslaenderwesen")
    internal.internal_notes = "Nur intern."  # the editors' own field: no difference
    internal.save()

    lines = seed().splitlines()
    seed()

    edited.refresh_from_db()
    assert edited.public_note == "Von der Redaktion ergänzt."
    assert not Responsibility.objects.filter(
        task__slug="leistungsverwaltung-asylblg", actor__slug="stadt-geilenkirchen"
    ).exists()
    assert Responsibility.objects.count() == 21
    for slug in ("unterbringung-asylbewerber", "leistungsverwaltung-asylblg"):
        assert (
            f"Aufgabe {slug}: bestehend, weicht vom Vortrag ab (Zuständigkeiten) "
            "– unverändert gelassen"
        ) in lines
    assert not any("auslaenderwesen" in line for line in lines)
    assert not any(line.startswith("  Zuständigkeiten") for line in lines)


def test_a_second_run_creates_no_responsibilities(keynote):
    again = actors_seed.load_keynote()
    assert again.with_outcome(Outcome.CREATED, Outcome.DIFFERS) == []
    assert not again.created_parts
    assert Responsibility.objects.count() == 22


def test_the_migration_gives_existing_installations_the_keynote_responsibilities(keynote):
    """Tasks that predate the table get the keynote's rows once, as the seed would have
    created them: the seed then finds them as in the keynote."""
    Responsibility.objects.all().delete()
    backfill.add_keynote_responsibilities(apps, None)
    assert Responsibility.objects.count() == 22
    run = actors_seed.load_keynote()
    assert run.with_outcome(Outcome.DIFFERS, Outcome.CREATED) == []


def test_the_migration_adds_nothing_without_the_keynote_tasks(db):
    backfill.add_keynote_responsibilities(apps, None)
    assert not Responsibility.objects.exists()


def test_the_migration_data_equals_the_content_file():
    content = {
        (task.slug, item.actor, frozenset(item.municipalities))
        for task in actors_seed.read_keynote().tasks
        for item in task.responsibilities
    }
    frozen = {
        (task, actor, frozenset(area)) for task, actor, area in backfill.KEYNOTE_RESPONSIBILITIES
    }
    assert frozen == content


# --- the content file -------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = actors_seed.CONTENT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "keynote.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


ABH = "      - {actor: abh-kreis-heinsberg, for_whole_district: true}\n"


@pytest.mark.parametrize(
    ("new", "words"),
    [
        (
            "      - {actor: abh-kreis-heinsberg, for_whole_district: true, "
            "municipalities: [stadt-erkelenz]}\n",
            ["tasks #1 (auslaenderwesen): responsibilities #1", "either"],
        ),
        ("      - {actor: abh-kreis-heinsberg}\n", ["either"]),
        ("      - {actor: ebh-kreis-heinsberg, for_whole_district: true}\n", ["'responsible'"]),
        (
            "      - {actor: abh-kreis-heinsberg, municipalities: [kreis-heinsberg]}\n",
            ["no member municipality", "kreis-heinsberg"],
        ),
        (ABH + ABH, ["another responsibility above"]),
        ("      - {actor: abh-kreis-heinsberg, for_whole_district: ja}\n", ["true or false"]),
    ],
)
def test_a_wrong_responsibility_in_the_content_file_is_named(tmp_path, new, words):
    with pytest.raises(ContentError) as raised:
        actors_seed.read_keynote(_broken(tmp_path, ABH, new))
    for word in words:
        assert word in str(raised.value)


# --- admin ------------------------------------------------------------------------------


def test_admin_lists_and_filters_responsibilities_by_municipality(client, admin_user, keynote):
    client.force_login(admin_user)
    erkelenz = Actor.objects.get(slug="stadt-erkelenz")
    response = client.get(
        reverse("admin:actors_responsibility_changelist"), {"kommune": erkelenz.pk}
    )
    assert response.status_code == 200
    listed = response.context["cl"].result_list
    assert {(r.task.slug, r.actor.slug) for r in listed} == {
        ("auslaenderwesen", "abh-kreis-heinsberg"),
        ("einbuergerungswesen", "ebh-kreis-heinsberg"),
        ("unterbringung-asylbewerber", "stadt-erkelenz"),
        ("leistungsverwaltung-asylblg", "stadt-erkelenz"),
    }
    assert "ganzer Kreis" in response.content.decode()
    add = client.get(reverse("admin:actors_responsibility_add"))
    assert add.status_code == 200
    choices = add.context["adminform"].form.fields["municipalities"].queryset
    assert set(choices.values_list("level", "sector")) == {
        (Level.MUNICIPALITY, Sector.LOCAL_AUTHORITY)
    }
    assert choices.count() == 10
