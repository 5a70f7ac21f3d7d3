"""Fixtures of the networks tests: one network with a coordinator, and an account of each
role of the portal's access table (``tests/access_policy.py``)."""

import pytest

from core.tests.factories import UserFactory
from networks.tests.factories import ActorFactory, MembershipFactory, NetworkFactory


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
