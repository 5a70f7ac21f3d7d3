"""Every page runs a fixed number of queries, whether 10 or 500 actors exist."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.tests.helpers import build_directory
from core.caching import page_cache, search_cache

pytestmark = pytest.mark.django_db

# (page, signed in?, query string) → pinned number of queries. Every page reads the
# content version its cached fragments are keyed by (1). Signed-in requests read
# their session and account from the sessions cache (none) and see internal data. The networks app's extensions
# add a fixed number: the number and the choices of the "Mitglied im Netzwerk" filter on
# the list (2; the number decides between a select and a text field, and is cached per
# content version and visibility),
# the memberships and links section on the detail page (2). The detail page's JSON-LD
# reads the actor's public offers (1; with offers, their four relations once each).
# The list counts the actors beside each value of its facets: one grouped query per facet
# (10: nine of its own and the networks'), however many actors or values; a search adds
# the content version its synonyms are read under once more (a query only in tests). The
# list's three charts of the directory in numbers are one grouped query each (3); the
# multi-level page's figure reads its cells (2) and the ties the networks register (1;
# with ties to actors outside the cells one more, networks/tests/test_figures.py).
PAGES = [
    ("actors:list", False, {}, 24),
    ("actors:list", True, {}, 26),
    ("actors:list", False, {"q": "Beratung", "aufgabenart": "pflicht", "zielgruppe": "gefluechtete", "sortierung": "ebene"}, 29),
    # + the offers section, the version of the actor's memberships (core/versions.py)
    ("actors:detail", False, {}, 13),
    # + the change history of four models, the offers section, the memberships' version
    ("actors:detail", True, {}, 18),
    ("actors:multilevel", False, {}, 6),
    ("actors:tasks", False, {"bezug": "unmittelbar"}, 2),
    ("actors:export", True, {"ebene": "kreis"}, 7),
]  # fmt: skip


def _without_csrf_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _count(client, name, params):
    url = reverse(name, args=["stelle-0001"]) if name == "actors:detail" else reverse(name)
    # Cold cache: the pinned numbers include the total of the list and the filter choices,
    # which a repeated request takes from the cache (test below).
    page_cache.clear()
    search_cache.clear()
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


@pytest.mark.parametrize(
    "params", [{"ebene": "kreis", "seite": "2"}, {}, {"q": "Beratung", "seite": "2"}]
)
def test_a_repeated_directory_page_reads_only_the_content_version(client, params):
    build_directory(30)
    url = reverse("actors:list")
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url, params)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url, params)
    assert second.content == first.content
    # A search reads the synonym groups (cold: the version of their cache key and the
    # groups; warm: the version), and their version again each time they are asked for
    # once more (cold: for the facets' counts, for the result cards). Reading the version outside a request is
    # a query here, inside the test's transaction; none on PostgreSQL in production
    # (core/versions.py).
    search = "q" in params
    # Cold: the version, the number of networks (select or text field), the total, the
    # choices of the four model filters (municipality, target group, language, network),
    # the counts of the ten facets, the page of actors and its three prefetches, the
    # three charts of the directory in numbers.
    assert len(cold) == 24 + (4 if search else 0)
    # Warm: the total, the number of networks (per content version and visibility), the
    # filter form and the cards come from the cache (a search's from the search cache);
    # the search's queryset is not even built (core.pagination.LazyQuerySet).
    assert len(warm) == 1
    assert "integration_portal_contentversion" in warm.captured_queries[0]["sql"]


@pytest.mark.parametrize(
    ("name", "signed_in", "expected"),
    # Anonymous: the page whole from the page cache; signed in: the page whole as this
    # account saw it (core.caching.CachedSignedInPageMixin). Each reads the versions once.
    [
        ("actors:detail", False, 1),
        ("actors:detail", True, 1),
        ("actors:multilevel", False, 1),
        ("actors:multilevel", True, 1),
    ],
)
def test_a_repeated_page_takes_its_body_from_the_cache(
    client, staff_user, name, signed_in, expected
):
    if signed_in:
        client.force_login(staff_user)
        client.get(reverse("imprint"))
    build_directory(30)
    url = reverse(name, args=["stelle-0001"]) if name == "actors:detail" else reverse(name)
    first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    # Equal but for the sign-out form's CSRF token, which is masked anew on every request.
    assert _without_csrf_token(second) == _without_csrf_token(first)
    # The content version; signed-in accounts' session and account come from the
    # sessions cache (core/sign_in_cache.py).
    assert len(warm) == expected
