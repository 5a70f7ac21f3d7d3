"""The data-quality pages: one small world with one entry per problem and clean ones."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, OfferStatus, WebsiteStatus
from actors.tests.factories import (
    ActorFactory,
    MunicipalityFactory,
    OfferFactory,
    OfferPlaceFactory,
    OpeningHoursFactory,
)
from networks.models import MembershipRole
from networks.tests.factories import MembershipFactory, NetworkFactory
from stewardship import quality

OVERVIEW = reverse("stewardship:quality")


def list_url(slug: str) -> str:
    return reverse("stewardship:quality_list", args=[slug])


@pytest.fixture
def owner(staff_user):
    return staff_user


def clean_actor(owner, **fields):
    values = {
        "owner": owner,
        "last_verified": timezone.localdate(),
        "phone": "02452 13-0",
        "website": "https://example.org/",
        "website_status": WebsiteStatus.OK,
    }
    return ActorFactory(**{**values, **fields})


def clean_offer(owner, actor, *, hours=True, place=True, **fields):
    values = {"owner": owner, "last_verified": timezone.localdate(), "url": "https://example.org/"}
    offer = OfferFactory(actor=actor, **{**values, **fields})
    if hours:
        OpeningHoursFactory(offer=offer)
    if place:
        OfferPlaceFactory(offer=offer)
    return offer


@pytest.fixture
def world(owner):
    """One entry per problem, and clean entries that show up in no list."""
    today = timezone.localdate()
    town = MunicipalityFactory(
        name="Gemeinde Waldfeucht", owner=owner, last_verified=today, phone="02455 1"
    )
    clean = clean_actor(owner, name="Sauberer Akteur")
    without_owner = clean_actor(None, name="Akteur ohne Verantwortliche")
    clean_actor(owner, name="Akteur überfällig", last_verified=today - datetime.timedelta(days=400))
    clean_actor(
        owner,
        name="Akteur ohne Kontakt",
        phone="",
        email="",
        website="",
        street="",
        website_status="",
        is_public=False,  # internal entries count too
    )
    clean_actor(
        owner,
        name="Akteur mit toter Seite",
        website_status=WebsiteStatus.BROKEN,
        website_problem="HTTP 404",
        website_checked_at=timezone.now(),
    )
    clean_actor(owner, name="Caritas Beratung", municipality=town)
    clean_actor(owner, name=" caritas beratung", municipality=town)
    clean_actor(owner, name="Caritas Beratung")  # the same name elsewhere: no duplicate

    clean_offer(owner, clean, name="Sauberes Angebot")
    clean_offer(None, clean, name="Angebot, gehalten vom Anbieter")
    clean_offer(
        owner, clean, name="Angebot überfällig", last_verified=today - datetime.timedelta(days=400)
    )
    clean_offer(owner, clean, name="Angebot ohne Kontakt", url="", email="", phone="")
    clean_offer(None, without_owner, name="Angebot ohne Verantwortliche")
    clean_offer(owner, clean, name="Angebot ohne Zeiten", hours=False)
    clean_offer(owner, clean, name="Angebot ohne Ort", place=False)
    clean_offer(
        owner,
        clean,
        name="Angebot mit toter Seite",
        website_status=WebsiteStatus.BROKEN,
        website_problem="Zeitüberschreitung",
    )
    clean_offer(  # discontinued: in no check, whatever it lacks
        None,
        without_owner,
        name="Eingestelltes Angebot",
        status=OfferStatus.DEFUNCT,
        last_verified=None,
        url="",
        email="",
        hours=False,
        place=False,
    )

    MembershipFactory(
        network=NetworkFactory(name="Sauberes Netzwerk"),
        actor=clean,
        role=MembershipRole.COORDINATION,
    )
    MembershipFactory(network=NetworkFactory(name="Netzwerk ohne Koordination"), actor=clean)
    MembershipFactory(
        network=NetworkFactory(name="Netzwerk ohne Mitglieder"),
        actor=clean,
        role=MembershipRole.COORDINATION,
        until=today - datetime.timedelta(days=1),
    )


EXPECTED = {
    "akteure-pruefung-faellig": {"Akteur überfällig"},
    "angebote-pruefung-faellig": {"Angebot überfällig"},
    "akteure-ohne-kontakt": {"Akteur ohne Kontakt"},
    "angebote-ohne-kontakt": {"Angebot ohne Kontakt"},
    "akteure-ohne-verantwortliche": {"Akteur ohne Verantwortliche"},
    "angebote-ohne-verantwortliche": {"Angebot ohne Verantwortliche"},
    "angebote-ohne-oeffnungszeiten": {"Angebot ohne Zeiten"},
    "angebote-ohne-ort": {"Angebot ohne Ort"},
    "netzwerke-ohne-koordination": {"Netzwerk ohne Koordination", "Netzwerk ohne Mitglieder"},
    "netzwerke-ohne-mitglieder": {"Netzwerk ohne Mitglieder"},
    "moegliche-dubletten": {"Caritas Beratung", " caritas beratung"},
    "akteure-internetseite-nicht-erreichbar": {"Akteur mit toter Seite"},
    "angebote-internetseite-nicht-erreichbar": {"Angebot mit toter Seite"},
}


def overview_counts(response) -> dict[str, int]:
    return {
        row["check"].slug: row["count"]
        for group in response.context["groups"]
        for row in group["checks"]
    }


def test_every_check_has_an_expectation():
    assert set(EXPECTED) == set(quality.BY_SLUG)


@pytest.mark.django_db
def test_overview_counts_each_problem_of_the_world(client, staff_user, world):
    client.force_login(staff_user)
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert overview_counts(response) == {slug: len(names) for slug, names in EXPECTED.items()}
    for slug in EXPECTED:
        assert list_url(slug) in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_each_list_shows_exactly_the_entries_with_its_problem(client, staff_user, world, slug):
    client.force_login(staff_user)
    response = client.get(list_url(slug))
    assert response.status_code == 200
    assert {entry.name for entry in response.context["entries"]} == EXPECTED[slug]
    html = response.content.decode()
    assert "Sauberes Angebot" not in html
    assert "Sauberes Netzwerk" not in html


@pytest.mark.django_db
def test_list_links_each_entry_to_its_page_and_its_admin_change_page(client, staff_user, world):
    client.force_login(staff_user)
    html = client.get(list_url("akteure-ohne-kontakt")).content.decode()
    actor = client.get(list_url("akteure-ohne-kontakt")).context["entries"][0]
    assert f'href="{actor.get_absolute_url()}"' in html
    assert f'href="{reverse("admin:actors_actor_change", args=[actor.pk])}"' in html

    response = client.get(list_url("angebote-ohne-ort"))
    offer = response.context["entries"][0]
    html = response.content.decode()
    assert f'href="{offer.actor.get_absolute_url()}"' in html
    assert f'href="{reverse("admin:actors_offer_change", args=[offer.pk])}"' in html

    response = client.get(list_url("netzwerke-ohne-mitglieder"))
    network = response.context["entries"][0]
    html = response.content.decode()
    assert f'href="{network.get_absolute_url()}"' in html
    assert f'href="{reverse("admin:networks_network_change", args=[network.pk])}"' in html


@pytest.mark.django_db
def test_broken_link_list_shows_the_problem_and_when_it_was_checked(client, staff_user, world):
    client.force_login(staff_user)
    html = client.get(list_url("akteure-internetseite-nicht-erreichbar")).content.decode()
    assert "HTTP 404" in html
    assert timezone.localtime().strftime("%d.%m.%Y") in html
    assert (
        "Zeitüberschreitung"
        in client.get(list_url("angebote-internetseite-nicht-erreichbar")).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", [OVERVIEW, list_url("moegliche-dubletten")])
def test_anonymous_visitors_are_sent_to_the_login_page(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "Akteur" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "coordinator", "editor", "admin"])
def test_every_signed_in_role_sees_the_page_and_its_lists(client, login_as, role):
    login_as(role)
    assert client.get(OVERVIEW).status_code == 200
    assert client.get(list_url("akteure-pruefung-faellig")).status_code == 200


@pytest.mark.django_db
def test_pages_are_never_kept_by_browsers(client, staff_user):
    client.force_login(staff_user)
    for url in (OVERVIEW, list_url("angebote-ohne-ort")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-cache" in cache_control
        assert "private" in cache_control or "no-store" in cache_control


@pytest.mark.django_db
def test_an_unknown_check_is_not_found(client, staff_user):
    client.force_login(staff_user)
    assert client.get(list_url("gibt-es-nicht")).status_code == 404


@pytest.mark.django_db
def test_a_page_number_out_of_range_shows_the_last_page(client, staff_user, world):
    client.force_login(staff_user)
    response = client.get(list_url("moegliche-dubletten"), {"seite": "99"})
    assert response.status_code == 200
    assert len(response.context["entries"]) == 2


@pytest.mark.django_db
def test_counts_follow_an_edit_at_once(client, staff_user, world):
    client.force_login(staff_user)
    assert overview_counts(client.get(OVERVIEW))["akteure-pruefung-faellig"] == 1
    # Cached: a second request reads no aggregate.
    with CaptureQueriesContext(connection) as queries:
        client.get(OVERVIEW)
    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)

    actor = Actor.objects.get(name="Akteur überfällig")
    actor.last_verified = timezone.localdate()
    actor.save()
    counts = overview_counts(client.get(OVERVIEW))
    assert counts["akteure-pruefung-faellig"] == 0
    assert {
        e.name for e in client.get(list_url("akteure-pruefung-faellig")).context["entries"]
    } == set()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def _more_problems(owner, count: int) -> None:
    today = timezone.localdate()
    town = MunicipalityFactory(owner=owner, last_verified=today, phone="1")
    for number in range(count):
        actor = clean_actor(None, name=f"Doppelt {number}", municipality=town, website_status="")
        clean_actor(None, name=f"doppelt {number}", municipality=town, website_status="broken")
        clean_offer(
            None, actor, name=f"Angebot {number}", hours=False, place=False, url="", email=""
        )
        MembershipFactory(network=NetworkFactory(), actor=actor)


def _clear_page_caches():
    # The overview is also kept whole per account (core.caching.CachedSignedInPageMixin).
    caches["pages"].clear()
    caches["signed-in-pages"].clear()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [OVERVIEW]
    + [
        list_url(slug)
        for slug in (
            "moegliche-dubletten",
            "angebote-ohne-ort",
            "netzwerke-ohne-koordination",
            "akteure-internetseite-nicht-erreichbar",
        )
    ],
)
def test_query_count_is_the_same_for_one_and_many_problems(
    client, staff_user, owner, django_assert_max_num_queries, url
):
    client.force_login(staff_user)
    _more_problems(owner, 1)
    client.get(OVERVIEW)  # the session is settled
    _clear_page_caches()
    few = _queries(client, url)
    _more_problems(owner, 30)
    _clear_page_caches()
    many = _queries(client, url)
    assert few == many
    with django_assert_max_num_queries(12):
        _clear_page_caches()
        client.get(url)
