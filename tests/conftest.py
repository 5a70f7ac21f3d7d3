"""Fixtures of the cross-app tests. ``world``: objects and accounts for the access-control
and marker tests: network A coordinated by
``coordinator_user``, network B by another coordinator, with members, a link, a public
actor with a contact person, and a published and a draft history period."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

import pytest

from actors.models import ContactPerson
from core.tests.factories import UserFactory
from networks.models import CoordinationLink, LinkKind, Membership
from networks.tests.factories import ActorFactory, NetworkFactory
from timeline.models import Status
from timeline.tests.factories import PeriodFactory


@dataclass
class World:
    network_a: object
    network_b: object
    membership: object
    link: object
    actor: object
    period: object
    draft_period: object
    other_coordinator: object

    def url_samples(self) -> dict[str, object]:
        """Values for URL keyword arguments: the objects of network A."""
        return {
            "slug": [self.network_a.slug, self.actor.slug, self.period.slug],
            "pk": [self.membership.pk, self.link.pk],
        }


@pytest.fixture
def world(db, coordinator_user):
    other = UserFactory(email="andere-koordination@example.org", role="coordinator")
    actor = ActorFactory(slug="auslaenderbehoerde", name="Ausländerbehörde")
    partner = ActorFactory(slug="jobcenter", name="Jobcenter")
    ContactPerson.objects.create(actor=actor, name="Erika Beispiel", email="e@example.org")
    network_a = NetworkFactory(slug="kim-lenkungsgruppe", coordinators=[coordinator_user])
    network_b = NetworkFactory(slug="ak-ehrenamt", coordinators=[other])
    membership = Membership.objects.create(
        network=network_a, actor=actor, since=datetime.date(2021, 1, 1)
    )
    link = CoordinationLink.objects.create(
        source=actor,
        target=partner,
        network=network_a,
        kind=LinkKind.COOPERATION,
        since=datetime.date(2021, 1, 1),
    )
    period = PeriodFactory(slug="1970er")
    draft = PeriodFactory(slug="entwurf", status=Status.DRAFT)
    return World(network_a, network_b, membership, link, actor, period, draft, other)


@pytest.fixture
def slow_saves(monkeypatch):
    """Each membership save holds its transaction open a little, so that concurrent saves
    overlap (the concurrency tests)."""
    original = Membership.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.15)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Membership, "save", slow_save)
