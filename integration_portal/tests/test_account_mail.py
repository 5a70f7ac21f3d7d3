"""The account mails name the portal (``PORTAL_NAME``), not the host the request came to."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8821"


def _reset_mail(client, email: str):
    client.post(
        reverse("account_reset_password"),
        {"email": email},
        SERVER_NAME="127.0.0.1",
        SERVER_PORT="8821",
    )
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def test_the_reset_mail_names_the_portal_in_subject_greeting_and_sign_off(client, staff_user):
    message = _reset_mail(client, staff_user.email)
    assert message.subject.startswith(f"[{settings.PORTAL_NAME}] ")
    lines = message.body.strip().splitlines()
    assert lines[0] == "Guten Tag,"
    assert f"dies ist eine Nachricht von {settings.PORTAL_NAME}." in lines[2]
    assert lines[-2:] == ["Mit freundlichen Grüßen", settings.PORTAL_NAME]


def test_the_host_appears_only_in_the_reset_link(client, staff_user):
    message = _reset_mail(client, staff_user.email)
    assert HOST not in message.subject
    lines_with_host = [line for line in message.body.splitlines() if HOST in line]
    assert len(lines_with_host) == 1
    assert lines_with_host[0].startswith(f"http://{HOST}/konto/password/reset/key/")


def test_a_renamed_portal_signs_its_mails_with_the_new_name(client, staff_user, settings):
    settings.PORTAL_NAME = "Integrationsportal Kreis Beispiel"
    message = _reset_mail(client, staff_user.email)
    assert "Integrationsportal Kreis Beispiel" in message.body.splitlines()[2]
    assert message.body.strip().endswith("Integrationsportal Kreis Beispiel")


def test_the_mail_to_an_unknown_address_names_the_portal_too(client):
    message = _reset_mail(client, "niemand@example.org")
    assert message.subject.startswith(f"[{settings.PORTAL_NAME}] ")
    assert HOST not in message.subject + message.body
    assert message.body.strip().endswith(settings.PORTAL_NAME)


def test_the_english_reset_mail_names_the_portal(client, staff_user):
    client.post(
        "/en/konto/password/reset/",
        {"email": staff_user.email},
        SERVER_NAME="127.0.0.1",
        SERVER_PORT="8821",
    )
    message = mail.outbox[0]
    assert message.subject.startswith(f"[{settings.PORTAL_NAME}] ")
    assert "Password" in message.subject
    assert message.body.strip().endswith(settings.PORTAL_NAME)
