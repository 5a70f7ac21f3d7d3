"""The portal_user management command."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import Role, User
from networks.models import Network

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks():
    return (
        Network.objects.create(name="KIM-Lenkungsgruppe", slug="kim-lenkungsgruppe"),
        Network.objects.create(name="AK Bildung", slug="ak-bildung"),
    )


def test_creates_a_staff_account_and_prints_a_one_time_password_link():
    out = io.StringIO()
    call_command("portal_user", "neu@example.org", "--role", "staff", stdout=out)
    user = User.objects.get(email="neu@example.org")
    assert user.role == Role.STAFF
    assert not user.has_usable_password()
    assert "/konto/password/reset/key/" in out.getvalue()


def test_password_from_stdin_lets_the_person_sign_in(client, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("ein-langes-passwort-42\n"))
    call_command(
        "portal_user", "p@example.org", "--role", "editor", "--password-stdin", stdout=io.StringIO()
    )
    assert client.login(email="p@example.org", password="ein-langes-passwort-42")


def test_coordinator_gets_exactly_the_named_networks(networks):
    call_command(
        "portal_user",
        "k@example.org",
        "--role",
        "coordinator",
        "--network",
        "ak-bildung",
        stdout=io.StringIO(),
    )
    user = User.objects.get(email="k@example.org")
    assert list(user.coordinated_networks.values_list("slug", flat=True)) == ["ak-bildung"]


def test_running_again_updates_the_account_instead_of_duplicating_it(networks):
    call_command("portal_user", "k@example.org", "--role", "staff", stdout=io.StringIO())
    call_command(
        "portal_user",
        "K@example.org",
        "--role",
        "coordinator",
        "--network",
        "kim-lenkungsgruppe",
        stdout=io.StringIO(),
    )
    assert User.objects.filter(email__iexact="k@example.org").count() == 1
    assert User.objects.get().role == Role.COORDINATOR


def test_admin_role_opens_the_django_admin():
    call_command("portal_user", "a@example.org", "--role", "admin", stdout=io.StringIO())
    user = User.objects.get()
    assert user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x@example.org", "--role", "chef"], "Unbekannte Rolle"),
        (
            ["x@example.org", "--role", "coordinator", "--network", "gibt-es-nicht"],
            "Unbekanntes Netzwerk",
        ),
        (["keine-adresse", "--role", "staff"], "Ungültige E-Mail-Adresse"),
    ],
)
def test_bad_arguments_fail_with_a_clear_error_and_exit_code_2(args, message, networks):
    with pytest.raises(CommandError) as excinfo:
        call_command("portal_user", *args, stdout=io.StringIO())
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)
    assert not User.objects.filter(email="x@example.org").exists()


def test_short_password_from_stdin_is_refused(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("kurz\n"))
    with pytest.raises(CommandError) as excinfo:
        call_command(
            "portal_user",
            "p@example.org",
            "--role",
            "staff",
            "--password-stdin",
            stdout=io.StringIO(),
        )
    assert excinfo.value.returncode == 2
    assert not User.objects.exists()
