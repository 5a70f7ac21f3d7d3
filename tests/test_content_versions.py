"""Cached fragments of the directory and the networks follow every change at once.

Their keys carry a version kept in the database (``core/versions.py``),
so a change reaches every worker and every app server, whatever the cache backend.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from actors.services import actors_import
from actors.tests.factories import ActorFactory, TargetGroupFactory
from core import versions
from networks.models import Membership
from networks.tests.factories import CoordinationLinkFactory, MembershipFactory, NetworkFactory

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
        pytest.param(lambda actor: NetworkFactory(), id="network added"),
    ],
)
def test_every_change_to_actors_and_networks_moves_the_version_on(change):
    actor = ActorFactory()
    ActorFactory(slug="ohne-netz")
    MembershipFactory(actor=actor)
    before = versions.current()
    change(actor)
    assert versions.current() != before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda actor, network: MembershipFactory(actor=actor, network=network),
            id="membership added",
        ),
        pytest.param(
            lambda actor, network: Membership.objects.filter(actor=actor).delete(),
            id="membership deleted",
        ),
        pytest.param(
            lambda actor, network: Membership.objects.filter(actor=actor).first().save(),
            id="membership saved",
        ),
        pytest.param(
            lambda actor, network: CoordinationLinkFactory(source=actor),
            id="link added",
        ),
    ],
)
def test_memberships_and_links_move_their_own_version_and_leave_the_directory(change):
    actor = ActorFactory()
    network = NetworkFactory()
    MembershipFactory(actor=actor)
    CoordinationLinkFactory(target=actor)
    directory, memberships = versions.current(), versions.current(versions.MEMBERSHIPS)
    change(actor, network)
    assert versions.current(versions.MEMBERSHIPS) != memberships
    if Actor.objects.count() == 2:  # the link's factory adds an actor of its own
        assert versions.current() == directory


def test_a_saved_membership_shows_at_once_wherever_memberships_are_shown(client):
    actor = ActorFactory(name="Jugendmigrationsdienst Muster", slug="jmd")
    network = NetworkFactory(name="Runder Tisch Sprache", slug="runder-tisch")
    pages = {
        "actor": reverse("actors:detail", args=[actor.slug]),
        "network": reverse("networks:detail", args=[network.slug]),
        "filtered": reverse("actors:list") + "?netzwerk=runder-tisch",
        "map data": reverse("networks:map_data", args=[network.slug]),
    }
    before = {name: client.get(url).content.decode() for name, url in pages.items()}
    assert "Jugendmigrationsdienst Muster" not in before["network"]
    assert "Runder Tisch Sprache" not in before["actor"]
    assert "Jugendmigrationsdienst Muster" not in before["filtered"]

    MembershipFactory(actor=actor, network=network)

    after = {name: client.get(url).content.decode() for name, url in pages.items()}
    assert "Jugendmigrationsdienst Muster" in after["network"]
    assert "Runder Tisch Sprache" in after["actor"]
    assert "Jugendmigrationsdienst Muster" in after["filtered"]
    assert "Jugendmigrationsdienst Muster" in after["map data"]


def test_the_facet_counts_of_the_networks_follow_a_saved_membership(client):
    network = NetworkFactory(name="Runder Tisch Sprache", slug="runder-tisch")
    MembershipFactory(network=network)
    url = reverse("actors:list")
    assert 'value="runder-tisch"' in client.get(url).content.decode()
    facet_before = _facet_count(client.get(url).content.decode(), "runder-tisch")
    MembershipFactory(network=network)
    assert _facet_count(client.get(url).content.decode(), "runder-tisch") == facet_before + 1


def _facet_count(html: str, slug: str) -> int:
    """The count beside the network's value in the directory's filter form."""
    return int(re.search(rf'value="{slug}".*?\((\d+)\)', html, re.S).group(1))


def test_a_saved_membership_leaves_the_cached_directory_alone_where_it_counts_no_networks(
    client, monkeypatch
):
    # At NRW scale the networks are too many to count beside the filter (a text field).
    monkeypatch.setattr("networks.directory.SELECT_LIMIT", 0)
    ActorFactory.create_batch(3)
    membership = MembershipFactory()
    url = reverse("actors:list")
    client.get(url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    membership.note = "Neue Absprache"
    membership.save()
    with CaptureQueriesContext(connection) as after_save:
        client.get(url)
    assert len(after_save) == len(warm)
    actor = ActorFactory(name="Neu im Verzeichnis")
    assert "Neu im Verzeichnis" in client.get(url).content.decode(), actor


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


def test_a_saved_membership_leaves_the_cached_pages_of_other_actors_alone(client, staff_user):
    client.force_login(staff_user)
    mine, other = ActorFactory(slug="mein-akteur"), ActorFactory(slug="anderer-akteur")
    membership = MembershipFactory(actor=mine)
    MembershipFactory(actor=other)
    url = reverse("actors:detail", args=[other.slug])
    client.get(url)
    membership.note = "Neue Absprache"
    membership.save()
    with CaptureQueriesContext(connection) as after_save:
        response = client.get(url)
    # The whole page as the account saw it is rendered again (every version is in its
    # key), but its body comes from the cached fragments: the versions are read (all of
    # them, then this actor's memberships), no membership, network or actor.
    assert response.status_code == 200
    assert len(after_save) == 2
    assert all("integration_portal_contentversion" in q["sql"] for q in after_save.captured_queries)


def test_a_membership_moved_to_another_actor_leaves_the_first_page_and_reaches_the_second(
    client,
):
    first = ActorFactory(slug="erster", name="Erster Träger")
    second = ActorFactory(slug="zweiter", name="Zweiter Träger")
    membership = MembershipFactory(actor=first, network=NetworkFactory(name="Runder Tisch Arbeit"))
    pages = [reverse("actors:detail", args=[a.slug]) for a in (first, second)]
    assert ["Runder Tisch Arbeit" in client.get(u).content.decode() for u in pages] == [
        True,
        False,
    ]
    membership = Membership.objects.get(pk=membership.pk)  # as a form would load it
    membership.actor = second
    membership.save()
    assert ["Runder Tisch Arbeit" in client.get(u).content.decode() for u in pages] == [
        False,
        True,
    ]
