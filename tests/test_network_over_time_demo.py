"""The network over time on the demo Kreis (``seed_demo --scale kreis``): memberships and
links that began and ended over twelve years. For three days, the map data, the map's
table, the network page and the change list agree with the memberships and links queried
directly, for anonymous visitors and for staff (internal networks and actors)."""

from __future__ import annotations

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from devdata.management.commands import seed_demo
from networks.models import Network
from networks.tests.over_time import assert_views_agree


@pytest.fixture(scope="module")
def kreis(django_db_setup, django_db_blocker):
    """The keynote and the demo Kreis, loaded once for the module's tests, rolled back after
    them (the tests' own transactions are savepoints inside this one)."""
    with django_db_blocker.unblock(), transaction.atomic():
        importlib.import_module("actors.migrations.0009_offers").add_topics(apps, None)
        call_command("seed_keynote", stdout=io.StringIO())
        call_command(
            seed_demo.Command(), "--scale", "kreis", stdout=io.StringIO(), stderr=io.StringIO()
        )
        yield
        transaction.set_rollback(True)


def _days() -> list[datetime.date]:
    today = timezone.localdate()
    return [today - datetime.timedelta(days=n) for n in (3000, 1200, 200)]


def _networks(*, public: bool, count: int) -> list[Network]:
    """Demo networks of a readable size in which memberships have ended."""
    return list(
        Network.objects.filter(is_demo=True, is_public=public)
        .annotate(
            members=Count("memberships"),
            ended=Count("memberships", filter=Q(memberships__until__isnull=False)),
        )
        .filter(members__range=(8, 60), ended__gt=0)
        .order_by("slug")[:count]
    )


def test_public_demo_networks_agree_on_three_days_for_anonymous_visitors(kreis, db, client):
    networks = _networks(public=True, count=3)
    assert len(networks) == 3
    for network in networks:
        states = assert_views_agree(client, network, AnonymousUser(), _days())
        # Demo networks grow over the years: the days show different networks.
        assert states[0] != states[-1], network.slug


def test_internal_demo_networks_agree_on_three_days_for_staff(kreis, db, client, staff_user):
    networks = _networks(public=False, count=2)
    assert networks
    client.force_login(staff_user)
    for network in networks:
        assert_views_agree(client, network, staff_user, _days())
    client.logout()
    assert client.get(networks[0].get_absolute_url()).status_code == 404
