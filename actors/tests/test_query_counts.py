"""Every page runs a fixed number of queries, whether 10 or 500 actors exist."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.tests.helpers import build_directory

pytestmark = pytest.mark.django_db

# (page, signed in?, query string) → pinned number of queries. Signed-in requests add
# the session and user lookups (2) and see internal data. The networks app's extensions
# add a fixed number: the choices of the "Mitglied im Netzwerk" filter on the list (1),
# the memberships and links section on the detail page (2).
PAGES = [
    ("actors:list", False, {}, 9),
    ("actors:list", True, {}, 13),
    ("actors:list", False, {"q": "Beratung", "aufgabenart": "pflicht", "zielgruppe": "gefluechtete", "sortierung": "ebene"}, 10),
    ("actors:detail", False, {}, 9),
    ("actors:detail", True, {}, 12),
    ("actors:multilevel", False, {}, 2),
    ("actors:tasks", False, {"bezug": "unmittelbar"}, 2),
    ("actors:export", True, {"ebene": "kreis"}, 7),
]  # fmt: skip


def _count(client, name, params):
    url = reverse(name, args=["stelle-0001"]) if name == "actors:detail" else reverse(name)
    # Cold cache: the pinned numbers include the total of the list and the filter choices,
    # which a repeated request takes from the cache (test below).
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("name", "signed_in", "params", "expected"), PAGES)
def test_query_count_does_not_grow_with_the_number_of_actors(
    client, staff_user, name, signed_in, params, expected
):
    if signed_in:
        client.force_login(staff_user)
        # The first request after signing in marks the session as refreshed (a write);
        # later ones write it at most every five minutes (integration_portal/sessions.py).
        client.get(reverse("imprint"))
    build_directory(10)
    small = _count(client, name, params)
    build_directory(490, offset=10)
    large = _count(client, name, params)
    assert (small, large) == (expected, expected)


def test_a_repeated_directory_page_takes_its_total_and_filter_form_from_the_cache(client):
    build_directory(30)
    url = reverse("actors:list")
    params = {"ebene": "kreis", "seite": "2"}
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url, params)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url, params)
    assert second.content == first.content
    assert "COUNT(" not in " ".join(q["sql"] for q in warm.captured_queries)
    # The total, and the choices of the four model filters (municipality, target group,
    # language, network) rendered into the cached form.
    assert len(cold) - len(warm) == 5
