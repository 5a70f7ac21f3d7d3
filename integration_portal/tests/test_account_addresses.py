"""Account addresses are stored in lower case, so sign-in and password reset (which
lower-case what is typed and compare exactly) find every account; migration 0004 fixes
the addresses stored before, and leaves accounts that differ only in case alone."""

import importlib
import io
import logging

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.models import User
from core.services import user_provision
from core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-passwort-42"


def _portal_user(email, *args, password=None, monkeypatch=None):
    if password is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        args = (*args, "--password-stdin")
    call_command("portal_user", email, "--role", "staff", *args, stdout=io.StringIO())


@pytest.mark.parametrize(
    "typed",
    ["coorda@example.org", "CoordA@example.org", "COORDA@EXAMPLE.ORG", " coorda@example.org"],
)
def test_an_account_created_with_capitals_signs_in_however_the_address_is_typed(
    client, monkeypatch, typed
):
    _portal_user("CoordA@example.org", password=PASSWORD, monkeypatch=monkeypatch)
    response = client.post("/konto/login/", {"login": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_the_password_reset_mail_reaches_an_account_created_with_capitals(client):
    _portal_user("CoordA@example.org")
    response = client.post("/konto/password/reset/", {"email": "CoordA@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coorda@example.org"]
    assert "/konto/password/reset/key/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "create",
    [
        lambda email: user_provision(email=email, role="staff")[0],
        lambda email: User.objects.create_user(email=email, password=PASSWORD),
        lambda email: User.objects.create_superuser(email=email, password=PASSWORD),
        lambda email: User.objects.create(email=email),
        lambda email: UserFactory(email=email),
    ],
    ids=["service", "create_user", "create_superuser", "objects.create", "factory"],
)
def test_every_way_of_creating_an_account_stores_the_address_in_lower_case(create):
    create("  Mixed.Case@Example.ORG ")
    assert list(User.objects.values_list("email", flat=True)) == ["mixed.case@example.org"]


def test_django_sign_in_finds_the_account_when_the_address_is_typed_with_capitals(client):
    User.objects.create_user(email="sam@example.org", password=PASSWORD)
    assert client.login(email="Sam@Example.org", password=PASSWORD)


def test_portal_user_with_other_capitals_updates_the_same_account():
    _portal_user("CoordA@example.org")
    call_command("portal_user", "coorda@EXAMPLE.org", "--role", "editor", stdout=io.StringIO())
    assert list(User.objects.values_list("email", "role")) == [("coorda@example.org", "editor")]


# --- addresses stored before the normalisation (migration 0004) ---------------------------


def _stored_with_capitals(email: str) -> User:
    """An account as the portal stored it before: the address exactly as typed."""
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(email=email)
    return user


def _run_migration_0004():
    migration = importlib.import_module("core.migrations.0004_lowercase_account_emails")

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    migration.lowercase_addresses(apps, editor)


def test_migration_lowercases_stored_addresses_so_the_account_can_sign_in(client):
    user = _stored_with_capitals("CoordA@example.org")
    address = EmailAddress.objects.create(user=user, email="coorda@example.org")
    EmailAddress.objects.filter(pk=address.pk).update(email="CoordA@Example.org")
    _run_migration_0004()
    assert User.objects.get(pk=user.pk).email == "coorda@example.org"
    assert EmailAddress.objects.get(pk=address.pk).email == "coorda@example.org"
    response = client.post(
        "/konto/login/", {"login": "CoordA@example.org", "password": "test-password-123"}
    )
    assert client.session.get("_auth_user_id") == str(user.pk), response.status_code


def test_migration_leaves_accounts_that_differ_only_in_case_untouched_and_reports_them(caplog):
    lower = UserFactory(email="twin@example.org")
    upper = _stored_with_capitals("Twin@example.org")
    other = _stored_with_capitals("Einzeln@example.org")
    with caplog.at_level(logging.WARNING, logger="core.migrations"):
        _run_migration_0004()
    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[lower.pk] == "twin@example.org"
    assert emails[upper.pk] == "Twin@example.org"
    assert emails[other.pk] == "einzeln@example.org"
    assert User.objects.count() == 3
    (record,) = [r for r in caplog.records if "twin@example.org" in r.getMessage()]
    assert str(lower.pk) in record.getMessage() and str(upper.pk) in record.getMessage()


def test_migration_can_run_twice():
    _stored_with_capitals("CoordA@example.org")
    _run_migration_0004()
    _run_migration_0004()
    assert list(User.objects.values_list("email", flat=True)) == ["coorda@example.org"]


def test_provisioning_refuses_to_pick_one_of_two_accounts_that_differ_only_in_case():
    _stored_with_capitals("Twin@example.org")
    _stored_with_capitals("TWIN@example.org")
    with pytest.raises(ValidationError):
        user_provision(email="twin@example.org", role="admin")
    with pytest.raises(CommandError) as excinfo:
        _portal_user("twin@example.org")
    assert excinfo.value.returncode == 2
    assert "Groß- und Kleinschreibung" in str(excinfo.value)
    assert sorted(User.objects.values_list("email", "role")) == [
        ("TWIN@example.org", "staff"),
        ("Twin@example.org", "staff"),
    ]
