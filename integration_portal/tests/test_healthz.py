"""The health check for load balancers."""

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok_with_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_ceiling_view_is_not_found_unless_the_bench_setting_is_on(client, settings):
    settings.PORTAL_BENCH = False
    assert client.get("/healthz/ceiling").status_code == 404


def test_ceiling_view_answers_a_fixed_text_without_touching_the_database(
    client, settings, django_assert_num_queries
):
    settings.PORTAL_BENCH = True
    with django_assert_num_queries(0):
        response = client.get("/healthz/ceiling")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
