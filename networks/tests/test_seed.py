"""The keynote's networks load on top of the actors seed, idempotently."""

import pytest
from django.core.management import call_command

from networks.models import CoordinationLink, FieldOfWork, Membership, Network, NetworkKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_keynote", verbosity=0)


def test_seed_loads_the_ki_with_its_three_fields_of_work(seeded):
    ki = Network.objects.get(slug="ki-netzwerk-kreis-heinsberg")
    assert ki.lead_actor.slug == "ki-kreis-heinsberg"
    assert {c.field_of_work for c in ki.children.all()} == set(FieldOfWork.values)
    assert ki.memberships.filter(actor__slug__startswith="stadt-").count() == 7
    assert ki.memberships.filter(actor__slug__startswith="gemeinde-").count() == 3


def test_seed_loads_the_kim_building_blocks(seeded):
    kinds = set(Network.objects.filter(programme="kim").values_list("kind", flat=True))
    assert kinds == {
        NetworkKind.STEERING_GROUP,
        NetworkKind.COORDINATING_OFFICE,
        NetworkKind.CASE_MANAGEMENT,
        NetworkKind.IMMIGRATION_OFFICE_POSTS,
    }


def test_seed_links_the_immigration_office_to_kim_case_management(seeded):
    referral = CoordinationLink.objects.get(
        source__slug="abh-kreis-heinsberg", target__slug="kim-case-management-kreis-heinsberg"
    )
    assert referral.get_kind_display() == "Verweisung/Fallübergabe"
    conference = set(
        CoordinationLink.objects.filter(kind="case_conference").values_list(
            "target__slug", flat=True
        )
    )
    assert conference == {
        "jobcenter-kreis-heinsberg",
        "jugendamt-kreis-heinsberg",
        "sozialamt-kreis-heinsberg",
    }


def test_seeding_twice_changes_nothing_and_writes_no_new_history(seeded):
    counts = (Network.objects.count(), Membership.objects.count(), CoordinationLink.objects.count())
    history = (
        Membership.history.count(),
        Network.history.count(),
        CoordinationLink.history.count(),
    )
    call_command("seed_keynote", verbosity=0)
    assert counts == (
        Network.objects.count(),
        Membership.objects.count(),
        CoordinationLink.objects.count(),
    )
    assert history == (
        Membership.history.count(),
        Network.history.count(),
        CoordinationLink.history.count(),
    )
    assert set(Membership.objects.values_list("version", flat=True)) == {1}


def test_seeded_pages_render(client, seeded):
    for network in Network.objects.all():
        assert client.get(network.get_absolute_url()).status_code == 200
    assert client.get("/netzwerke/kommunales-integrationsmanagement/").status_code == 200
    assert client.get("/netzwerke/karte/daten.json").json()["nodes"]
