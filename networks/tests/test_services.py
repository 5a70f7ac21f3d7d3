"""Writes through the service layer: rules, optimistic locking and the history they leave."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from networks import services
from networks.history import network_history
from networks.models import CoordinationLink, Membership, MembershipRole, Network
from networks.tests.factories import ActorFactory, CoordinationLinkFactory, MembershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_membership_add_adds_several_actors_at_once(network, coordinator_user):
    actors = ActorFactory.create_batch(3)
    created = services.membership_add(
        network=network,
        actors=actors,
        role=MembershipRole.MEMBER,
        since=D(2024, 1, 1),
        by=coordinator_user,
    )
    assert len(created) == 3
    assert set(network.memberships.values_list("actor_id", flat=True)) == {a.pk for a in actors}


def test_membership_add_refuses_an_overlap_and_writes_nothing(
    network, membership, coordinator_user
):
    newcomer = ActorFactory()
    with pytest.raises(ValidationError, match="Jobcenter Kreis Heinsberg"):
        services.membership_add(
            network=network,
            actors=[newcomer, membership.actor],
            role="member",
            since=D(2024, 1, 1),
            by=coordinator_user,
        )
    assert not network.memberships.filter(actor=newcomer).exists()


def test_membership_add_accepts_a_rejoin_after_the_end(network, membership, coordinator_user):
    services.time_bounded_end(
        record=membership, version=membership.version, until=D(2023, 6, 30), by=coordinator_user
    )
    services.membership_add(
        network=network,
        actors=[membership.actor],
        role="chair",
        since=D(2024, 1, 1),
        by=coordinator_user,
    )
    assert network.memberships.filter(actor=membership.actor).count() == 2


def test_membership_update_refuses_a_stale_version_and_keeps_the_first_save(
    membership, coordinator_user, admin_user
):
    read_version = membership.version
    services.membership_update(
        membership=membership,
        version=read_version,
        role="chair",
        since=membership.since,
        until=None,
        note="erste",
        by=coordinator_user,
    )
    with pytest.raises(services.StaleVersionError) as exc:
        services.membership_update(
            membership=membership,
            version=read_version,
            role="advisory",
            since=membership.since,
            until=None,
            note="zweite",
            by=admin_user,
        )
    assert exc.value.current.role == "chair"
    membership.refresh_from_db()
    assert (membership.role, membership.note, membership.version) == ("chair", "erste", 2)


def test_ending_a_membership_keeps_it(membership, coordinator_user):
    services.time_bounded_end(
        record=membership, version=1, until=D(2024, 12, 31), by=coordinator_user
    )
    membership.refresh_from_db()
    assert membership.until == D(2024, 12, 31)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_ending_refuses_an_end_before_the_start_at_the_end_date(membership, coordinator_user):
    with pytest.raises(ValidationError) as exc:
        services.time_bounded_end(
            record=membership, version=1, until=D(2000, 1, 1), by=coordinator_user
        )
    assert exc.value.message_dict == {"until": ["Das Enddatum darf nicht vor dem Beginn liegen."]}
    membership.refresh_from_db()
    assert (membership.until, membership.version) == (None, 1)


def test_ending_a_link_refuses_an_end_before_the_start_at_the_end_date(coordinator_user):
    link = CoordinationLinkFactory(since=D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.time_bounded_end(
            record=link, version=1, until=D(2023, 12, 31), by=coordinator_user
        )
    assert list(exc.value.message_dict) == ["until"]


def test_ending_records_the_reason_of_each_kind_of_record(network, membership, coordinator_user):
    link = CoordinationLinkFactory(network=network)
    services.time_bounded_end(
        record=membership, version=1, until=D(2024, 3, 31), by=coordinator_user
    )
    services.time_bounded_end(record=link, version=1, until=D(2024, 3, 31), by=coordinator_user)
    assert membership.history.first().history_change_reason == "Mitgliedschaft beendet"
    assert link.history.first().history_change_reason == "Verbindung beendet"


def test_link_add_and_end(network, coordinator_user):
    abh, cm = ActorFactory(name="ABH"), ActorFactory(name="KIM CM")
    link = services.link_add(
        source=abh,
        target=cm,
        kind="referral",
        since=D(2022, 1, 1),
        network=network,
        description="Fallübergabe",
        by=coordinator_user,
    )
    services.time_bounded_end(
        record=link, version=link.version, until=D(2024, 1, 31), by=coordinator_user
    )
    link.refresh_from_db()
    assert link.until == D(2024, 1, 31)
    assert CoordinationLink.objects.filter(pk=link.pk).exists()


def test_ending_a_link_refuses_a_stale_version(coordinator_user):
    link = CoordinationLinkFactory()
    services.time_bounded_end(record=link, version=1, until=D(2024, 1, 31), by=coordinator_user)
    with pytest.raises(services.StaleVersionError):
        services.time_bounded_end(record=link, version=1, until=D(2024, 2, 28), by=coordinator_user)


def test_link_add_refuses_a_link_to_the_same_actor(coordinator_user):
    actor = ActorFactory()
    with pytest.raises(ValidationError) as exc:
        services.link_add(
            source=actor, target=actor, kind="cooperation", since=D(2024, 1, 1), by=coordinator_user
        )
    assert list(exc.value.message_dict) == ["target"]
    assert not CoordinationLink.objects.exists()


def test_link_add_refuses_an_end_before_the_start(coordinator_user):
    with pytest.raises(ValidationError) as exc:
        services.link_add(
            source=ActorFactory(),
            target=ActorFactory(),
            kind="cooperation",
            since=D(2024, 1, 1),
            until=D(2023, 1, 1),
            by=coordinator_user,
        )
    assert list(exc.value.message_dict) == ["until"]


def test_membership_update_refuses_an_end_before_the_start(membership, coordinator_user):
    with pytest.raises(ValidationError) as exc:
        services.membership_update(
            membership=membership,
            version=1,
            role="member",
            since=D(2024, 1, 1),
            until=D(2023, 1, 1),
            note="",
            by=coordinator_user,
        )
    assert list(exc.value.message_dict) == ["until"]


def test_membership_update_refuses_a_period_meeting_another_membership(network, coordinator_user):
    actor = ActorFactory()
    earlier = MembershipFactory(
        network=network, actor=actor, since=D(2020, 1, 1), until=D(2021, 12, 31)
    )
    MembershipFactory(network=network, actor=actor, since=D(2022, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.membership_update(
            membership=earlier,
            version=1,
            role="member",
            since=D(2020, 1, 1),
            until=D(2022, 1, 1),
            note="",
            by=coordinator_user,
        )
    assert list(exc.value.message_dict) == ["since"]


# --- history -----------------------------------------------------------------


def _entries(network):
    return network_history(network)


def test_history_records_who_added_a_member(network, coordinator_user):
    actor = ActorFactory(name="Caritas")
    services.membership_add(
        network=network, actors=[actor], role="member", since=D(2024, 1, 1), by=coordinator_user
    )
    entry = _entries(network)[0]
    assert (entry.subject, entry.action, entry.user) == ("Caritas", "angelegt", coordinator_user)
    assert ("Rolle", "–", "Mitglied") in [(c.label, c.old, c.new) for c in entry.changes]


def test_history_records_old_and_new_value_of_a_change(membership, network, coordinator_user):
    services.membership_update(
        membership=membership,
        version=1,
        role="coordination",
        since=membership.since,
        until=None,
        note="",
        by=coordinator_user,
    )
    entry = _entries(network)[0]
    assert entry.action == "geändert"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Rolle", "Mitglied", "Koordination")
    ]
    assert entry.reason == "Mitgliedschaft geändert"


def test_history_records_the_end_of_a_membership(membership, network, coordinator_user):
    services.time_bounded_end(
        record=membership, version=1, until=D(2024, 3, 31), by=coordinator_user
    )
    entry = _entries(network)[0]
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("Bis", "–", "31.03.2024")]
    assert entry.user == coordinator_user


def test_history_records_adding_and_ending_a_link(network, coordinator_user):
    link = services.link_add(
        source=ActorFactory(name="ABH"),
        target=ActorFactory(name="KIM CM"),
        kind="referral",
        since=D(2022, 1, 1),
        network=network,
        by=coordinator_user,
    )
    services.time_bounded_end(record=link, version=1, until=D(2024, 1, 31), by=coordinator_user)
    ended, added = _entries(network)[:2]
    assert (added.subject_kind, added.subject, added.action) == (
        "Verbindung",
        "ABH → KIM CM",
        "angelegt",
    )
    assert ("Art", "–", "Verweisung/Fallübergabe") in [
        (c.label, c.old, c.new) for c in added.changes
    ]
    assert [(c.label, c.new) for c in ended.changes] == [("Bis", "31.01.2024")]


def test_history_records_changes_to_the_network_itself(network, admin_user):
    network._history_user = admin_user
    network.kind = "steering_group"
    network.is_public = False
    network.save()
    entry = _entries(network)[0]
    assert entry.subject_kind == "Netzwerk"
    assert {(c.label, c.old, c.new) for c in entry.changes} == {
        ("Art", "Arbeitskreis", "KIM-Lenkungsgruppe"),
        ("Öffentlich", "ja", "nein"),
    }


def test_history_of_a_network_leaves_out_other_networks(network, coordinator_user):
    other = Network.objects.create(name="Andere", slug="andere")
    MembershipFactory(network=other)
    assert all(e.subject_kind == "Netzwerk" for e in _entries(network))
