"""``seed_keynote`` creates what is missing and never overwrites; only a confirmed reset does.

The scenario of the issue "One house, one way": after installation editors unpublish
and rewrite keynote rows, an administrator makes an actor internal, a coordinator hides
a network and changes its members, someone deletes a keynote row. Then the portal is
deployed again (``migrate`` + ``seed_keynote``, as ``make run`` and the README's deploy
steps do). Every change must survive, the deleted row must come back, and the report
must name what differs from the keynote.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor, TargetGroup, Task
from actors.tests.factories import LanguageFactory
from core import versions
from core.seeding import RESET_REASON
from integration_portal.management.commands.seed_keynote import seeders
from networks.models import CoordinationLink, Membership, Network
from networks.seed import NETWORKS
from networks.tests.factories import ActorFactory, MembershipFactory
from timeline import keynote
from timeline.models import Event, Period, Status, Thesis

pytestmark = pytest.mark.django_db

RESET = ("1970er", "abh-kreis-heinsberg", "kim-lenkungsgruppe")


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_keynote", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    seed()


def edit_keynote_rows() -> None:
    """What people do to keynote rows once the portal runs."""
    period = Period.objects.get(slug="1970er")
    period.status = Status.DRAFT
    period.summary = "Von der Redaktion überarbeitet."
    period.save()
    bullet = period.characteristics.get(position=1)
    bullet.text = "Von der Redaktion gekürzt."
    bullet.save()
    period.citations.order_by("position").last().delete()

    event = Event.objects.get(slug="auslaenderbeiraete")
    event.status = Status.DRAFT
    event.text = "Von der Redaktion ergänzt."
    event.save()

    thesis = Thesis.objects.get(number=2)
    thesis.explanation = "Von der Redaktion neu gefasst."
    thesis.save()
    thesis.quotes.get(position=1).delete()

    actor = Actor.objects.get(slug="abh-kreis-heinsberg")
    actor.is_public = False
    actor.description = "Nur für Mitarbeitende."
    actor.save()
    actor.target_groups.remove(TargetGroup.objects.get(slug="geduldete"))
    actor.languages.add(LanguageFactory(code="ti", name="Tigrinya"))
    actor.dimension_roles.all().delete()
    Task.objects.get(slug="auslaenderwesen").responsible_actors.remove(actor)

    network = Network.objects.get(slug="kim-lenkungsgruppe")
    network.is_public = False
    network.description = "Intern abgestimmte Beschreibung."
    network.save()
    ended = network.memberships.get(actor__slug="bamf-regionalstelle")
    ended.until = datetime.date(2024, 6, 30)
    ended.save()
    network.memberships.get(actor__slug="ebh-kreis-heinsberg").delete()
    MembershipFactory(network=network, actor=ActorFactory(slug="neue-beratungsstelle"))

    other = Network.objects.get(slug="kim-case-management")
    other.description = "Vom Koordinator ergänzt."
    other.save()
    link = CoordinationLink.objects.get(network__isnull=True)
    link.description = "Förderung seit 2021, bestätigt."
    link.save()


def delete_keynote_rows() -> None:
    Network.objects.get(slug="kim-personalstellen-auslaenderbehoerde").delete()
    Actor.objects.get(slug="integrationsraete").delete()


def snapshot() -> dict:
    """Everything the edits above touch, as plain data."""
    period = Period.objects.get(slug="1970er")
    actor = Actor.objects.get(slug="abh-kreis-heinsberg")
    network = Network.objects.get(slug="kim-lenkungsgruppe")
    thesis = Thesis.objects.get(number=2)
    return {
        "period": (period.status, period.summary, period.citations.count()),
        "bullets": list(period.characteristics.values_list("position", "text", "parent")),
        "event": Event.objects.filter(slug="auslaenderbeiraete").values("status", "text").get(),
        "thesis": (thesis.explanation, list(thesis.quotes.values_list("position", "text"))),
        "actor": (actor.is_public, actor.description),
        "target groups": set(actor.target_groups.values_list("slug", flat=True)),
        "languages": set(actor.languages.values_list("code", flat=True)),
        "table cells": list(actor.dimension_roles.values_list("dimension", "obligation")),
        "tasks": set(actor.tasks.values_list("slug", flat=True)),
        "network": (network.is_public, network.description),
        "members": set(network.memberships.values_list("actor__slug", "role", "since", "until")),
        "other network": Network.objects.get(slug="kim-case-management").description,
        "free link": CoordinationLink.objects.get(network__isnull=True).description,
        "history": (
            Period.history.count(),
            Event.history.count(),
            Network.history.count(),
            Membership.history.count(),
        ),
    }


def test_redeploying_keeps_every_edit_recreates_deleted_rows_and_reports_the_differences(
    seeded,
):
    edit_keynote_rows()
    delete_keynote_rows()
    before = snapshot()
    history = before.pop("history")

    # `make run` and the README's deploy steps: migrate, then the seed; and once more.
    call_command("migrate", interactive=False, verbosity=0)
    report = seed()
    seed()

    after = snapshot()
    created_history = after.pop("history")
    assert after == before
    # Only the recreated network and its members were written (one history row each).
    assert created_history == (history[0], history[1], history[2] + 1, history[3] + 4)

    recreated = Network.objects.get(slug="kim-personalstellen-auslaenderbehoerde")
    assert recreated.is_public
    assert recreated.memberships.count() == 4
    assert recreated.links.count() == 1
    assert Actor.objects.filter(slug="integrationsraete", is_public=True).exists()

    lines = report.splitlines()
    for expected in [
        "Zeitabschnitt 1970er: bestehend, weicht vom Vortrag ab "
        "(Zusammenfassung, Status, Merkmale, Belege) – unverändert gelassen",
        "Ereignis auslaenderbeiraete: bestehend, weicht vom Vortrag ab (Text, Status) "
        "– unverändert gelassen",
        "These 2: bestehend, weicht vom Vortrag ab (Erläuterung, Zitate) – unverändert gelassen",
        "Akteur abh-kreis-heinsberg: bestehend, weicht vom Vortrag ab "
        "(Beschreibung, Öffentlich, Zielgruppen, Politikdimensionen) – unverändert gelassen",
        "Aufgabe auslaenderwesen: bestehend, weicht vom Vortrag ab (Zuständige Akteure) "
        "– unverändert gelassen",
        "Netzwerk kim-lenkungsgruppe: bestehend, weicht vom Vortrag ab "
        "(Beschreibung, Öffentlich, Mitgliedschaften) – unverändert gelassen",
        "Netzwerk kim-case-management: bestehend, weicht vom Vortrag ab (Beschreibung) "
        "– unverändert gelassen",
        "Akteur bamf-regionalstelle: bestehend, weicht vom Vortrag ab (Verbindungen) "
        "– unverändert gelassen",
        "Netzwerk kim-personalstellen-auslaenderbehoerde: neu angelegt",
        "Akteur integrationsraete: neu angelegt",
        "  Akteure: 1 neu angelegt, 54 wie im Vortrag, 2 abweichend, unverändert gelassen",
        "  Zeitabschnitte: 4 wie im Vortrag, 1 abweichend, unverändert gelassen",
        "  Mitgliedschaften: 4 neu angelegt",
    ]:
        assert expected in lines, expected
    assert "Keynote-Inhalte geladen; bestehende Einträge wurden nicht überschrieben." in lines


def test_a_second_run_writes_nothing_and_moves_no_content_version(seeded):
    directory, timeline = versions.current(), versions.current("timeline")
    report = seed()
    assert versions.current() == directory
    assert versions.current("timeline") == timeline
    assert "neu angelegt" not in report
    assert "weicht" not in report
    assert "  Akteure: 57 wie im Vortrag" in report.splitlines()


def test_reset_with_yes_sets_the_named_records_back_and_history_and_versions_record_it(seeded):
    edit_keynote_rows()
    directory, timeline = versions.current(), versions.current("timeline")

    report = seed("--reset-to-keynote", *RESET, "--yes")

    period = Period.objects.get(slug="1970er")
    assert period.status == Status.PUBLISHED
    assert period.summary == keynote.PERIODS[0]["summary"]
    assert (
        period.characteristics.get(position=1).text
        == keynote.PERIODS[0]["characteristics"][0]["de"]
    )
    assert period.citations.count() == len(keynote.PERIOD_SOURCES)
    assert Event.objects.get(slug="auslaenderbeiraete").status == Status.PUBLISHED
    assert period.history.first().history_change_reason == RESET_REASON

    actor = Actor.objects.get(slug="abh-kreis-heinsberg")
    assert actor.is_public
    assert set(actor.target_groups.values_list("slug", flat=True)) == {
        "neuzugewanderte",
        "gefluechtete",
        "geduldete",
    }
    assert list(actor.dimension_roles.values_list("dimension", "obligation")) == [
        ("security", "mandatory")
    ]
    # Not the keynote's content: the languages stay; tasks are not reset with an actor.
    assert set(actor.languages.values_list("code", flat=True)) == {"ti"}
    assert not actor.tasks.filter(slug="auslaenderwesen").exists()

    network = Network.objects.get(slug="kim-lenkungsgruppe")
    assert network.is_public
    assert network.history.first().history_change_reason == RESET_REASON
    members = network.memberships.all()
    assert members.count() == len(next(n for n in NETWORKS if n["slug"] == network.slug)["members"])
    assert not members.filter(until__isnull=False).exists()
    assert not members.filter(actor__slug="neue-beratungsstelle").exists()
    assert members.filter(actor__slug="ebh-kreis-heinsberg").exists()
    assert Membership.history.filter(
        history_type="-", history_change_reason=RESET_REASON, actor__slug="neue-beratungsstelle"
    ).exists()

    # What was not named keeps its edits.
    assert Thesis.objects.get(number=2).explanation == "Von der Redaktion neu gefasst."
    assert Network.objects.get(slug="kim-case-management").description == (
        "Vom Koordinator ergänzt."
    )
    assert CoordinationLink.objects.get(network__isnull=True).description == (
        "Förderung seit 2021, bestätigt."
    )
    assert versions.current() != directory
    assert versions.current("timeline") != timeline
    assert (
        "Zeitabschnitt 1970er: auf den Stand des Vortrags zurückgesetzt "
        "(Zusammenfassung, Status, Merkmale, Belege)" in report.splitlines()
    )


@pytest.mark.parametrize("answer", ["n", "", "nein", EOFError])
def test_reset_asks_first_and_without_a_yes_changes_nothing(seeded, monkeypatch, answer):
    edit_keynote_rows()
    delete_keynote_rows()
    before = snapshot()

    def reply(*args):
        if answer is EOFError:
            raise EOFError
        return answer

    monkeypatch.setattr("builtins.input", reply)
    out = io.StringIO()
    with pytest.raises(CommandError, match="nichts wurde verändert"):
        call_command("seed_keynote", "--reset-to-keynote", *RESET, stdout=out)

    assert snapshot() == before
    assert not Network.objects.filter(slug="kim-personalstellen-auslaenderbehoerde").exists()
    shown = out.getvalue()
    assert (
        "Akteur abh-kreis-heinsberg: wird auf den Stand des Vortrags zurückgesetzt "
        "(Beschreibung, Öffentlich, Zielgruppen, Politikdimensionen)" in shown
    )
    assert "Wirklich zurücksetzen? [j/N]" in shown


def test_reset_answered_with_j_overwrites(seeded, monkeypatch):
    edit_keynote_rows()
    monkeypatch.setattr("builtins.input", lambda *args: "j")
    seed("--reset-to-keynote", "1970er")
    assert Period.objects.get(slug="1970er").status == Status.PUBLISHED
    # The other named kinds were not named this time.
    assert not Actor.objects.get(slug="abh-kreis-heinsberg").is_public


@pytest.mark.parametrize("slug", ["gibt-es-nicht", "auslaenderwesen", "auslaenderbeiraete"])
def test_an_unknown_slug_is_refused_with_exit_code_2_and_changes_nothing(seeded, slug):
    edit_keynote_rows()
    delete_keynote_rows()
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        seed("--reset-to-keynote", "1970er", slug, "--yes")
    assert refused.value.returncode == 2
    assert slug in str(refused.value)
    assert snapshot() == before
    assert not Actor.objects.filter(slug="integrationsraete").exists()


def test_each_app_seeds_its_part_in_the_order_of_their_dependencies():
    assert [module.__name__ for module in seeders()] == [
        "actors.seed",
        "networks.seed",
        "timeline.seed",
    ]


def test_each_resettable_slug_names_one_record_of_the_keynote():
    kinds = [set(module.resettable_slugs()) for module in seeders()]
    assert sum(len(slugs) for slugs in kinds) == len(set().union(*kinds))


def test_make_run_and_the_deploy_steps_seed_create_only():
    base = Path(settings.BASE_DIR)
    makefile = (base / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^seed:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert re.search(r"^run: .*\bseed\b", makefile, re.MULTILINE)
    readme = (base / "README.md").read_text(encoding="utf-8")
    deploy = re.search(r"^## Deploy\n.*?```sh\n(.*?)```", readme, re.MULTILINE | re.DOTALL).group(1)
    for steps in (recipe, deploy):
        assert "manage.py seed_keynote" in steps
        assert "--reset-to-keynote" not in steps


def test_a_target_group_people_gave_another_slug_is_found_by_its_name_not_created_twice(
    seeded,
):
    group = TargetGroup.objects.get(slug="gefluechtete")
    group.slug = "gefluechtete-menschen"
    group.save()

    report = seed()

    assert TargetGroup.objects.filter(name="Geflüchtete").count() == 1
    assert TargetGroup.objects.get(name="Geflüchtete").slug == "gefluechtete-menschen"
    assert (
        "Zielgruppe gefluechtete: bestehend, weicht vom Vortrag ab (Kurzadresse) "
        "– unverändert gelassen" in report.splitlines()
    )
