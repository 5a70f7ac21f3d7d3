"""An anonymous visitor's actor page and bare directory come whole from the page cache."""

import datetime

import pytest
from django.urls import reverse

from actors.tests.factories import ActorFactory
from networks.tests.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return ActorFactory(name="Jugendmigrationsdienst Muster", slug="jmd")


def test_a_repeated_anonymous_actor_page_costs_only_the_version_read(
    client, actor, django_assert_num_queries
):
    url = reverse("actors:detail", args=[actor.slug])
    first = client.get(url)
    with django_assert_num_queries(1):  # the content versions, read in one query
        again = client.get(url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_the_bare_directory_of_anonymous_visitors_is_cached_and_a_filtered_one_rendered(
    client, actor, django_assert_num_queries
):
    url = reverse("actors:list")
    client.get(url)
    with django_assert_num_queries(1):
        assert "Jugendmigrationsdienst Muster" in client.get(url).content.decode()
    filtered = client.get(url, {"ebene": "kommune"})
    assert "private" in filtered["Cache-Control"]


def test_a_new_membership_reaches_the_cached_actor_page_at_once(client, actor):
    url = reverse("actors:detail", args=[actor.slug])
    assert "Runder Tisch Sprache" not in client.get(url).content.decode()
    MembershipFactory(actor=actor, network=NetworkFactory(name="Runder Tisch Sprache"))
    assert "Runder Tisch Sprache" in client.get(url).content.decode()


def test_the_next_day_the_actor_page_is_rendered_afresh(client, actor, monkeypatch):
    url = reverse("actors:detail", args=[actor.slug])
    client.get(url)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    assert client.get(url).context is not None  # rendered, not taken from the cache


def test_staff_get_the_page_rendered_for_them(client, actor, staff_user):
    client.force_login(staff_user)
    url = reverse("actors:detail", args=[actor.slug])
    client.get(url)
    response = client.get(url)
    # The page as this account saw it (not the visitors' page), and no shared cache keeps it.
    assert f"Angemeldet als {staff_user.get_short_name()}" in response.content.decode()
    assert "private" in response["Cache-Control"]
