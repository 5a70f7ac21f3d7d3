"""Page cache, HTTP caching headers and the fixed number of queries per public page."""

from __future__ import annotations

import pytest

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

# Queries per page on the first (uncached) render, the same for small and large data.
PAGE_QUERIES = [
    ("/geschichte/", 2),  # periods, their events
    ("/geschichte/?ebene=state&art=law", 2),
    ("/geschichte/1990er/", 5),  # period, characteristics, events, citations, all periods
    ("/geschichte/1990er/leichte-sprache/", 1),
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
def test_public_pages_run_a_fixed_number_of_queries_and_none_from_cache(
    client, seeded, django_assert_num_queries, url, queries, size
):
    if size == "large":
        _add_much_more_content()
    with django_assert_num_queries(queries):
        first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_public_pages_send_cache_control_and_etag(client, seeded):
    response = client.get("/geschichte/")
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    etag = response["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    again = client.get("/geschichte/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_etag_changes_when_content_changes(client, seeded):
    etag = client.get("/geschichte/1990er/")["ETag"]
    period = Period.objects.get(slug="1990er")
    period.summary = "Neu geschrieben."
    period.save()
    response = client.get("/geschichte/1990er/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Neu geschrieben." in response.content.decode()


def test_languages_are_cached_separately(client, seeded):
    assert "Geschichte der kommunalen" in client.get("/geschichte/").content.decode()
    assert "History of municipal" in client.get("/en/geschichte/").content.decode()
    assert "Geschichte der kommunalen" in client.get("/geschichte/").content.decode()


def test_signed_in_users_get_a_fresh_private_page(client, seeded, editor_user):
    client.get("/geschichte/")  # fills the cache for anonymous visitors
    client.force_login(editor_user)
    response = client.get("/geschichte/")
    assert "Angemeldet als Eda Redaktion" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


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
