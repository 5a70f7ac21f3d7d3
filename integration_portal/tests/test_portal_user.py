"""The portal_user management command."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import Role, User
from networks.models import Network

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]


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


# --- the address in the link, and the networks ---------------------------------------


def _link(out: io.StringIO) -> str:
    return next(line for line in out.getvalue().splitlines() if "/password/reset/key/" in line)


def test_the_link_starts_with_portal_base_url(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org/"
    out = io.StringIO()
    call_command("portal_user", "neu@example.org", "--role", "staff", stdout=out)
    assert "https://portal.example.org/konto/password/reset/key/" in _link(out)


def test_base_url_option_wins_over_the_setting(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    out = io.StringIO()
    call_command(
        "portal_user",
        "neu@example.org",
        "--role",
        "staff",
        "--base-url",
        "http://localhost:9000",
        stdout=out,
    )
    assert "http://localhost:9000/konto/password/reset/key/" in _link(out)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8821"}, "http://127.0.0.1:8821"),
        (
            {"PORT": "8821", "PORTAL_BASE_URL": "https://portal.example.org"},
            "https://portal.example.org",
        ),
    ],
)
def test_the_setting_follows_port_unless_portal_base_url_is_given(environment, expected):
    """Settings read in a fresh interpreter with the given environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PORT", "PORTAL_BASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="integration_portal.settings")
    result = subprocess.run(  # noqa: S603 - the test's own interpreter and code
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.PORTAL_BASE_URL)",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_list_networks_prints_slug_and_name_of_each(networks):
    out = io.StringIO()
    call_command("portal_user", "--list-networks", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == ["ak-bildung", "kim-lenkungsgruppe"]
    assert lines[0].endswith("AK Bildung")
    assert lines[1].endswith("KIM-Lenkungsgruppe")


def test_list_networks_without_networks_says_so():
    out = io.StringIO()
    call_command("portal_user", "--list-networks", stdout=out)
    assert "noch kein Netzwerk" in out.getvalue()


def test_an_unknown_network_names_the_valid_slugs(networks):
    with pytest.raises(CommandError) as excinfo:
        call_command(
            "portal_user",
            "x@example.org",
            "--role",
            "coordinator",
            "--network",
            "gibt-es-nicht",
            stdout=io.StringIO(),
        )
    assert excinfo.value.returncode == 2
    assert "gibt-es-nicht" in str(excinfo.value)
    assert "Gültig: ak-bildung, kim-lenkungsgruppe" in str(excinfo.value)


def test_with_many_networks_the_error_names_twenty_and_points_to_the_list():
    Network.objects.bulk_create(
        Network(name=f"Netzwerk {number:02}", slug=f"netzwerk-{number:02}") for number in range(25)
    )
    with pytest.raises(CommandError) as excinfo:
        call_command(
            "portal_user",
            "x@example.org",
            "--role",
            "coordinator",
            "--network",
            "gibt-es-nicht",
            stdout=io.StringIO(),
        )
    message = str(excinfo.value)
    assert "netzwerk-19" in message
    assert "netzwerk-20" not in message
    assert "--list-networks" in message


def test_without_email_or_role_the_command_explains_its_use():
    with pytest.raises(CommandError) as excinfo:
        call_command("portal_user", "--role", "staff", stdout=io.StringIO())
    assert excinfo.value.returncode == 2
    assert "--list-networks" in str(excinfo.value)
