"""The password rules hold on every path that sets a password: ``portal_user
--password-stdin``, the password change and the password reset.

The rules are Django's validators (``AUTH_PASSWORD_VALIDATORS``: length ≥ 12, common,
numeric, similar to the address) plus the portal's ``CharacterVarietyValidator``, which
refuses what Django lets through (``aaaaaaaaaaaa``, ``abcdefghijkl``).
"""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import User
from core.password_validation import CharacterVarietyValidator
from integration_portal import settings as portal_settings

pytestmark = pytest.mark.django_db

#: The entry for AUTH_PASSWORD_VALIDATORS in settings.py.
VARIETY_RULE = {
    "NAME": "core.password_validation.CharacterVarietyValidator",
    "OPTIONS": {"min_distinct": 6},
}

PASSWORD = "test-password-123"
WEAK = {
    "aaaaaaaaaaaa": "zu wenigen verschiedenen Zeichen",
    "123456789012": "komplett numerisch",
    "abcdefghijkl": "einfache Zeichenfolge",
    "kurz-42": "zu kurz",
}
GOOD = "Kiesel-Rhein-Tor-7"


@pytest.fixture(autouse=True)
def portal_password_rules(settings):
    """The production validators plus the portal's rule (until settings.py names it)."""
    names = [entry["NAME"] for entry in portal_settings.AUTH_PASSWORD_VALIDATORS]
    extra = [] if VARIETY_RULE["NAME"] in names else [VARIETY_RULE]
    settings.AUTH_PASSWORD_VALIDATORS = [*portal_settings.AUTH_PASSWORD_VALIDATORS, *extra]


def test_the_settings_name_the_portal_password_rule():
    names = [entry["NAME"] for entry in portal_settings.AUTH_PASSWORD_VALIDATORS]
    assert VARIETY_RULE["NAME"] in names


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("aaaaaaaaaaaa", True),
        ("AaAaAaAaAaAa", True),
        ("abababababab", True),
        ("abcabcabcabc", True),
        ("abcdefghijkl", True),
        ("ZYXWVUTSRQPO", True),
        ("789012345678", True),
        ("210987654321", True),
        ("aaaaaaaaaaaaaaaaaaaaaaab", True),
        (PASSWORD, False),
        (GOOD, False),
        ("ein langer Satz mit Leerzeichen", False),
        ("abcdef-uvwxyz", False),
        ("Ünïcödé-Passwört", False),
    ],
)
def test_character_variety_rule(password, refused):
    validator = CharacterVarietyValidator(min_distinct=6)
    if refused:
        with pytest.raises(ValidationError):
            validator.validate(password)
    else:
        validator.validate(password)


def test_the_rule_explains_itself_in_german():
    assert "verschiedene Zeichen" in CharacterVarietyValidator().get_help_text()


# --- portal_user --password-stdin ------------------------------------------------------


def _portal_user(monkeypatch, email, password, role="staff"):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    call_command("portal_user", email, "--role", role, "--password-stdin", stdout=io.StringIO())


@pytest.mark.parametrize(("password", "message"), WEAK.items())
def test_portal_user_refuses_a_weak_password_with_a_clear_message(monkeypatch, password, message):
    with pytest.raises(CommandError) as excinfo:
        _portal_user(monkeypatch, "neu@example.org", password)
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)
    assert not User.objects.exists()


def test_portal_user_refuses_a_password_like_the_address(monkeypatch):
    with pytest.raises(CommandError) as excinfo:
        _portal_user(monkeypatch, "koordination.heinsberg@example.org", "koordination.heinsberg")
    assert "zu ähnlich" in str(excinfo.value)


def test_portal_user_refuses_an_empty_password(monkeypatch):
    with pytest.raises(CommandError):
        _portal_user(monkeypatch, "neu@example.org", "")
    assert not User.objects.exists()


def test_a_weak_password_leaves_an_existing_account_as_it_was(monkeypatch, staff_user):
    with pytest.raises(CommandError):
        _portal_user(monkeypatch, staff_user.email, "aaaaaaaaaaaa", role="admin")
    staff_user.refresh_from_db()
    assert staff_user.role == "staff"
    assert staff_user.check_password(PASSWORD)


# --- the web: password change and reset (allauth) ---------------------------------------


@pytest.mark.parametrize(("password", "message"), WEAK.items())
def test_password_change_refuses_a_weak_password_with_a_clear_message(
    client, staff_user, password, message
):
    client.force_login(staff_user)
    response = client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def _reset_form_url(client, email):
    client.post("/konto/password/reset/", {"email": email})
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/konto/password/reset/key/" in line
    )
    return client.get(link[link.index("/konto/") :].strip())["Location"]


@pytest.mark.parametrize(("password", "message"), WEAK.items())
def test_password_reset_refuses_a_weak_password_with_a_clear_message(
    client, staff_user, password, message
):
    form_url = _reset_form_url(client, staff_user.email)
    response = client.post(form_url, {"password1": password, "password2": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_a_good_password_is_taken_on_every_path(client, staff_user, monkeypatch):
    client.force_login(staff_user)
    response = client.post(
        "/konto/password/change/", {"oldpassword": PASSWORD, "password1": GOOD, "password2": GOOD}
    )
    assert response.status_code == 302
    form_url = _reset_form_url(client, staff_user.email)
    again = GOOD + "-neu"
    assert client.post(form_url, {"password1": again, "password2": again}).status_code == 302
    _portal_user(monkeypatch, staff_user.email, GOOD)
    staff_user.refresh_from_db()
    assert staff_user.check_password(GOOD)
