"""Two-factor authentication: required for coordinators, editors and administrators."""

import re

import pytest
from allauth.mfa.models import Authenticator

from core.models import AccessibilityFeedback
from core.security import has_second_factor, requires_mfa
from core.tests import factories
from core.tests.factories import TEST_TOTP_SECRET, UserFactory, totp_activate, totp_code
from networks.models import Membership
from networks.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


def _sign_in(client, email):
    return client.post("/konto/login/", {"login": email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("role", "required"),
    [("staff", False), ("coordinator", True), ("editor", True), ("admin", True)],
)
def test_second_factor_is_required_for_roles_that_edit(role, required):
    user = UserFactory(role=role, mfa=False)
    assert requires_mfa(user) is required


def test_role_fixtures_come_with_an_activated_authenticator(
    staff_user, coordinator_user, editor_user, admin_user
):
    assert not has_second_factor(staff_user)
    for user in (coordinator_user, editor_user, admin_user):
        assert has_second_factor(user)
    assert UserFactory(role="coordinator").authenticator_set.count() == 1
    assert not has_second_factor(UserFactory(role="coordinator", mfa=False))


@pytest.mark.urls("tests.urls_write_probe")
@pytest.mark.parametrize("role", ["coordinator", "editor", "admin"])
def test_account_without_second_factor_is_sent_to_setup_and_cannot_write(client, role):
    user = UserFactory(role=role, mfa=False)
    client.force_login(user)
    response = client.post("/probe/schreiben/", {"x": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/"
    assert not AccessibilityFeedback.objects.exists()
    # The message says why, on the next page shown.
    page = client.get("/konto/2fa/", follow=True).content.decode()
    assert "zweiten Faktor" in page
    assert "Ihre Änderung wurde nicht gespeichert" in page


@pytest.mark.urls("tests.urls_write_probe")
def test_english_pages_are_covered_too(client):
    client.force_login(UserFactory(role="coordinator", mfa=False))
    response = client.post("/en/impressum/", {"x": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("/2fa/totp/activate/")


@pytest.mark.urls("tests.urls_write_probe")
def test_account_with_second_factor_writes(client, coordinator_user):
    client.force_login(coordinator_user)
    response = client.post("/probe/schreiben/", {"x": "1"})
    assert response.status_code == 200
    assert AccessibilityFeedback.objects.filter(reference="BF-PROBE").exists()


@pytest.mark.urls("tests.urls_write_probe")
def test_staff_needs_no_second_factor(client, staff_user):
    client.force_login(staff_user)
    assert client.post("/probe/schreiben/").status_code == 200


@pytest.mark.urls("tests.urls_write_probe")
def test_reading_stays_possible_without_second_factor(client):
    client.force_login(UserFactory(role="coordinator", mfa=False))
    assert client.get("/probe/schreiben/").status_code == 200
    assert client.get("/").status_code == 200


def test_administrator_without_second_factor_cannot_open_the_django_admin(client):
    admin = UserFactory(role="admin", is_staff=True, is_superuser=True, mfa=False)
    client.force_login(admin)
    response = client.get("/verwaltung/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/"
    response = client.post("/verwaltung/auth/group/add/", {"name": "Neue Gruppe"})
    assert response.status_code == 302
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(name="Neue Gruppe").exists()


def test_administrator_with_second_factor_opens_the_django_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/verwaltung/").status_code == 200


def test_account_pages_language_switch_and_feedback_stay_open(client):
    client.force_login(UserFactory(role="coordinator", mfa=False))
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response["Location"] == "/en/"
    response = client.post(
        "/barrierefreiheit/", {"message": "Der Kontrast ist zu schwach auf der Startseite."}
    )
    assert response["Location"] == "/barrierefreiheit/danke/"
    response = client.post("/konto/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_setting_up_the_authenticator_app_end_to_end(client):
    """Sign in, get sent to the set-up page, scan (here: compute) the code, then edit."""
    user = UserFactory(email="neu-koordination@example.org", role="coordinator", mfa=False)
    _sign_in(client, user.email)
    response = client.post("/verwaltung/", follow=True)
    # Setting up a factor is a sensitive change: allauth asks for the password once more.
    assert response.request["PATH_INFO"] == "/konto/reauthenticate/"
    assert "zweiten Faktor" in response.content.decode()
    response = client.post(
        "/konto/reauthenticate/",
        {"password": PASSWORD, "next": "/konto/2fa/totp/activate/"},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/konto/2fa/totp/activate/"
    html = response.content.decode()
    assert "Authenticator-App aktivieren" in html
    assert 'src="data:image/svg+xml;base64,' in html
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', html)
    secret = secret or re.search(r'value="([A-Z2-7]{32})"', html)
    assert secret, html
    response = client.post("/konto/2fa/totp/activate/", {"code": totp_code(secret.group(1))})
    assert response.status_code == 302
    assert has_second_factor(user)


def test_wrong_code_activates_nothing_and_says_so(client):
    user = UserFactory(email="falsch@example.org", role="editor", mfa=False)
    _sign_in(client, user.email)
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    client.get("/konto/2fa/totp/activate/")
    response = client.post("/konto/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Falscher Code" in response.content.decode()
    assert not has_second_factor(user)


def test_sign_in_asks_for_the_code_when_an_authenticator_is_active(client, coordinator_user):
    response = _sign_in(client, coordinator_user.email)
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    page = client.get("/konto/2fa/authenticate/").content.decode()
    assert "Zwei-Faktor-Authentifizierung" in page
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator_user.pk)


def test_a_code_cannot_be_replayed(client_factory, coordinator_user):
    code = totp_code(TEST_TOTP_SECRET)
    first, second = client_factory(), client_factory()
    for browser in (first, second):
        _sign_in(browser, coordinator_user.email)
        browser.post("/konto/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" in first.session
    assert "_auth_user_id" not in second.session


def test_code_guessing_is_rate_limited(client, coordinator_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    _sign_in(client, coordinator_user.email)
    for _ in range(3):
        client.post("/konto/2fa/authenticate/", {"code": "000000"})
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert "_auth_user_id" not in client.session
    assert "zu viele" in response.content.decode().lower()


def test_roles_that_need_a_second_factor_cannot_switch_it_off(client, coordinator_user):
    _sign_in(client, coordinator_user.email)
    client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    response = client.post("/konto/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert "kann nicht abgeschaltet werden" in response.content.decode()
    assert Authenticator.objects.filter(user=coordinator_user).exists()


def test_staff_may_switch_an_optional_second_factor_off(client, staff_user):
    totp_activate(staff_user)
    _sign_in(client, staff_user.email)
    client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    response = client.post("/konto/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not has_second_factor(staff_user)


@pytest.mark.parametrize("url", ["/konto/2fa/", "/konto/2fa/totp/activate/"])
def test_two_factor_pages_are_german_and_in_the_portal_layout(client, url):
    user = UserFactory(email="layout@example.org", role="coordinator", mfa=False)
    _sign_in(client, user.email)
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    html = client.get(url).content.decode()
    assert '<html lang="de">' in html
    assert "Zwei-Faktor" in html or "Authenticator-App" in html
    assert 'class="portal-header"' in html
    assert "kern-btn" in html
    for english in ("Activate", "Authenticator secret", "Two-Factor Authentication"):
        assert english not in html


def test_coordinator_without_second_factor_cannot_change_their_network(client, world):
    coordinator = UserFactory(email="ohne-faktor@example.org", role="coordinator", mfa=False)
    world.network_a.coordinators.add(coordinator)
    newcomer = ActorFactory(slug="neu", name="Neu")
    client.force_login(coordinator)
    before = Membership.objects.count()
    response = client.post(
        f"/netzwerke/{world.network_a.slug}/mitglieder/",
        {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/"
    assert Membership.objects.count() == before
    response = client.post(
        f"/netzwerke/{world.network_a.slug}/mitglieder/{world.membership.pk}/beenden/",
        {"version": 1, "until": "2025-01-01"},
    )
    assert response["Location"] == "/konto/2fa/totp/activate/"
    world.membership.refresh_from_db()
    assert world.membership.until is None
    # Reading the network stays possible.
    assert client.get(f"/netzwerke/{world.network_a.slug}/").status_code == 200


def test_the_test_code_is_never_taken_at_the_end_of_a_period(monkeypatch):
    """A code computed in the last seconds of its period would expire on its way to the
    server; the tests' ``totp_code`` waits for the next period instead."""
    clock = {"now": 30 * 1000 + 29.0}  # one second before the period ends
    monkeypatch.setattr(factories.time, "time", lambda: clock["now"])
    monkeypatch.setattr(
        factories.time, "sleep", lambda seconds: clock.__setitem__("now", clock["now"] + seconds)
    )
    code = totp_code(TEST_TOTP_SECRET)
    assert clock["now"] >= 30 * 1001
    assert code == totp_code(TEST_TOTP_SECRET, at=30 * 1001)
    assert code != totp_code(TEST_TOTP_SECRET, at=30 * 1000)
