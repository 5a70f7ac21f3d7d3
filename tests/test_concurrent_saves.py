"""Two coordinators saving the same membership at the same moment, through the edit view,
on both databases: one save wins, the other is told that someone else saved first (409,
optimistic locking). Never "Datenbank nicht erreichbar" (503).

On SQLite the writers must queue: the database allows one writer at a time, and a
transaction that began as a reader and then wants to write is refused at once
("database is locked") instead of waiting. The settings therefore open SQLite
transactions with ``BEGIN IMMEDIATE`` and a busy timeout. pytest-django's SQLite test
database lives in memory, where locking works differently, so the SQLite test copies it
into a file and sends the concurrent requests to that file.
"""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from networks.models import Membership
from tests.concurrency import in_threads, signed_in_browsers

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = 10
CONFLICT = "Jemand anderes hat diesen Eintrag gespeichert"


@contextlib.contextmanager
def sqlite_file_copy(path):
    """Copy the in-memory test database into a file. Threads that open their connection
    inside the block use the file, with the options of the settings; the test's own
    connection stays on the in-memory database."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        # In write-ahead logging from the start, as the portal's database file is from
        # its first connection (migrate): two connections switching a fresh file at the
        # same moment would refuse each other ("database is locked").
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
    original = connections.settings[DEFAULT_DB_ALIAS]
    connections.settings[DEFAULT_DB_ALIAS] = {**original, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings[DEFAULT_DB_ALIAS] = original


def paired_saves(browsers, url):
    """Save from both browsers at once, PAIRS times; each pair starts from the version
    the pair before left. Returns the responses (or exceptions) of each pair."""

    def save(browser, version, note):
        data = {"version": version, "role": "member", "since": "2021-01-01", "note": note}
        return lambda: browser.post(url, data)

    return [
        in_threads(save(browsers[0], n + 1, f"Cora {n}"), save(browsers[1], n + 1, f"Ada {n}"))
        for n in range(PAIRS)
    ]


def assert_one_saved_and_one_refused_as_stale(pairs):
    for pair in pairs:
        assert not any(isinstance(response, Exception) for response in pair), pair
        codes = sorted(response.status_code for response in pair)
        assert codes == [302, 409], codes
        refused = next(response for response in pair if response.status_code == 409)
        assert CONFLICT in refused.content.decode()


def _current_version(membership):
    return Membership.objects.get(pk=membership.pk).version


@pytest.mark.skipif(
    settings.DATABASE_IS_POSTGRES,
    reason="SQLite locking; on PostgreSQL test_paired_saves_on_postgresql_… runs instead",
)
def test_paired_saves_on_sqlite_queue_and_the_second_gets_the_stale_version_answer(
    world, coordinator_user, admin_user, client_factory, slow_saves, tmp_path
):
    browsers = signed_in_browsers(client_factory, coordinator_user, admin_user)
    url = f"/netzwerke/{world.network_a.slug}/mitglieder/{world.membership.pk}/"
    with sqlite_file_copy(tmp_path / "portal.sqlite3"):
        pairs = paired_saves(browsers, url)
        (journal_mode,) = in_threads(
            lambda: connections[DEFAULT_DB_ALIAS].cursor().execute("PRAGMA journal_mode").fetchone()
        )
        (version,) = in_threads(lambda: _current_version(world.membership))
    assert_one_saved_and_one_refused_as_stale(pairs)
    assert version == PAIRS + 1
    # Readers do not wait for the writer, and the writer not for readers.
    assert journal_mode == ("wal",)


@pytest.mark.postgres
@pytest.mark.skipif(not settings.DATABASE_IS_POSTGRES, reason="needs PostgreSQL")
def test_paired_saves_on_postgresql_one_wins_and_the_other_gets_the_stale_version_answer(
    world, coordinator_user, admin_user, client_factory, slow_saves
):
    browsers = signed_in_browsers(client_factory, coordinator_user, admin_user)
    url = f"/netzwerke/{world.network_a.slug}/mitglieder/{world.membership.pk}/"
    pairs = paired_saves(browsers, url)
    assert_one_saved_and_one_refused_as_stale(pairs)
    assert _current_version(world.membership) == PAIRS + 1
