"""Rules the database itself enforces, and the querysets' answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from integration_portal.tests.factories import UserFactory
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


@pytest.mark.parametrize("slug", ["karte", "kommunales-integrationszentrum"])
def test_slugs_of_portal_pages_are_reserved(slug):
    with pytest.raises(ValidationError) as exc:
        Network(name="X", slug=slug).full_clean()
    assert "slug" in exc.value.message_dict


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
