"""Factories for networks, memberships and links (and the actors they need)."""

import datetime

import factory

from actors.models import Actor, Kind, Level
from networks.models import CoordinationLink, LinkKind, Membership, MembershipRole, Network


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Akteur {n:03d}")
    slug = factory.Sequence(lambda n: f"akteur-{n:03d}")
    level = Level.DISTRICT
    kind = Kind.ADMINISTRATION
    is_public = True


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
