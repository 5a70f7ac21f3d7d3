"""The keynote's figures from the network data: the KI's roles, the KIM's building blocks,
the networking of the local actors, and the coordination links as the ties of the
multi-level figure. Each drawn from the data (a new network, member or link changes
it), its table twin saying every word the picture shows, nothing internal for anonymous
visitors, a fixed number of queries; and each linked from the thesis it illustrates."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Dimension, Kind, Level, Sector
from actors.tests.factories import ActorDimensionFactory
from core.caching import page_cache
from core.tests.figure_checks import missing_from_twin, svg_labels, svg_line_count, twin_text
from networks.models import FieldOfWork, LinkKind, NetworkKind, Programme
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db

FIGURES = {
    "networks:figure_ki_roles": "abbildung-ki-rollen",
    "networks:figure_kim_bodies": "abbildung-kim-bausteine",
    "networks:figure_local_networking": "abbildung-vernetzung",
}
MULTILEVEL = "abbildung-verflechtungen"


@pytest.fixture
def keynote():
    call_command("seed_keynote", stdout=io.StringIO())


def _page(client, name) -> str:
    page_cache.clear()
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_of_the_keynote_data_has_a_twin_with_all_its_labels(
    client, staff_user, keynote, name, signed_in
):
    if signed_in:
        client.force_login(staff_user)
    page = _page(client, name)
    dom_id = FIGURES[name]
    labels = svg_labels(page, dom_id)
    assert len(labels) > 8
    assert missing_from_twin(page, dom_id) == []
    # No script, no picture from elsewhere: the figure is text and shapes.
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "<script" not in svg and "<image" not in svg and "href" not in svg
    assert 'role="img"' in svg and "<desc" in svg


def test_ki_roles_show_the_three_roles_with_their_networks(client, keynote):
    page = _page(client, "networks:figure_ki_roles")
    labels = svg_labels(page, FIGURES["networks:figure_ki_roles"])
    for role in (
        "Integration durch Bildung",
        "Integration als Querschnittsaufgabe",
        "Koordination Ehrenamt",
    ):
        assert role in labels
    assert "Arbeitskreis Integration durch Bildung" in labels
    assert "Ehrenamtsnetzwerk Integration" in labels
    NetworkFactory(
        name="Sprachpatenschaften Erkelenz",
        programme=Programme.KI,
        field_of_work=FieldOfWork.VOLUNTEERING,
    )
    page = _page(client, "networks:figure_ki_roles")
    assert "Sprachpatenschaften Erkelenz" in svg_labels(page, FIGURES["networks:figure_ki_roles"])
    assert "0 Mitglieder" in svg_labels(page, FIGURES["networks:figure_ki_roles"])


def test_kim_bodies_connect_through_shared_members(client):
    steering = NetworkFactory(name="Lenkungsgruppe Test", kind=NetworkKind.STEERING_GROUP)
    cases = NetworkFactory(name="Fallverbund Test", kind=NetworkKind.CASE_MANAGEMENT)
    shared = ActorFactory(name="Ausländerbehörde Test")
    MembershipFactory(network=steering, actor=shared)
    MembershipFactory(network=cases, actor=ActorFactory(name="Jobcenter Test"))
    dom_id = FIGURES["networks:figure_kim_bodies"]
    page = _page(client, "networks:figure_kim_bodies")
    assert svg_line_count(page, dom_id, "--shared") == 0
    assert "Lenkungsgruppe Test" in svg_labels(page, dom_id)
    MembershipFactory(network=cases, actor=shared)
    page = _page(client, "networks:figure_kim_bodies")
    assert svg_line_count(page, dom_id, "--shared") == 1
    assert "1 gemeinsames Mitglied" in svg_labels(page, dom_id)
    assert missing_from_twin(page, dom_id) == []


def test_local_networking_shows_local_actors_and_their_current_memberships(client):
    network = NetworkFactory(name="Runder Tisch Integration")
    town = ActorFactory(
        name="Stadt Musterstadt",
        level=Level.MUNICIPALITY,
        kind=Kind.ADMINISTRATION,
        sector=Sector.LOCAL_AUTHORITY,
    )
    MembershipFactory(network=network, actor=town)
    MembershipFactory(
        network=network, actor=ActorFactory(name="Bundesbehörde", level=Level.FEDERAL)
    )
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Ausgeschiedener Verein"),
        until=datetime.date(2022, 1, 1),
    )
    dom_id = FIGURES["networks:figure_local_networking"]
    page = _page(client, "networks:figure_local_networking")
    labels = svg_labels(page, dom_id)
    assert "Stadt Musterstadt" in labels and "Runder Tisch Integration" in labels
    assert "Bundesbehörde" not in labels  # not "vor Ort"
    assert "Ausgeschiedener Verein" not in labels  # left in 2022
    assert svg_line_count(page, dom_id, "--membership") == 1
    MembershipFactory(network=network, actor=ActorFactory(name="Caritas Test"))
    page = _page(client, "networks:figure_local_networking")
    assert "Caritas Test" in svg_labels(page, dom_id)
    assert svg_line_count(page, dom_id, "--membership") == 2


def test_no_internal_network_or_actor_reaches_anonymous_visitors(client, staff_user):
    internal_network = NetworkFactory(
        name="Interner Arbeitskreis",
        is_public=False,
        programme=Programme.KI,
        field_of_work=FieldOfWork.EDUCATION,
        kind=NetworkKind.CASE_MANAGEMENT,
    )
    public = NetworkFactory(
        name="Offenes Netzwerk",
        programme=Programme.KI,
        field_of_work=FieldOfWork.EDUCATION,
        kind=NetworkKind.STEERING_GROUP,
    )
    hidden_actor = ActorFactory(name="Interne Beratungsstelle", is_public=False)
    MembershipFactory(network=internal_network, actor=ActorFactory(name="Mitglied im Internen"))
    MembershipFactory(network=public, actor=hidden_actor)
    for name in FIGURES:
        page = _page(client, name)
        assert "Interner Arbeitskreis" not in page
        assert "Interne Beratungsstelle" not in page
        assert "Mitglied im Internen" not in page
    client.force_login(staff_user)
    page = _page(client, "networks:figure_ki_roles")
    assert "Interner Arbeitskreis" in svg_labels(page, FIGURES["networks:figure_ki_roles"])
    page = _page(client, "networks:figure_local_networking")
    assert "Interne Beratungsstelle" in svg_labels(
        page, FIGURES["networks:figure_local_networking"]
    )


def _world(size: int) -> None:
    for index in range(size):
        network = NetworkFactory(
            programme=Programme.KI,
            field_of_work=FieldOfWork.values[index % 3],
            kind=[NetworkKind.STEERING_GROUP, NetworkKind.CASE_MANAGEMENT][index % 2],
        )
        first, second = ActorFactory(), ActorFactory()
        MembershipFactory(network=network, actor=first)
        MembershipFactory(network=network, actor=second)
        CoordinationLinkFactory(source=first, target=second, network=network)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # version, the counts per field and the first networks of each
        ("networks:figure_ki_roles", 3),
        # version, counts, first networks, members, links
        ("networks:figure_kim_bodies", 5),
        # version, the number of networks, the largest ones, their local members
        ("networks:figure_local_networking", 4),
    ],
)
def test_figures_run_a_fixed_number_of_queries(client, name, expected):
    counts = []
    for size in (3, 40):
        _world(size)
        page_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as warm:
            client.get(reverse(name))
        assert len(warm) == 1  # the content version; the figure comes from the cache
    assert counts == [expected, expected]


# --- the links as the ties of the multi-level figure (actors.multilevel) ---------------


def test_a_new_link_adds_a_tie_to_the_multilevel_figure(client):
    federal = ActorFactory(
        name="Bundesamt Test", level=Level.FEDERAL, kind=Kind.SUPERORDINATE, sector=Sector.EXECUTIVE
    )
    ActorDimensionFactory(actor=federal, dimension=Dimension.SECURITY)
    local = ActorFactory(name="Beratung Test", short_name="BT")
    ActorDimensionFactory(actor=local, dimension=Dimension.WELFARE)
    other = ActorFactory(name="Kreisverwaltung Test", level=Level.DISTRICT)
    page = _page(client, "actors:multilevel")
    assert svg_line_count(page, MULTILEVEL, "--vertical") == 1  # the legend
    assert "Kreisverwaltung Test" not in svg_labels(page, MULTILEVEL)
    CoordinationLinkFactory(source=federal, target=local, kind=LinkKind.FUNDING)
    CoordinationLinkFactory(source=local, target=other, kind=LinkKind.REFERRAL)
    page = _page(client, "actors:multilevel")
    assert svg_line_count(page, MULTILEVEL, "--vertical") == 2
    assert svg_line_count(page, MULTILEVEL, "--horizontal") == 2  # the tie and the legend
    # The partner without a dimension stands in the column of further actors.
    assert "Kreisverwaltung Test" in svg_labels(page, MULTILEVEL)
    assert "Weitere vernetzte Akteure" in svg_labels(page, MULTILEVEL)
    assert missing_from_twin(page, MULTILEVEL) == []
    twin = twin_text(page, MULTILEVEL)
    assert "Förderung" in twin and "Verweisung/Fallübergabe" in twin


def test_ties_of_internal_networks_and_actors_stay_internal(client, staff_user):
    first = ActorFactory(
        name="Amt A", level=Level.STATE, kind=Kind.SUPERORDINATE, sector=Sector.EXECUTIVE
    )
    ActorDimensionFactory(actor=first)
    second = ActorFactory(name="Stelle B")
    internal = NetworkFactory(name="Geheimer Kreis", is_public=False)
    CoordinationLinkFactory(source=first, target=second, network=internal)
    CoordinationLinkFactory(
        source=first, target=ActorFactory(name="Interne Stelle C", is_public=False)
    )
    page = _page(client, "actors:multilevel")
    assert (
        "Stelle B" not in page and "Interne Stelle C" not in page and "Geheimer Kreis" not in page
    )
    client.force_login(staff_user)
    page = _page(client, "actors:multilevel")
    assert "Geheimer Kreis" in twin_text(page, MULTILEVEL)
    assert "Interne Stelle C" in svg_labels(page, MULTILEVEL)


@pytest.mark.parametrize("size", [3, 60])
def test_multilevel_page_with_ties_runs_a_fixed_number_of_queries(client, size):
    for _ in range(size):
        first = ActorFactory(level=Level.FEDERAL, kind=Kind.SUPERORDINATE, sector=Sector.EXECUTIVE)
        ActorDimensionFactory(actor=first)
        CoordinationLinkFactory(source=first, target=ActorFactory())
    page_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("actors:multilevel"))
    # version, the table (2), the figure's cells (2), the ties, the further actors
    assert len(queries) == 7


# --- the theses they illustrate ---------------------------------------------------------


def test_each_figure_is_linked_from_the_thesis_it_illustrates(client, keynote):
    page = client.get(reverse("timeline:theses")).content.decode()
    for number, url in (
        (3, reverse("actors:multilevel") + "#abbildung-verflechtungen"),
        (4, reverse("networks:figure_ki_roles")),
        (5, reverse("networks:figure_kim_bodies")),
        (6, reverse("networks:figure_local_networking")),
    ):
        section = page[page.index(f'id="these-{number}"') :]
        section = section[: section.index("</section>")]
        assert f'href="{url}"' in section, number
    english = client.get("/en" + reverse("timeline:theses")).content.decode()
    assert 'href="/en/netzwerke/abbildungen/ki-rollen/"' in english


def test_the_explainer_pages_link_their_figures(client):
    ki = client.get(reverse("networks:ki")).content.decode()
    kim = client.get(reverse("networks:kim")).content.decode()
    assert f'href="{reverse("networks:figure_ki_roles")}"' in ki
    assert f'href="{reverse("networks:figure_kim_bodies")}"' in kim
