"""Coordinator tools: limits of typed text, plausible dates, the network's profile and
the mailing list of its members."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import ContactPerson
from core.tests.factories import UserFactory
from networks import services
from networks.history import network_history
from networks.models import (
    CoordinationLink,
    Membership,
    Network,
    latest_plausible_date,
    today,
)
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db

LONG_NOTE = "x" * 20_000


def _snapshot():
    return (
        list(Membership.objects.order_by("pk").values()),
        list(CoordinationLink.objects.order_by("pk").values()),
        list(Network.objects.order_by("pk").values()),
    )


# --- limits of typed text ---------------------------------------------------------------


def test_a_20000_character_note_is_refused_with_the_limit_and_nothing_is_saved(
    client, coordinator_user, membership, network
):
    client.force_login(coordinator_user)
    url = reverse("networks:membership_edit", args=[network.slug, membership.pk])
    before = _snapshot()
    response = client.post(
        url, {"version": 1, "role": "member", "since": "2021-01-01", "until": "", "note": LONG_NOTE}
    )
    assert response.status_code == 400
    assert "Höchstens 2.000 Zeichen, Sie haben 20.000 eingegeben." in response.content.decode()
    assert _snapshot() == before


def test_adding_members_with_a_20000_character_note_adds_nobody(client, coordinator_user, network):
    actor = ActorFactory()
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]),
        {"actors": [actor.pk], "role": "member", "since": "2024-01-01", "note": LONG_NOTE},
    )
    assert response.status_code == 400
    assert "Höchstens 2.000 Zeichen, Sie haben 20.000 eingegeben." in response.content.decode()
    assert not Membership.objects.exists()


def test_services_refuse_an_overlong_note_also_without_a_form(coordinator_user, network):
    with pytest.raises(ValidationError) as refused:
        services.membership_add(
            network=network,
            actors=[ActorFactory()],
            role="member",
            since=datetime.date(2024, 1, 1),
            note=LONG_NOTE,
            by=coordinator_user,
        )
    assert "note" in refused.value.message_dict
    assert not Membership.objects.exists()


def test_text_fields_show_their_limit_and_carry_maxlength(
    client, coordinator_user, membership, network
):
    client.force_login(coordinator_user)
    html = client.get(
        reverse("networks:membership_edit", args=[network.slug, membership.pk])
    ).content.decode()
    assert 'maxlength="2000"' in html and "Höchstens 2.000 Zeichen." in html
    html = client.get(reverse("networks:profile_edit", args=[network.slug])).content.decode()
    assert 'maxlength="5000"' in html and "Höchstens 5.000 Zeichen." in html
    assert 'maxlength="200"' in html and "Höchstens 200 Zeichen." in html


def test_a_note_stored_before_the_limit_is_shown_in_full_and_never_cut(
    client, coordinator_user, network
):
    membership = MembershipFactory(network=network, note="y" * 3000)
    client.force_login(coordinator_user)
    url = reverse("networks:membership_end", args=[network.slug, membership.pk])
    # Ending it does not touch the note: allowed, and the note stays whole.
    assert client.post(url, {"version": 1, "until": "2024-01-01"}).status_code == 302
    membership.refresh_from_db()
    assert membership.note == "y" * 3000


# --- plausible dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("since", "until", "field", "message"),
    [
        ("2030-01-01", "", "since", "höchstens ein Jahr in der Zukunft"),
        ("1949-12-31", "", "since", "nicht vor dem 01.01.1950"),
        ("2021-01-01", "2030-06-30", "until", "höchstens ein Jahr in der Zukunft"),
        ("2021-01-01", "2020-01-01", "until", "nicht vor dem Beginn"),
    ],
)
def test_implausible_membership_dates_are_refused_at_the_field(
    client, coordinator_user, membership, network, since, until, field, message
):
    client.force_login(coordinator_user)
    before = _snapshot()
    response = client.post(
        reverse("networks:membership_edit", args=[network.slug, membership.pk]),
        {"version": 1, "role": "member", "since": since, "until": until, "note": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html and message in html
    assert _snapshot() == before


def test_adding_a_member_from_2030_is_refused(client, coordinator_user, network):
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]),
        {"actors": [ActorFactory().pk], "role": "member", "since": "2030-01-01"},
    )
    assert response.status_code == 400
    assert 'id="id_since-error"' in response.content.decode()
    assert not Membership.objects.exists()


def test_a_link_from_2030_is_refused_at_the_field(client, coordinator_user, network):
    source, target = ActorFactory(), ActorFactory()
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_add", args=[network.slug]),
        {"source": source.pk, "target": target.pk, "kind": "cooperation", "since": "2030-01-01"},
    )
    assert response.status_code == 400
    assert 'id="id_since-error"' in response.content.decode()
    assert not CoordinationLink.objects.exists()


def test_ending_in_2030_is_refused_and_within_a_year_accepted(
    client, coordinator_user, membership, network
):
    client.force_login(coordinator_user)
    url = reverse("networks:membership_end", args=[network.slug, membership.pk])
    response = client.post(url, {"version": 1, "until": "2030-01-01"})
    assert response.status_code == 400
    assert 'id="id_until-error"' in response.content.decode()
    planned = latest_plausible_date()
    assert client.post(url, {"version": 1, "until": planned.isoformat()}).status_code == 302


def test_ending_a_record_with_an_implausible_old_start_says_why_and_never_fails(
    client, coordinator_user, network
):
    """A start stored before the rule (1900) is reported above the form, not a 500."""
    link = CoordinationLinkFactory(network=network, since=datetime.date(1900, 1, 1))
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_end", args=[network.slug, link.pk]),
        {"version": 1, "until": today().isoformat()},
    )
    assert response.status_code == 400
    assert "1950" in response.content.decode()


def test_latest_plausible_date_after_the_29th_of_february():
    assert latest_plausible_date(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


# --- the network's profile --------------------------------------------------------------


def _profile(**values):
    data = {
        "version": 1,
        "description": "Die Lenkungsgruppe steuert das KIM.",
        "purpose": "Abstimmung der Fallübergaben",
        "meeting_rhythm": "vierteljährlich",
        "is_public": "on",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def test_coordinator_edits_the_profile_and_it_is_in_the_history(client, coordinator_user, network):
    client.force_login(coordinator_user)
    detail = client.get(network.get_absolute_url()).content.decode()
    url = reverse("networks:profile_edit", args=[network.slug])
    assert url in detail and "Profil bearbeiten" in detail
    response = client.post(url, _profile())
    assert response.status_code == 302 and response["Location"] == network.get_absolute_url()
    network.refresh_from_db()
    assert network.purpose == "Abstimmung der Fallübergaben"
    assert network.meeting_rhythm == "vierteljährlich"
    assert network.version == 2
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Abstimmung der Fallübergaben" in html and "vierteljährlich" in html
    entry = network_history(network)[0]
    assert entry.user == coordinator_user and entry.reason == "Profil geändert"
    assert {change.label for change in entry.changes} >= {"Zweck", "Sitzungsrhythmus"}


def test_a_stale_profile_form_is_refused_with_the_current_values(
    client, coordinator_user, admin_user, network
):
    url = reverse("networks:profile_edit", args=[network.slug])
    client.force_login(admin_user)
    assert client.post(url, _profile(purpose="Von Ada")).status_code == 302
    client.force_login(coordinator_user)
    response = client.post(url, _profile(purpose="Von Cora"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Aktuell gespeicherte Werte" in html and "Von Ada" in html
    assert 'name="version" value="2"' in html
    network.refresh_from_db()
    assert network.purpose == "Von Ada"


def test_a_profile_made_internal_disappears_for_anonymous_visitors(
    client, coordinator_user, network
):
    MembershipFactory(network=network, actor=ActorFactory(name="Zqmitglied"))
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:profile_edit", args=[network.slug]), _profile(is_public=None)
    )
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.is_public is False
    client.logout()
    assert client.get(network.get_absolute_url()).status_code == 404
    assert network.get_absolute_url() not in client.get(reverse("networks:list")).content.decode()
    assert "Zqmitglied" not in client.get(reverse("networks:overview_map_data")).content.decode()


def test_a_network_with_an_internal_lead_actor_cannot_be_made_public(client, coordinator_user):
    network = NetworkFactory(
        slug="intern",
        is_public=False,
        lead_actor=ActorFactory(is_public=False),
        coordinators=[coordinator_user],
    )
    client.force_login(coordinator_user)
    response = client.post(reverse("networks:profile_edit", args=[network.slug]), _profile())
    assert response.status_code == 400
    assert 'id="id_is_public-error"' in response.content.decode()
    network.refresh_from_db()
    assert network.is_public is False and network.version == 1


def test_another_networks_coordinator_gets_403_and_anonymous_is_sent_to_sign_in(client, network):
    url = reverse("networks:profile_edit", args=[network.slug])
    for response in (client.get(url), client.post(url, _profile())):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    other = UserFactory(email="fremd@example.org", role="coordinator")
    NetworkFactory(slug="anderes", coordinators=[other])
    client.force_login(other)
    assert client.get(url).status_code == 403
    assert client.post(url, _profile(purpose="fremd")).status_code == 403
    network.refresh_from_db()
    assert network.purpose == "" and network.version == 1


def test_staff_see_no_profile_link(client, staff_user, network):
    client.force_login(staff_user)
    html = client.get(network.get_absolute_url()).content.decode()
    assert reverse("networks:profile_edit", args=[network.slug]) not in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": "abc"},
        {"version": "0"},
        {"version": "99999999999999999999999"},
        {"version": "1", "description": "\x00"},
        {"version": "1", "meeting_rhythm": "x" * 201},
        {"version": "1", "purpose": "a\u202eb"},
        {"version": "-1", "is_public": ["1", "2"]},
    ],
)
def test_bad_profile_input_is_a_400_and_writes_nothing(client, coordinator_user, network, data):
    client.force_login(coordinator_user)
    before = _snapshot()
    response = client.post(reverse("networks:profile_edit", args=[network.slug]), data)
    assert response.status_code in (400, 409)
    assert _snapshot() == before


# --- the mailing list -------------------------------------------------------------------


def _mailing_list(client, network):
    response = client.get(reverse("networks:mailing_list", args=[network.slug]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return response, list(csv.reader(io.StringIO(text), delimiter=";"))


def test_staff_get_the_current_members_with_their_contacts_addresses(client, staff_user, network):
    jobcenter = ActorFactory(name="Jobcenter", email="info@jobcenter.example.org")
    ContactPerson.objects.create(
        actor=jobcenter, name="Jana Job", function="Leitung", email="jana@jobcenter.example.org"
    )
    ContactPerson.objects.create(actor=jobcenter, name="Ohne Adresse", phone="0241")
    schule = ActorFactory(name="Schulamt", is_public=False)
    MembershipFactory(network=network, actor=jobcenter)
    MembershipFactory(network=network, actor=schule, role="chair")
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Ehemalige Stelle"),
        since=datetime.date(2015, 1, 1),
        until=datetime.date(2019, 1, 1),
    )
    client.force_login(staff_user)
    response, rows = _mailing_list(client, network)
    assert "intern" in response["Content-Disposition"]
    assert rows[0][0].startswith("INTERN") and network.name in rows[0][0]
    body = rows[2:]
    assert [
        "Jobcenter",
        "",
        "Mitglied",
        "Jana Job",
        "Leitung",
        "jana@jobcenter.example.org",
        "info@jobcenter.example.org",
    ] in body
    assert any(row[0] == "Schulamt" and row[2] == "Vorsitz/Lenkung" for row in body)
    assert not any("Ohne Adresse" in row for row in body)
    assert not any(row[0] == "Ehemalige Stelle" for row in body)


def test_mailing_list_neutralises_spreadsheet_formulas(client, staff_user, network):
    MembershipFactory(network=network, actor=ActorFactory(name="=HYPERLINK(1)"))
    client.force_login(staff_user)
    _response, rows = _mailing_list(client, network)
    assert rows[2][0] == "'=HYPERLINK(1)"


def test_anonymous_visitors_are_sent_to_sign_in_for_the_mailing_list(client, network):
    response = client.get(reverse("networks:mailing_list", args=[network.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_signed_in_accounts_see_the_mailing_list_link_anonymous_not(client, staff_user, network):
    url = reverse("networks:mailing_list", args=[network.slug])
    assert url not in client.get(network.get_absolute_url()).content.decode()
    client.force_login(staff_user)
    assert url in client.get(network.get_absolute_url()).content.decode()


def _network_with_members(size):
    network = NetworkFactory(slug=f"verteiler-{size}")
    for actor in ActorFactory.create_batch(size):
        MembershipFactory(network=network, actor=actor)
        for n in range(2):
            ContactPerson.objects.create(
                actor=actor, name=f"Person {n}", email=f"p{n}-{actor.pk}@example.org"
            )
    return network


def test_mailing_list_runs_a_fixed_number_of_queries(client, staff_user):
    small, large = _network_with_members(2), _network_with_members(20)
    client.force_login(staff_user)
    counts = []
    for network in (small, large, small):
        with CaptureQueriesContext(connection) as queries:
            _response, rows = _mailing_list(client, network)
        counts.append(len(queries))
    assert len(rows) == 2 + 2 * 2
    # The first request after signing in also loads the account; compare the others.
    assert counts[1] == counts[2]
