"""The directory at /akteure/: filters, sorting, pagination, visibility."""

import re

import django_filters
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from actors.extensions import register_directory_filter, unregister_directory_filter
from actors.filters import ActorFilterSet, directory_filterset_class
from actors.models import Actor, ActorDimension, Dimension, Directness, Obligation
from actors.tests.factories import (
    ActorFactory,
    ContactPersonFactory,
    LanguageFactory,
    MunicipalityFactory,
    TargetGroupFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actors:list")


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [actor.slug for actor in response.context["actors"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"ebene": "bund"}, {"bmi", "bamf", "bamf-regionalstelle", "bmas"}),
        (
            {"ebene": "kommune", "bereich": "gebietskoerperschaft"},
            {"stadt-erkelenz", "gemeinde-selfkant"},
        ),
        ({"art": "politik"}, {"kreistag-heinsberg", "integrationsraete"}),
        (
            {"bereich": "wohlfahrtsverband"},
            {"caritas-heinsberg", "diakonie-heinsberg", "awo-heinsberg"},
        ),
        ({"dimension": "sicherheit"}, {"bmi", "bamf", "im-nrw", "abh-kreis-heinsberg"}),
        ({"dimension": "zusammenhalt", "ebene": "kreis"}, {"ki-kreis-heinsberg"}),
        (
            {"aufgabenart": "freiwillig", "ebene": "kreis"},
            {"ki-kreis-heinsberg", "kim-case-management-kreis-heinsberg"},
        ),
        (
            {"aufgabenart": "pflicht", "ebene": "kreis"},
            {"abh-kreis-heinsberg", "jobcenter-kreis-heinsberg", "jugendamt-kreis-heinsberg"},
        ),
        (
            {"bezug": "unmittelbar", "ebene": "kreis"},
            {"abh-kreis-heinsberg", "ebh-kreis-heinsberg", "ki-kreis-heinsberg"},
        ),
        (
            {"bezug": "mittelbar"},
            {"vhs-kreis-heinsberg", "jobcenter-kreis-heinsberg", "kreis-heinsberg"},
        ),
        (
            {"zielgruppe": "geduldete"},
            {"abh-kreis-heinsberg", "kim-case-management-kreis-heinsberg"},
        ),
        ({"q": "Jugendmigrationsdienst"}, {"jmd-heinsberg"}),
    ],
)
def test_each_filter_narrows_the_keynote_directory(client, keynote, params, expected):
    assert expected <= set(_all_matching(client, params))


def _all_matching(client, params):
    response = client.get(URL, params)
    return [a.slug for a in response.context["paginator"].object_list]


@pytest.mark.parametrize(
    ("params", "excluded"),
    [
        ({"ebene": "bund"}, "abh-kreis-heinsberg"),
        ({"art": "politik"}, "bmi"),
        ({"dimension": "sicherheit"}, "jobcenter-kreis-heinsberg"),
        ({"aufgabenart": "freiwillig", "ebene": "kreis"}, "abh-kreis-heinsberg"),
        ({"bezug": "mittelbar"}, "abh-kreis-heinsberg"),
        ({"zielgruppe": "geduldete"}, "jmd-heinsberg"),
    ],
)
def test_each_filter_excludes_what_does_not_match(client, keynote, params, excluded):
    assert excluded not in _all_matching(client, params)


def test_municipality_filter_finds_the_town_and_its_local_actors(client):
    town = MunicipalityFactory(slug="stadt-a")
    other = MunicipalityFactory(slug="stadt-b")
    ActorFactory(slug="verein-in-a", municipality=town)
    ActorFactory(slug="verein-in-b", municipality=other)
    assert sorted(_all_matching(client, {"kommune": "stadt-a"})) == ["stadt-a", "verein-in-a"]


def test_language_filter(client):
    arabic = LanguageFactory(code="ar", name="Arabisch")
    speaks = ActorFactory(slug="spricht-arabisch")
    speaks.languages.add(arabic)
    ActorFactory(slug="ohne-sprache")
    assert _all_matching(client, {"sprache": "ar"}) == ["spricht-arabisch"]


def test_filter_through_many_relations_lists_each_actor_once(client):
    actor = ActorFactory(slug="vielfach")
    for i in range(3):
        TaskFactory(
            slug=f"t{i}", obligation=Obligation.MANDATORY, directness=Directness.DIRECT
        ).responsible_actors.add(actor)
    ActorDimension.objects.create(
        actor=actor, dimension=Dimension.WELFARE, obligation=Obligation.MANDATORY
    )
    group = TargetGroupFactory()
    actor.target_groups.add(group)
    assert _all_matching(
        client, {"aufgabenart": "pflicht", "bezug": "unmittelbar", "zielgruppe": group.slug}
    ) == ["vielfach"]


@pytest.mark.parametrize(
    "params",
    [
        {"ebene": "mars"},
        {"dimension": "1;DROP TABLE"},
        {"kommune": "gibt-es-nicht"},
        {"sortierung": "password"},
        {"seite": "abc"},
        {"seite": "999"},
        {"q": "x" * 500},
        {"q": "'\\:*&|!()"},
        {"sprache": ["de", "en"]},
    ],
)
def test_invalid_parameters_never_cause_an_error(client, keynote, params):
    response = client.get(URL, params)
    assert response.status_code == 200


def test_invalid_filter_value_is_reported_in_the_form(client, keynote):
    response = client.get(URL, {"ebene": "mars"})
    assert "ebene" in response.context["filter_form"].errors
    assert 'aria-invalid="true"' in response.content.decode()


def test_sorting_by_name_descending_and_by_level(client):
    ActorFactory(slug="a", name="Anton", level="municipality", kind="administration", sector="")
    ActorFactory(slug="b", name="Berta", level="eu", kind="superordinate", sector="")
    assert _all_matching(client, {"sortierung": "name-absteigend"}) == ["b", "a"]
    assert _all_matching(client, {"sortierung": "ebene"}) == ["b", "a"]
    assert _all_matching(client, {"sortierung": "name"}) == ["a", "b"]


def test_pagination_splits_results_and_keeps_the_filters(client):
    for i in range(45):
        ActorFactory(slug=f"s-{i:02d}", name=f"Stelle {i:02d}", level="district")
    ActorFactory(slug="bund", level="federal", kind="superordinate", sector="")
    first = client.get(URL, {"ebene": "kreis"})
    assert len(first.context["actors"]) == 20
    assert first.context["result_count"] == 45
    body = first.content.decode()
    assert "ebene=kreis&amp;seite=2" in body
    third = client.get(URL, {"ebene": "kreis", "seite": 3})
    assert [a.slug for a in third.context["actors"]] == [f"s-{i}" for i in range(40, 45)]
    assert client.get(URL, {"ebene": "kreis", "seite": 99}).context["page_obj"].number == 3


def test_result_count_is_shown(client, keynote):
    response = client.get(URL, {"ebene": "bund"})
    count = Actor.objects.filter(level="federal").count()
    assert f"{count} Akteure gefunden" in response.content.decode()


def test_anonymous_visitor_sees_only_public_actors(client, staff_user):
    ActorFactory(slug="offen", name="Offene Stelle")
    ActorFactory(slug="intern", name="Interne Stelle", is_public=False)
    assert _all_matching(client, {}) == ["offen"]
    client.force_login(staff_user)
    assert sorted(_all_matching(client, {})) == ["intern", "offen"]


@pytest.mark.parametrize("first", ["staff", "anonymous"])
def test_card_shows_a_municipality_and_parent_made_internal_later_to_staff_only(
    client, staff_user, first
):
    municipality = MunicipalityFactory(slug="gemeinde-intern", name="Gemeinde Intern")
    parent = ActorFactory(slug="dach-intern", name="Dach Intern", short_name="DI")
    ActorFactory(slug="vor-ort", name="Beratung vor Ort", municipality=municipality, parent=parent)
    for record in (municipality, parent):
        record.is_public = False
        record.save()

    def card(as_staff):
        if as_staff:
            client.force_login(staff_user)
        else:
            client.logout()
        return client.get(URL, {"q": "Beratung"}).content.decode()

    # Either order: the cached result list is never shared between the two.
    cards = {as_staff: card(as_staff) for as_staff in [first == "staff", first != "staff"]}
    assert "Gemeinde Intern" in cards[True] and "gehört zu DI" in cards[True]
    assert "<mark>Beratung</mark> vor Ort" in cards[False]
    assert "Gemeinde Intern" not in cards[False] and "gehört zu DI" not in cards[False]


def test_anonymous_visitor_never_sees_contact_persons_or_notes_in_the_list(client):
    actor = ActorFactory(slug="mit-kontakt", internal_notes="Vertraulich: Leitung wechselt")
    ContactPersonFactory(actor=actor, name="Erika Demo", email="erika@example.org")
    body = client.get(URL).content.decode()
    assert "Erika Demo" not in body and "erika@example.org" not in body
    assert "Vertraulich" not in body
    assert "export.csv" not in body


def test_filter_form_is_accessible_without_javascript(client, keynote):
    body = client.get(URL).content.decode()
    assert re.search(r'<form method="get" action="/akteure/"', body)
    for name in ["q", "sortierung"]:
        assert f'<label class="kern-label" for="id_{name}">' in body, name
    # The facets are groups of checkboxes, each named by its legend.
    for name in [
        "ebene",
        "art",
        "bereich",
        "dimension",
        "aufgabenart",
        "bezug",
        "kommune",
        "zielgruppe",
        "sprache",
    ]:
        assert re.search(
            rf'<fieldset class="kern-fieldset actors-facet" id="id_{name}">\s*<legend', body
        ), name
        assert f'<label class="kern-label" for="id_{name}_0">' in body, name
    assert "<script" not in body.split("<main")[1]


def _example_filter():
    return django_filters.CharFilter(
        field_name="dimension_roles__dimension", method="filter_related", label="Beispiel"
    )


def test_filter_set_accepts_filters_added_by_other_apps(client, keynote):
    before = directory_filterset_class()
    register_directory_filter("beispiel", _example_filter)
    try:
        assert "beispiel" in directory_filterset_class().base_filters
        slugs = _all_matching(client, {"beispiel": "security"})
        body = client.get(URL).content.decode()
    finally:
        unregister_directory_filter("beispiel")
    assert "abh-kreis-heinsberg" in slugs and "jobcenter-kreis-heinsberg" not in slugs
    assert 'for="id_beispiel"' in body
    # Nothing was patched: the directory's own filter set is as before.
    assert "beispiel" not in ActorFilterSet.base_filters
    assert directory_filterset_class() is before


def test_registered_filters_come_after_the_directorys_own():
    register_directory_filter("beispiel", _example_filter)
    try:
        names = list(directory_filterset_class().base_filters)
    finally:
        unregister_directory_filter("beispiel")
    assert names[: len(ActorFilterSet.base_filters)] == list(ActorFilterSet.base_filters)
    assert names[-1] == "beispiel"


def test_a_filter_name_is_registered_once():
    register_directory_filter("beispiel", _example_filter)
    try:
        register_directory_filter("beispiel", _example_filter)  # the same again: fine
        with pytest.raises(ValueError, match="beispiel"):
            register_directory_filter("beispiel", lambda: _example_filter())
    finally:
        unregister_directory_filter("beispiel")


def test_a_registered_filter_may_not_replace_one_of_the_directory():
    register_directory_filter("ebene", _example_filter)
    try:
        with pytest.raises(ImproperlyConfigured, match="ebene"):
            directory_filterset_class()
    finally:
        unregister_directory_filter("ebene")


def test_english_directory_is_served_under_en(client, keynote):
    response = client.get("/en/akteure/", {"ebene": "bund"})
    assert response.status_code == 200
    assert "bmi" in _all_matching(client, {"ebene": "bund"})
