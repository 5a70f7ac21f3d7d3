"""Concurrency on PostgreSQL, through the real views: many coordinators adding and ending
memberships of the same network at once, and an actor import running while they edit.

Each thread is its own browser (test client) on its own database connection. Saves are
slowed down inside their transactions so that the requests really overlap.
"""

import datetime

import pytest
from django.conf import settings

from actors.models import Actor
from actors.services import actors_import
from networks.models import Membership
from networks.tests.factories import ActorFactory, MembershipFactory
from tests.concurrency import in_threads, signed_in_browsers

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="needs concurrent connections"),
]

ALREADY_MEMBER = "Bereits Mitglied"
CONFLICT = "Jemand anderes hat diesen Eintrag gespeichert"
ERROR_SUMMARY = "Bitte prüfen Sie Ihre Eingaben"


def test_many_coordinators_adding_and_ending_memberships_at_once_stay_consistent(
    world, coordinator_user, admin_user, client_factory, slow_saves
):

    network = world.network_a
    newcomer = ActorFactory(slug="neu-im-netzwerk", name="Neu im Netzwerk")
    contested = world.membership  # version 1, open
    others = [
        MembershipFactory(network=network, actor=ActorFactory(slug=f"mitglied-{n}"))
        for n in range(4)
    ]
    slug = network.slug
    users = [coordinator_user, admin_user]

    def add_newcomer(user):
        def job():
            return signed_in_browsers(client_factory, user)[0].post(
                f"/netzwerke/{slug}/mitglieder/",
                {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01"},
            )

        return job

    def end(membership, version, until):
        def job():
            return signed_in_browsers(client_factory, coordinator_user)[0].post(
                f"/netzwerke/{slug}/mitglieder/{membership.pk}/beenden/",
                {"version": version, "until": until},
            )

        return job

    adds = [add_newcomer(users[n % 2]) for n in range(6)]
    contested_ends = [end(contested, 1, f"2025-01-{n + 1:02d}") for n in range(6)]
    distinct_ends = [end(m, m.version, "2025-06-30") for m in others]
    results = in_threads(*adds, *contested_ends, *distinct_ends)

    for result in results:
        assert not isinstance(result, Exception), result
        assert result.status_code < 500, result.status_code
    add_results, contested_results, distinct_results = results[:6], results[6:12], results[12:]

    # Adding the same actor: one succeeds, every other coordinator is told why not.
    assert sorted(r.status_code for r in add_results) == [302] + [400] * 5
    for refused in (r for r in add_results if r.status_code == 400):
        # Refused by the service ("Bereits Mitglied …"), or, when the winner had already
        # committed, by the form: the actor is no longer offered. Either way the page
        # says the save was refused.
        html = refused.content.decode()
        assert ALREADY_MEMBER in html or ERROR_SUMMARY in html
    assert Membership.objects.open().filter(network=network, actor=newcomer).count() == 1

    # Ending the same membership from the same version: one wins, the others get a
    # conflict page with the current values; no update is lost or applied twice.
    assert sorted(r.status_code for r in contested_results) == [302] + [409] * 5
    for refused in (r for r in contested_results if r.status_code == 409):
        assert CONFLICT in refused.content.decode()
    contested.refresh_from_db()
    assert contested.version == 2
    assert contested.until is not None
    assert contested.history.count() == 2  # created, ended once

    # Different memberships ended at the same time: all of them end.
    assert [r.status_code for r in distinct_results] == [302] * 4
    for membership in others:
        membership.refresh_from_db()
        assert membership.until == datetime.date(2025, 6, 30) and membership.version == 2

    # Nowhere two open memberships of one actor in one network.
    from django.db.models import Count

    duplicates = (
        Membership.objects.open().values("network", "actor").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not duplicates.exists()


def _actor_csv(rows, text):
    lines = ["slug;name;ebene;art;beschreibung"] + [
        f"akteur-{n:04d};Akteur {n};kommune;extern;{text} {n}" for n in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def test_an_import_while_coordinators_edit_corrupts_neither(
    world, coordinator_user, client_factory, slow_saves
):

    assert actors_import(data=_actor_csv(range(300), "alt")).written
    network = world.network_a
    actors = {a.slug: a for a in Actor.objects.filter(slug__startswith="akteur-")}
    current = [
        Membership.objects.create(
            network=network, actor=actors[f"akteur-{n:04d}"], since=datetime.date(2021, 1, 1)
        )
        for n in range(4)
    ]
    slug = network.slug

    def run_import():
        return actors_import(data=_actor_csv(range(400), "neu"))

    def coordinator(n):
        def job():
            browser = signed_in_browsers(client_factory, coordinator_user)[0]
            added = browser.post(
                f"/netzwerke/{slug}/mitglieder/",
                {
                    "actors": [
                        actors[f"akteur-{100 + 2 * n:04d}"].pk,
                        actors[f"akteur-{101 + 2 * n:04d}"].pk,
                    ],
                    "role": "member",
                    "since": "2024-02-01",
                },
            )
            ended = browser.post(
                f"/netzwerke/{slug}/mitglieder/{current[n].pk}/beenden/",
                {"version": 1, "until": "2024-12-31"},
            )
            return added, ended

        return job

    results = in_threads(run_import, *[coordinator(n) for n in range(4)])
    for result in results:
        assert not isinstance(result, Exception), result

    report = results[0]
    assert report.ok and report.written, (report.fatal, report.errors)
    assert len(report.created) == 100 and len(report.updated) == 300
    assert Actor.objects.filter(slug__startswith="akteur-").count() == 400
    assert (
        Actor.objects.filter(slug__startswith="akteur-", description__startswith="neu").count()
        == 400
    )

    for added, ended in results[1:]:
        assert added.status_code == 302, added.content.decode()[:500]
        assert ended.status_code == 302
    assert (
        Membership.objects.open().filter(network=network, since=datetime.date(2024, 2, 1)).count()
        == 8
    )
    for membership in current:
        membership.refresh_from_db()
        assert membership.until == datetime.date(2024, 12, 31) and membership.version == 2
