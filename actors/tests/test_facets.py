"""The directory's facets: several values per facet, and a count beside each value."""

import csv
import io
import re

import django_filters
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors import filters
from actors.extensions import register_directory_filter, unregister_directory_filter
from actors.filters import LONG_FACET
from actors.models import ActorDimension, Dimension, Directness, Level, Obligation
from actors.tests.factories import (
    ActorFactory,
    LanguageFactory,
    MunicipalityFactory,
    TargetGroupFactory,
    TaskFactory,
)
from actors.tests.helpers import build_directory
from core.caching import page_cache, search_cache

pytestmark = pytest.mark.django_db
URL = reverse("actors:list")


def _rendered(client, params):
    """The directory rendered for this request (an anonymous visitor's bare list is
    otherwise served whole from the page cache, without a context to read)."""
    page_cache.clear()
    return client.get(URL, params)


def listed(client, params) -> set[str]:
    response = _rendered(client, params)
    assert response.status_code == 200
    return {actor.slug for actor in response.context["paginator"].object_list}


def counts(client, params, name) -> dict[str, int]:
    """The counts the page shows beside the values of one facet."""
    response = _rendered(client, params)
    assert response.status_code == 200
    (facet,) = [f for f in response.context["facets"] if f.field.name == name]
    return {option.value: option.count for option in facet.options}


@pytest.fixture
def levels_and_kinds():
    ActorFactory(slug="kreis-politik", level=Level.DISTRICT, kind="politics", sector="")
    ActorFactory(slug="kreis-verwaltung", level=Level.DISTRICT, kind="administration", sector="")
    ActorFactory(
        slug="kommune-verwaltung", level=Level.MUNICIPALITY, kind="administration", sector=""
    )
    ActorFactory(slug="bund-verwaltung", level=Level.FEDERAL, kind="administration", sector="")
    ActorFactory(slug="bund-extern", level=Level.FEDERAL, kind="external")


def test_several_values_of_a_facet_widen_the_list(client, levels_and_kinds):
    assert listed(client, {"ebene": ["kreis", "kommune"]}) == {
        "kreis-politik",
        "kreis-verwaltung",
        "kommune-verwaltung",
    }


def test_facets_narrow_each_other(client, levels_and_kinds):
    params = {"ebene": ["kreis", "bund"], "art": ["verwaltung", "extern"]}
    assert listed(client, params) == {"kreis-verwaltung", "bund-verwaltung", "bund-extern"}


def test_a_single_value_as_in_older_links_still_filters(client, levels_and_kinds):
    assert listed(client, {"ebene": "bund"}) == {"bund-verwaltung", "bund-extern"}
    assert listed(client, {"ebene": ["bund", "bund"]}) == {"bund-verwaltung", "bund-extern"}


def test_a_facets_counts_apply_the_other_facets_but_not_its_own_choice(client, levels_and_kinds):
    params = {"ebene": "kreis", "art": "verwaltung"}
    # Level: every administration, whatever its level (the chosen "kreis" does not apply).
    assert counts(client, params, "ebene") == {
        "eu": 0,
        "bund": 1,
        "land": 0,
        "kreis": 1,
        "kommune": 1,
    }
    # Kind: every actor of the Kreis level, whatever its kind.
    assert counts(client, params, "art") == {
        "uebergeordnet": 0,
        "politik": 1,
        "verwaltung": 1,
        "extern": 0,
    }
    # Without any choice every value counts all actors that have it.
    assert counts(client, {}, "ebene")["bund"] == 2


def test_counts_are_shown_inside_the_labels_of_the_checkboxes(client, levels_and_kinds):
    body = client.get(URL, {"ebene": "kreis", "art": "verwaltung"}).content.decode()
    assert (
        '<input class="kern-form-check__checkbox" type="checkbox" name="ebene" value="kreis"'
        ' id="id_ebene_3" checked>'
    ) in body
    assert re.search(
        r'<label class="kern-label" for="id_ebene_1">Bund\s*'
        r'<span class="actors-facet__count">\(1\)</span></label>',
        body,
    )
    assert re.search(r'<fieldset class="kern-fieldset actors-facet" id="id_art">\s*<legend', body)
    assert 'value="verwaltung" id="id_art_2" checked>' in body


def test_counts_follow_the_search(client):
    ActorFactory(slug="beratung-kreis", name="Beratung Kreis", level=Level.DISTRICT)
    ActorFactory(slug="beratung-bund", name="Beratung Bund", level=Level.FEDERAL)
    ActorFactory(slug="anderes", name="Jugendamt", level=Level.FEDERAL)
    assert counts(client, {"q": "Beratung"}, "ebene")["bund"] == 1
    assert counts(client, {"q": "Beratung", "ebene": "kreis"}, "ebene")["bund"] == 1


def test_relation_facets_count_each_actor_once(client):
    group = TargetGroupFactory(slug="gefluechtete")
    arabic = LanguageFactory(code="ar")
    town = MunicipalityFactory(slug="stadt-a")
    both = ActorFactory(slug="beides", municipality=town)
    for i in range(3):
        TaskFactory(
            slug=f"t{i}", obligation=Obligation.MANDATORY, directness=Directness.DIRECT
        ).responsible_actors.add(both)
    ActorDimension.objects.create(
        actor=both, dimension=Dimension.WELFARE, obligation=Obligation.MANDATORY
    )
    ActorDimension.objects.create(
        actor=both, dimension=Dimension.SECURITY, obligation=Obligation.VOLUNTARY
    )
    both.target_groups.add(group)
    both.languages.add(arabic)
    other = ActorFactory(slug="freiwillig")
    ActorDimension.objects.create(
        actor=other, dimension=Dimension.WELFARE, obligation=Obligation.VOLUNTARY
    )
    assert counts(client, {}, "aufgabenart") == {"pflicht": 1, "freiwillig": 2}
    assert counts(client, {}, "dimension") == {"sicherheit": 1, "wohlfahrt": 2, "zusammenhalt": 0}
    assert counts(client, {}, "bezug") == {"unmittelbar": 1, "mittelbar": 0}
    assert counts(client, {}, "zielgruppe") == {"gefluechtete": 1}
    assert counts(client, {}, "sprache") == {"ar": 1}
    # The municipality itself and the actor located there.
    assert counts(client, {}, "kommune") == {"stadt-a": 2}
    assert counts(client, {"aufgabenart": "pflicht"}, "dimension")["wohlfahrt"] == 1


def test_anonymous_visitors_counts_leave_out_internal_actors(client, staff_user):
    group = TargetGroupFactory(slug="geduldete")
    ActorFactory(slug="offen", level=Level.DISTRICT).target_groups.add(group)
    ActorFactory(slug="intern", level=Level.DISTRICT, is_public=False).target_groups.add(group)
    assert counts(client, {"ebene": "kommune"}, "ebene")["kreis"] == 1
    assert counts(client, {}, "zielgruppe") == {"geduldete": 1}
    client.force_login(staff_user)
    assert counts(client, {"ebene": "kommune"}, "ebene")["kreis"] == 2
    assert counts(client, {}, "zielgruppe") == {"geduldete": 2}


def _kreis_label(client) -> str:
    body = client.get(URL, {"ebene": "kommune"}).content.decode()
    return re.search(
        r'for="id_ebene_3">(Kreis <span class="actors-facet__count">\(\d\)</span>)', body
    )[1]


def test_the_cached_form_with_its_counts_is_kept_apart_by_visibility(client, staff_user):
    ActorFactory(slug="offen", level=Level.DISTRICT)
    ActorFactory(slug="intern", level=Level.DISTRICT, is_public=False)
    assert "(1)" in _kreis_label(client)
    client.force_login(staff_user)
    assert "(2)" in _kreis_label(client)
    client.logout()
    assert "(1)" in _kreis_label(client)


@pytest.mark.parametrize(
    "params",
    [
        {"ebene": ["kommune", "mars"]},
        {"dimension": ["sicherheit", "1;DROP TABLE"]},
        {"kommune": ["gibt-es-nicht"]},
        {"zielgruppe": ["\x00"]},
        {"sprache": ["ar", "xx"]},
    ],
)
def test_an_unknown_value_is_an_error_in_the_form_not_a_server_error(client, params):
    LanguageFactory(code="ar")
    TargetGroupFactory(slug="gefluechtete")
    MunicipalityFactory(slug="stadt-a")
    ActorFactory(slug="stelle")
    response = client.get(URL, params)
    assert response.status_code == 200
    (name,) = params
    assert name in response.context["filter_form"].errors
    body = response.content.decode()
    assert f'id="id_{name}-error"' in body and 'aria-invalid="true"' in body
    # The other facets are counted and the list is shown all the same.
    assert response.context["result_count"] >= 1


def test_an_unknown_value_leaves_the_other_facets_applied(client, levels_and_kinds):
    assert listed(client, {"ebene": "mars", "art": "extern"}) == {"bund-extern"}


def test_long_lists_leave_out_values_without_actors_unless_chosen(client):
    used = TargetGroupFactory(slug="genutzt", name="Genutzt")
    for i in range(LONG_FACET + 3):
        TargetGroupFactory(slug=f"leer-{i}", name=f"Leer {i}")
    ActorFactory(slug="stelle").target_groups.add(used)
    body = client.get(URL, {"zielgruppe": "leer-1"}).content.decode()
    assert 'value="genutzt"' in body and 'value="leer-1"' in body
    assert 'value="leer-2"' not in body
    assert "weitere Werte ohne Treffer ausgeblendet" in body
    # Short lists show every value, those without actors muted.
    assert 'class="kern-form-check actors-facet__option--empty"' in body


def test_a_very_long_list_is_a_multiple_select_with_the_same_parameters(client, monkeypatch):
    monkeypatch.setattr(filters, "SELECT_FACET", 3)
    towns = [MunicipalityFactory(slug=f"ort-{i}", name=f"Ort {i}") for i in range(5)]
    for town in towns[:4]:
        ActorFactory(slug=f"stelle-in-{town.slug}", municipality=town)
    body = client.get(URL, {"kommune": ["ort-0", "ort-2"]}).content.decode()
    start = body.rindex("<select ", 0, body.index('name="kommune" id="id_kommune"'))
    select = body[start : body.index("</select>", start)]
    assert 'class="actors-facet__select" multiple size="10"' in select
    assert 'aria-describedby="id_kommune-hint"' in select
    assert re.search(r'<option value="ort-0" selected>Ort 0 \(\d+\)</option>', select)
    assert re.search(r'<option value="ort-1">Ort 1 \(\d+\)</option>', select)
    assert '<label class="kern-label" for="id_kommune">' in body
    assert 'type="checkbox" name="kommune"' not in body
    # Chosen in the select, the values are OR'd as the checkboxes were.
    found = listed(client, {"kommune": ["ort-0", "ort-2"]})
    assert {"stelle-in-ort-0", "stelle-in-ort-2"} <= found
    assert "stelle-in-ort-1" not in found


def test_the_cached_form_differs_by_every_chosen_value(client, levels_and_kinds):
    one = client.get(URL, {"ebene": "kreis"}).content.decode()
    two = client.get(URL, {"ebene": ["kreis", "bund"]}).content.decode()
    assert 'value="bund" id="id_ebene_1">' in one
    assert 'value="bund" id="id_ebene_1" checked>' in two
    # The order of the values makes no other variant.
    with CaptureQueriesContext(connection) as warm:
        again = client.get(URL, {"ebene": ["bund", "kreis"]}).content.decode()
    assert 'value="bund" id="id_ebene_1" checked>' in again
    assert len(warm) == 1  # the content version: form, total and cards are cached


def _queries(client, params) -> int:
    page_cache.clear()
    search_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries)


def test_counting_takes_one_query_per_facet_whatever_the_rows_or_values(client):
    few = {"ebene": "kreis", "zielgruppe": "gefluechtete", "sprache": "ar"}
    many = {
        "ebene": ["kreis", "bund", "kommune"],
        "zielgruppe": ["gefluechtete"],
        "sprache": ["ar"],
    }
    build_directory(10)
    small = (_queries(client, few), _queries(client, many))
    for i in range(30):
        TargetGroupFactory(slug=f"gruppe-{i}")
        LanguageFactory(code=f"s{i}")
    build_directory(190, offset=10)
    large = (_queries(client, few), _queries(client, many))
    assert small == large
    assert small[0] == small[1]


def test_the_export_takes_several_values_of_a_facet(client, staff_user, levels_and_kinds):
    client.force_login(staff_user)
    response = client.get(reverse("actors:export"), {"ebene": ["kreis", "kommune"]})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    text = "\n".join(",".join(row) for row in rows)
    for slug in ("kreis-politik", "kreis-verwaltung", "kommune-verwaltung"):
        assert slug in text
    assert "bund-verwaltung" not in text


def _dimension_filter():
    return django_filters.MultipleChoiceFilter(
        field_name="dimension_roles__dimension",
        method="filter_related",
        choices=Dimension.choices,
        label="Beispiel",
    )


def test_a_registered_filter_may_take_several_values(client):
    for slug, dimension in [("s", Dimension.SECURITY), ("w", Dimension.WELFARE), ("z", None)]:
        actor = ActorFactory(slug=slug)
        if dimension:
            ActorDimension.objects.create(
                actor=actor, dimension=dimension, obligation=Obligation.MANDATORY
            )
    register_directory_filter("beispiel", _dimension_filter)
    try:
        both = listed(client, {"beispiel": [Dimension.SECURITY, Dimension.WELFARE]})
        body = client.get(URL).content.decode()
    finally:
        unregister_directory_filter("beispiel")
    assert both == {"s", "w"}
    # Not a facet with counts (it has no ``facet_counts``): rendered as a plain field.
    assert 'id="id_beispiel"' in body
