"""The HSDS API: answers valid against HSDS 3.0 with the profile, public data only,
HSDS-style 400 answers for bad parameters, caching headers."""

from __future__ import annotations

import json

import pytest

from actors.models import Actor, Offer
from opendata import vocabulary
from opendata.tests.conftest import MARK, build_world
from opendata.tests.hsds_crawl import crawl, invalid

pytestmark = pytest.mark.django_db


def _json(response):
    return json.loads(response.content)


def test_the_root_names_the_version_the_profile_and_the_openapi_description(client):
    data = _json(client.get("/api/hsds/"))
    assert data["version"] == "3.0"
    assert data["profile"].endswith("/api/hsds/profile")
    assert data["openapi_url"].endswith("/api/schema/")
    profile = _json(client.get("/api/hsds/profile"))
    assert set(profile["schemas"]) == {
        "organization_relationship.json",
        "network.json",
        "membership.json",
        "responsibility.json",
        "task.json",
    }
    assert "organization.json" in profile["patches"]


def test_every_answer_is_valid_hsds_for_every_kind_of_record(client, world):
    answers = crawl(client)
    assert len(answers) > 40
    assert not invalid(answers)
    # Every object of the mapping is there at least once.
    text = json.dumps(answers, ensure_ascii=False)
    for key in (
        "parent_organization_id",
        "service_areas",
        "service_at_locations",
        '"schedules"',
        '"byday": "MO"',
        "nach Terminvereinbarung",
        '"languages"',
        '"addresses"',
        '"accessibility"',
        '"attributes"',
        '"metadata"',
        "Pflicht",
        "Freiwillige Aufgabe",
        "related_organization_id",
        '"memberships"',
        "municipality_organization_ids",
        vocabulary.DEMO_TERM_ID,
    ):
        assert key in text, key


def test_every_answer_is_valid_hsds_for_the_keynote_content(client, keynote):
    answers = crawl(client, per_page=25, searches=("Ausländerbehörde",))
    assert not invalid(answers)
    organizations = answers["/api/hsds/organizations?per_page=25&page=1"]
    assert organizations["total_items"] == Actor.objects.public().count() > 20
    responsibilities = answers["/api/hsds/responsibilities?per_page=25&page=1"]
    assert responsibilities["total_items"] == 22


def test_the_mapping_of_an_organization(client, world):
    data = _json(client.get(f"/api/hsds/organizations/{world.kreis.uuid}"))
    assert data["name"] == "Kreis Muster"
    assert data["phones"][0]["number"] == "02452 13-0"
    (location,) = data["locations"]
    assert location["addresses"][0]["address_1"] == "Valkenburger Straße 45"
    assert location["schedules"][0]["description"] == "Mo–Fr 8–12 Uhr"
    kinds = {a["link_type"]: a["taxonomy_term"]["code"] for a in data["attributes"]}
    assert kinds == {"level": "kreis", "kind": "verwaltung", "sector": "gebietskoerperschaft"}
    assert data["metadata"][0]["last_action_date"] == "2024-09-19"
    child = _json(client.get(f"/api/hsds/organizations/{world.actor.uuid}"))
    assert child["parent_organization_id"] == str(world.kreis.uuid)
    assert child["municipality_organization_id"] == str(world.town.uuid)
    assert [s["name"] for s in child["services"]] == ["Kreisweit 0", "Sprachcafé 0"]


def test_the_mapping_of_a_service(client, world):
    data = _json(client.get(f"/api/hsds/services/{world.offer.uuid}"))
    assert data["organization_id"] == str(world.actor.uuid)
    assert data["status"] == "active"
    assert data["eligibility_description"] == "Geflüchtete"
    assert data["languages"][0]["code"] == "ar"
    assert data["service_areas"][0]["name"] == "Stadt Musterstadt"
    (at,) = data["service_at_locations"]
    assert at["location"]["accessibility"][0]["description"] == "Rampe am Eingang"
    days = sorted(s["byday"] for s in at["schedules"])
    assert days == ["MO", "WE"]  # its own hours and those of all places
    assert [s["byday"] for s in data["schedules"]] == ["WE"]  # the offer's for all places
    assert {a["taxonomy_term"]["code"] for a in data["attributes"]} == {
        "sprache-test",
        "gefluechtete",
    }


def test_filters_are_combined(client, world):
    topic_term = next(t for t in vocabulary.all_terms() if t["code"] == "sprache-test")["id"]
    url = f"/api/hsds/services?taxonomy_term_id={topic_term}"
    assert [s["name"] for s in _json(client.get(url))["contents"]] == ["Sprachcafé 0"]
    assert _json(client.get(url + "&modified_after=2025-02-02"))["total_items"] == 0
    assert (
        _json(client.get(url + "&modified_after=2025-02-01T00:00:00%2B01:00"))["total_items"] == 1
    )
    searched = _json(client.get(url + "&search=Beratungsstelle"))
    assert searched["total_items"] == 1
    assert _json(client.get(url + "&search=Kirchengemeinde"))["total_items"] == 0
    level = vocabulary.fixed_term_id(vocabulary.LEVEL, "district")
    orgs = _json(client.get(f"/api/hsds/organizations?taxonomy_term_id={level}"))
    assert [o["name"] for o in orgs["contents"]] == ["Kreis Muster"]


def test_pages_tell_where_they_are(client):
    build_world(copies=5)
    first = _json(client.get("/api/hsds/services?per_page=4"))
    assert (first["total_items"], first["total_pages"], first["size"]) == (10, 3, 4)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = _json(client.get("/api/hsds/services?per_page=4&page=3"))
    assert last["last_page"] and last["size"] == 2
    beyond = _json(client.get("/api/hsds/services?per_page=4&page=9"))
    assert beyond["empty"] and beyond["contents"] == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("per_page=0", "per_page"),
        ("per_page=100000", "per_page"),
        ("per_page=-1", "per_page"),
        ("per_page=abc", "per_page"),
        ("page=0", "page"),
        ("page=99999999999999999999", "page"),
        ("unknown=1", "unknown"),
        ("taxonomy_term_id=not-a-uuid", "taxonomy_term_id"),
        ("taxonomy_term_id=12345678-1234-1234-1234-12345678901g", "taxonomy_term_id"),
        ("modified_after=garbage", "modified_after"),
        ("modified_after=2024-13-45", "modified_after"),
        ("search=" + "x" * 201, "search"),
        ("search=a%00b", "search"),
        ("page=1&page=2", "page"),
        ("format=xml", "format"),
        ("full=maybe", "full"),
    ],
)
@pytest.mark.parametrize("endpoint", ["organizations", "services", "service_at_locations"])
def test_bad_parameters_are_refused_with_a_message(client, world, endpoint, query, parameter):
    response = client.get(f"/api/hsds/{endpoint}?{query}")
    assert response.status_code == 400
    data = _json(response)
    assert data["status"] == 400 and data["parameter"] == parameter and data["message"]


@pytest.mark.parametrize(
    "path",
    [
        "organizations",
        "services",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
        "networks",
    ],
)
def test_a_malformed_id_is_a_400_and_an_unknown_one_a_404(client, world, path):
    assert client.get(f"/api/hsds/{path}/1").status_code == 400
    assert client.get(f"/api/hsds/{path}/{'x' * 36}").status_code == 400
    missing = client.get(f"/api/hsds/{path}/3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert missing.status_code == 404
    assert _json(missing)["status"] == 404


def test_internal_records_have_no_address(client, world, internal):
    hidden = Actor.objects.get(is_public=False, name__endswith="hiddenactorx")
    assert client.get(f"/api/hsds/organizations/{hidden.uuid}").status_code == 404
    offer = Offer.objects.get(name__endswith="internalofferx")
    assert client.get(f"/api/hsds/services/{offer.uuid}").status_code == 404


def test_the_api_is_read_only(client, world):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/hsds/organizations")
        assert response.status_code == 405
        assert _json(response)["status"] == 405


def test_no_internal_data_in_any_answer(client, world, internal):
    answers = crawl(client, searches=("Beratung", MARK, *internal.values()))
    # The answers only: the addresses carry the searched markers themselves.
    text = json.dumps(list(answers.values()), ensure_ascii=False)
    leaks = [name for name, marker in internal.items() if marker in text]
    assert not leaks
    # Nothing of the contact persons, whatever the field is called.
    assert "contacts" not in text
    # The marked public records are there (so the crawl saw them).
    assert "Verein vor Ort" in text and "Angebot vor Ort" in text and "Teilnetz" in text


def test_signed_in_accounts_get_the_same_public_data(client, world, internal, staff_user):
    anonymous = client.get("/api/hsds/services?full=true").content
    client.force_login(staff_user)
    signed_in = client.get("/api/hsds/services?full=true").content
    assert signed_in == anonymous
    assert MARK.encode() not in signed_in


def test_answers_are_cached_with_validators_and_follow_every_change(client, world):
    response = client.get("/api/hsds/organizations")
    assert response["Cache-Control"] == "public, no-cache"
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    assert response["Last-Modified"]
    again = client.get("/api/hsds/organizations", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    world.kreis.name = "Kreis Muster (neu)"
    world.kreis.save()
    changed = client.get("/api/hsds/organizations", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Kreis Muster (neu)" in changed.content.decode()


def test_a_bad_request_is_not_cached(client, world):
    first = client.get("/api/hsds/services?per_page=0")
    assert first.status_code == 400 and "private" in first["Cache-Control"]
