"""Database faults: a friendly 503 while the database is away, and recovery afterwards.

The in-process tests cut the connection with a patch and run on every database; the
PostgreSQL test stops and restarts a real server under a running portal.
"""

import pytest
from django.db import OperationalError, connection

from core import services
from core.models import AccessibilityFeedback
from integration_portal.views import error_500

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch, client):
    """Every new cursor fails as if the server had gone away."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    def cut():
        monkeypatch.setattr(connection, "ensure_connection", refuse)

    # The session middleware meets the fault again when it saves the session; Django
    # then answers through handler500 as in production instead of re-raising in tests.
    client.raise_request_exception = False
    return cut


def _assert_friendly_503(response, language="de"):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "Traceback" not in html and "OperationalError" not in html
    return html


def test_pages_that_need_the_database_answer_503_with_a_friendly_page(
    client, staff_user, database_down
):
    client.force_login(staff_user)
    database_down()
    html = _assert_friendly_503(client.get("/"))
    assert "Portal vorübergehend nicht erreichbar" in html
    assert "Bitte versuchen Sie es in einigen Minuten erneut" in html


def test_the_503_page_speaks_english_under_en(client, staff_user, database_down):
    client.force_login(staff_user)
    database_down()
    html = _assert_friendly_503(client.get("/en/impressum/"), language="en")
    assert "temporarily unavailable" in html


def test_a_write_during_the_outage_gets_503_and_says_nothing_was_saved(client, database_down):
    client.get("/barrierefreiheit/")
    database_down()
    response = client.post(
        "/barrierefreiheit/", {"message": "Die Tabelle ist ohne Überschriften schwer lesbar."}
    )
    html = _assert_friendly_503(response)
    assert "nicht übernommen" in html


def test_errors_raised_in_middleware_also_get_the_503_page(client, coordinator_user, database_down):
    # For writes the second-factor check reads the account before the view runs.
    client.force_login(coordinator_user)
    database_down()
    _assert_friendly_503(client.post("/impressum/", {"x": "1"}))


def test_healthz_reports_the_outage(client, database_down):
    database_down()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_pages_work_again_once_the_database_is_back(client, staff_user, monkeypatch):
    client.force_login(staff_user)
    client.raise_request_exception = False

    def refuse():
        raise OperationalError("down")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    assert client.get("/").status_code == 503
    monkeypatch.undo()
    assert client.get("/").status_code == 200
    assert client.get("/healthz").json()["database"] == "ok"


def test_other_errors_still_get_the_500_page(rf):
    try:
        raise ValueError("defect")
    except ValueError:
        response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Vorübergehende Störung" in response.content.decode()


def test_connections_are_health_checked_and_reused(settings):
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0


def test_nothing_is_half_written_when_the_database_fails_mid_request(client, monkeypatch):
    def store_then_fail(**kwargs):
        AccessibilityFeedback.objects.create(reference="BF-HALF", message=kwargs["message"])
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "feedback_receive", services.transaction.atomic(store_then_fail))
    response = client.post(
        "/barrierefreiheit/", {"message": "Die Schrift ist auf dem Telefon zu klein."}
    )
    assert response.status_code == 503
    assert not AccessibilityFeedback.objects.filter(reference="BF-HALF").exists()
