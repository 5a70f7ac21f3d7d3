"""Rate-limit counters in a cache of their own, shared by every worker
(security finding 2 of docs/security.md)."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache

from core.caching import page_cache
from integration_portal import settings as portal_settings

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


@pytest.fixture
def production_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = portal_settings.ACCOUNT_RATE_LIMITS


def _sign_in(client, email, password=PASSWORD):
    return client.post("/konto/login/", {"login": email, "password": password})


def test_a_lock_survives_5000_anonymous_requests_with_distinct_query_strings(
    client_factory, staff_user, production_rate_limits
):
    attacker, visitor = client_factory(), client_factory()
    for _ in range(6):
        _sign_in(attacker, staff_user.email, "falsch")
    # The probe's flood was /akteure/?q=flood<N>; the legal and history pages are the
    # cheapest pages whose answers used to be cached under any query string.
    for number in range(5000):
        if number % 50 == 0:
            visitor.get(f"/akteure/?q=flood{number}")
        elif number % 2:
            visitor.get(f"/impressum/?flood={number}")
        else:
            visitor.get(f"/geschichte/literatur/?flood={number}")
    # Even a page cache filled to the brim by other means evicts no counter.
    for number in range(5000):
        page_cache.set(f"flood:{number}", "x" * 100)
    response = _sign_in(attacker, staff_user.email)
    assert "_auth_user_id" not in attacker.session
    assert "zu viele" in response.content.decode().lower()


def test_rate_limits_live_in_the_database_shared_by_every_worker():
    assert isinstance(caches["default"], DatabaseCache)
    assert caches["pages"] is not caches["default"]
    # Two workers: two separate cache connections that see the same counter.
    first, second = caches.create_connection("default"), caches.create_connection("default")
    first.set("allauth-probe", 3)
    assert second.get("allauth-probe") == 3


def test_pages_never_write_to_the_counter_cache(client, staff_user):
    default = caches["default"]
    client.get("/akteure/")
    client.get("/netzwerke/")
    client.get("/geschichte/")
    client.get("/")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        assert cursor.fetchone()[0] == 0
    assert default.get("public-page:generation") is None
