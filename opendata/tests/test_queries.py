"""Fixed query counts: each answer of the API reads the same number of queries for one
record and for many (cold: the caches emptied before each request). The content
version is read once per request inside a test's transaction (outside, on PostgreSQL, a
worker keeps it: docs/performance.md)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Offer
from networks.models import Network
from opendata.tests.conftest import build_world, clear_caches

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/hsds/": 1,
    "/api/hsds/organizations": 3,
    "/api/hsds/organizations?full=true": 6,
    "/api/hsds/services?per_page=50": 3,
    "/api/hsds/services?per_page=50&full=true": 9,
    "/api/hsds/service_at_locations?full=true": 4,
    "/api/hsds/taxonomies": 1,
    "/api/hsds/taxonomy_terms": 5,
    "/api/hsds/organization_relationships": 3,
    "/api/hsds/networks": 3,
    "/api/hsds/networks?full=true": 4,
    "/api/hsds/memberships": 3,
    "/api/hsds/responsibilities": 4,
    "/api/hsds/tasks": 3,
}


def _count(client, url: str) -> int:
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.mark.parametrize("copies", [1, 12])
def test_lists_read_a_fixed_number_of_queries(client, copies):
    build_world(copies=copies)
    counted = {url: _count(client, url) for url in LISTS}
    assert counted == LISTS


@pytest.mark.parametrize("copies", [1, 12])
def test_records_read_a_fixed_number_of_queries(client, copies):
    world = build_world(copies=copies)
    offer = Offer.objects.order_by("-pk").first()
    network = Network.objects.get(pk=world.network.pk)
    counted = {
        "organization": _count(client, f"/api/hsds/organizations/{offer.actor.uuid}"),
        "service": _count(client, f"/api/hsds/services/{offer.uuid}"),
        "network": _count(client, f"/api/hsds/networks/{network.uuid}"),
    }
    assert counted == {"organization": 6, "service": 8, "network": 4}


def test_a_cached_answer_reads_only_the_content_version(client):
    build_world(copies=3)
    client.get("/api/hsds/services?per_page=50&full=true")
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/hsds/services?per_page=50&full=true")
    assert len(queries.captured_queries) == 1


def test_a_search_reads_a_fixed_number_of_queries(client):
    build_world(copies=1)
    few = _count(client, "/api/hsds/services?search=Beratung")
    build_world_extra = 8
    for n in range(build_world_extra):
        Offer.objects.create(
            actor=Offer.objects.first().actor,
            name=f"Beratung {n}",
            slug=f"beratung-extra-{n}",
            for_whole_district=True,
        )
    assert _count(client, "/api/hsds/services?search=Beratung") == few
