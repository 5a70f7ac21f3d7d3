"""The web-link check, against a local HTTP server in a thread: never the internet."""

from __future__ import annotations

import datetime
import http.server
import io
import ipaddress
import socket
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Offer, WebsiteStatus
from actors.tests.factories import ActorFactory, OfferFactory
from stewardship import web_links

SLOW_SECONDS = 2.0


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []

    def log_message(self, *args):
        pass

    def _answer(self):
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/weitergeleitet":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/nach-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/datei")
        elif self.path == "/langsam":
            time.sleep(SLOW_SECONDS)
            self.send_response(200)
        elif self.path == "/kein-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/kein-head":
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer


@pytest.fixture
def server(monkeypatch):
    """A local server on 127.0.0.1; the check may ask it (it refuses private addresses
    otherwise)."""
    monkeypatch.setattr(web_links, "PRIVATE_ADDRESSES_ALLOWED", True)
    Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Every name but the local one is unknown: no test can reach the internet."""
    real = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        try:
            ipaddress.ip_address(host)  # an address needs no name service
        except ValueError:
            if host != "localhost":
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


def run(*args) -> str:
    out = io.StringIO()
    call_command("check_web_links", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_check_records_reachable_missing_redirected_and_slow_sites(server):
    ok = ActorFactory(website=f"{server}/ok")
    missing = ActorFactory(website=f"{server}/fehlt")
    redirected = OfferFactory(url=f"{server}/weitergeleitet")
    slow = OfferFactory(url=f"{server}/langsam")

    output = run("--timeout", "0.3")

    ok.refresh_from_db()
    missing.refresh_from_db()
    redirected.refresh_from_db()
    slow.refresh_from_db()
    assert (ok.website_status, ok.website_problem) == (WebsiteStatus.OK, "")
    assert (missing.website_status, missing.website_problem) == (WebsiteStatus.BROKEN, "HTTP 404")
    assert redirected.website_status == WebsiteStatus.OK
    assert (slow.website_status, slow.website_problem) == (
        WebsiteStatus.BROKEN,
        "Zeitüberschreitung",
    )
    assert all(entry.website_checked_at is not None for entry in (ok, missing, redirected, slow))
    assert "4 Adressen geprüft, 2 nicht erreichbar." in output


@pytest.mark.django_db
def test_a_server_without_head_is_asked_with_get(server):
    actor = ActorFactory(website=f"{server}/kein-head")
    run()
    actor.refresh_from_db()
    assert actor.website_status == WebsiteStatus.OK
    assert [(method, path) for method, path, _ in Handler.seen] == [
        ("HEAD", "/kein-head"),
        ("GET", "/kein-head"),
    ]


@pytest.mark.django_db
def test_requests_name_the_portal_as_user_agent(server, settings):
    ActorFactory(website=f"{server}/ok")
    run()
    assert Handler.seen[0][2].startswith(settings.PORTAL_NAME)


@pytest.mark.django_db
def test_a_redirect_to_another_scheme_is_not_followed(server):
    actor = ActorFactory(website=f"{server}/nach-ftp")
    run()
    actor.refresh_from_db()
    assert actor.website_status == WebsiteStatus.BROKEN
    assert actor.website_problem == "Keine http- oder https-Adresse"


def test_only_http_and_https_addresses_are_asked():
    for url in ("ftp://example.org/datei", "file:///etc/passwd", "javascript:alert(1)"):
        assert web_links.fetch(url, 1) == web_links.Outcome(False, "Keine http- oder https-Adresse")


def test_addresses_in_private_networks_are_refused():
    for url in (
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/",
    ):
        assert web_links.fetch(url, 1) == web_links.Outcome(False, "Adresse im internen Netz")


def test_an_unknown_name_is_reported_in_words():
    outcome = web_links.fetch("https://gibt-es-nicht.example/", 1)
    assert outcome == web_links.Outcome(False, "Name nicht auflösbar")


@pytest.mark.django_db
def test_only_links_due_are_checked_never_checked_first_and_at_most_the_limit(monkeypatch):
    asked = []

    def fake_fetch(url, timeout):
        asked.append((url, timeout))
        return web_links.Outcome(True)

    monkeypatch.setattr(web_links, "fetch", fake_fetch)
    now = timezone.now()
    ActorFactory(
        website="https://recent.example/", website_checked_at=now - datetime.timedelta(days=2)
    )
    ActorFactory(
        website="https://old.example/", website_checked_at=now - datetime.timedelta(days=30)
    )
    OfferFactory(url="https://never.example/")
    ActorFactory(website="")  # nothing to check

    run("--limit", "1", "--timeout", "2.5")
    assert asked == [("https://never.example/", 2.5)]
    run()
    assert [url for url, _ in asked[1:]] == ["https://old.example/"]
    run("--older-than", "1")
    assert [url for url, _ in asked[2:]] == ["https://recent.example/"]


@pytest.mark.django_db
def test_the_check_writes_no_change_history(monkeypatch):
    monkeypatch.setattr(
        web_links, "fetch", lambda url, timeout: web_links.Outcome(False, "HTTP 500")
    )
    actor = ActorFactory(website="https://example.org/")
    offer = OfferFactory(url="https://example.org/angebot")
    before = (actor.history.count(), offer.history.count())
    run()
    assert (actor.history.count(), offer.history.count()) == before
    assert Actor.objects.get(pk=actor.pk).website_problem == "HTTP 500"
    assert Offer.objects.get(pk=offer.pk).website_status == WebsiteStatus.BROKEN


@pytest.mark.django_db
def test_a_removed_link_loses_its_old_finding(monkeypatch):
    monkeypatch.setattr(web_links, "fetch", lambda url, timeout: web_links.Outcome(True))
    actor = ActorFactory(
        website="", website_status=WebsiteStatus.BROKEN, website_problem="HTTP 404"
    )
    run()
    actor.refresh_from_db()
    assert (actor.website_status, actor.website_problem) == (WebsiteStatus.UNCHECKED, "")


@pytest.mark.django_db
def test_the_data_quality_page_shows_the_findings_of_the_check_at_once(
    client, staff_user, monkeypatch
):
    monkeypatch.setattr(
        web_links, "fetch", lambda url, timeout: web_links.Outcome(False, "HTTP 410")
    )
    ActorFactory(name="Verschwundene Stelle", website="https://example.org/weg")
    client.force_login(staff_user)
    url = reverse("stewardship:quality_list", args=["akteure-internetseite-nicht-erreichbar"])
    assert "Verschwundene Stelle" not in client.get(url).content.decode()
    run()
    html = client.get(url).content.decode()
    assert "Verschwundene Stelle" in html
    assert "HTTP 410" in html


@pytest.mark.django_db
@pytest.mark.parametrize("args", [("--limit", "0"), ("--timeout", "0"), ("--older-than", "-1")])
def test_impossible_options_are_refused(args):
    with pytest.raises(CommandError):
        run(*args)


def test_international_addresses_are_sent_as_http_spells_them():
    assert web_links.ascii_url("https://www.städte.de/Über uns?ort=Köln") == (
        "https://www.xn--stdte-hra.de/%C3%9Cber%20uns?ort=K%C3%B6ln"
    )
