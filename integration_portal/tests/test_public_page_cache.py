"""Public pages are served from the cache to anonymous visitors, and only to them.

One decorator (``core.caching.cache_public_page``) for the start and legal pages and
the history; its keys carry the content versions kept in the database
(``core/versions.py``), and browsers revalidate every time (ETag, ``no-cache``).
"""

from __future__ import annotations

import pytest
from django.contrib import messages
from django.contrib.messages import constants
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils.http import http_date, parse_http_date

from core import versions
from core.caching import cache_public_page, page_cache
from core.models import ContentVersion

pytestmark = pytest.mark.django_db

VERSION = "testinhalt"


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def counting_view(calls: list, **options):
    """A decorated view that answers "Fassung <n>" on its n-th render."""

    @cache_public_page(**options)
    def view(request):
        calls.append(request)
        return HttpResponse(f"Fassung {len(calls)}")

    return view


def test_an_anonymous_visitor_gets_the_start_page_from_the_cache(client, django_assert_num_queries):
    first = client.get("/")
    assert first.status_code == 200
    assert [t.name for t in first.templates][0] == "pages/home.html"

    with django_assert_num_queries(0):  # the start page names no content version
        second = client.get("/")

    assert second.templates == []  # nothing rendered
    assert second.status_code == 200
    assert second.content == first.content


def test_a_cached_page_still_gets_fresh_security_headers(client):
    client.get("/")
    response = client.get("/")
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


def test_english_and_german_pages_are_cached_apart(client):
    german = client.get("/").content
    english = client.get("/en/").content
    assert german != english
    assert client.get("/en/").content == english


def test_a_signed_in_account_never_gets_the_anonymous_page(client, staff_user):
    client.get("/")
    client.force_login(staff_user)
    response = client.get("/")
    assert "Angemeldet als" in response.content.decode()
    assert {"private", "no-cache"} <= directives(response)
    assert "public" not in directives(response)
    assert "ETag" not in response


def test_a_waiting_message_is_shown_and_the_page_with_it_is_not_cached(client, rf):
    client.get("/")  # the anonymous page is in the cache now
    request = rf.get("/")
    storage = CookieStorage(request)
    storage.add(constants.INFO, "Eine Nachricht nur für diese Person.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    personal = client.get("/")
    assert "Eine Nachricht nur für diese Person." in personal.content.decode()
    assert "private" in directives(personal)
    del client.cookies["messages"]
    assert "Eine Nachricht nur für diese Person." not in client.get("/").content.decode()


def test_the_start_page_carries_an_etag_no_cache_and_no_last_modified(client):
    """A page without a content version has no time of its last change: the ETag
    (a hash of the content) alone validates it."""
    response = client.get("/")
    assert response["ETag"].startswith('"') and len(response["ETag"]) > 10
    assert directives(response) == {"public", "no-cache"}
    assert "Cookie" in response["Vary"]
    assert "Last-Modified" not in response
    again = client.get("/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_every_answer_carries_etag_last_modified_and_no_cache():
    versions.bump(VERSION)
    view = counting_view([], versions=(VERSION,))
    for request in (RequestFactory().get("/seite/"), RequestFactory().get("/seite/")):
        response = view(request)  # rendered, then from the cache
        assert response.status_code == 200
        assert response["ETag"].startswith('"')
        assert directives(response) == {"public", "no-cache"}
        assert "Cookie" in response["Vary"]
        # Last-Modified is the time of the newest change of the named versions.
        assert parse_http_date(response["Last-Modified"]) == versions.current(VERSION) // 10**9


def test_last_modified_is_the_newest_of_the_named_versions():
    ContentVersion.objects.create(key="alt", value=1_600_000_000 * 10**9)
    ContentVersion.objects.create(key="neu", value=1_700_000_000 * 10**9 + 5)
    view = counting_view([], versions=("alt", "neu"))
    response = view(RequestFactory().get("/seite/"))
    assert response["Last-Modified"] == http_date(1_700_000_000)


def test_the_current_etag_gets_a_304_and_after_a_change_the_new_page():
    versions.bump(VERSION)
    calls = []
    view = counting_view(calls, versions=(VERSION,))
    factory = RequestFactory()
    first = view(factory.get("/seite/"))
    etag = first["ETag"]

    unchanged = view(factory.get("/seite/", HTTP_IF_NONE_MATCH=etag))
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert len(calls) == 1  # answered from the cache

    since = view(factory.get("/seite/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]))
    assert since.status_code == 304

    versions.bump(VERSION)  # an edit
    changed = view(factory.get("/seite/", HTTP_IF_NONE_MATCH=etag))
    assert changed.status_code == 200
    assert changed.content == b"Fassung 2"
    assert changed["ETag"] != etag


def test_a_change_reaches_the_page_through_the_database_alone():
    """Another worker or server changes content: all this process sees is the version in
    the database. Nothing is deleted from the cache, and the next request is fresh."""
    view = counting_view([], versions=(VERSION,))
    request = RequestFactory().get("/geschichte/")
    assert view(request).content == b"Fassung 1"
    assert view(RequestFactory().get("/geschichte/")).content == b"Fassung 1"
    cached = dict(page_cache._cache)

    # What another process's signal writes: the row, not this process's cache.
    ContentVersion.objects.update_or_create(
        key=VERSION, defaults={"value": versions.current(VERSION) + 1}
    )

    assert view(RequestFactory().get("/geschichte/")).content == b"Fassung 2"
    assert all(page_cache._cache.get(key) == value for key, value in cached.items())


def test_only_the_named_versions_renew_a_page():
    view = counting_view([], versions=(VERSION,))
    assert view(RequestFactory().get("/seite/")).content == b"Fassung 1"
    versions.bump("etwas-anderes")
    assert view(RequestFactory().get("/seite/")).content == b"Fassung 1"
    versions.bump(VERSION)
    assert view(RequestFactory().get("/seite/")).content == b"Fassung 2"


def test_reading_the_versions_costs_one_query_each(django_assert_num_queries):
    view = counting_view([], versions=(VERSION, "zweite"))
    view(RequestFactory().get("/seite/"))
    with django_assert_num_queries(2):
        view(RequestFactory().get("/seite/"))


def test_pages_with_a_form_token_posts_and_errors_are_never_cached():
    calls = []

    @cache_public_page()
    def view(request):
        calls.append(request)
        if request.path == "/formular/":
            get_token(request)
        status = 404 if request.path == "/fehlt/" else 200
        return HttpResponse("Seite", status=status)

    factory = RequestFactory()
    for _ in range(2):
        for response in (
            view(factory.get("/formular/")),
            view(factory.get("/fehlt/")),
            view(factory.post("/")),
        ):
            assert {"private", "no-cache"} <= directives(response)
            assert "ETag" not in response
    assert len(calls) == 6


def test_pages_that_set_a_cookie_add_a_message_or_write_the_session_are_never_cached(client):
    calls = []

    @cache_public_page()
    def view(request):
        calls.append(request)
        response = HttpResponse("Seite")
        if request.path == "/keks/":
            response.set_cookie("keks", "1")
        elif request.path == "/nachricht/":
            messages.info(request, "Nur für diese Person.")
        elif request.path == "/sitzung/":
            request.session["gemerkt"] = True
        return response

    # Through the middleware, so that messages and the session are there.
    handler = SessionMiddleware(MessageMiddleware(view))
    for _ in range(2):
        for path in ("/keks/", "/nachricht/", "/sitzung/"):
            assert "private" in directives(handler(RequestFactory().get(path)))
    assert len(calls) == 6


def test_a_query_string_the_page_does_not_know_is_rendered_privately():
    calls = []
    view = counting_view(calls)
    for number in range(3):
        response = view(RequestFactory().get("/", {"x": number}))
        assert "private" in directives(response)
    assert len(calls) == 3
    assert not page_cache._cache  # nothing stored


def test_head_requests_are_served_from_the_cache_too():
    calls = []
    view = counting_view(calls)
    view(RequestFactory().get("/seite/"))
    response = view(RequestFactory().head("/seite/"))
    assert response.status_code == 200
    assert len(calls) == 1
