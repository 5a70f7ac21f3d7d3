"""The network over time: "Stand am …" on the network page and the maps, and "Was hat
sich geändert?" between two days. The map data, the map's table, the network page and
the change list agree with the memberships and links queried directly, for every day;
bad days are a clear message, never an error page; the day is part of every cache key."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import CoordinationLink, Membership, Network
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)
from networks.tests.over_time import assert_views_agree, graph_state, state_on

pytestmark = pytest.mark.django_db

D = datetime.date


def _at(day: D) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _save(record, when: D, **changes):
    """Save a record as if on the day ``when`` (its history entry carries that date)."""
    for name, value in changes.items():
        setattr(record, name, value)
    record._history_date = _at(when)
    record.save()
    return record


@pytest.fixture
def story(db):
    """A network over ten years: A member since 2015 and chair since mid-2019, B a member
    2016–2020, C since 2021, D only during 2017, an internal actor H since 2015, E planned;
    links A→B 2016–2019, A→C since 2021, H→A since 2015 (internal)."""
    network = NetworkFactory(name="Runder Tisch Integration", slug="runder-tisch")
    a = ActorFactory(name="Amt für Integration", slug="amt")
    b = ActorFactory(name="Beratungsstelle", slug="beratung")
    c = ActorFactory(name="Caritas", slug="caritas")
    d = ActorFactory(name="Diakonie", slug="diakonie")
    e = ActorFactory(name="Ehrenamt", slug="ehrenamt")
    h = ActorFactory(name="Verdeckte Stelle", slug="verdeckt", is_public=False)
    m_a = _save(Membership(network=network, actor=a, since=D(2015, 1, 1)), D(2015, 1, 1))
    _save(m_a, D(2019, 6, 1), role="chair")
    _save(Membership(network=network, actor=b, since=D(2016, 3, 1)), D(2016, 3, 1))
    m_b = Membership.objects.get(actor=b)
    _save(m_b, D(2021, 1, 5), until=D(2020, 12, 31))
    _save(Membership(network=network, actor=c, since=D(2021, 3, 1)), D(2021, 3, 1))
    _save(
        Membership(network=network, actor=d, since=D(2017, 1, 1), until=D(2017, 12, 31)),
        D(2017, 1, 1),
    )
    _save(Membership(network=network, actor=h, since=D(2015, 1, 1), role="advisory"), D(2015, 1, 1))
    Membership.objects.create(
        network=network, actor=e, since=timezone.localdate() + datetime.timedelta(days=30)
    )
    CoordinationLinkFactory(
        network=network, source=a, target=b, since=D(2016, 3, 1), until=D(2019, 12, 31)
    )
    CoordinationLinkFactory(network=network, source=a, target=c, since=D(2021, 3, 1))
    CoordinationLinkFactory(
        network=network, source=h, target=a, kind="steering", since=D(2015, 1, 1)
    )
    return network


DAYS = [D(2016, 6, 30), D(2020, 6, 30)]


def test_records_on_a_day_are_those_begun_and_not_yet_ended(story):
    on = set(Membership.objects.on(D(2017, 6, 1)).values_list("actor__slug", flat=True))
    assert on == {"amt", "beratung", "diakonie", "verdeckt"}
    # The first and the last day belong to the period.
    assert Membership.objects.on(D(2017, 1, 1)).filter(actor__slug="diakonie").exists()
    assert Membership.objects.on(D(2017, 12, 31)).filter(actor__slug="diakonie").exists()
    assert not Membership.objects.on(D(2018, 1, 1)).filter(actor__slug="diakonie").exists()
    # A planned membership is current (not ended), but not on today.
    assert Membership.objects.current().filter(actor__slug="ehrenamt").exists()
    assert not Membership.objects.on(timezone.localdate()).filter(actor__slug="ehrenamt").exists()
    during = Membership.objects.during(D(2018, 1, 1), D(2020, 12, 31))
    assert set(during.values_list("actor__slug", flat=True)) == {"amt", "beratung", "verdeckt"}
    assert CoordinationLink.objects.on(D(2020, 6, 30)).count() == 1


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_map_table_page_and_change_list_agree_for_every_day(client, story, staff_user, who):
    user = AnonymousUser()
    if who == "staff":
        client.force_login(staff_user)
        user = staff_user
    today = timezone.localdate()
    states = assert_views_agree(client, story, user, [D(2014, 6, 30), *DAYS, today])
    assert len({repr(sorted(s["members"].items())) for s in states}) == 4  # all different
    # The roles came from the history: a member in 2016, chair since mid-2019.
    amt = "/akteure/amt/"
    assert (
        states[1]["members"][amt] == "Mitglied" and states[2]["members"][amt] == "Vorsitz/Lenkung"
    )
    internal = "/akteure/verdeckt/"
    assert (internal in states[1]["members"]) is (who == "staff")


def test_change_list_names_joined_left_role_changes_and_links(client, story):
    url = reverse("networks:changes", args=[story.slug])
    html = client.get(url, {"von": "2016-06-30", "bis": "2020-06-30"}).content.decode()
    assert "Rolle geändert: 1" in html and "01.06.2019" in html  # the day of the change
    assert "Nur zwischendurch Mitglied: 1" in html and "Diakonie" in html
    assert "Beendet: 1" in html
    html = client.get(url, {"von": "2020-06-30", "bis": "2021-06-30"}).content.decode()
    assert "Neu aufgenommen: 1" in html and "Ausgeschieden: 1" in html
    assert "31.12.2020" in html  # the last day of the one who left
    assert "Verdeckte Stelle" not in html


def test_change_list_defaults_to_the_last_year(client, story):
    response = client.get(reverse("networks:changes", args=[story.slug]))
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["last"] == today
    assert response.context["first"] == today.replace(year=today.year - 1)


def test_the_network_page_of_today_lists_planned_memberships_apart(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Geplante Mitgliedschaften" in html and "Ehrenamt" in html
    past = client.get(story.get_absolute_url(), {"stand": "2016-06-30"}).content.decode()
    assert "Mitglieder am 30.06.2016" in past
    assert "Geplante Mitgliedschaften" not in past and "Ehrenamt" not in past
    assert "Caritas" not in past  # joined later


def test_the_map_data_of_a_day_is_what_the_database_held(client, story):
    data = client.get(
        reverse("networks:map_data", args=[story.slug]), {"stand": "2017-06-01"}
    ).json()
    assert graph_state(data) == state_on(story, AnonymousUser(), D(2017, 6, 1))
    labels = {node["data"]["label"] for node in data["nodes"]}
    assert "Diakonie" in labels and "Caritas" not in labels
    assert not any("verdeckt" in node["data"]["url"] for node in data["nodes"])


@pytest.mark.parametrize("days", [[D(2012, 6, 30), D(2016, 6, 30), None]])
@pytest.mark.parametrize(
    "slug", ["kim-lenkungsgruppe", "kim-case-management", "ki-ehrenamtsnetzwerk"]
)
def test_keynote_networks_agree_on_three_days(client, slug, days):
    call_command("seed_keynote", verbosity=0)
    network = Network.objects.get(slug=slug)
    days = [day or timezone.localdate() for day in days]
    states = assert_views_agree(client, network, AnonymousUser(), days)
    assert not states[0]["members"]  # before the KI (2013) and the KIM (2021)
    assert states[-1]["members"] and states[-1]["members"] != states[0]["members"]


# --- bad days ------------------------------------------------------------------------------

BAD_DAYS = [
    "gestern",
    "0000-01-01",
    "99999-01-01",
    "1949-12-31",
    "2999-01-01",
    "1800-01-01",
    "2020-02-30",
    "31.13.2020",
    "%00",
    "2020-01-01\x00",
    "-1",
    "9" * 200,
]
INVALID = "Bitte geben Sie ein gültiges Datum ein"
OUT_OF_RANGE = "Bitte wählen Sie einen Tag zwischen dem 01.01.1950 und dem"


def _message(text: str) -> bool:
    return INVALID in text or OUT_OF_RANGE in text


@pytest.mark.parametrize("bad", BAD_DAYS)
def test_a_bad_day_is_a_clear_message_never_an_error_page(client, story, bad):
    pages = [
        (reverse("networks:detail", args=[story.slug]), {"stand": bad}),
        (reverse("networks:map", args=[story.slug]), {"stand": bad}),
        (reverse("networks:overview_map", args=[]), {"stand": bad, "programm": "ki"}),
        (reverse("networks:changes", args=[story.slug]), {"von": bad}),
        (reverse("networks:changes", args=[story.slug]), {"bis": bad, "von": "2020-01-01"}),
    ]
    for url, params in pages:
        response = client.get(url, params)
        assert response.status_code == 400, (url, params)
        html = response.content.decode()
        assert _message(html), (url, params)
        assert 'aria-invalid="true"' in html and 'id="fehler"' in html
    for name, args in (("networks:map_data", [story.slug]), ("networks:overview_map_data", [])):
        response = client.get(reverse(name, args=args), {"stand": bad})
        assert response.status_code == 400
        assert _message(response.json()["error"])


def test_a_bad_day_shows_the_state_of_today_and_says_so(client, story):
    response = client.get(story.get_absolute_url(), {"stand": "gestern"})
    html = response.content.decode()
    assert "Gezeigt wird der Stand von heute." in html
    assert "Aktuelle Mitglieder" in html and "Caritas" in html


def test_a_range_the_wrong_way_round_is_refused(client, story):
    url = reverse("networks:changes", args=[story.slug])
    response = client.get(url, {"von": "2021-01-01", "bis": "2020-01-01"})
    assert response.status_code == 400
    assert "„Bis“ darf nicht vor „Von“ liegen" in response.content.decode()
    assert "Neu aufgenommen" not in response.content.decode()


def test_days_in_german_notation_and_empty_values_are_understood(client, story):
    url = reverse("networks:map_data", args=[story.slug])
    assert (
        client.get(url, {"stand": "30.06.2016"}).json()
        == client.get(url, {"stand": "2016-06-30"}).json()
    )
    assert client.get(url, {"stand": ""}).json() == client.get(url).json()


# --- caching and queries -------------------------------------------------------------------


def _membership_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return sum("networks_membership" in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("name", ["networks:detail", "networks:map_data"])
def test_a_page_for_a_day_is_cached_as_a_page_of_its_own(client, story, name):
    url = reverse(name, args=[story.slug])
    first = client.get(url, {"stand": "2016-06-30"}).content
    assert _membership_queries(client, url, {"stand": "2016-06-30"}) == 0  # from the cache
    assert _membership_queries(client, url, {"stand": "2020-06-30"}) > 0  # another day
    assert client.get(url, {"stand": "2020-06-30"}).content != first
    assert _membership_queries(client, url) > 0  # today is another page too


def test_a_change_reaches_the_cached_page_of_a_past_day(client, story):
    url = reverse("networks:map_data", args=[story.slug])

    def members():
        return graph_state(client.get(url, {"stand": "2016-06-30"}).json())["members"]

    assert "/akteure/beratung/" in members()
    beratung = Membership.objects.get(actor__slug="beratung")
    beratung.since = D(2018, 1, 1)
    beratung.save()
    assert "/akteure/beratung/" not in members()


def test_the_overview_map_of_a_day_keeps_its_filter_and_the_day(client, story):
    url = reverse("networks:overview_map")
    html = client.get(url, {"stand": "2016-06-30", "name": "runder"}).content.decode()
    assert 'name="stand" value="2016-06-30"' in html  # in the filter form
    assert 'name="name" value="runder"' in html  # in the form of the day
    assert "daten.json?name=runder&amp;stand=2016-06-30" in html
    data = client.get(
        reverse("networks:overview_map_data"), {"stand": "2016-06-30", "name": "runder"}
    ).json()
    labels = {node["data"]["label"] for node in data["nodes"]}
    assert "Caritas" not in labels and "Beratungsstelle" in labels


def _network_with(size: int) -> Network:
    network = NetworkFactory(slug=f"gross-{size}")
    actors = ActorFactory.create_batch(size)
    for i, actor in enumerate(actors):
        membership = _save(
            Membership(network=network, actor=actor, since=D(2015, 1, 1)), D(2015, 1, 1)
        )
        if i % 3 == 0:
            _save(membership, D(2018, 1, 1), role="chair")
        if i % 4 == 0:
            _save(membership, D(2019, 1, 1), until=D(2018, 12, 31))
    for source, target in zip(actors[::2], actors[1::2], strict=False):
        CoordinationLinkFactory(network=network, source=source, target=target, since=D(2016, 1, 1))
    return network


# Network, content version, memberships, links, and the saved roles (a day in the past);
# the map data keeps its network in the cache, with the visible sub-networks (+ those and
# a read of the versions before the network).
EXPECTED = {"networks:map_data": 7, "networks:map": 4, "networks:detail": 7}


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("size", [10, 120])
def test_a_day_costs_a_fixed_number_of_queries(client, django_assert_num_queries, name, size):
    network = _network_with(size)
    with django_assert_num_queries(EXPECTED[name]):
        response = client.get(reverse(name, args=[network.slug]), {"stand": "2017-06-30"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 120])
def test_the_change_list_costs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    network = _network_with(size)
    # Network, memberships, links, saved roles.
    with django_assert_num_queries(4):
        response = client.get(
            reverse("networks:changes", args=[network.slug]),
            {"von": "2017-06-30", "bis": "2019-06-30"},
        )
    assert response.status_code == 200
    assert "Rolle geändert" in response.content.decode()


def test_internal_networks_stay_hidden_on_every_day(client, staff_user):
    network = NetworkFactory(slug="intern", name="Interne Runde", is_public=False)
    MembershipFactory(network=network, since=D(2015, 1, 1))
    for name in ("networks:detail", "networks:map", "networks:map_data", "networks:changes"):
        url = reverse(name, args=[network.slug])
        assert client.get(url, {"stand": "2016-01-01"}).status_code == 404
    client.force_login(staff_user)
    assert client.get(reverse("networks:changes", args=[network.slug])).status_code == 200


def test_notes_never_reach_anonymous_visitors_on_any_day(client, story, staff_user):
    Membership.objects.filter(actor__slug="amt").update(note="Geheime Notiz zqnote")
    story.internal_note = "Interner Vermerk zqnote"
    story.save()
    urls = [
        (story.get_absolute_url(), {"stand": "2016-06-30"}),
        (reverse("networks:map", args=[story.slug]), {"stand": "2016-06-30"}),
        (reverse("networks:changes", args=[story.slug]), {"von": "2014-01-01"}),
    ]
    for url, params in urls:
        assert "zqnote" not in client.get(url, params).content.decode()
    client.force_login(staff_user)
    assert (
        "zqnote" in client.get(story.get_absolute_url(), {"stand": "2016-06-30"}).content.decode()
    )
