"""Pages of the networks: what they show, to whom, and the coordinators' edit flows."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from actors.models import Actor
from core import visibility
from core.tests.factories import UserFactory
from networks import graph, services
from networks.models import CoordinationLink, Membership
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def populated(network):
    """A network with public and internal members, a former member and links."""
    ki = ActorFactory(name="Kommunales Integrationszentrum", short_name="KI", slug="ki")
    abh = ActorFactory(name="Ausländerbehörde", short_name="ABH", slug="abh")
    hidden = ActorFactory(name="Verdeckte Stelle", slug="verdeckt", is_public=False)
    former = ActorFactory(name="Ehemaliger Träger", slug="ehemalig")
    MembershipFactory(network=network, actor=ki, role="chair", note="Geheime Notiz zur Leitung")
    MembershipFactory(network=network, actor=abh, role="member")
    MembershipFactory(network=network, actor=hidden, role="member")
    MembershipFactory(
        network=network,
        actor=former,
        since=datetime.date(2019, 1, 1),
        until=datetime.date(2020, 1, 1),
    )
    CoordinationLinkFactory(network=network, source=abh, target=ki, kind="referral")
    CoordinationLinkFactory(network=network, source=hidden, target=ki, kind="steering")
    network.internal_note = "Interner Vermerk zum Netzwerk"
    network.description = "Die Lenkungsgruppe steuert das KIM."
    network.save()
    return network


def test_detail_groups_current_members_by_role_and_lists_former_ones(client, populated):
    html = client.get(populated.get_absolute_url()).content.decode()
    assert html.index("Vorsitz/Lenkung") < html.index("Kommunales Integrationszentrum")
    assert "Ausländerbehörde" in html
    assert "Frühere Mitglieder" in html and "Ehemaliger Träger" in html
    assert "Verweisung/Fallübergabe" in html


@pytest.mark.parametrize(
    "url_name",
    [
        "networks:detail",
        "networks:map",
        "networks:map_data",
        "networks:overview_map",
        "networks:overview_map_data",
        "networks:list",
    ],
)
def test_anonymous_visitors_never_see_internal_members_notes_or_networks(
    client, populated, url_name
):
    NetworkFactory(name="Interne Runde", slug="interne-runde", is_public=False)
    args = (
        [populated.slug]
        if url_name in {"networks:detail", "networks:map", "networks:map_data"}
        else []
    )
    html = client.get(reverse(url_name, args=args)).content.decode()
    for secret in (
        "Verdeckte Stelle",
        "Geheime Notiz",
        "Interner Vermerk",
        "Interne Runde",
        "Steuerung",
    ):
        assert secret not in html


def test_staff_see_internal_members_and_notes(client, staff_user, populated):
    client.force_login(staff_user)
    html = client.get(populated.get_absolute_url()).content.decode()
    for internal in (
        "Verdeckte Stelle",
        "Geheime Notiz zur Leitung",
        "Interner Vermerk zum Netzwerk",
    ):
        assert internal in html


def test_network_list_shows_kind_and_member_count(client, populated):
    html = client.get(reverse("networks:list")).content.decode()
    assert "KIM-Lenkungsgruppe" in html
    assert '<td class="kern-table__cell kern-table__cell--numeric">2</td>' in html


def test_network_list_shows_fifty_networks_a_page_and_counts_them_all(client):
    NetworkFactory.create_batch(51)
    first = client.get(reverse("networks:list")).content.decode()
    assert first.count('<th scope="row"') == 50
    assert "51 Netzwerke" in first
    assert 'href="?seite=2"' in first
    second = client.get(reverse("networks:list"), {"seite": "2"}).content.decode()
    assert second.count('<th scope="row"') == 1
    # A page number past the end shows the last page rather than an error.
    assert client.get(reverse("networks:list"), {"seite": "99"}).status_code == 200


@pytest.mark.parametrize(
    "query", ["?programm=unsinn", "?art=%00", "?programm=kim&art=steering_group", "?seite=x"]
)
def test_list_filters_never_fail_on_odd_parameters(client, populated, query):
    assert client.get(reverse("networks:list") + query).status_code == 200


def test_map_data_is_cytoscape_elements_coloured_by_level(client, populated):
    data = client.get(reverse("networks:map_data", args=[populated.slug])).json()
    nodes = {n["data"]["id"]: n["data"] for n in data["nodes"]}
    assert nodes[f"network-{populated.pk}"]["type"] == "network"
    labels = {n["label"] for n in nodes.values()}
    assert {"KI", "ABH"} <= labels
    assert "Ehemaliger Träger" not in {n["name"] for n in nodes.values()}
    assert all(n["level"] for n in nodes.values())
    kinds = sorted(e["data"]["type"] for e in data["edges"])
    assert kinds == ["link", "membership", "membership"]
    assert {lvl["value"] for lvl in data["levels"]} >= {"federal", "district", "municipality"}
    for edge in data["edges"]:
        assert edge["data"]["source"] in nodes and edge["data"]["target"] in nodes


def test_map_page_has_a_table_and_loads_the_graph_from_a_data_url(client, populated):
    html = client.get(reverse("networks:map", args=[populated.slug])).content.decode()
    assert f'data-network-map="{reverse("networks:map_data", args=[populated.slug])}"' in html
    assert "<caption" in html and 'scope="col"' in html
    assert "<script>" not in html and 'style="' not in html
    assert "vendor/cytoscape/cytoscape.min.js" in html and "js/network-map.js" in html


def test_picker_search_narrows_the_checkbox_list_without_javascript(
    client, coordinator_user, network
):
    ActorFactory(name="Caritasverband Heinsberg", short_name="Caritas", slug="caritas")
    ActorFactory(name="Diakonie", slug="diakonie")
    client.force_login(coordinator_user)
    url = reverse("networks:members", args=[network.slug])
    html = client.get(url, {"q": "carit"}).content.decode()
    assert "Caritasverband Heinsberg" in html and "Diakonie" not in html
    assert 'type="checkbox"' in html


def test_picker_leaves_out_current_members(client, coordinator_user, membership, network):
    client.force_login(coordinator_user)
    html = client.get(
        reverse("networks:members", args=[network.slug]), {"q": "Jobcenter"}
    ).content.decode()
    assert 'name="actors"' not in html


def test_coordinator_adds_several_actors_at_once(client, coordinator_user, network):
    a, b = ActorFactory(name="VHS"), ActorFactory(name="JMD")
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]),
        {"actors": [a.pk, b.pk], "role": "advisory", "since": "2024-02-01", "note": ""},
        follow=True,
    )
    assert "Aufgenommen: JMD, VHS" in response.content.decode()
    assert set(network.memberships.values_list("role", flat=True)) == {"advisory"}


def test_adding_without_a_choice_shows_an_accessible_error(client, coordinator_user, network):
    ActorFactory()
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:members", args=[network.slug]), {"role": "member", "since": "2024-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html and "Bitte wählen Sie mindestens einen Akteur aus." in html
    # The checkboxes form a fieldset whose description is the error message.
    assert re.search(
        r'<fieldset class="kern-fieldset kern-fieldset--error"[^>]*aria-describedby="\s*id_actors-error"',
        html,
    )
    assert 'id="id_actors-error"' in html


def test_end_before_start_is_refused_with_a_message_at_the_field(
    client, coordinator_user, membership, network
):
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:membership_edit", args=[network.slug, membership.pk]),
        {"version": 1, "role": "member", "since": "2024-01-01", "until": "2023-01-01", "note": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_until-error"' in html and "nicht vor dem Beginn" in html


def test_ending_before_the_start_shows_the_models_message_at_the_field(
    client, coordinator_user, network
):
    membership = MembershipFactory(network=network, since=datetime.date(2024, 1, 1))
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:membership_end", args=[network.slug, membership.pk]),
        {"version": 1, "until": "2023-12-31"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_until-error"' in html
    assert "Das Enddatum darf nicht vor dem Beginn liegen." in html
    assert "Begonnen am 01.01.2024." in html
    membership.refresh_from_db()
    assert membership.until is None


def test_a_link_ending_before_it_began_is_refused_at_the_field(client, coordinator_user, network):
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_add", args=[network.slug]),
        {
            "source": ActorFactory().pk,
            "target": ActorFactory().pk,
            "kind": "cooperation",
            "since": "2022-01-01",
            "until": "2021-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_until-error"' in html and "nicht vor dem Beginn" in html
    assert not CoordinationLink.objects.exists()


def test_second_of_two_coordinators_saving_the_same_version_is_refused(
    client, coordinator_user, admin_user, membership, network
):
    url = reverse("networks:membership_edit", args=[network.slug, membership.pk])
    client.force_login(coordinator_user)
    assert 'name="version" value="1"' in client.get(url).content.decode()
    client.force_login(admin_user)
    assert 'name="version" value="1"' in client.get(url).content.decode()

    client.force_login(coordinator_user)
    first = client.post(
        url, {"version": 1, "role": "chair", "since": "2021-01-01", "until": "", "note": "Cora"}
    )
    assert first.status_code == 302

    client.force_login(admin_user)
    second = client.post(
        url, {"version": 1, "role": "advisory", "since": "2021-01-01", "until": "", "note": "Ada"}
    )
    html = second.content.decode()
    assert second.status_code == 409
    assert "Ihre Änderung wurde nicht übernommen" in html
    assert "Aktuell gespeicherte Werte" in html and "Vorsitz/Lenkung" in html and "Cora" in html
    # The form keeps Ada's input but is now based on the current version.
    assert 'name="version" value="2"' in html and "Ada" in html
    membership.refresh_from_db()
    assert (membership.role, membership.note) == ("chair", "Cora")

    third = client.post(
        url, {"version": 2, "role": "advisory", "since": "2021-01-01", "until": "", "note": "Ada"}
    )
    assert third.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "advisory"


def test_ending_with_a_stale_version_is_refused(client, coordinator_user, membership, network):
    client.force_login(coordinator_user)
    url = reverse("networks:membership_end", args=[network.slug, membership.pk])
    assert client.post(url, {"version": 1, "until": "2024-06-30"}).status_code == 302
    # The membership has now ended: its end page is gone for new attempts …
    assert client.get(url).status_code == 404
    # … and a stale second submission is refused, not silently applied.
    response = client.post(url, {"version": 1, "until": "2024-12-31"})
    assert response.status_code == 409
    membership.refresh_from_db()
    assert membership.until == datetime.date(2024, 6, 30)


def test_coordinator_adds_and_ends_a_link_in_the_network(client, coordinator_user, network):
    abh, cm = ActorFactory(name="ABH"), ActorFactory(name="KIM CM")
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_add", args=[network.slug]),
        {
            "source": abh.pk,
            "target": cm.pk,
            "kind": "referral",
            "since": "2022-01-01",
            "description": "Fallübergabe",
        },
    )
    assert response.status_code == 302
    link = CoordinationLink.objects.get()
    assert link.network == network
    response = client.post(
        reverse("networks:link_end", args=[network.slug, link.pk]),
        {"version": 1, "until": "2024-01-01"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.until == datetime.date(2024, 1, 1)


def test_link_to_the_same_actor_is_refused_at_the_field(client, coordinator_user, network):
    abh = ActorFactory()
    client.force_login(coordinator_user)
    response = client.post(
        reverse("networks:link_add", args=[network.slug]),
        {"source": abh.pk, "target": abh.pk, "kind": "cooperation", "since": "2022-01-01"},
    )
    assert response.status_code == 400
    assert 'id="id_target-error"' in response.content.decode()


def test_history_page_shows_who_changed_what(
    client, coordinator_user, staff_user, membership, network
):
    client.force_login(coordinator_user)
    client.post(
        reverse("networks:membership_edit", args=[network.slug, membership.pk]),
        {"version": 1, "role": "coordination", "since": "2021-01-01", "until": "", "note": ""},
    )
    client.force_login(staff_user)
    html = client.get(reverse("networks:history", args=[network.slug])).content.decode()
    assert "Cora Koordination" in html
    assert "Mitglied" in html and "Koordination" in html and "Mitgliedschaft geändert" in html


def test_export_is_csv_with_all_memberships_for_staff(client, staff_user, populated):
    client.force_login(staff_user)
    response = client.get(reverse("networks:export", args=[populated.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Netzwerk", "Akteur", "Kurzname"]
    assert len(rows) == 1 + 4
    assert any(r[1] == "Ehemaliger Träger" and r[7] == "beendet" for r in rows)


def test_export_neutralises_spreadsheet_formulas(client, staff_user, network):
    MembershipFactory(network=network, actor=ActorFactory(name="=HYPERLINK(1)"))
    client.force_login(staff_user)
    body = client.get(reverse("networks:export", args=[network.slug])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_explainer_pages_quote_the_law_and_list_building_blocks(client):
    NetworkFactory(
        name="KIM-Lenkungsgruppe Kreis", slug="lg", programme="kim", kind="steering_group"
    )
    ki = client.get(reverse("networks:ki")).content.decode()
    assert "§ 8 Kommunale Integrationszentren" in ki
    assert "Integration durch Bildung" in ki and "Koordination Ehrenamt" in ki
    kim = client.get(reverse("networks:kim")).content.decode()
    assert "§ 9 Förderung Kommunales Integrationsmanagement" in kim
    for part in ("Was?", "Wie?", "Wodurch?", "Personalstellen bei den Ausländerbehörden"):
        assert part in kim
    assert 'href="/netzwerke/lg/"' in kim


def test_start_page_links_the_ki_explainer_and_the_network_list(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("networks:ki")}"' in html
    assert f'href="{reverse("networks:list")}"' in html


def test_pages_render_in_english(client, populated):
    html = client.get("/en/netzwerke/").content.decode()
    assert '<html lang="en">' in html
    assert "Map of all networks" in html and "KIM steering group" in html
    html = client.get(f"/en/netzwerke/{populated.slug}/")
    assert "Current members" in html.content.decode()
    kim = client.get("/en/netzwerke/kommunales-integrationsmanagement/").content.decode()
    # The law is quoted in the original German, marked as such for screen readers.
    assert "By what means? The building blocks" in kim and '<blockquote lang="de">' in kim


@translation.override("de")
def test_actor_networks_tag_shows_memberships_and_hides_internal_ones(rf, populated):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    internal = NetworkFactory(name="Interne Runde", slug="intern", is_public=False)
    ki = Actor.objects.get(slug="ki")
    MembershipFactory(network=internal, actor=ki)
    request = rf.get("/")
    request.user = AnonymousUser()
    html = Template("{% load networks %}{% actor_networks actor %}").render(
        Context({"actor": ki, "request": request})
    )
    assert "KIM-Lenkungsgruppe" in html and "Verweisung/Fallübergabe" in html
    assert "Interne Runde" not in html and "Geheime Notiz" not in html
    request.user = UserFactory()
    html = Template("{% load networks %}{% actor_networks actor %}").render(
        Context({"actor": ki, "request": request})
    )
    assert "Interne Runde" in html and "Geheime Notiz" in html


def test_nothing_is_ever_deleted_by_the_edit_flow(client, coordinator_user, membership, network):
    client.force_login(coordinator_user)
    client.post(
        reverse("networks:membership_end", args=[network.slug, membership.pk]),
        {"version": 1, "until": "2024-01-01"},
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- Cached member tables and map data ---------------------------------------------


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("name", ["networks:detail", "networks:map_data"])
def test_a_repeated_request_does_not_load_the_members_again(client, network, name):
    MembershipFactory.create_batch(3, network=network)
    url = reverse(name, args=[network.slug])
    assert any("networks_membership" in sql for sql in _queries(client, url))
    assert not any("networks_membership" in sql for sql in _queries(client, url))


def test_an_ended_membership_moves_to_the_former_members_at_once(
    client, network, membership, coordinator_user
):
    url = reverse("networks:detail", args=[network.slug])
    assert "Frühere Mitglieder" not in client.get(url).content.decode()
    services.time_bounded_end(
        record=membership,
        version=membership.version,
        until=datetime.date(2024, 6, 30),
        by=coordinator_user,
    )
    assert "Frühere Mitglieder" in client.get(url).content.decode()


def test_an_actor_made_internal_disappears_from_the_public_page_and_map_at_once(
    client, network, membership
):
    other = ActorFactory(name="Caritas Beratung", slug="caritas")
    MembershipFactory(network=network, actor=other)
    CoordinationLinkFactory(source=membership.actor, target=other, network=network)
    page = reverse("networks:detail", args=[network.slug])
    data = reverse("networks:map_data", args=[network.slug])
    assert "Caritas Beratung" in client.get(page).content.decode()
    assert "Caritas Beratung" in client.get(data).content.decode()

    other.is_public = False
    other.save()

    assert "Caritas Beratung" not in client.get(page).content.decode()
    assert "Caritas Beratung" not in client.get(data).content.decode()


def test_signed_in_staff_and_anonymous_visitors_get_their_own_tables(client, network, staff_user):
    MembershipFactory(network=network, actor=ActorFactory(name="Interne Stelle", is_public=False))
    url = reverse("networks:detail", args=[network.slug])
    assert "Interne Stelle" not in client.get(url).content.decode()
    client.force_login(staff_user)
    assert "Interne Stelle" in client.get(url).content.decode()
    client.logout()
    assert "Interne Stelle" not in client.get(url).content.decode()


@pytest.fixture
def led_network(network):
    """The network, led by an actor and part of a network that are made internal later
    (saved without ``clean()``, as that state arises)."""
    network.lead_actor = ActorFactory(name="Leitstelle Intern", short_name="LSI", slug="leitung")
    network.parent = NetworkFactory(name="Dachnetzwerk Intern", slug="dachnetzwerk")
    network.save()
    return network


def _make_internal(*records):
    for record in records:
        record.is_public = False
        record.save()


@pytest.mark.parametrize("language", ["de", "en"])
def test_lead_actor_and_parent_made_internal_later_vanish_for_visitors(
    client, led_network, language
):
    prefix = "" if language == "de" else "/en"
    pages = [f"{prefix}/netzwerke/", f"{prefix}/netzwerke/{led_network.slug}/"]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Leitstelle Intern" in html and "Dachnetzwerk Intern" in html, url

    _make_internal(led_network.lead_actor, led_network.parent)

    with translation.override(language):
        placeholder = str(visibility.NOT_PUBLIC)
    for url in pages:
        html = client.get(url).content.decode()
        for hidden in ("Leitstelle Intern", "LSI", "/akteure/leitung/", "Dachnetzwerk", "dachnetz"):
            assert hidden not in html, (url, hidden)
        assert placeholder in html, url


def test_staff_see_internal_lead_actor_and_parent_with_links(client, led_network, staff_user):
    _make_internal(led_network.lead_actor, led_network.parent)
    client.force_login(staff_user)
    html = client.get(led_network.get_absolute_url()).content.decode()
    assert '<a class="kern-link" href="/akteure/leitung/">Leitstelle Intern</a>' in html
    assert "(LSI)" in html
    assert '<a class="kern-link" href="/netzwerke/dachnetzwerk/">Dachnetzwerk Intern</a>' in html
    assert "nicht öffentlich" not in html
    assert "Dachnetzwerk Intern" in client.get("/netzwerke/").content.decode()


@pytest.mark.parametrize("first", ["staff", "anonymous"])
def test_cached_network_list_is_never_shared_between_staff_and_visitors(
    client, led_network, staff_user, first
):
    _make_internal(led_network.lead_actor)

    def visit(as_staff):
        if as_staff:
            client.force_login(staff_user)
        else:
            client.logout()
        return client.get("/netzwerke/").content.decode()

    order = [first == "staff", first != "staff"]
    seen = {as_staff: visit(as_staff) for as_staff in order}
    assert "Leitstelle Intern" in seen[True]
    assert "Leitstelle Intern" not in seen[False]


def test_map_data_leaves_out_an_actor_the_viewer_may_not_see_whatever_the_query(
    monkeypatch, network
):
    """The map asks the visibility helper too, not only the ``visible_to`` queryset."""
    from django.contrib.auth.models import AnonymousUser

    hidden = ActorFactory(slug="verdeckt", is_public=False)
    public = ActorFactory(slug="offen")
    memberships = [
        MembershipFactory(network=network, actor=hidden),
        MembershipFactory(network=network, actor=public),
    ]
    links = [
        CoordinationLinkFactory(network=network, source=hidden, target=public),
        CoordinationLinkFactory(network=network, source=public, target=ActorFactory(slug="x")),
    ]
    monkeypatch.setattr(
        graph,
        "network_members",
        lambda network, user, on=None: graph.NetworkMembers(
            current=memberships, former=[], links=links
        ),
    )
    data = graph.network_graph(network, AnonymousUser())
    ids = {node["data"]["id"] for node in data["nodes"]}
    assert f"actor-{hidden.pk}" not in ids and f"actor-{public.pk}" in ids
    assert len(data["edges"]) == 2
    assert all(
        edge["data"]["source"] in ids and edge["data"]["target"] in ids for edge in data["edges"]
    )


def test_the_overview_map_shows_a_bounded_number_of_networks_and_says_so(client, monkeypatch):
    import json

    monkeypatch.setattr(graph, "OVERVIEW_LIMIT", 2)
    for name in ("Arbeitskreis Bildung", "Arbeitskreis Sprache", "Runder Tisch Wohnen"):
        MembershipFactory(network=NetworkFactory(name=name))
    html = client.get(reverse("networks:overview_map")).content.decode()
    assert "Die Karte zeigt 2 von 3 Netzwerken" in html
    data = json.loads(client.get(reverse("networks:overview_map_data")).content)
    assert len([n for n in data["nodes"] if n["data"]["type"] == "network"]) == 2

    narrowed = client.get(reverse("networks:overview_map"), {"name": "tisch"}).content.decode()
    assert "Die Karte zeigt" not in narrowed
    assert "Runder Tisch Wohnen" in narrowed
    assert 'data-network-map="/netzwerke/karte/daten.json?name=tisch"' in narrowed
    data = json.loads(client.get(reverse("networks:overview_map_data"), {"name": "tisch"}).content)
    networks = [n["data"]["label"] for n in data["nodes"] if n["data"]["type"] == "network"]
    assert networks == ["Runder Tisch Wohnen"]


def test_the_overview_map_stops_before_too_many_members_but_shows_at_least_one_network(
    client, monkeypatch
):

    monkeypatch.setattr(graph, "OVERVIEW_MEMBER_LIMIT", 3)
    big = NetworkFactory(name="A Großes Netzwerk")
    small = NetworkFactory(name="B Kleines Netzwerk")
    for _ in range(4):
        MembershipFactory(network=big)
    MembershipFactory(network=small)
    html = client.get(reverse("networks:overview_map")).content.decode()
    assert "Die Karte zeigt 1 von 2 Netzwerken" in html
    assert "A Großes Netzwerk" in html
