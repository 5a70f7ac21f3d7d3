"""Accounts (allauth, no open sign-up) and the role matrix on the pages that exist."""

import pytest
from django.core import mail

from core import permissions
from core.models import User
from core.tests.factories import UserFactory
from networks.models import Network

pytestmark = pytest.mark.django_db


def test_login_is_by_email_address(client, staff_user):
    response = client.post(
        "/konto/login/", {"login": "staff@example.org", "password": "test-password-123"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "staff@example.org"


def test_login_page_is_german_and_offers_no_sign_up(client):
    html = client.get("/konto/login/").content.decode()
    assert "Anmelden" in html
    assert "/konto/signup/" not in html


def test_sign_up_is_closed(client):
    response = client.get("/konto/signup/")
    assert "Registrierung geschlossen" in response.content.decode() or response.status_code in (
        403,
        404,
    )
    client.post(
        "/konto/signup/",
        {"email": "x@example.org", "password1": "abcdefghijkl1!", "password2": "abcdefghijkl1!"},
    )

    assert not User.objects.filter(email="x@example.org").exists()


def test_password_reset_sends_an_email(client, staff_user):
    response = client.post("/konto/password/reset/", {"email": "staff@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/konto/password/reset/key/" in mail.outbox[0].body


def test_failed_logins_are_rate_limited(client, staff_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip"}
    for _ in range(3):
        client.post("/konto/login/", {"login": "staff@example.org", "password": "falsch"})
    response = client.post(
        "/konto/login/", {"login": "staff@example.org", "password": "test-password-123"}
    )
    assert response.status_code == 429 or "zu viele" in response.content.decode().lower()


ROLE_FIXTURES = [
    "anonymous",
    "staff_user",
    "coordinator_user",
    "other_coordinator",
    "editor_user",
    "admin_user",
]


@pytest.fixture
def network_a(coordinator_user):
    network = Network.objects.create(name="KIM-Lenkungsgruppe", slug="kim-lenkungsgruppe")
    network.coordinators.add(coordinator_user)
    return network


@pytest.fixture
def other_coordinator(network_a):
    user = UserFactory(email="other@example.org", role="coordinator")
    network_b = Network.objects.create(name="AK Ehrenamt", slug="ak-ehrenamt")
    network_b.coordinators.add(user)
    return user


def _user(request, name):
    if name == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return request.getfixturevalue(name)


# role -> (internal reader, editor of public content, edits network A, Django admin)
EXPECTED = {
    "anonymous": (False, False, False, False),
    "staff_user": (True, False, False, False),
    "coordinator_user": (True, False, True, False),
    "other_coordinator": (True, False, False, False),
    "editor_user": (True, True, False, False),
    "admin_user": (True, True, True, True),
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_role_policy(request, role, network_a):
    user = _user(request, role)
    internal, editor, edits_a, admin = EXPECTED[role]
    assert permissions.is_internal(user) is internal
    assert permissions.is_editor(user) is editor
    assert permissions.can_edit_network(user, network_a) is edits_a
    assert permissions.is_admin(user) is admin


# The Django admin opens for administrators and for the Redaktion (editors edit the
# public history there; what they may change is limited by RolePermissionBackend).
ADMIN_SITE_ROLES = {"editor_user", "admin_user"}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_django_admin_is_for_administrators_and_editors_only(request, client, role, network_a):
    user = _user(request, role)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get("/verwaltung/")
    if role in ADMIN_SITE_ROLES:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/verwaltung/login/" in response["Location"]


def test_inactive_account_has_no_role(staff_user):
    staff_user.is_active = False
    assert not permissions.is_internal(staff_user)
