"""The directory's figures: the multi-level figure, the directory in numbers, and the
municipality pages. Each drawn from the data (a new actor changes it), its table twin
saying every word the picture shows, nothing internal for anonymous visitors, and a
fixed number of queries."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors import charts
from actors.models import Dimension, Kind, Level, Obligation, Sector
from actors.tests.factories import (
    ActorDimensionFactory,
    ActorFactory,
    ContactPersonFactory,
    MunicipalityFactory,
    OfferFactory,
)
from core import registry
from core.caching import page_cache
from core.tests.figure_checks import missing_from_twin, svg_labels, svg_line_count, twin_text

pytestmark = pytest.mark.django_db

MULTILEVEL = "abbildung-verflechtungen"
NUMBERS = (
    "abbildung-akteure-nach-ebene",
    "abbildung-akteure-nach-art",
    "abbildung-akteure-nach-kommune",
)


@pytest.fixture
def keynote():
    call_command("seed_keynote", stdout=io.StringIO())


def _page(client, url, **params) -> str:
    page_cache.clear()
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# --- the multi-level figure -------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
def test_multilevel_figure_twin_says_every_label_of_the_keynote_picture(
    client, staff_user, keynote, signed_in
):
    if signed_in:
        client.force_login(staff_user)
    page = _page(client, reverse("actors:multilevel"))
    labels = svg_labels(page, MULTILEVEL)
    for expected in ("Sicherheit", "Wohlfahrt", "Gesellschaftlicher Zusammenhalt", "Bund", "Kreis"):
        assert expected in labels
    assert "ABH" in labels and "KIM CM" in labels  # a tie's actor without a dimension
    assert missing_from_twin(page, MULTILEVEL) == []
    # The keynote's links: ties between the levels and on one level.
    assert svg_line_count(page, MULTILEVEL, "--vertical") >= 2  # one tie, one legend line
    assert svg_line_count(page, MULTILEVEL, "--horizontal") >= 2


def test_multilevel_figure_follows_the_data(client):
    page = _page(client, reverse("actors:multilevel"))
    assert "Grenzschutzagentur" not in " ".join(svg_labels(page, MULTILEVEL))
    actor = ActorFactory(
        name="Europäische Grenzschutzagentur",
        slug="frontex",
        level=Level.EU,
        kind=Kind.SUPERORDINATE,
        sector=Sector.EXECUTIVE,
    )
    ActorDimensionFactory(actor=actor, dimension=Dimension.SECURITY)
    page = _page(client, reverse("actors:multilevel"))
    assert "Europäische Grenzschutzagentur" in svg_labels(page, MULTILEVEL)
    assert missing_from_twin(page, MULTILEVEL) == []


def test_multilevel_figure_draws_the_registered_ties(client, monkeypatch):
    federal = ActorFactory(
        name="Bundesamt X", level=Level.FEDERAL, kind=Kind.SUPERORDINATE, sector=Sector.EXECUTIVE
    )
    ActorDimensionFactory(actor=federal, dimension=Dimension.SECURITY)
    local = ActorFactory(name="Beratung Y", level=Level.DISTRICT)
    ActorDimensionFactory(actor=local, dimension=Dimension.WELFARE, obligation=Obligation.MANDATORY)
    url = reverse("actors:multilevel")
    before = _page(client, url)
    assert svg_line_count(before, MULTILEVEL, "--vertical") == 1  # the legend only
    tie = registry.Tie(federal.pk, local.pk, "Förderung", "Testnetzwerk")
    monkeypatch.setattr(registry, "TIE_PROVIDERS", [lambda user: [tie]])
    after = _page(client, url)
    assert svg_line_count(after, MULTILEVEL, "--vertical") == 2
    twin = twin_text(after, MULTILEVEL)
    assert "Förderung" in twin and "Testnetzwerk" in twin and "vertikal" in twin


def test_anonymous_visitors_see_no_internal_actor_in_the_multilevel_figure(client, staff_user):
    hidden = ActorFactory(
        name="Interne Stelle Z",
        is_public=False,
        level=Level.STATE,
        kind=Kind.SUPERORDINATE,
        sector=Sector.EXECUTIVE,
    )
    ActorDimensionFactory(
        actor=hidden, dimension=Dimension.COHESION, obligation=Obligation.VOLUNTARY
    )
    page = _page(client, reverse("actors:multilevel"))
    assert "Interne Stelle Z" not in page
    client.force_login(staff_user)
    page = _page(client, reverse("actors:multilevel"))
    assert "Interne Stelle Z" in svg_labels(page, MULTILEVEL)


# --- the directory in numbers -----------------------------------------------------------


def test_directory_charts_count_levels_kinds_and_municipalities(client):
    town = MunicipalityFactory(name="Stadt Musterstadt", slug="musterstadt")
    ActorFactory.create_batch(3, municipality=town)
    ActorFactory(
        name="Bundesamt", level=Level.FEDERAL, kind=Kind.SUPERORDINATE, sector=Sector.EXECUTIVE
    )
    page = _page(client, reverse("actors:list"))
    for dom_id in NUMBERS:
        assert missing_from_twin(page, dom_id) == []
    assert ["Stadt Musterstadt", "4"] == svg_labels(page, NUMBERS[2])
    level_labels = svg_labels(page, NUMBERS[0])
    assert level_labels[level_labels.index("Bund") + 1] == "1"
    assert level_labels[level_labels.index("Kreis") + 1] == "3"
    # A new actor moves the numbers (the content version renews the cached charts).
    ActorFactory(municipality=town)
    page = client.get(reverse("actors:list")).content.decode()
    assert ["Stadt Musterstadt", "5"] == svg_labels(page, NUMBERS[2])
    assert 'href="/akteure/?kommune=musterstadt"' in page


def test_directory_charts_leave_internal_actors_to_signed_in_accounts(client, staff_user):
    town = MunicipalityFactory(name="Stadt Intern", slug="intern", is_public=False)
    ActorFactory(municipality=town, is_public=True, name="Öffentliche Stelle")
    ActorFactory(is_public=False, level=Level.EU, kind=Kind.SUPERORDINATE, sector=Sector.EXECUTIVE)
    page = _page(client, reverse("actors:list"))
    assert "Stadt Intern" not in page
    eu = svg_labels(page, NUMBERS[0])
    assert eu[eu.index("Europäische Union") + 1] == "0"
    client.force_login(staff_user)
    page = _page(client, reverse("actors:list"))
    assert "Stadt Intern" in svg_labels(page, NUMBERS[2])


def test_municipality_chart_puts_the_rest_into_one_bar(monkeypatch):
    monkeypatch.setattr(charts, "MUNICIPALITY_LIMIT", 2)
    for index in range(4):
        MunicipalityFactory(name=f"Gemeinde {index}", slug=f"g-{index}")
    chart = charts.by_municipality(AnonymousUser())
    assert [bar.label for bar in chart.bars] == ["Gemeinde 0", "Gemeinde 1", "2 weitere Kommunen"]
    assert chart.bars[-1].count == 2


@pytest.mark.parametrize("size", [5, 60])
def test_directory_charts_take_one_query_each(size):
    for index in range(size):
        town = MunicipalityFactory(name=f"Stadt {index}", slug=f"stadt-{index}")
        ActorFactory(municipality=town)
    with CaptureQueriesContext(connection) as queries:
        charts.directory_charts(AnonymousUser())
    assert len(queries) == 3


# --- the municipality pages -------------------------------------------------------------


@pytest.fixture
def town():
    town = MunicipalityFactory(name="Stadt Musterstadt", slug="musterstadt")
    ActorFactory(name="Beratungsstelle Musterstadt", municipality=town)
    internal = ActorFactory(name="Interne Beratungsstelle", municipality=town, is_public=False)
    ContactPersonFactory(actor=town, name="Erika Kontaktperson")
    town.internal_notes = "Interne Notiz zur Stadt"
    town.save()
    OfferFactory(name="Sprachcafé Musterstadt", municipalities=[town])
    OfferFactory(name="Beratung im ganzen Kreis")
    OfferFactory(name="Internes Angebot", municipalities=[town], is_public=False)
    OfferFactory(name="Angebot der internen Stelle", actor=internal, municipalities=[town])
    OfferFactory(name="Eingestelltes Angebot", municipalities=[town], status="defunct")
    MunicipalityFactory(name="Stadt Anderswo", slug="anderswo")
    return town


def test_municipality_pages_list_the_towns_and_what_is_active_there(client, town):
    page = _page(client, reverse("municipalities:list"))
    assert "Stadt Musterstadt" in page and "Stadt Anderswo" in page
    assert missing_from_twin(page, "abbildung-akteure-nach-kommune") == []
    page = _page(client, reverse("municipalities:detail", args=["musterstadt"]))
    assert "Beratungsstelle Musterstadt" in page
    assert "Sprachcafé Musterstadt" in page and "Beratung im ganzen Kreis" in page


def test_municipality_page_shows_public_data_only_to_anonymous_visitors(client, staff_user, town):
    url = reverse("municipalities:detail", args=["musterstadt"])
    page = _page(client, url)
    for internal in (
        "Interne Beratungsstelle",
        "Internes Angebot",
        "Angebot der internen Stelle",
        "Eingestelltes Angebot",
        "Erika Kontaktperson",
        "Interne Notiz zur Stadt",
    ):
        assert internal not in page
    client.force_login(staff_user)
    page = _page(client, url)
    assert "Interne Beratungsstelle" in page and "Internes Angebot" in page
    # Contact persons and notes are on no version of the page.
    assert "Erika Kontaktperson" not in page and "Interne Notiz zur Stadt" not in page


def test_internal_or_unknown_municipality_is_not_found(client, staff_user):
    MunicipalityFactory(name="Gemeinde Intern", slug="intern", is_public=False)
    ActorFactory(slug="keine-kommune")
    for slug in ("intern", "keine-kommune", "gibt-es-nicht"):
        assert client.get(reverse("municipalities:detail", args=[slug])).status_code == 404
    client.force_login(staff_user)
    assert client.get(reverse("municipalities:detail", args=["intern"])).status_code == 200


@pytest.mark.parametrize("size", [3, 80])
def test_municipality_pages_run_a_fixed_number_of_queries(client, size):
    town = MunicipalityFactory(name="Stadt Musterstadt", slug="musterstadt")
    for index in range(size):
        MunicipalityFactory(name=f"Gemeinde {index}", slug=f"gemeinde-x{index}")
        ActorFactory(municipality=town)
        OfferFactory(municipalities=[town])
    for url, expected in (
        (reverse("municipalities:list"), 3),  # version, the towns, the chart
        # version, the town, its actors, its offers, the networks section
        (reverse("municipalities:detail", args=["musterstadt"]), 5),
    ):
        page_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == expected, [q["sql"] for q in queries.captured_queries]
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        assert len(warm) == 1  # the content version
