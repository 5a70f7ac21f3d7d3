"""The idle timeout slides with activity, with a session write at most every five minutes."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integration_portal.sessions import REFRESH_SECONDS

pytestmark = pytest.mark.django_db


def _writes(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/impressum/").status_code == 200
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def _expiry(client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_requests_within_five_minutes_do_not_write_the_session(client, staff_user, clock):
    client.force_login(staff_user)
    _writes(client)  # the first request after the login sets the refresh mark
    clock.advance(seconds=REFRESH_SECONDS - 10)
    assert _writes(client) == []


def test_the_first_request_after_five_minutes_moves_the_end_of_the_session(
    client, staff_user, clock
):
    client.force_login(staff_user)
    _writes(client)
    before = _expiry(client)
    clock.advance(seconds=REFRESH_SECONDS + 1)
    assert any("django_session" in sql for sql in _writes(client))
    assert _expiry(client) - before >= datetime.timedelta(seconds=REFRESH_SECONDS)


def test_anonymous_visitors_get_no_session(client):
    response = client.get("/impressum/")
    assert "sessionid" not in response.cookies
