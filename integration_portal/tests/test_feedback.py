"""The feedback form of the accessibility statement."""

import pytest

from core import ratelimits
from core.models import AccessibilityFeedback
from core.ratelimits import counter_cache

pytestmark = pytest.mark.django_db


def test_feedback_is_stored_and_a_receipt_with_its_reference_is_shown(client):
    response = client.post(
        "/barrierefreiheit/",
        {
            "page_url": "/akteure/",
            "message": "Der Filter lässt sich nicht mit der Tastatur öffnen.",
        },
        follow=True,
    )
    assert response.status_code == 200
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page_url == "/akteure/"
    assert feedback.reference.startswith("BF-")
    html = response.content.decode()
    assert feedback.reference in html
    assert "Vielen Dank" in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"message": "kurz"}, "mindestens 10 Zeichen"),
        ({"message": "Steuerzeichen \x07 hier drin"}, "Steuerzeichen"),
        ({"message": "Nullbyte \x00 in der Nachricht"}, "Null"),
        ({"message": "Eine gültige Nachricht.", "email": "keine-adresse"}, "E-Mail-Adresse"),
        ({"message": "x" * 6000}, "5000"),
    ],
)
def test_bad_feedback_gets_a_form_error_and_stores_nothing(client, data, error):
    response = client.post("/barrierefreiheit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert error in html
    assert 'aria-invalid="true"' in html
    assert AccessibilityFeedback.objects.count() == 0


def test_feedback_input_is_escaped_when_shown_again(client):
    response = client.post(
        "/barrierefreiheit/", {"message": "<script>alert(1)</script>", "email": "x"}
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_receipt_without_feedback_redirects_to_the_form(client):
    response = client.get("/barrierefreiheit/danke/")
    assert response.status_code == 302
    assert response["Location"] == "/barrierefreiheit/"


# --- rate limit: ten messages a minute per address and per session ------------------------
# Independent of allauth's limits, which conftest switches off (ACCOUNT_RATE_LIMITS = False).

# Five kilobytes each, as in the finding (40 of them in 2.5 seconds).
GOOD_FEEDBACK = {"message": ("Der Kontrast der Fußzeile ist zu schwach. " + "x" * 5000)[:5000]}
TOO_MANY = "sehr viele Rückmeldungen gesendet"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The rate limit's clock, standing still at the start of a minute unless advanced."""

    class Clock:
        now = 1_800_000_000.0  # a multiple of 60 and of 3600

        def advance(self, seconds):
            self.now += seconds

    fixed = Clock()
    monkeypatch.setattr(ratelimits, "clock", lambda: fixed.now)
    return fixed


def _send(client, address="203.0.113.7"):
    return client.post("/barrierefreiheit/", GOOD_FEEDBACK, REMOTE_ADDR=address)


def test_the_eleventh_message_in_a_minute_from_one_address_is_refused(client_factory, clock):
    # A script that drops its cookies: a new session each time, the same address.
    statuses = []
    for _ in range(10):
        statuses.append(_send(client_factory()).status_code)
        clock.advance(5)
    assert statuses == [302] * 10
    response = _send(client_factory())
    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY in html
    assert "Der Kontrast der Fußzeile" in html  # the typed text comes back, nothing is lost
    assert AccessibilityFeedback.objects.count() == 10


def test_the_eleventh_message_in_a_minute_from_one_session_is_refused_from_any_address(client):
    for n in range(10):
        assert _send(client, f"198.51.100.{n}").status_code == 302
    response = _send(client, "198.51.100.99")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 10


def test_a_limited_address_does_not_stop_other_visitors(client_factory):
    for _ in range(11):
        _send(client_factory())
    assert _send(client_factory(), "203.0.113.8").status_code == 302


def test_the_limit_lifts_when_the_minute_is_over(client_factory, clock):
    for _ in range(11):
        _send(client_factory())
    clock.advance(60)
    assert _send(client_factory()).status_code == 302


def test_thirty_messages_an_hour_from_one_address_at_most(client_factory, clock):
    statuses = []
    for _ in range(31):
        statuses.append(_send(client_factory()).status_code)
        clock.advance(110)  # never ten in a minute
    assert statuses == [302] * 30 + [429]


def test_ipv6_clients_count_per_network(client_factory):
    for n in range(10):
        _send(client_factory(), f"2001:db8::{n}")
    assert _send(client_factory(), "2001:db8::ff").status_code == 429


def test_emptying_the_page_caches_does_not_free_the_limit(client_factory, settings):
    from django.core.cache import caches

    for _ in range(10):
        _send(client_factory())
    for alias in settings.CACHES:
        if caches[alias] is not counter_cache():
            caches[alias].clear()
    assert _send(client_factory()).status_code == 429
