"""One sign-in for everything: the admin's login, sessions without the second factor,
and the secrets of the second factors (security finding 1 of docs/security.md)."""

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import connection

from core.adapters import ENCRYPTED_PREFIX, decrypt_secret
from core.models import AccessibilityFeedback
from core.security import has_second_factor
from core.tests.factories import TEST_TOTP_SECRET, UserFactory, totp_code
from networks.models import Membership
from networks.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_admin_login_with_password_only_never_reaches_the_admin(client, role):
    user = UserFactory(role=role, is_staff=True, is_superuser=role == "admin")
    response = client.post(
        "/verwaltung/login/?next=/verwaltung/",
        {"username": user.email, "password": PASSWORD, "next": "/verwaltung/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    assert not _signed_in(client)
    response = client.get("/verwaltung/")
    assert response.status_code == 302
    assert not response["Location"].startswith("/verwaltung/") or "login" in response["Location"]
    assert not _signed_in(client)


def test_admin_login_page_leads_to_the_portal_sign_in_and_back(client, admin_user):
    admin_user.is_staff = True
    admin_user.save()
    response = client.get("/verwaltung/login/?next=/verwaltung/")
    assert response["Location"] == "/konto/login/?next=%2Fverwaltung%2F"
    response = client.post(
        "/konto/login/", {"login": admin_user.email, "password": PASSWORD, "next": "/verwaltung/"}
    )
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert not _signed_in(client)
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert response["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200


def test_wrong_passwords_on_the_admin_login_are_never_checked_there(client, admin_user):
    for _ in range(40):
        response = client.post(
            "/verwaltung/login/", {"username": admin_user.email, "password": "falsch"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")
    assert not _signed_in(client)


@pytest.mark.urls("tests.urls_write_probe")
@pytest.mark.parametrize("role", ["coordinator", "editor", "admin"])
def test_session_without_second_factor_is_signed_out_before_any_write(client, role):
    user = UserFactory(role=role, is_staff=role == "admin", is_superuser=role == "admin")
    client.force_login_password_only(user)
    response = client.post("/probe/schreiben/", {"x": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not AccessibilityFeedback.objects.exists()
    assert not _signed_in(client)


@pytest.mark.parametrize(
    "url", ["/verwaltung/", "/konto/2fa/", "/konto/2fa/recovery-codes/", "/akteure/"]
)
def test_session_without_second_factor_reads_nothing_either(client, admin_user, url):
    client.force_login_password_only(admin_user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    assert not _signed_in(client)
    page = client.get("/konto/login/").content.decode()
    assert "zweiten Faktor" in page


def test_session_without_second_factor_cannot_change_a_network(client, world, coordinator_user):
    newcomer = ActorFactory(slug="neu-ohne-faktor", name="Neu")
    client.force_login_password_only(coordinator_user)
    before = Membership.objects.count()
    response = client.post(
        f"/netzwerke/{world.network_a.slug}/mitglieder/",
        {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01"},
    )
    assert response["Location"].startswith("/konto/login/")
    assert Membership.objects.count() == before


def test_session_that_passed_the_code_works_as_before(client, coordinator_user):
    client.post("/konto/login/", {"login": coordinator_user.email, "password": PASSWORD})
    client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert _signed_in(client)
    assert client.get("/akteure/").status_code == 200
    assert _signed_in(client)


def test_admin_never_shows_a_second_factor_secret(client, admin_user):
    client.force_login(admin_user)
    authenticator = Authenticator.objects.get(user=admin_user, type="totp")
    pages = [
        client.get("/verwaltung/mfa/authenticator/"),
        client.get(f"/verwaltung/mfa/authenticator/{authenticator.pk}/change/"),
    ]
    stored = authenticator.data["secret"]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert TEST_TOTP_SECRET not in html
        assert stored not in html
        assert "secret" not in html.lower()
    assert "Totp" in pages[1].content.decode() or "TOTP" in pages[1].content.decode()


def test_admin_cannot_add_or_edit_an_authenticator(client, admin_user):
    client.force_login(admin_user)
    authenticator = Authenticator.objects.get(user=admin_user, type="totp")
    assert client.get("/verwaltung/mfa/authenticator/add/").status_code == 403
    response = client.post(
        f"/verwaltung/mfa/authenticator/{authenticator.pk}/change/",
        {"type": "totp", "data": '{"secret": "AAAA"}'},
    )
    assert response.status_code == 403
    authenticator.refresh_from_db()
    assert decrypt_secret(authenticator.data["secret"]) == TEST_TOTP_SECRET


def test_second_factor_secrets_are_stored_encrypted(coordinator_user):
    authenticator = Authenticator.objects.get(user=coordinator_user, type="totp")
    stored = authenticator.data["secret"]
    assert stored.startswith(ENCRYPTED_PREFIX)
    assert TEST_TOTP_SECRET not in stored
    assert decrypt_secret(stored) == TEST_TOTP_SECRET


def test_migration_encrypts_plain_secrets_and_leaves_encrypted_ones(coordinator_user):
    import importlib

    migration = importlib.import_module("core.migrations.0003_encrypt_authenticator_secrets")
    plain = UserFactory(role="editor", mfa=False)
    legacy = Authenticator.objects.create(user=plain, type="totp", data={"secret": "PLAINSECRET"})
    already = Authenticator.objects.get(user=coordinator_user, type="totp")
    before = already.data["secret"]

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.encrypt(apps, editor)
    legacy.refresh_from_db()
    already.refresh_from_db()
    assert legacy.data["secret"].startswith(ENCRYPTED_PREFIX)
    assert decrypt_secret(legacy.data["secret"]) == "PLAINSECRET"
    assert already.data["secret"] == before
    migration.decrypt(apps, editor)
    legacy.refresh_from_db()
    assert legacy.data["secret"] == "PLAINSECRET"


@pytest.mark.django_db(transaction=True)
def test_setting_up_the_app_counts_as_the_sessions_second_factor(client):
    """After the set-up the person edits at once, without signing in again."""
    import re

    user = UserFactory(email="einrichten@example.org", role="coordinator", mfa=False)
    client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    html = client.get("/konto/2fa/totp/activate/").content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', html).group(1)
    # allauth announces the new authenticator once its transaction has committed: this
    # test commits for real (transaction=True), as a request in production does.
    client.post("/konto/2fa/totp/activate/", {"code": totp_code(secret)})
    assert has_second_factor(user)
    response = client.get("/akteure/")
    assert response.status_code == 200
    assert _signed_in(client)
