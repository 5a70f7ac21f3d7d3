"""Public pages are served from the cache to anonymous visitors, and only to them."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from core.caching import cache_public_page, invalidate_public_pages

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_gets_the_start_page_from_the_cache(client, django_assert_num_queries):
    first = client.get("/")
    assert first.status_code == 200
    assert [t.name for t in first.templates][0] == "pages/home.html"

    with django_assert_num_queries(0):
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


def test_a_waiting_message_is_shown_and_the_page_with_it_is_not_cached(client, rf):
    client.get("/")  # the anonymous page is in the cache now
    request = rf.get("/")
    storage = CookieStorage(request)
    storage.add(constants.INFO, "Eine Nachricht nur für diese Person.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    assert "Eine Nachricht nur für diese Person." in client.get("/").content.decode()
    del client.cookies["messages"]
    assert "Eine Nachricht nur für diese Person." not in client.get("/").content.decode()


def test_invalidation_drops_every_cached_page():
    calls = []

    @cache_public_page(60)
    def view(request):
        calls.append(request)
        return HttpResponse(f"Fassung {len(calls)}")

    request = RequestFactory().get("/geschichte/")
    assert view(request).content == b"Fassung 1"
    assert view(request).content == b"Fassung 1"
    invalidate_public_pages()
    assert view(request).content == b"Fassung 2"


def test_pages_with_a_form_token_posts_and_errors_are_never_cached():
    calls = []

    @cache_public_page(60)
    def view(request):
        calls.append(request)
        if request.GET.get("formular"):
            get_token(request)
        status = 404 if request.GET.get("fehlt") else 200
        return HttpResponse("Seite", status=status)

    factory = RequestFactory()
    for _ in range(2):
        view(factory.get("/", {"formular": "1"}))
        view(factory.get("/", {"fehlt": "1"}))
        view(factory.post("/"))
    assert len(calls) == 6
