"""The opt-in read replica: only reads of GET requests without a recent write go there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory

from core.models import User
from integration_portal import db_router
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
