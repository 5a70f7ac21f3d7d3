"""robots.txt, /favicon.ico and /.well-known/security.txt."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _fields(response) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in response.content.decode().splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields.setdefault(name, []).append(value.strip())
    return fields


# --- robots.txt ---------------------------------------------------------------------


def test_robots_txt_allows_the_public_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = _fields(response)
    assert fields["User-agent"] == ["*"]
    assert fields["Allow"] == ["/"]
    assert fields["Sitemap"] == ["http://testserver/sitemap.xml"]


def test_robots_txt_keeps_crawlers_out_of_accounts_admin_and_exports_in_both_languages(client):
    disallowed = _fields(client.get("/robots.txt"))["Disallow"]
    for path in (
        "/konto/",
        "/verwaltung/",
        "/akteure/export.csv",
        "/netzwerke/*/mitglieder.csv",
        "/en/konto/",
        "/en/verwaltung/",
        "/en/akteure/export.csv",
    ):
        assert path in disallowed
    for public in ("/", "/akteure/", "/netzwerke/", "/geschichte/", "/zustaendig/"):
        assert public not in disallowed


def test_the_sitemap_robots_txt_points_to_exists(client):
    assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_takes_no_post(client):
    assert client.post("/robots.txt").status_code == 405


# --- favicon --------------------------------------------------------------------------


def test_favicon_ico_leads_to_the_portal_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"


def test_the_icon_itself_is_served(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)


# --- security.txt ---------------------------------------------------------------------


def test_security_txt_names_the_contact_languages_and_canonical_address(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "sicherheit@kreis.example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = _fields(response)
    assert fields["Contact"] == ["mailto:sicherheit@kreis.example.org"]
    assert fields["Preferred-Languages"] == ["de, en"]
    assert fields["Canonical"] == ["http://testserver/.well-known/security.txt"]


def test_security_txt_expires_within_a_year_of_the_request(client, clock):
    clock.advance(days=400)  # not a date fixed when the file was written
    response = client.get("/.well-known/security.txt")
    (expires,) = _fields(response)["Expires"]
    assert expires.endswith("Z")
    expires_at = datetime.datetime.fromisoformat(expires)
    ahead = expires_at - timezone.now()
    assert datetime.timedelta(days=300) < ahead <= datetime.timedelta(days=365)


def test_security_txt_is_not_under_the_language_prefix(client):
    assert client.get("/en/.well-known/security.txt").status_code == 404
