"""Fixtures of the open data's tests: a small directory with every kind of public record
(and, in ``internal``, every kind of internal one, with a marker in each text)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import pytest
from django.core.cache import caches
from django.core.management import call_command

from actors.models import ActorDimension, ContactPerson, Dimension, Level, Obligation, Sector
from actors.tests.factories import (
    ActorFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    OfferPlaceFactory,
    OpeningHoursFactory,
    PlaceFactory,
    ResponsibilityFactory,
    TargetGroupFactory,
    TaskFactory,
    TopicFactory,
)
from networks.models import CoordinationLink, LinkKind, Membership
from networks.tests.factories import NetworkFactory


def clear_caches():
    for name in ("pages", "search"):
        caches[name].clear()


@dataclass
class World:
    town: object
    kreis: object
    actor: object
    offer: object
    network: object
    extra: dict = field(default_factory=dict)


def build_world(copies: int = 1) -> World:
    """Public records of every kind; ``copies`` repeats the actors and offers (for the
    query counts: the same queries for 1 and for many)."""
    town = MunicipalityFactory(slug="stadt-musterstadt", name="Stadt Musterstadt")
    kreis = ActorFactory(
        slug="kreis-muster",
        name="Kreis Muster",
        level=Level.DISTRICT,
        kind="administration",
        sector=Sector.LOCAL_AUTHORITY,
        street="Valkenburger Straße 45",
        postal_code="52525",
        city="Heinsberg",
        phone="02452 13-0",
        email="info@example.org",
        website="https://example.org/",
        opening_hours="Mo–Fr 8–12 Uhr",
        last_verified=datetime.date(2024, 9, 19),
    )
    group = TargetGroupFactory(name="Geflüchtete", slug="gefluechtete")
    language = LanguageFactory(name="Arabisch", code="ar")
    topic = TopicFactory(name="Sprache", slug="sprache-test")
    network = NetworkFactory(slug="kim-test", name="KIM-Lenkungsgruppe Test", lead_actor=kreis)
    task = TaskFactory(slug="unterbringung-test", name="Unterbringung", legal_basis="FlüAG NRW")
    ResponsibilityFactory(task=task, actor=town, municipalities=[town], public_note="Für die Stadt")
    ResponsibilityFactory(task=TaskFactory(), actor=kreis, for_whole_district=True)
    first = None
    for n in range(copies):
        actor = ActorFactory(
            name=f"Beratungsstelle {n}",
            short_name=f"BS{n}",
            parent=kreis,
            municipality=town,
            level=Level.MUNICIPALITY,
            description="Beratung für Geflüchtete.",
            phone="02452 1",
            street="Hauptstraße 1",
            city="Heinsberg",
            is_demo=n % 2 == 1,
            last_verified=datetime.date(2025, 1, 1),
        )
        actor.target_groups.add(group)
        actor.languages.add(language)
        ActorDimension.objects.create(
            actor=actor, dimension=Dimension.WELFARE, obligation=Obligation.VOLUNTARY
        )
        offer = OfferFactory(
            actor=actor,
            name=f"Sprachcafé {n}",
            municipalities=[town],
            topics=[topic],
            target_groups=[group],
            languages=[language],
            phone="02452 2",
            url="https://example.org/sprachcafe",
            fees_description="kostenlos",
            last_verified=datetime.date(2025, 2, 1),
            is_demo=n % 2 == 1,
        )
        at = OfferPlaceFactory(
            offer=offer,
            place=PlaceFactory(name=f"Haus {n}", accessibility="Rampe am Eingang"),
            description="Eingang über den Hof",
        )
        OpeningHoursFactory(offer=offer, offer_place=at)
        OpeningHoursFactory(
            offer=offer, weekday=3, opens_at=None, closes_at=None, by_appointment_only=True
        )
        OfferFactory(actor=actor, name=f"Kreisweit {n}", for_whole_district=True, status="inactive")
        Membership.objects.create(network=network, actor=actor, since=datetime.date(2021, 1, 1))
        CoordinationLink.objects.create(
            source=actor,
            target=kreis,
            kind=LinkKind.REFERRAL,
            network=network,
            since=datetime.date(2022, 1, 1),
            until=datetime.date(2023, 1, 1),
        )
        first = first or (actor, offer)
    return World(town, kreis, first[0], first[1], network)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def keynote(db):
    call_command("seed_keynote", stdout=io.StringIO())


MARK = "zqopendatamark"


@pytest.fixture
def internal(world):
    """Internal records and internal fields, each text with a marker; returns the markers."""
    marks = {}

    def mark(name: str) -> str:
        marks[name] = f"{MARK}{name}x"
        return marks[name]

    ContactPerson.objects.create(
        actor=world.actor,
        name=mark("cpname"),
        function=mark("cpfunction"),
        phone=mark("cpphone"),
        email=f"{mark('cpemail')}@example.org",
    )
    world.actor.internal_notes = mark("actornote")
    world.actor.save()
    world.offer.internal_notes = mark("offernote")
    world.offer.save()
    hidden = ActorFactory(
        name=mark("hiddenactor"), description=mark("hiddenactordesc"), is_public=False
    )
    OfferFactory(actor=hidden, name=mark("offerofhiddenactor"))
    OfferFactory(actor=world.actor, name=mark("internaloffer"), is_public=False)
    OfferFactory(actor=world.actor, name=mark("defunctoffer"), status="defunct")
    # Public records that point to internal ones (made internal after the pointer was set).
    parent = ActorFactory(name=mark("parentactor"), is_public=False)
    municipality = MunicipalityFactory(name=mark("municipality"), is_public=False)
    ActorFactory(
        name="Verein vor Ort", parent=parent, municipality=municipality, level="municipality"
    )
    OfferFactory(name="Angebot vor Ort", municipalities=[municipality, world.town])
    hidden_network = NetworkFactory(
        name=mark("hiddennetwork"), description=mark("hiddennetworkdesc"), is_public=False
    )
    world.network.internal_note = mark("networknote")
    world.network.save()
    NetworkFactory(name="Teilnetz", parent=hidden_network, lead_actor=hidden)
    Membership.objects.create(
        network=world.network, actor=hidden, since=datetime.date(2022, 1, 1), note=mark("memnote")
    )
    Membership.objects.create(
        network=hidden_network, actor=world.actor, since=datetime.date(2022, 1, 1)
    )
    member = Membership.objects.get(network=world.network, actor=world.actor)
    member.note = mark("membershipnote")
    member.save()
    CoordinationLink.objects.create(
        source=world.actor, target=hidden, kind=LinkKind.COOPERATION, description=mark("linkhidden")
    )
    CoordinationLink.objects.create(
        source=world.actor,
        target=world.kreis,
        network=hidden_network,
        kind=LinkKind.COOPERATION,
        description=mark("linkinternalnetwork"),
    )
    task = TaskFactory(name="Einbürgerung", slug="einbuergerung-test")
    ResponsibilityFactory(
        task=task, actor=world.kreis, for_whole_district=True, internal_notes=mark("respnote")
    )
    ResponsibilityFactory(
        task=task,
        actor=world.actor,
        for_whole_district=True,
        public_note=mark("internalresp"),
        is_public=False,
    )
    ResponsibilityFactory(task=task, actor=hidden, for_whole_district=True)
    return marks
