"""`seed_demo`: deterministic synthetic data, flagged as demo, removable without a trace.

Run at the hidden ``test`` scale (60 actors) and, once, at ``kreis`` scale; the NRW
scale is exercised by `make bench`, never here.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Q

from actors.models import (
    Actor,
    ContactPerson,
    Kind,
    Level,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Sector,
    Topic,
)
from devdata.demo_networks import benchmark_network
from devdata.demo_offers import DISTRICT_OFFERS
from devdata.management.commands import seed_demo
from networks.models import CoordinationLink, Membership, Network

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def life_situations(db):
    """The topics of migration 0009, which a database kept with ``--reuse-db`` may have
    lost to the flush after a transactional test (create-only, as the migration)."""
    importlib.import_module("actors.migrations.0009_offers").add_topics(apps, None)


def seed(*args: str) -> None:
    # devdata is installed for manage.py only (not in the test settings): the command is
    # handed over as an instance.
    call_command(seed_demo.Command(), *args, stdout=_Sink(), stderr=_Sink())


class _Sink:
    def write(self, text):
        pass

    def flush(self):
        pass


def snapshot() -> dict[str, list]:
    """Everything generated, by natural keys (ids differ between runs, content must not)."""
    return {
        "actors": list(
            Actor.objects.filter(is_demo=True)
            .order_by("slug")
            .values_list(
                "slug",
                "name",
                "level",
                "kind",
                "sector",
                "is_public",
                "parent__slug",
                "municipality__slug",
                "email",
                "last_verified",
            )
        ),
        "contacts": list(
            ContactPerson.objects.filter(actor__is_demo=True)
            .order_by("actor__slug", "position")
            .values_list("actor__slug", "name", "function", "email")
        ),
        "networks": list(
            Network.objects.filter(is_demo=True)
            .order_by("slug")
            .values_list("slug", "name", "kind", "lead_actor__slug", "parent__slug")
        ),
        "memberships": sorted(
            Membership.objects.filter(network__is_demo=True).values_list(
                "network__slug", "actor__slug", "role", "since", "until"
            )
        ),
        "links": sorted(
            demo_links().values_list(
                "source__slug", "target__slug", "kind", "network__slug", "since", "until"
            ),
            key=str,
        ),
        "offers": list(
            Offer.objects.filter(is_demo=True)
            .order_by("slug")
            .values_list(
                "slug",
                "name",
                "actor__slug",
                "status",
                "is_public",
                "for_whole_district",
                "email",
                "last_verified",
            )
        ),
        "offer_areas": sorted(
            Offer.municipalities.through.objects.filter(offer__is_demo=True).values_list(
                "offer__slug", "actor__slug"
            )
        ),
        "opening_hours": sorted(
            OpeningHours.objects.filter(offer__is_demo=True).values_list(
                "offer__slug",
                "offer_place__place__name",
                "weekday",
                "opens_at",
                "closes_at",
                "by_appointment_only",
            ),
            key=str,
        ),
    }


def demo_links():
    return CoordinationLink.objects.filter(
        Q(source__is_demo=True) | Q(target__is_demo=True) | Q(network__is_demo=True)
    )


def keynote_counts() -> dict[str, int]:
    return {
        "actors": Actor.objects.filter(is_demo=False).count(),
        "networks": Network.objects.filter(is_demo=False).count(),
        "memberships": Membership.objects.filter(
            network__is_demo=False, actor__is_demo=False
        ).count(),
        "links": CoordinationLink.objects.filter(
            source__is_demo=False, target__is_demo=False
        ).count(),
    }


def test_the_same_seed_generates_the_same_data():
    seed("--scale", "test", "--seed", "3")
    first = snapshot()
    seed("--clear", "--scale", "test", "--seed", "3")
    assert snapshot() == first
    assert first["actors"] and first["networks"] and first["memberships"] and first["links"]
    assert first["offers"] and first["offer_areas"] and first["opening_hours"]


def test_another_seed_generates_other_data():
    seed("--scale", "test", "--seed", "3")
    first = snapshot()
    seed("--clear", "--scale", "test", "--seed", "4")
    assert snapshot()["actors"] != first["actors"]


def test_every_generated_row_is_flagged_demo_and_uses_example_org_only():
    seed("--scale", "test")
    actors = Actor.objects.filter(is_demo=True)
    assert actors.count() == 60
    assert not Actor.objects.filter(is_demo=False).exists()  # nothing else was written
    for email, website, phone in actors.values_list("email", "website", "phone"):
        assert email.endswith("@example.org")
        assert website.startswith("https://example.org/")
        assert phone == ""  # no invented phone numbers
    contacts = ContactPerson.objects.all()
    assert contacts.exists()
    assert all(c.is_demo and c.email.endswith("@example.org") and not c.phone for c in contacts)
    assert Network.objects.exists() and not Network.objects.filter(is_demo=False).exists()


def test_demo_offers_are_flagged_named_as_examples_and_name_nobody():
    seed("--scale", "test")
    offers = Offer.objects.all()
    assert offers.exists() and not offers.filter(is_demo=False).exists()
    for name, email, url, phone in offers.values_list("name", "email", "url", "phone"):
        assert name.endswith("(Beispiel)")
        assert email.endswith("@example.org")
        assert url.startswith("https://example.org/")
        assert phone == ""  # no invented phone numbers
    places = Place.objects.all()
    assert places.exists() and not places.filter(is_demo=False).exists()
    assert set(places.values_list("postal_code", flat=True)) == {""}
    assert all(name.endswith("(Beispiel)") for name in places.values_list("name", flat=True))
    # Every offer is at its place, with hours there.
    assert not offers.filter(offer_places__isnull=True).exists()
    assert not offers.filter(opening_hours__isnull=True).exists()


def test_clear_removes_demo_data_and_keeps_the_keynote_content():
    call_command("seed_keynote", stdout=_Sink())
    before = keynote_counts()
    seed("--scale", "test")
    assert Actor.objects.filter(is_demo=True).exists()

    seed("--clear")

    assert not Actor.objects.filter(is_demo=True).exists()
    assert not Network.objects.filter(is_demo=True).exists()
    assert not ContactPerson.objects.filter(is_demo=True).exists()
    assert not Offer.objects.exists() and not Place.objects.exists()
    assert not OfferPlace.objects.exists() and not OpeningHours.objects.exists()
    assert not Offer.municipalities.through.objects.exists()
    assert Topic.objects.count() == 9  # the life situations of the migration stay
    assert Membership.objects.count() == before["memberships"]
    assert CoordinationLink.objects.count() == before["links"]
    assert keynote_counts() == before


def test_clear_removes_demo_memberships_and_ties_from_data_that_is_not_demo():
    seed("--scale", "test")
    keynote_network = Network.objects.create(name="KIM-Lenkungsgruppe", slug="kim-lg")
    demo_actor = Actor.objects.filter(is_demo=True).first()
    Membership.objects.create(network=keynote_network, actor=demo_actor)
    keynote_network.lead_actor = demo_actor
    keynote_network.save()
    real_actor = Actor.objects.create(
        name="Echte Stelle",
        slug="echte-stelle",
        level="district",
        kind="external",
        parent=demo_actor,
    )

    seed("--clear")

    assert not Membership.objects.filter(actor_id=demo_actor.pk).exists()
    keynote_network.refresh_from_db()
    real_actor.refresh_from_db()
    assert keynote_network.lead_actor is None
    assert real_actor.parent is None


def test_clear_removes_demo_offers_and_the_ties_of_real_ones_to_demo_data():
    seed("--scale", "test")
    demo_actor = Actor.objects.filter(is_demo=True).first()
    demo_town = Actor.objects.filter(
        is_demo=True, level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY
    ).first()
    keynote_actor = Actor.objects.create(
        name="Echte Beratungsstelle", slug="echte-stelle", level="district", kind="external"
    )
    of_demo_actor = Offer.objects.create(
        actor=demo_actor, name="Angebot eines Demo-Akteurs", slug="angebot-demo-akteur"
    )
    real = Offer.objects.create(actor=keynote_actor, name="Echtes Angebot", slug="echt")
    real.municipalities.set([demo_town])
    real_place = Place.objects.create(name="Echter Ort", municipality=demo_town)
    OfferPlace.objects.create(offer=real, place=Place.objects.filter(is_demo=True).first())
    OfferPlace.objects.create(offer=real, place=real_place)

    seed("--clear")

    assert not Offer.objects.filter(pk=of_demo_actor.pk).exists()
    assert list(Offer.objects.all()) == [real]
    assert not real.municipalities.exists()
    assert [at.place for at in real.offer_places.all()] == [real_place]
    real_place.refresh_from_db()
    assert real_place.municipality is None
    assert not Place.objects.filter(is_demo=True).exists()


def test_seeding_twice_without_clear_is_refused():
    seed("--scale", "test")
    with pytest.raises(CommandError, match="--clear"):
        seed("--scale", "test")


def test_without_scale_or_clear_the_command_says_what_it_needs():
    with pytest.raises(CommandError, match="--scale"):
        seed()


def test_kreis_scale_fills_every_level_and_kind_and_a_network_of_300_members():
    call_command("seed_keynote", stdout=_Sink())
    seed("--scale", "kreis")

    demo = Actor.objects.filter(is_demo=True)
    assert 1_900 <= demo.count() <= 2_000
    assert set(demo.values_list("level", flat=True)) == set(Level.values)
    assert set(demo.values_list("kind", flat=True)) == set(Kind.values)
    assert demo.filter(parent__isnull=False).exists()
    assert demo.filter(municipality__isnull=False).exists()
    assert demo.filter(is_public=False).exists()
    assert demo.filter(target_groups__isnull=False).exists()
    assert demo.filter(languages__isnull=False).exists()
    assert demo.filter(tasks__isnull=False).exists()
    assert demo.filter(dimension_roles__isnull=False).exists()
    assert Network.objects.filter(is_demo=True).count() == 80
    assert 7_500 <= Membership.objects.filter(network__is_demo=True).count() <= 8_500
    assert 3_800 <= demo_links().count() <= 4_200
    network = benchmark_network()
    assert network is not None
    assert network.memberships.filter(until__isnull=True).count() == 300
    assert network.memberships.filter(until__isnull=False).exists()

    # Offers: in every member municipality of the Kreis, at a place there, and the
    # district-wide ones; with topics, target groups, languages and hours.
    offers = Offer.objects.filter(is_demo=True)
    towns = Actor.objects.filter(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)
    assert towns.count() == 10
    for town in towns:
        local = offers.filter(municipalities=town)
        assert local.exists(), town
        assert Place.objects.filter(municipality=town, offer_places__offer__in=local).exists()
        assert offers.for_municipality(town).filter(for_whole_district=True).count() == 5
    district_wide = offers.filter(for_whole_district=True)
    assert district_wide.count() == len(DISTRICT_OFFERS) == 5
    for words in (
        "Migrationserstberatung",
        "Jugendmigrationsdienst",
        "VHS-Integrationskurs",
        "Ehrenamtskoordination",
        "Wohnraumberatung",
    ):
        assert district_wide.filter(name__startswith=words).exists(), words
    assert not offers.filter(topics__isnull=True).exists()
    assert not offers.filter(target_groups__isnull=True).exists()
    assert not offers.filter(languages__isnull=True).exists()
    hours = OpeningHours.objects.filter(offer__is_demo=True)
    assert hours.filter(by_appointment_only=True, opens_at__isnull=True).exists()
    assert hours.filter(by_appointment_only=False).exists()


def test_nrw2_is_twice_nrw_over_the_same_regions():
    """The growth benchmark (bench/growth.py) compares the pages at ``kreis``, ``nrw`` and
    ``nrw2``: the last is every count of ``nrw`` doubled, over all 53 regions."""
    nrw, nrw2 = seed_demo.SCALES["nrw"], seed_demo.SCALES["nrw2"]
    assert nrw.regions is None and nrw2.regions is None
    fields = ("actors", "networks", "memberships", "links")
    assert [getattr(nrw2, f) for f in fields] == [2 * getattr(nrw, f) for f in fields]
