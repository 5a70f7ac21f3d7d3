"""Cached fragments of the directory and the networks follow every change at once.

Their keys carry a version kept in the database (``core/versions.py``),
so a change reaches every worker and every app server, whatever the cache backend.
"""

import pytest
from django.urls import reverse

from actors.models import Actor
from actors.services import actors_import
from actors.tests.factories import ActorFactory, TargetGroupFactory
from core import versions
from networks.models import Membership
from networks.tests.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda actor: actor.save(), id="actor saved"),
        pytest.param(
            lambda actor: Actor.objects.get(slug="ohne-netz").delete(), id="actor deleted"
        ),
        pytest.param(
            lambda actor: actor.target_groups.add(TargetGroupFactory()), id="target group added"
        ),
        pytest.param(lambda actor: MembershipFactory(actor=actor), id="membership added"),
        pytest.param(
            lambda actor: Membership.objects.filter(actor=actor).first().delete(),
            id="membership deleted",
        ),
    ],
)
def test_every_change_to_actors_and_networks_moves_the_version_on(change):
    actor = ActorFactory()
    ActorFactory(slug="ohne-netz")
    MembershipFactory(actor=actor)
    before = versions.current()
    change(actor)
    assert versions.current() != before


def test_a_cached_page_changes_when_the_database_version_moves_without_the_cache(client):
    actor = ActorFactory(name="Beratungsstelle Alt", slug="beratung")
    url = reverse("actors:detail", args=[actor.slug])
    assert "Beratungsstelle Alt" in client.get(url).content.decode()

    # A write that sends no signal (as another server's bulk write would be seen here):
    # the cached page stays as it was …
    Actor.objects.filter(pk=actor.pk).update(opening_hours="Neue Sprechzeiten")
    assert "Neue Sprechzeiten" not in client.get(url).content.decode()
    # … until the version in the database moves on; the cache itself is never touched.
    versions.bump()
    assert "Neue Sprechzeiten" in client.get(url).content.decode()


def test_an_actor_made_internal_leaves_every_cached_public_page_at_once(client):
    parent = ActorFactory(name="Kreisverwaltung Muster", slug="kreis")
    child = ActorFactory(name="Geheime Arbeitsgruppe", slug="ag", parent=parent)
    network = NetworkFactory(slug="runder-tisch")
    MembershipFactory(network=network, actor=child)
    pages = [
        reverse("actors:list"),
        reverse("actors:detail", args=[parent.slug]),
        reverse("actors:multilevel"),
        reverse("networks:detail", args=[network.slug]),
        reverse("networks:map_data", args=[network.slug]),
    ]
    child.dimension_roles.create(dimension="cohesion", obligation="voluntary")
    for url in pages:
        assert "Geheime Arbeitsgruppe" in client.get(url).content.decode(), url

    child.is_public = False
    child.save()

    for url in pages:
        assert "Geheime Arbeitsgruppe" not in client.get(url).content.decode(), url


def test_the_cached_filter_form_of_staff_never_reaches_anonymous_visitors(client, staff_user):
    NetworkFactory(name="Interne Lenkungsrunde", slug="intern", is_public=False)
    client.force_login(staff_user)
    assert "Interne Lenkungsrunde" in client.get(reverse("actors:list")).content.decode()
    client.logout()
    assert "Interne Lenkungsrunde" not in client.get(reverse("actors:list")).content.decode()


def test_the_import_moves_the_version_on():
    before = versions.current()
    report = actors_import(
        data=(b"slug;name;ebene;art\r\nneu-im-kreis;Neu im Kreis;kreis;verwaltung\r\n")
    )
    assert report.written, report
    assert versions.current() != before


def test_an_internal_actor_seen_by_staff_stays_a_404_for_anonymous_visitors(client, staff_user):
    ActorFactory(name="Interne Fallkonferenz", slug="fallkonferenz", is_public=False)
    url = reverse("actors:detail", args=["fallkonferenz"])
    client.force_login(staff_user)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404
