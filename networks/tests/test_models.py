"""Rules the database itself enforces, and the querysets' answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.tests.factories import UserFactory
from networks.models import CoordinationLink, Membership, Network
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_open_membership_of_the_same_actor():
    first = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(network=first.network, actor=first.actor)


def test_database_allows_a_new_membership_after_the_old_one_ended():
    first = MembershipFactory(until=datetime.date(2022, 12, 31))
    again = Membership.objects.create(
        network=first.network, actor=first.actor, since=datetime.date(2023, 1, 1)
    )
    assert Membership.objects.filter(network=first.network, actor=first.actor).count() == 2
    assert again.until is None


def test_same_actor_may_be_open_member_of_two_networks():
    actor = ActorFactory()
    MembershipFactory(actor=actor)
    MembershipFactory(actor=actor)
    assert Membership.objects.open().filter(actor=actor).count() == 2


def test_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(since=datetime.date(2024, 5, 1), until=datetime.date(2024, 4, 30))


def test_database_refuses_a_link_from_an_actor_to_itself():
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CoordinationLink.objects.create(source=actor, target=actor, kind="cooperation")


def test_database_refuses_a_link_ending_before_it_began():
    with pytest.raises(IntegrityError), transaction.atomic():
        CoordinationLinkFactory(since=datetime.date(2024, 5, 1), until=datetime.date(2024, 1, 1))


def test_model_validation_names_the_end_date_field():
    membership = MembershipFactory.build(
        network=NetworkFactory(),
        actor=ActorFactory(),
        since=datetime.date(2024, 5, 1),
        until=datetime.date(2024, 4, 30),
    )
    with pytest.raises(ValidationError) as exc:
        membership.full_clean()
    assert "until" in exc.value.message_dict


def test_model_validation_names_the_field_of_each_link_constraint():
    actor = ActorFactory()
    link = CoordinationLinkFactory.build(
        source=actor,
        target=actor,
        since=datetime.date(2024, 5, 1),
        until=datetime.date(2024, 4, 30),
    )
    with pytest.raises(ValidationError) as exc:
        link.full_clean()
    assert exc.value.message_dict == {
        "target": ["Eine Verbindung braucht zwei verschiedene Akteure."],
        "until": ["Das Enddatum darf nicht vor dem Beginn liegen."],
    }


def test_the_end_date_constraint_is_named_after_each_model():
    assert {c.name for c in Membership._meta.constraints} >= {
        "networks_membership_until_not_before_since"
    }
    assert {c.name for c in CoordinationLink._meta.constraints} >= {
        "networks_coordinationlink_until_not_before_since"
    }


@pytest.mark.parametrize("slug", ["karte", "kommunales-integrationszentrum"])
def test_slugs_of_portal_pages_are_reserved(slug):
    with pytest.raises(ValidationError) as exc:
        Network(name="X", slug=slug).full_clean()
    assert "slug" in exc.value.message_dict


@pytest.mark.parametrize("field", ["lead_actor", "parent"])
def test_clean_refuses_a_public_network_pointing_to_an_internal_record(field):
    internal = {
        "lead_actor": lambda: ActorFactory(name="Interne Stelle", is_public=False),
        "parent": lambda: NetworkFactory(name="Interne Stelle", is_public=False),
    }[field]()
    network = NetworkFactory.build(slug="neu", **{field: internal})
    with pytest.raises(ValidationError) as exc:
        network.full_clean()
    assert list(exc.value.message_dict) == [field]
    assert "„Interne Stelle“ ist nicht öffentlich" in exc.value.message_dict[field][0]


def test_clean_lets_an_internal_network_point_to_internal_records():
    NetworkFactory.build(
        slug="neu",
        is_public=False,
        lead_actor=ActorFactory(is_public=False),
        parent=NetworkFactory(is_public=False),
    ).full_clean()


def test_clean_lets_public_networks_point_to_public_records():
    NetworkFactory.build(
        slug="neu", lead_actor=ActorFactory(), parent=NetworkFactory()
    ).full_clean()


def test_clean_keeps_a_network_editable_whose_lead_actor_became_internal_later():
    lead = ActorFactory()
    network = NetworkFactory(lead_actor=lead)
    lead.is_public = False
    lead.save()
    network.refresh_from_db()
    network.description = "Neu beschrieben."
    network.full_clean()


def test_clean_refuses_making_a_network_public_inside_an_internal_one():
    network = NetworkFactory(slug="teil", is_public=False, parent=NetworkFactory(is_public=False))
    network.is_public = True
    with pytest.raises(ValidationError) as exc:
        network.full_clean()
    assert list(exc.value.message_dict) == ["parent"]


def test_clean_reports_a_reference_to_no_record_at_the_field_only():
    network = NetworkFactory.build(slug="neu", lead_actor_id=999_999)
    with pytest.raises(ValidationError) as exc:
        network.full_clean()
    assert list(exc.value.message_dict) == ["lead_actor"]


def test_admin_refuses_to_save_a_public_network_led_by_an_internal_actor(client, admin_user):
    internal = ActorFactory(name="Interne Stelle", is_public=False)
    client.force_login(admin_user)
    response = client.post(
        "/verwaltung/networks/network/add/",
        {
            "name": "Neues Netzwerk",
            "slug": "neues-netzwerk",
            "kind": "working_group",
            "programme": "other",
            "legal_basis": "none",
            "lead_actor": internal.pk,
            "is_public": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "„Interne Stelle“ ist nicht öffentlich" in response.content.decode()
    assert not Network.objects.filter(slug="neues-netzwerk").exists()


def test_every_save_increments_the_version():
    membership = MembershipFactory()
    assert membership.version == 1
    membership.note = "x"
    membership.save()
    membership.refresh_from_db()
    assert membership.version == 2


def test_current_and_former_split_on_the_end_date():
    today = datetime.date.today()
    open_ = MembershipFactory()
    ends_today = MembershipFactory(until=today)
    ended = MembershipFactory(until=today - datetime.timedelta(days=1))
    assert set(Membership.objects.current()) == {open_, ends_today}
    assert list(Membership.objects.former()) == [ended]
    assert [m.is_current for m in (open_, ends_today, ended)] == [True, True, False]


def test_links_split_into_current_and_former_the_same_way():
    today = datetime.date.today()
    open_ = CoordinationLinkFactory()
    ended = CoordinationLinkFactory(
        since=today - datetime.timedelta(days=9), until=today - datetime.timedelta(days=1)
    )
    assert list(CoordinationLink.objects.current()) == [open_]
    assert list(CoordinationLink.objects.former()) == [ended]
    assert (open_.is_current, ended.is_current) == (True, False)


def test_anonymous_visitors_see_only_public_memberships_and_networks():
    from django.contrib.auth.models import AnonymousUser

    public = MembershipFactory()
    MembershipFactory(actor=ActorFactory(is_public=False))
    MembershipFactory(network=NetworkFactory(is_public=False))
    anonymous = AnonymousUser()
    assert list(Membership.objects.visible_to(anonymous)) == [public]
    assert Membership.objects.visible_to(UserFactory()).count() == 3
    assert Network.objects.visible_to(anonymous).filter(is_public=False).count() == 0


def test_anonymous_visitors_see_no_links_touching_internal_actors_or_networks():
    from django.contrib.auth.models import AnonymousUser

    public = CoordinationLinkFactory()
    CoordinationLinkFactory(target=ActorFactory(is_public=False))
    CoordinationLinkFactory(network=NetworkFactory(is_public=False))
    assert list(CoordinationLink.objects.visible_to(AnonymousUser())) == [public]


def test_member_counts_count_current_members_only():
    network = NetworkFactory()
    MembershipFactory.create_batch(3, network=network)
    MembershipFactory(
        network=network, until=datetime.date(2020, 1, 1), since=datetime.date(2019, 1, 1)
    )
    MembershipFactory(network=network, actor=ActorFactory(is_public=False))
    from django.contrib.auth.models import AnonymousUser

    assert Network.objects.with_member_counts(AnonymousUser()).get(pk=network.pk).member_count == 3
    assert Network.objects.with_member_counts(UserFactory()).get(pk=network.pk).member_count == 4
