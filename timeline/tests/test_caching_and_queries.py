"""Page cache, HTTP caching headers and the fixed number of queries per public page.

The pages are cached with ``core.caching.cache_public_page`` under the history's
content version, kept in the database (``core/versions.py``): every change shows on the
next request in every worker, and browsers revalidate each time (ETag, ``no-cache``).
"""

from __future__ import annotations

import pytest
from django.utils.http import parse_http_date

from core import versions
from core.caching import page_cache
from timeline.apps import CONTENT_VERSION
from timeline.models import Event, Period, Status
from timeline.tests.factories import (
    CharacteristicFactory,
    CitationFactory,
    EventFactory,
    PeriodFactory,
    QuoteFactory,
    SourceFactory,
    ThesisFactory,
)

pytestmark = pytest.mark.django_db

# Reading the history's content version: one indexed query, on every anonymous request,
# cached or not (the price of a page that is never stale in any worker).
VERSION_READ = 1

# Queries per page on the first (uncached) render, the same for small and large data,
# besides the version read.
PAGE_QUERIES = [
    # Periods, their events; the timeline picture in both orientations is drawn from them.
    ("/geschichte/", 2),
    ("/geschichte/?ebene=state&art=law", 2),
    ("/en/geschichte/", 2),
    ("/geschichte/1990er/", 5),  # period, characteristics, events, citations, all periods
    # All periods at once (the page's own and the bands of its timeline).
    ("/geschichte/1990er/leichte-sprache/", 1),
    ("/en/geschichte/ab-2010er/leichte-sprache/", 1),
    ("/geschichte/thesen/", 3),  # theses, quotes, citations
    ("/geschichte/literatur/", 3),  # sources, citations, quotes
    ("/en/geschichte/1990er/", 5),
]


def _add_much_more_content():
    period = Period.objects.get(slug="1990er")
    sources = SourceFactory.create_batch(10)
    for i in range(30):
        characteristic = CharacteristicFactory(period=period, position=100 + i)
        CitationFactory(characteristic=characteristic, source=sources[i % 10])
        event = EventFactory(period=period, year=1990 + i % 10, level="state", kind="law")
        CitationFactory(event=event, source=sources[(i + 1) % 10])
    for _ in range(5):
        other = PeriodFactory()
        EventFactory.create_batch(5, period=other)
    for i in range(10):
        thesis = ThesisFactory()
        QuoteFactory(thesis=thesis, source=sources[i], position=1)
        CitationFactory(thesis=thesis, source=sources[i])


@pytest.mark.parametrize(("url", "queries"), PAGE_QUERIES)
@pytest.mark.parametrize("size", ["keynote", "large"])
def test_public_pages_run_a_fixed_number_of_queries_and_only_the_version_from_cache(
    client, seeded, django_assert_num_queries, url, queries, size
):
    if size == "large":
        _add_much_more_content()
    with django_assert_num_queries(VERSION_READ + queries):
        first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(VERSION_READ):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_send_cache_control_etag_and_last_modified(client, seeded):
    response = client.get("/geschichte/")
    # Browsers keep the page but ask every time: a withdrawn page is gone at once.
    assert directives(response) == {"public", "no-cache"}
    assert "max-age" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    etag = response["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    # The time of the last change of the history (its content version).
    assert parse_http_date(response["Last-Modified"]) == (
        versions.current(CONTENT_VERSION) // 10**9
    )
    again = client.get("/geschichte/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    since = client.get("/geschichte/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_etag_changes_when_content_changes(client, seeded):
    etag = client.get("/geschichte/1990er/")["ETag"]
    period = Period.objects.get(slug="1990er")
    period.summary = "Neu geschrieben."
    period.save()
    response = client.get("/geschichte/1990er/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Neu geschrieben." in response.content.decode()
    assert client.get("/geschichte/1990er/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == (
        304
    )


def test_languages_are_cached_separately(client, seeded):
    assert "Geschichte der kommunalen" in client.get("/geschichte/").content.decode()
    assert "History of municipal" in client.get("/en/geschichte/").content.decode()
    assert "Geschichte der kommunalen" in client.get("/geschichte/").content.decode()


def test_signed_in_users_get_a_fresh_private_page(client, seeded, editor_user):
    client.get("/geschichte/")  # fills the cache for anonymous visitors
    client.force_login(editor_user)
    response = client.get("/geschichte/")
    assert "Angemeldet als Eda Redaktion" in response.content.decode()
    assert {"private", "no-cache"} <= directives(response)
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response


def test_publishing_in_the_admin_invalidates_the_cached_pages(client, seeded, editor_user):
    period = Period.objects.get(slug="2000er")
    draft = EventFactory(period=period, title="Frisch veröffentlicht", status=Status.DRAFT)
    assert "Frisch veröffentlicht" not in client.get("/geschichte/").content.decode()
    assert "Frisch veröffentlicht" not in client.get("/geschichte/2000er/").content.decode()

    editor = type(client)()
    editor.force_login(editor_user)
    response = editor.post(
        "/verwaltung/timeline/event/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED

    assert "Frisch veröffentlicht" in client.get("/geschichte/").content.decode()
    assert "Frisch veröffentlicht" in client.get("/geschichte/2000er/").content.decode()


def test_withdrawing_and_deleting_invalidate_too(client, seeded):
    event = Event.objects.get(slug="2005-zuwanderungsgesetz")
    assert "Inkrafttreten des Zuwanderungsgesetzes" in client.get("/geschichte/").content.decode()
    event.status = Status.DRAFT
    event.save()
    assert (
        "Inkrafttreten des Zuwanderungsgesetzes" not in client.get("/geschichte/").content.decode()
    )
    Period.objects.get(slug="1970er").characteristics.get(position=6).delete()
    assert "Defizitorientierung" not in client.get("/geschichte/1970er/").content.decode()


def test_unpublishing_a_period_removes_it_at_once_without_touching_the_cache(client, seeded):
    """A period set to draft, as another worker or server would do it: all this process
    can see is the version in the database. Nothing is deleted from its cache, and yet
    the next anonymous request gets the 404 and a list without the period."""
    period = Period.objects.get(slug="1990er")
    title = period.title
    page = client.get("/geschichte/1990er/")
    assert page.status_code == 200
    overview = client.get("/geschichte/")
    assert title in overview.content.decode()
    cached = dict(page_cache._cache)

    period.status = Status.DRAFT
    period.save()

    assert all(page_cache._cache.get(key) == value for key, value in cached.items())
    gone = client.get("/geschichte/1990er/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert gone.status_code == 404
    # Nothing a browser or proxy could keep and serve without asking: no validator, and
    # not public.
    assert "ETag" not in gone
    assert "Last-Modified" not in gone
    assert "public" not in gone.get("Cache-Control", "")
    listed = client.get("/geschichte/", HTTP_IF_NONE_MATCH=overview["ETag"])
    assert listed.status_code == 200
    assert title not in listed.content.decode()
    assert "/geschichte/1990er/" not in listed.content.decode()


def test_a_write_that_sends_no_signal_shows_once_it_moves_the_version(client, seeded):
    """Bulk writes (``QuerySet.update()``) send no signal and must call ``bump()``."""
    assert client.get("/geschichte/1990er/").status_code == 200
    Period.objects.filter(slug="1990er").update(status=Status.DRAFT)
    assert client.get("/geschichte/1990er/").status_code == 200  # still the cached page
    versions.bump(CONTENT_VERSION)
    assert client.get("/geschichte/1990er/").status_code == 404


def test_a_change_to_the_directory_leaves_the_cached_history_alone(
    client, seeded, django_assert_num_queries
):
    client.get("/geschichte/")
    versions.bump()  # actors or networks changed
    with django_assert_num_queries(VERSION_READ):
        assert client.get("/geschichte/").status_code == 200


def test_an_invalid_filter_is_rendered_for_the_request_alone(client, seeded):
    response = client.get("/geschichte/?ebene=nirgendwo")
    assert response.status_code == 200
    assert {"private", "no-cache"} <= directives(response)
    assert "ETag" not in response


def test_head_requests_get_the_headers_of_the_cached_page(client, seeded):
    etag = client.get("/geschichte/thesen/")["ETag"]
    response = client.head("/geschichte/thesen/")
    assert response.status_code == 200
    assert response["ETag"] == etag
    assert response.content == b""
