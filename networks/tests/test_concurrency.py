"""Two coordinators saving at the same moment, on real concurrent connections (PostgreSQL).

Each save is slowed down inside its transaction, so without the row lock both would
read the same version and the second would silently overwrite the first.
"""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from networks import services
from networks.models import Membership
from networks.tests.factories import ActorFactory, MembershipFactory, NetworkFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="needs concurrent connections"),
]


@pytest.fixture
def slow_saves(monkeypatch):
    original = Membership.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Membership, "save", slow_save)


def _run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_saves_of_the_same_version_one_wins_one_is_refused(
    coordinator_user, admin_user, slow_saves
):
    membership = MembershipFactory(note="alt")

    def save(by, note):
        return lambda: services.membership_update(
            membership=membership,
            version=1,
            role="member",
            since=membership.since,
            until=None,
            note=note,
            by=by,
        )

    results = _run_together(save(coordinator_user, "Cora"), save(admin_user, "Ada"))
    winners = [r for r in results if isinstance(r, Membership)]
    refused = [r for r in results if isinstance(r, services.StaleVersionError)]
    assert len(winners) == 1 and len(refused) == 1, results
    membership.refresh_from_db()
    assert membership.version == 2
    assert membership.note == winners[0].note
    assert refused[0].current.note == winners[0].note


def test_two_simultaneous_additions_of_the_same_actor_leave_one_membership(
    coordinator_user, admin_user, slow_saves
):
    network, actor = NetworkFactory(), ActorFactory()

    def add(by):
        return lambda: services.membership_add(
            network=network, actors=[actor], role="member", since=datetime.date(2024, 1, 1), by=by
        )

    results = _run_together(add(coordinator_user), add(admin_user))
    assert sum(isinstance(r, list) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Membership.objects.filter(network=network, actor=actor).count() == 1
