"""Sign-in protection: rate limits, session expiry after inactivity, sign-out everywhere."""

import pytest
from django.core import mail

from core.tests.factories import TEST_TOTP_SECRET, UserFactory, totp_code
from integration_portal import settings as portal_settings

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
NEW_PASSWORD = "ein-ganz-neues-passwort-42"


def _sign_in(client, email, password=PASSWORD):
    return client.post("/konto/login/", {"login": email, "password": password})


def _signed_in(client) -> bool:
    return client.get("/").context["user"].is_authenticated


# --- rate limits (the production values from settings) ---------------------------------


@pytest.fixture
def production_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = portal_settings.ACCOUNT_RATE_LIMITS


def test_five_failed_logins_lock_further_attempts_even_with_the_right_password(
    client, staff_user, production_rate_limits
):
    for _ in range(5):
        response = _sign_in(client, staff_user.email, "falsch")
        assert response.status_code == 200
    response = _sign_in(client, staff_user.email)
    assert "_auth_user_id" not in client.session
    assert "zu viele" in response.content.decode().lower()


def test_failed_logins_from_many_addresses_still_lock_the_account(
    client, staff_user, production_rate_limits
):
    for n in range(5):
        client.post(
            "/konto/login/",
            {"login": staff_user.email, "password": "falsch"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    _sign_in(client, staff_user.email)
    assert "_auth_user_id" not in client.session


def test_a_town_hall_behind_one_address_is_not_locked_out_by_five_typos(
    client_factory, staff_user, production_rate_limits
):

    colleagues = [UserFactory(email=f"kollegin{n}@example.org") for n in range(4)]
    for colleague in colleagues:
        client_factory().post("/konto/login/", {"login": colleague.email, "password": "tippfehler"})
        client_factory().post("/konto/login/", {"login": colleague.email, "password": "tippfehler"})
    browser = client_factory()
    _sign_in(browser, staff_user.email)
    assert "_auth_user_id" in browser.session


def test_twenty_failed_logins_from_one_address_lock_that_address(
    client_factory, staff_user, production_rate_limits
):
    for n in range(20):
        client_factory().post("/konto/login/", {"login": f"p{n}@example.org", "password": "x"})
    browser = client_factory()
    _sign_in(browser, staff_user.email)
    assert "_auth_user_id" not in browser.session


def test_password_reset_mails_are_limited_per_address(client, staff_user, production_rate_limits):
    for n in range(5):
        client.post(
            "/konto/password/reset/", {"email": staff_user.email}, REMOTE_ADDR=f"198.51.100.{n}"
        )
    assert len(mail.outbox) == 3


def test_password_reset_requests_are_limited_per_client(client, production_rate_limits):
    statuses = [
        client.post("/konto/password/reset/", {"email": f"p{n}@example.org"}).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert 429 in statuses[5:]


# --- session expiry after inactivity ----------------------------------------------------


def test_session_ends_after_eight_hours_without_activity(client, staff_user, clock, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    _sign_in(client, staff_user.email)
    assert _signed_in(client)
    clock.advance(hours=8, minutes=1)
    assert not _signed_in(client)


def test_activity_keeps_the_session_alive(client, staff_user, clock):
    _sign_in(client, staff_user.email)
    for _ in range(3):
        clock.advance(hours=7)
        assert _signed_in(client)  # each request moves the expiry (SESSION_SAVE_EVERY_REQUEST)


# --- sign-out everywhere on password change ----------------------------------------------


def test_changing_the_password_signs_out_every_other_session(client_factory, staff_user):
    laptop, phone = client_factory(), client_factory()
    _sign_in(laptop, staff_user.email)
    _sign_in(phone, staff_user.email)
    assert _signed_in(laptop) and _signed_in(phone)
    response = laptop.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _signed_in(laptop), "the session that changed the password stays signed in"
    assert not _signed_in(phone)
    assert phone.get("/konto/2fa/").status_code == 302  # back to the login page


def test_resetting_the_password_signs_out_every_session(client_factory, coordinator_user):
    from django.core.cache import cache

    office, attacker = client_factory(), client_factory()
    for browser in (office, attacker):
        _sign_in(browser, coordinator_user.email)
        browser.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
        # A code is accepted once; the cache remembers used codes for one period.
        cache.clear()
    assert _signed_in(office) and _signed_in(attacker)
    office.post("/konto/password/reset/", {"email": coordinator_user.email})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/konto/password/reset/key/" in line
    )
    path = link[link.index("/konto/") :].strip()
    form_url = office.get(path)["Location"]
    response = office.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert not _signed_in(attacker)
    assert not _signed_in(office)  # ACCOUNT_LOGIN_ON_PASSWORD_RESET is off
