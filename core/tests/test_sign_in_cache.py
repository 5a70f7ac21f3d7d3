"""Sessions and signed-in accounts come from the shared ``sessions`` cache, and every
change to an account or a session counts from the next request."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import sign_in_cache
from core.tests.factories import totp_activate
from core.tests.signin import PortalClient

pytestmark = pytest.mark.django_db

#: A page every signed-in account may open, which reads the account (its role).
INTERNAL_PAGE = "/akteure/export.csv"


def _session_and_account_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INTERNAL_PAGE)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] or '"integration_portal_user"' in q["sql"]
    ]


def _signed_in(client) -> bool:
    return client.get(INTERNAL_PAGE).status_code == 200


def test_a_signed_in_request_reads_neither_session_nor_account_from_the_database(
    client, staff_user
):
    client.force_login(staff_user)
    client.get(INTERNAL_PAGE)  # the first request fills the cache
    assert _session_and_account_queries(client) == []


def test_a_session_lost_from_the_cache_is_read_from_the_database(client, staff_user):
    client.force_login(staff_user)
    sign_in_cache.clear()
    assert _session_and_account_queries(client)  # read again ...
    assert _session_and_account_queries(client) == []  # ... and kept


def test_a_deactivated_account_is_signed_out_on_its_next_request(client, staff_user):
    client.force_login(staff_user)
    assert _signed_in(client)
    staff_user.is_active = False
    staff_user.save()
    assert not _signed_in(client)


def test_a_deleted_account_is_signed_out_on_its_next_request(client, staff_user):
    client.force_login(staff_user)
    assert _signed_in(client)
    staff_user.delete()
    assert not _signed_in(client)


def test_a_changed_role_counts_from_the_next_request(client, staff_user):
    # With an authenticator app, as the new role requires before any edit page.
    totp_activate(staff_user)
    client.force_login(staff_user)
    assert client.get("/akteure/import/").status_code == 403  # staff import nothing
    staff_user.role = "admin"
    staff_user.save()
    assert client.get("/akteure/import/").status_code == 200


def test_a_session_copied_before_the_sign_out_is_refused_after_it(client, staff_user):
    client.force_login(staff_user)
    assert _signed_in(client)
    copied = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/konto/logout/")
    assert not Session.objects.filter(session_key=copied).exists()
    replay = PortalClient()
    replay.cookies[settings.SESSION_COOKIE_NAME] = copied
    assert not _signed_in(replay)


def test_the_sessions_cache_is_shared_by_every_worker():
    # A worker's own memory would keep a session that another worker ended.
    assert not isinstance(caches["sessions"], LocMemCache)
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.SESSION_CACHE_ALIAS == "sessions"


def test_an_account_entry_is_kept_per_database(settings):
    key = sign_in_cache.account_key(7)
    assert connection.settings_dict["NAME"] in key
    assert key.endswith(":7")


@pytest.mark.django_db(transaction=True)  # a restore on PostgreSQL closes the connection
def test_a_restore_reads_every_session_from_the_restored_database_again(
    client, staff_user, tmp_path
):
    client.force_login(staff_user)
    assert _signed_in(client)
    target = tmp_path / "sicherung"
    call_command("backup", output=str(target), stdout=open(os.devnull, "w"))
    call_command("restore", str(target), "--no-input", stdout=open(os.devnull, "w"))
    assert sign_in_cache.sessions_cache.get(sign_in_cache.account_key(staff_user.pk)) is None
