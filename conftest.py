"""Fixtures shared by every app's tests: users of each role, a fast test posture, browsers."""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# from that thread are safe here because the live server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def client():
    """The test client; ``force_login`` signs in as allauth would, second factor included."""
    from integration_portal.tests.signin import PortalClient

    return PortalClient()


@pytest.fixture(autouse=True)
def _fast_test_posture(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # False switches allauth's rate limits off ({} would fall back to its defaults);
    # the rate-limit tests set the portal's values themselves.
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture(autouse=True)
def _german_by_default():
    """Each test starts in German, whatever language an earlier test's request left active."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Empty the page and layout caches around each test. The security counters (the
    database cache) live in the test database and go with each test's rollback."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    memory = [cache for cache in caches.all() if not isinstance(cache, DatabaseCache)]
    for cache in memory:
        cache.clear()
    yield
    for cache in memory:
        cache.clear()


def _make_user(role: str, email: str, **extra):
    """An account of a role; coordinators, editors and administrators get an activated
    authenticator app (``integration_portal.tests.factories.TEST_TOTP_SECRET``), because
    the portal lets them edit only with a second factor."""
    from integration_portal.security import requires_mfa
    from integration_portal.services import user_provision
    from integration_portal.tests.factories import totp_activate

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
