"""Fixtures of the project package's tests, and the hypothesis profiles of the suite."""

import os

import pytest
from hypothesis import HealthCheck, settings

# Property-based tests stay fast in `make test`; CI may ask for more examples with
# HYPOTHESIS_PROFILE=thorough.
settings.register_profile(
    "portal",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("portal"),
    max_examples=200,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))


@pytest.fixture
def client_factory():
    """A new browser (test client) each call, for tests with several sessions."""
    from integration_portal.tests.signin import PortalClient

    return PortalClient


# Network A (coordinated by ``coordinator_user``), network B, actor, periods: the objects
# the access-control and marker tests request.
from integration_portal.tests.access_fixtures import world  # noqa: E402, F401
