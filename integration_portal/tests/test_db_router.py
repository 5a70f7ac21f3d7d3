"""The opt-in read replica: only reads of GET requests without a recent write go there,
and while it is down they go to the primary."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.db.backends.postgresql import base as postgresql_base
from django.http import HttpResponse
from django.test import RequestFactory

from core.models import User
from integration_portal import db_router
from integration_portal.db_backends.replica import base as replica_base
from integration_portal.db_router import PIN_COOKIE, PinPrimaryMiddleware, PrimaryReplicaRouter


def _read_db_during(request) -> str:
    seen = {}

    def view(request):
        seen["db"] = PrimaryReplicaRouter().db_for_read(User)
        return HttpResponse("ok")

    response = PinPrimaryMiddleware(view)(request)
    seen["response"] = response
    return seen


def test_a_get_request_reads_from_the_replica():
    assert _read_db_during(RequestFactory().get("/akteure/"))["db"] == "replica"


def test_writes_and_reads_outside_a_request_use_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_write(User) == "default"
    assert router.db_for_read(User) == "default"  # commands, shell, migrations
    assert router.allow_migrate("default", "actors") is True
    assert router.allow_migrate("replica", "actors") is False


def test_a_post_reads_from_the_primary_and_pins_the_visitor_to_it():
    seen = _read_db_during(RequestFactory().post("/netzwerke/kim/mitglieder/"))
    assert seen["db"] == "default"
    cookie = seen["response"].cookies[PIN_COOKIE]
    assert cookie["max-age"] == db_router.PIN_SECONDS
    assert cookie["httponly"]


def test_after_a_write_the_next_get_still_reads_from_the_primary():
    request = RequestFactory().get("/netzwerke/kim/")
    request.COOKIES[PIN_COOKIE] = "1"
    assert _read_db_during(request)["db"] == "default"


def test_the_replica_is_configured_only_when_its_url_is_set():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print('replica' in s.DATABASES, bool(getattr(s, 'DATABASE_ROUTERS', [])), "
        "'integration_portal.db_router.PinPrimaryMiddleware' in s.MIDDLEWARE)"
    )
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    base["DJANGO_SETTINGS_MODULE"] = "integration_portal.settings"
    root = Path(__file__).resolve().parents[2]

    def run(env):
        return subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True
        ).stdout.split()

    assert run(base) == ["False", "False", "False"]
    with_replica = {**base, "DATABASE_REPLICA_URL": "postgres://reader@replica.example.org/p"}
    assert run(with_replica) == ["True", "True", "True"]


# --- A replica that is down: reads go to the primary, without errors -----------------


def _replica_settings(**overrides) -> dict:
    """A ``replica`` entry as settings make it (tests fill in where it points)."""
    return {
        "ENGINE": "integration_portal.db_backends.replica",
        "NAME": "portal",
        "USER": "reader",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "",
        "OPTIONS": {"connect_timeout": 3},
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "TIME_ZONE": None,
        "TEST": {"MIRROR": "default"},
        **overrides,
    }


@pytest.fixture
def replica_clock(monkeypatch):
    """The replica backend's clock, moved on by hand; its memory of a failure is reset."""
    now = [1000.0]
    monkeypatch.setattr(replica_base, "clock", lambda: now[0])
    replica_base.reset()
    yield now
    replica_base.reset()


@pytest.fixture
def fake_postgres(monkeypatch):
    """PostgreSQL's connect, replaced: the replica (port 6432) refuses, the primary
    (port 5432) answers. Returns the ports asked for, in order."""
    asked = []

    class FakeConnection:
        closed = False

        def close(self):
            self.closed = True

    def connect(self, params):
        asked.append(params["port"])
        if params["port"] == 6432:
            raise self.Database.OperationalError("connection refused")
        return FakeConnection()

    monkeypatch.setattr(postgresql_base.DatabaseWrapper, "get_new_connection", connect)
    monkeypatch.setattr(
        replica_base.DatabaseWrapper, "primary_connection_params", lambda self: {"port": 5432}
    )
    return asked


def test_a_replica_that_refuses_is_replaced_by_the_primary_and_tried_again_later(
    fake_postgres, replica_clock
):
    wrapper = replica_base.DatabaseWrapper(_replica_settings(PORT="6432"), alias="replica")

    wrapper.get_new_connection({"port": 6432})
    assert fake_postgres == [6432, 5432]
    assert wrapper.on_primary
    assert replica_base.replica_down()

    # Within the retry time a new connection goes to the primary without asking the replica.
    replica_clock[0] += replica_base.RETRY_SECONDS - 1
    wrapper.get_new_connection({"port": 6432})
    assert fake_postgres == [6432, 5432, 5432]

    replica_clock[0] += 2
    assert not replica_base.replica_down()
    wrapper.get_new_connection({"port": 6432})
    assert fake_postgres == [6432, 5432, 5432, 6432, 5432]


def test_a_replica_that_answers_is_used(fake_postgres, replica_clock):
    wrapper = replica_base.DatabaseWrapper(_replica_settings(PORT="7432"), alias="replica")
    wrapper.get_new_connection({"port": 7432})
    assert fake_postgres == [7432]
    assert not wrapper.on_primary
    assert not replica_base.replica_down()


def test_between_requests_a_fallback_connection_is_closed_once_the_replica_may_be_back(
    fake_postgres, replica_clock, monkeypatch
):
    wrapper = replica_base.DatabaseWrapper(_replica_settings(PORT="6432"), alias="replica")
    raw = wrapper.get_new_connection({"port": 6432})
    wrapper.connection = raw
    wrapper.close_at = None
    # No database behind it: nothing to connect to between the steps.
    monkeypatch.setattr(wrapper, "ensure_connection", lambda: None)
    wrapper.autocommit = wrapper.settings_dict["AUTOCOMMIT"]

    wrapper.close_if_unusable_or_obsolete()  # still within the retry time: kept
    assert wrapper.connection is raw

    replica_clock[0] += replica_base.RETRY_SECONDS + 1
    wrapper.close_if_unusable_or_obsolete()
    assert wrapper.connection is None
    assert raw.closed


def test_the_replica_entry_uses_the_falling_back_backend_with_health_checks():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "r = s.DATABASES['replica']; "
        "print(r['ENGINE'], r['CONN_HEALTH_CHECKS'], r['OPTIONS']['connect_timeout'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "integration_portal.settings",
        "DATABASE_REPLICA_URL": "postgres://reader@replica.example.org/p",
    }
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True
    ).stdout.split()
    assert out == ["integration_portal.db_backends.replica", "True", "3"]


needs_postgres = pytest.mark.skipif(
    not settings.DATABASE_IS_POSTGRES,
    reason="connects to a real PostgreSQL server (the PostgreSQL suite runs it)",
)


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (a stopped replica)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def replica_connection():
    """Make a ``replica`` connection like the primary's (``overrides`` change where it
    points). It is found under its alias (django.contrib.postgres looks the alias up when
    it connects) but not in settings, so the test database setup leaves it alone like
    any connection made at run time; closed and forgotten afterwards."""
    made = []

    def make(**overrides) -> replica_base.DatabaseWrapper:
        primary = connections["default"].settings_dict
        where = {key: primary[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")}
        entry = _replica_settings(**{**where, **overrides})
        wrapper = replica_base.DatabaseWrapper(entry, alias=db_router.REPLICA)
        connections[db_router.REPLICA] = wrapper
        made.append(wrapper)
        return wrapper

    yield make
    for wrapper in made:
        wrapper.close()
    del connections[db_router.REPLICA]


@needs_postgres
@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_a_stopped_replica_is_read_through_the_primary(
    replica_clock, replica_connection
):
    wrapper = replica_connection(PORT=str(_closed_port()))
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT current_database(), inet_server_port()")
        name, port = cursor.fetchone()
    assert wrapper.on_primary
    assert replica_base.replica_down()
    primary = connections["default"].settings_dict
    assert name == primary["NAME"]
    assert port == int(primary["PORT"] or 5432)


@needs_postgres
@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgresql_a_dropped_persistent_connection_is_replaced_at_the_next_request(
    replica_clock, replica_connection
):
    wrapper = replica_connection()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (first_pid,) = cursor.fetchone()
    assert not wrapper.on_primary
    # The replica restarts: its server ends the connection this worker keeps.
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [first_pid])
    wrapper.close_if_unusable_or_obsolete()  # the next request begins
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (second_pid,) = cursor.fetchone()
    assert second_pid != first_pid
