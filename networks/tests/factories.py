"""Factories for networks, memberships and links. Actors come from the one
``ActorFactory`` of the actors app (one factory per model); it is imported here for the
sub-factories and for the tests that build networks with their members."""

import datetime

import factory

from actors.tests.factories import ActorFactory
from networks.models import CoordinationLink, LinkKind, Membership, MembershipRole, Network

__all__ = [
    "ActorFactory",
    "CoordinationLinkFactory",
    "MembershipFactory",
    "NetworkFactory",
]


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Netzwerk {n:03d}")
    slug = factory.Sequence(lambda n: f"netzwerk-{n:03d}")
    is_public = True

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    actor = factory.SubFactory(ActorFactory)
    role = MembershipRole.MEMBER
    since = datetime.date(2021, 1, 1)


class CoordinationLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinationLink

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory)
    kind = LinkKind.COOPERATION
    since = datetime.date(2021, 1, 1)
