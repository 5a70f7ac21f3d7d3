"""Fixtures shared by every app's tests: users of each role, a fast test posture, browsers."""

from __future__ import annotations

import contextlib
import datetime
import os
import time
import types

import pytest
from django.core.cache import caches
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import filebased, locmem
from django.core.cache.backends.db import DatabaseCache
from django.utils import timezone, translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from core.security import requires_mfa
from core.services import user_provision
from core.tests.factories import UserFactory, totp_activate
from core.tests.signin import PortalClient
from networks.tests.factories import ActorFactory, MembershipFactory, NetworkFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# from that thread are safe here because the live server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property-based tests stay fast in `make test`; CI may ask for more examples with
# HYPOTHESIS_PROFILE=thorough.
hypothesis_settings.register_profile(
    "portal",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "thorough",
    parent=hypothesis_settings.get_profile("portal"),
    max_examples=200,
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))


@pytest.fixture
def client():
    """The test client; ``force_login`` signs in as allauth would, second factor included."""
    return PortalClient()


@pytest.fixture
def client_factory():
    """A new browser (test client) each call, for tests with several sessions."""
    return PortalClient


@pytest.fixture(autouse=True)
def _fast_test_posture(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # False switches allauth's rate limits off ({} would fall back to its defaults);
    # the rate-limit tests set the portal's values themselves.
    settings.ACCOUNT_RATE_LIMITS = False
    # The same for the open data's limit per address (the crawls send hundreds of requests).
    settings.PORTAL_OPEN_DATA_RATE_LIMIT = ""


@pytest.fixture(autouse=True)
def _german_by_default():
    """Each test starts in German, whatever language an earlier test's request left active."""
    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _sessions_cache_of_this_test_process(tmp_path_factory):
    """The sessions cache in a directory of this test process: parallel test processes
    empty their caches around every test and must not empty each other's."""
    from django.conf import settings

    config = settings.CACHES["sessions"]
    if config["BACKEND"].endswith("FileBasedCache"):
        config["LOCATION"] = str(tmp_path_factory.mktemp("sessions"))
        with contextlib.suppress(AttributeError):  # not opened yet
            del caches["sessions"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Empty the page and layout caches around each test. The security counters (the
    database cache) live in the test database and go with each test's rollback."""
    memory = [cache for cache in caches.all() if not isinstance(cache, DatabaseCache)]
    for cache in memory:
        cache.clear()
    yield
    for cache in memory:
        cache.clear()


def _make_user(role: str, email: str, **extra):
    """An account of a role; coordinators, editors and administrators get an activated
    authenticator app (``core.tests.factories.TEST_TOTP_SECRET``), because
    the portal lets them edit only with a second factor."""
    user, _ = user_provision(email=email, role=role, password="test-password-123", **extra)
    if requires_mfa(user):
        totp_activate(user)
    return user


@pytest.fixture
def staff_user(db):
    return _make_user("staff", "staff@example.org", name="Sam Staff")


@pytest.fixture
def coordinator_user(db):
    return _make_user("coordinator", "coordinator@example.org", name="Cora Koordination")


@pytest.fixture
def editor_user(db):
    return _make_user("editor", "editor@example.org", name="Eda Redaktion")


@pytest.fixture
def admin_user(db):
    return _make_user("admin", "admin@example.org", name="Ada Admin")


# --- a network with a coordinator, and an account of each role of the access table
# (``tests/access_policy.py``): for the networks' tests and the role tests in tests/.


@pytest.fixture
def network(coordinator_user):
    return NetworkFactory(
        name="KIM-Lenkungsgruppe", slug="kim-lenkungsgruppe", coordinators=[coordinator_user]
    )


@pytest.fixture
def other_coordinator(db):
    """A coordinator of another network only."""
    user = UserFactory(email="other@example.org", role="coordinator", name="Otto Anderes")
    NetworkFactory(name="AK Ehrenamt", slug="ak-ehrenamt", coordinators=[user])
    return user


@pytest.fixture
def membership(network):
    return MembershipFactory(
        network=network, actor=ActorFactory(name="Jobcenter Kreis Heinsberg", slug="jobcenter")
    )


@pytest.fixture
def login_as(client, request):
    """Log the client in as one of ``access_policy.ROLES``; returns the user (None for
    anonymous)."""

    def _login(role):
        if role == "anonymous":
            return None
        fixture = {"coordinator": "coordinator_user", "other_coordinator": "other_coordinator"}.get(
            role, f"{role}_user"
        )
        user = request.getfixturevalue(fixture)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def clock(monkeypatch):
    """Shift the clock forward: Django's (``timezone.now``, which sessions read) and the
    caches' (which end the cached sessions), as hours passing would."""
    real_now, real_time = timezone.now, time.time

    class Clock:
        offset = datetime.timedelta(0)

        def advance(self, **kwargs):
            self.offset += datetime.timedelta(**kwargs)

    shifted = Clock()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shifted.offset)
    cache_time = types.SimpleNamespace(time=lambda: real_time() + shifted.offset.total_seconds())
    for module in (cache_base, filebased, locmem):
        monkeypatch.setattr(module, "time", cache_time)
    return shifted
