"""PostgreSQL: a worker keeps the content versions it has read until a commit announces
a change (``core/versions.py``, trigger of migration ``0006``)."""

from __future__ import annotations

import select

import psycopg2
import pytest
from django.conf import settings
from django.db import connection, transaction

from core import versions

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="LISTEN/NOTIFY of PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

UPDATE = "UPDATE integration_portal_contentversion SET value = value + 1 WHERE key = %s"


@pytest.fixture
def listener(monkeypatch):
    listener = versions.Listener()
    monkeypatch.setattr(versions, "_listener", listener)
    yield listener
    listener.close()


@pytest.fixture
def other_worker():
    """A connection of another process: what it commits, this one only hears about."""
    raw = psycopg2.connect(**connection.get_connection_params())
    yield raw
    raw.close()


def delivered(listener):
    """Wait until the announcement of a commit has reached the listener's socket:
    PostgreSQL sends it right after the commit, a fraction of a millisecond later."""
    readable, _, _ = select.select([listener.connection], [], [], 5)
    assert readable, "no announcement within 5 s"


@pytest.fixture
def kept(listener, django_assert_num_queries):
    """The version "example", read once and kept."""
    versions.bump("example")
    value = versions.current("example")
    with django_assert_num_queries(0):
        assert versions.current("example") == value
    return value


def test_a_kept_version_is_read_again_after_another_worker_commits_a_change(
    kept, listener, other_worker, django_assert_num_queries
):
    other_worker.autocommit = True
    with other_worker.cursor() as cursor:
        cursor.execute(UPDATE, ["example"])
    delivered(listener)
    with django_assert_num_queries(1):
        assert versions.current("example") == kept + 1
    with django_assert_num_queries(0):
        assert versions.current("example") == kept + 1


def test_an_uncommitted_change_is_announced_only_by_its_commit(kept, listener, other_worker):
    with other_worker.cursor() as cursor:
        cursor.execute(UPDATE, ["example"])
        assert not select.select([listener.connection], [], [], 0.2)[0]
        assert versions.current("example") == kept
        other_worker.commit()
    delivered(listener)
    assert versions.current("example") == kept + 1


def test_a_bump_of_this_worker_and_a_deleted_row_are_announced_too(kept, listener, other_worker):
    versions.bump("example")
    delivered(listener)
    bumped = versions.current("example")
    assert bumped > kept
    other_worker.autocommit = True
    with other_worker.cursor() as cursor:
        cursor.execute("DELETE FROM integration_portal_contentversion WHERE key = %s", ["example"])
    delivered(listener)
    assert versions.current("example") == 0


def test_other_versions_stay_kept_when_one_changes(
    kept, listener, other_worker, django_assert_num_queries
):
    versions.bump("other")
    delivered(listener)
    versions.current("other")
    other_worker.autocommit = True
    with other_worker.cursor() as cursor:
        cursor.execute(UPDATE, ["other"])
    delivered(listener)
    with django_assert_num_queries(0):
        assert versions.current("example") == kept


def test_inside_a_transaction_every_read_asks_the_database(kept, django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(2):
        versions.current("example")
        versions.current("example")


def test_a_lost_listening_connection_means_reading_each_time_then_listening_again(
    kept, listener, monkeypatch, django_assert_num_queries
):
    listener.connection.close()
    with django_assert_num_queries(2):
        assert versions.current("example") == kept
        assert versions.current("example") == kept
    assert listener.connection is None
    monkeypatch.setattr(listener, "retry_at", 0.0)
    versions.current("example")
    assert listener.connection is not None
    with django_assert_num_queries(0):
        assert versions.current("example") == kept
