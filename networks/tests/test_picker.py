"""The coordinators' actor picker: matching, the combobox's suggestions (JSON), the
search-then-pick without JavaScript for members and links, and the membership cards."""

import re

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from networks import picker
from networks.models import CoordinationLink, Membership
from networks.tests.factories import ActorFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _names(queryset) -> list[str]:
    return [actor.name for actor in queryset]


def factory_name(prefix: str):
    return factory.Sequence(lambda n: f"{prefix} {n:03d}")


@pytest.fixture
def directory():
    """A few actors whose names share words, umlauts and short names."""
    return {
        "erkelenz": ActorFactory(name="Stadt Erkelenz", slug="stadt-erkelenz"),
        "wegberg": ActorFactory(name="Stadt Wegberg", slug="stadt-wegberg"),
        "abh": ActorFactory(name="Ausländerbehörde Kreis Heinsberg", short_name="ABH", slug="abh"),
        "haupt": ActorFactory(name="Hauptstadtbüro Integration", slug="hauptstadt"),
        "kirche": ActorFactory(name="Kirchengemeinde St. Lambertus", slug="kirche"),
        "ki": ActorFactory(name="Kommunales Integrationszentrum", short_name="KI", slug="ki-kreis"),
    }


def test_an_actor_matches_when_every_word_typed_is_part_of_its_name(directory):
    assert _names(picker.matching(Actor.objects.all(), "stadt erk")) == ["Stadt Erkelenz"]
    assert _names(picker.matching(Actor.objects.all(), "erk STADT")) == ["Stadt Erkelenz"]


def test_umlauts_and_case_are_folded_and_parts_of_compounds_match(directory):
    assert _names(picker.matching(Actor.objects.all(), "auslanderbeh")) == [
        "Ausländerbehörde Kreis Heinsberg"
    ]
    assert _names(picker.matching(Actor.objects.all(), "BEHÖRDE")) == [
        "Ausländerbehörde Kreis Heinsberg"
    ]


def test_an_actor_is_found_by_the_start_of_its_short_name(directory):
    assert _names(picker.matching(Actor.objects.all(), "abh")) == [
        "Ausländerbehörde Kreis Heinsberg"
    ]


def test_names_starting_with_the_text_come_first_then_alphabetical(directory):
    found = _names(picker.matching(Actor.objects.all(), "stadt"))
    assert found == ["Stadt Erkelenz", "Stadt Wegberg", "Hauptstadtbüro Integration"]


def test_a_text_of_short_words_only_looks_at_short_names(directory):
    # "KI" is the short name of the KI, not the start of "Kirchengemeinde".
    assert _names(picker.matching(Actor.objects.all(), "ki")) == ["Kommunales Integrationszentrum"]


def test_short_words_narrow_what_the_longer_ones_found(directory):
    assert _names(picker.matching(Actor.objects.all(), "st lambertus")) == [
        "Kirchengemeinde St. Lambertus"
    ]
    assert _names(picker.matching(Actor.objects.all(), "xy lambertus")) == []


def test_an_empty_text_lists_everyone_alphabetically(directory):
    assert _names(picker.matching(Actor.objects.all(), "  ")) == sorted(
        actor.name for actor in directory.values()
    )


@pytest.mark.parametrize("text", ["\x00", "%", "_", "'", '"', "a" * 5000, "ß" * 200, "st\x00adt"])
def test_odd_text_never_fails(directory, text):
    list(picker.matching(Actor.objects.all(), text))
    assert picker.suggestions(Actor.objects.all(), text)[0] is not None


def test_a_like_wildcard_is_taken_literally(directory):
    assert _names(picker.matching(Actor.objects.all(), "%%%")) == []


# --- the suggestions endpoint --------------------------------------------------------


def _suggest(client, network, **params):
    return client.get(reverse("networks:actor_suggestions", args=[network.slug]), params)


def test_suggestions_name_id_short_name_level_and_municipality(
    client, coordinator_user, network, directory
):
    municipality = ActorFactory(
        name="Stadt Hückelhoven",
        level="municipality",
        kind="administration",
        sector="local_authority",
    )
    ActorFactory(
        name="Beratungsstelle Süd",
        short_name="BS",
        level="municipality",
        municipality=municipality,
    )
    client.force_login(coordinator_user)
    response = _suggest(client, network, q="beratungs")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    (result,) = response.json()["results"]
    assert result == {
        "id": Actor.objects.get(name="Beratungsstelle Süd").pk,
        "name": "Beratungsstelle Süd",
        "short_name": "BS",
        "level": "Kreisangehörige Kommune",
        "municipality": "Stadt Hückelhoven",
        "label": "Beratungsstelle Süd (BS) – Kreisangehörige Kommune",
    }
    assert response.json()["more"] is False


def test_member_suggestions_leave_out_current_members_but_not_former_ones(
    client, coordinator_user, network, directory
):
    MembershipFactory(network=network, actor=directory["erkelenz"])
    MembershipFactory(
        network=network, actor=directory["wegberg"], since="2015-01-01", until="2019-12-31"
    )
    client.force_login(coordinator_user)
    members = [
        r["name"] for r in _suggest(client, network, q="stadt", ohne="mitglieder").json()["results"]
    ]
    everyone = [r["name"] for r in _suggest(client, network, q="stadt").json()["results"]]
    assert "Stadt Erkelenz" not in members and "Stadt Wegberg" in members
    assert "Stadt Erkelenz" in everyone


def test_at_most_ten_suggestions_and_a_note_that_there_are_more(client, coordinator_user, network):
    ActorFactory.create_batch(12, name=factory_name("Sprachcafé"))
    client.force_login(coordinator_user)
    data = _suggest(client, network, q="sprachcaf").json()
    assert len(data["results"]) == picker.SUGGESTION_LIMIT
    assert data["more"] is True


def test_one_letter_suggests_nothing_and_a_long_text_is_refused(
    client, coordinator_user, network, directory
):
    client.force_login(coordinator_user)
    assert _suggest(client, network, q="").json() == {"results": [], "more": False}
    assert _suggest(client, network, q="a" * 101).status_code == 400
    assert _suggest(client, network, q="x", ohne="alle").status_code == 400


def test_suggestions_are_for_the_networks_editors_only(
    client, staff_user, other_coordinator, network, directory
):
    url = reverse("networks:actor_suggestions", args=[network.slug])
    assert client.get(url, {"q": "stadt"}).status_code == 302  # to the sign-in
    for user in (staff_user, other_coordinator):
        client.force_login(user)
        assert client.get(url, {"q": "stadt"}).status_code == 403


@pytest.mark.parametrize("text", ["stadt erk", "abh", "ki"])
def test_suggestions_take_a_fixed_number_of_queries_however_many_actors(
    client, coordinator_user, network, django_assert_max_num_queries, text
):
    client.force_login(coordinator_user)
    _suggest(client, network, q="warm")  # the first request after signing in saves the session

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _suggest(client, network, q=text, ohne="mitglieder").status_code == 200
        return len(queries)

    ActorFactory.create_batch(10, name=factory_name("Stadt Erkelenz Stelle"))
    small = count()
    ActorFactory.create_batch(490, name=factory_name("Stadt Erkelenz Beratung"))
    MembershipFactory.create_batch(20, network=network)
    assert count() == small
    # The network and its coordinators, the short names, the names.
    with django_assert_max_num_queries(4):
        _suggest(client, network, q=text, ohne="mitglieder")


# --- members: search-then-pick without JavaScript, the combobox's choice accepted --------


def test_member_page_offers_the_combobox_its_data_and_keeps_the_plain_search(
    client, coordinator_user, network
):
    client.force_login(coordinator_user)
    html = client.get(reverse("networks:members", args=[network.slug])).content.decode()
    url = reverse("networks:actor_suggestions", args=[network.slug])
    assert f'data-url="{url}?ohne=mitglieder"' in html
    assert 'data-picks="id_actors" data-field="actors" data-pick-type="checkbox"' in html
    assert 'data-text-many="%(count)s Treffer"' in html
    assert re.search(r'<form method="get"[^>]*role="search"', html)
    assert 'name="q"' in html and "js/actor-combobox.js" in html
    assert "<script>" not in html  # no inline script (CSP)
    # Without JavaScript the field is a plain search field, not a combobox.
    assert 'role="combobox"' not in html


def test_an_actor_chosen_by_the_combobox_is_accepted_whatever_was_searched(
    client, coordinator_user, network, directory
):
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]),
        {"q": "Wegberg", "actors": [directory["abh"].pk], "role": "member", "since": "2024-01-01"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(network=network, actor=directory["abh"]).exists()


def test_a_current_member_cannot_be_added_again(client, coordinator_user, network, directory):
    MembershipFactory(network=network, actor=directory["abh"])
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]),
        {"actors": [directory["abh"].pk], "role": "member", "since": "2024-01-01"},
    )
    assert response.status_code == 400
    assert Membership.objects.filter(network=network, actor=directory["abh"]).count() == 1


def test_a_form_sent_back_keeps_the_ticked_actor_and_shows_a_bounded_list(
    client, coordinator_user, network
):
    ActorFactory.create_batch(picker.PICKER_LIMIT + 20)
    chosen = ActorFactory(name="Zentrum zuletzt im Alphabet")
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]),
        {"q": "", "actors": [chosen.pk], "role": "member", "since": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('name="actors"') == picker.PICKER_LIMIT + 1
    assert re.search(rf'value="{chosen.pk}"[^>]*checked', html)
    assert "Es werden nicht alle Akteure angezeigt." in html


def test_a_search_without_matches_says_so_inside_the_group(client, coordinator_user, network):
    client.force_login(coordinator_user)
    html = client.get(
        reverse("networks:members", args=[network.slug]), {"q": "Gibtsnicht"}
    ).content.decode()
    assert '<fieldset class="kern-fieldset" id="id_actors">' in html
    assert "Kein passender Akteur gefunden, der nicht schon Mitglied ist." in html


# --- links: radio buttons after a search, never a list of every actor ------------------


def test_link_form_offers_the_members_as_radio_buttons_and_no_list_of_every_actor(
    client, coordinator_user, network, directory
):
    MembershipFactory(network=network, actor=directory["ki"])
    client.force_login(coordinator_user)
    html = client.get(reverse("networks:link_add", args=[network.slug])).content.decode()
    assert not re.search(r'<select[^>]*name="(source|target)"', html)
    assert 'type="radio" name="source"' in html and 'type="radio" name="target"' in html
    assert html.count('name="source"') == 1  # the one member
    assert "Kommunales Integrationszentrum (KI)" in html
    assert "Stadt Wegberg" not in html
    assert 'data-picks="id_source" data-field="source" data-pick-type="radio"' in html
    assert 'data-picks="id_target" data-field="target" data-pick-type="radio"' in html


def test_link_search_lists_the_matches_for_each_end(client, coordinator_user, network, directory):
    client.force_login(coordinator_user)
    html = client.get(
        reverse("networks:link_add", args=[network.slug]), {"von": "erk", "zu": "abh"}
    ).content.decode()
    source = html.split('id="id_source"')[1].split("</fieldset>")[0]
    target = html.split('id="id_target"')[1].split("</fieldset>")[0]
    assert "Stadt Erkelenz" in source and "Ausländerbehörde" not in source
    assert "Ausländerbehörde" in target and "Stadt Erkelenz" not in target
    # The texts go along with the form, so that a form sent back shows the same lists.
    assert 'name="von" value="erk"' in html and 'name="zu" value="abh"' in html


def test_a_link_between_any_two_actors_is_saved(client, coordinator_user, network, directory):
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_add", args=[network.slug]),
        {
            "source": directory["abh"].pk,
            "target": directory["kirche"].pk,
            "kind": "cooperation",
            "since": "2024-01-01",
        },
    )
    assert response.status_code == 302
    assert CoordinationLink.objects.filter(
        source=directory["abh"], target=directory["kirche"], network=network
    ).exists()


def test_a_link_to_an_unknown_actor_is_refused_at_the_field(client, coordinator_user, network):
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_add", args=[network.slug]),
        {"source": 987654, "target": "x", "kind": "cooperation", "since": "2024-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_source-error"' in html and 'id="id_target-error"' in html
    assert not CoordinationLink.objects.exists()


# --- membership cards --------------------------------------------------------------------


def test_members_page_has_cards_with_the_actions_of_every_membership(
    client, coordinator_user, network, directory
):
    current = MembershipFactory(network=network, actor=directory["abh"], note="Notiz A")
    former = MembershipFactory(
        network=network, actor=directory["ki"], since="2015-01-01", until="2019-12-31"
    )
    client.force_login(coordinator_user)
    html = client.get(reverse("networks:members", args=[network.slug])).content.decode()
    cards = re.findall(r'<ul class="networks-cards".*?</ul>', html, flags=re.S)
    assert len(cards) == 2  # current and former members
    edit = reverse("networks:membership_edit", args=[network.slug, current.pk])
    end = reverse("networks:membership_end", args=[network.slug, current.pk])
    assert edit in cards[0] and end in cards[0] and "Notiz A" in cards[0]
    assert reverse("networks:membership_edit", args=[network.slug, former.pk]) in cards[1]
    assert reverse("networks:membership_end", args=[network.slug, former.pk]) not in cards[1]
    # The table is still there for wide screens.
    assert 'class="portal-table-wrap networks-wide-only"' in html


def test_public_network_page_has_no_cards(client, network, directory):
    MembershipFactory(network=network, actor=directory["abh"])
    html = client.get(network.get_absolute_url()).content.decode()
    assert "networks-cards" not in html
