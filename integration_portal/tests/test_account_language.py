"""The account pages, messages and mails address everyone as "Sie", never as "du".

allauth's own German catalogue says "du" in places; the portal's catalogue
``locale_overrides/allauth/`` and its templates in ``templates/account/`` replace them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from core.models import User
from core.tests.factories import totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"

#: The informal address as whole words ("durch", "Dienst" or "dirigieren" do not count).
INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)


class _VisibleText(HTMLParser):
    """The text a person reads: no tags, attributes (``dir="ltr"``), scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            # What screen readers and tooltips read out is text, too.
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def informal_words(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return INFORMAL.findall(" ".join(parser.parts))


def _page(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def _pages_on_the_way(client, url: str) -> list[str]:
    """The page at ``url`` and, when a sensitive page asks for the password once more
    first, that page too (answered with the password)."""
    response = client.get(url, follow=True)
    pages = [_page(response)]
    if response.request["PATH_INFO"] == reverse("account_reauthenticate"):
        response = client.post(
            reverse("account_reauthenticate"), {"password": PASSWORD, "next": url}, follow=True
        )
        assert response.request["PATH_INFO"] == url
        pages.append(_page(response))
    return pages


def _reset_link(client, email: str) -> str:
    client.post(reverse("account_reset_password"), {"email": email})
    return next(word for word in mail.outbox[-1].body.split() if "/password/reset/key/" in word)


def test_the_pattern_finds_the_informal_address_and_spares_other_words():
    assert informal_words("<p>Du hast dich abgemeldet.</p>") == ["Du", "dich"]
    assert informal_words("<p>Gib deine Adresse ein, dann schicken wir dir</p>") == [
        "deine",
        "dir",
    ]
    assert informal_words('<p dir="ltr">durch Dienste dirigiert, Sie</p>') == []


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key_done",
        "account_signup",
        "account_inactive",
    ],
)
def test_public_account_pages_say_sie(client, url_name):
    assert informal_words(_page(client.get(reverse(url_name)))) == []


def test_an_invalid_reset_link_says_sie(client):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "falsch"})
    assert informal_words(_page(client.get(url, follow=True))) == []


def test_the_set_password_page_of_a_reset_link_says_sie(client, staff_user):
    page = _page(client.get(_reset_link(client, staff_user.email), follow=True))
    assert 'name="password1"' in page
    assert informal_words(page) == []


def test_the_sign_out_page_and_its_message_say_sie(client, staff_user):
    client.force_login(staff_user)
    page = _page(client.get(reverse("account_logout")))
    assert "Möchten Sie sich wirklich abmelden?" in page
    assert informal_words(page) == []
    after = _page(client.post(reverse("account_logout"), follow=True))
    assert "Sie haben sich abgemeldet." in after
    assert informal_words(after) == []


def test_signing_in_with_password_and_code_says_sie(client, coordinator_user):
    response = client.post(
        reverse("account_login"), {"login": coordinator_user.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert informal_words(_page(client.get(reverse("mfa_authenticate")))) == []
    signed_in = client.post(reverse("mfa_authenticate"), {"code": totp_code()}, follow=True)
    assert informal_words(_page(signed_in)) == []


def test_a_wrong_password_and_too_many_attempts_say_sie(client, staff_user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "1/5m/key"}
    for _ in range(2):
        response = client.post(
            reverse("account_login"), {"login": staff_user.email, "password": "falsch"}
        )
        assert informal_words(response.content.decode()) == []
    assert "Bitte versuchen Sie es später erneut" in response.content.decode()


def test_changing_the_password_says_sie(client, staff_user):
    client.force_login(staff_user)
    url = reverse("account_change_password")
    assert informal_words(_page(client.get(url))) == []
    mismatch = client.post(
        url,
        {"oldpassword": "falsch", "password1": "Neues-Passwort-42", "password2": "anderes-42"},
    )
    assert informal_words(_page(mismatch)) == []
    changed = client.post(
        url,
        {
            "oldpassword": PASSWORD,
            "password1": "Ein-neues-Passwort-42",
            "password2": "Ein-neues-Passwort-42",
        },
        follow=True,
    )
    assert informal_words(_page(changed)) == []


@pytest.mark.parametrize(
    "url_name", ["mfa_index", "mfa_activate_totp", "account_reauthenticate", "account_email"]
)
def test_second_factor_pages_of_an_account_without_one_say_sie(client, staff_user, url_name):
    client.force_login(staff_user)
    for page in _pages_on_the_way(client, reverse(url_name)):
        assert informal_words(page) == []


@pytest.mark.parametrize(
    "url_name",
    [
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_generate_recovery_codes",
        "mfa_reauthenticate",
        "account_change_password",
    ],
)
def test_second_factor_pages_of_an_account_with_one_say_sie(client, coordinator_user, url_name):
    client.force_login(coordinator_user)
    for page in _pages_on_the_way(client, reverse(url_name)):
        assert informal_words(page) == []


def test_generating_and_viewing_recovery_codes_says_sie(client, coordinator_user):
    client.force_login(coordinator_user)
    _pages_on_the_way(client, reverse("mfa_generate_recovery_codes"))
    generated = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert informal_words(_page(generated)) == []
    shown = _page(client.get(reverse("mfa_view_recovery_codes")))
    assert re.search(r"\b[0-9a-f]{8}\b", shown), "the codes are shown"
    assert informal_words(shown) == []


def test_the_password_reset_mail_says_sie(client, staff_user):
    _reset_link(client, staff_user.email)
    message = mail.outbox[-1]
    assert INFORMAL.findall(message.subject) == []
    assert INFORMAL.findall(message.body) == []
    assert "Sie erhalten diese E-Mail" in message.body


def test_the_mail_to_an_unknown_address_says_sie_and_offers_no_sign_up(client, settings):
    client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    message = mail.outbox[-1]
    assert INFORMAL.findall(message.subject + message.body) == []
    assert "/konto/signup/" not in message.body
    assert settings.PORTAL_CONTACT_EMAIL in message.body


def test_downloading_the_recovery_codes_says_sie(client, coordinator_user):
    client.force_login(coordinator_user)
    _pages_on_the_way(client, reverse("mfa_generate_recovery_codes"))
    client.post(reverse("mfa_generate_recovery_codes"))
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200
    text = b"".join(download).decode() if download.streaming else download.content.decode()
    assert re.search(r"\b[0-9a-f]{8}\b", text), "the codes are in the file"
    assert INFORMAL.findall(text) == []


# --- the e-mail address pages and the confirmation mail ------------------------------------


def test_adding_an_address_its_confirmation_mail_and_page_say_sie(client, staff_user):
    client.force_login(staff_user)
    url = reverse("account_email")
    added = client.post(url, {"email": "zweite@example.org", "action_add": ""}, follow=True)
    assert informal_words(_page(added)) == []
    [message] = mail.outbox
    assert "bestätigen Sie" in message.subject
    assert INFORMAL.findall(message.subject + message.body) == []
    # The portal's own name, not the host the request came to.
    assert settings.PORTAL_NAME in message.body
    words = [word for word in message.body.split() if "://" not in word]
    assert "testserver" not in " ".join(words)
    link = next(word for word in message.body.split() if "/konto/confirm-email/" in word)
    confirm_page = _page(client.get(link))
    assert 'method="post"' in confirm_page
    assert informal_words(confirm_page) == []
    confirmed = client.post(link, follow=True)
    assert informal_words(_page(confirmed)) == []


@pytest.mark.parametrize("url_name", ["account_email_verification_sent"])
def test_the_verification_sent_page_says_sie(client, url_name):
    assert informal_words(_page(client.get(reverse(url_name)))) == []


def test_an_invalid_confirmation_link_says_sie(client):
    url = reverse("account_confirm_email", kwargs={"key": "falsch"})
    assert informal_words(_page(client.get(url, follow=True))) == []


# --- the invitation: mail, set-password pages, account administration ----------------------


def _invite(client, email: str, role: str) -> None:
    response = client.post(
        reverse("accounts_admin_invite"),
        {"email": email, "name": "Nele Neu", "role": role},
        follow=True,
    )
    assert informal_words(_page(response)) == []


@pytest.mark.parametrize("role", ["staff", "coordinator"])
def test_the_invitation_mail_says_sie(client, admin_user, role):
    client.force_login(admin_user)
    _invite(client, "neu@example.org", role)
    [message] = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "Sie sind eingeladen" in message.body
    assert INFORMAL.findall(message.subject + message.body) == []


def test_setting_the_password_through_the_invitation_says_sie(client, client_factory, admin_user):
    client.force_login(admin_user)
    _invite(client, "neu@example.org", "coordinator")
    link = next(w for w in mail.outbox[-1].body.split() if "/konto/password/reset/key/" in w)
    invited = client_factory()
    form = invited.get(link, follow=True)
    assert 'name="password1"' in _page(form)
    assert informal_words(_page(form)) == []
    done = invited.post(
        form.request["PATH_INFO"],
        {"password1": "Sonnenblumen-Garten-2024", "password2": "Sonnenblumen-Garten-2024"},
        follow=True,
    )
    assert done.request["PATH_INFO"] == reverse("account_reset_password_from_key_done")
    assert informal_words(_page(done)) == []
    # Signing in leads to the set-up of the authenticator app: those pages say "Sie" too.
    signed_in = invited.post(
        reverse("account_login"),
        {"login": "neu@example.org", "password": "Sonnenblumen-Garten-2024"},
        follow=True,
    )
    assert informal_words(_page(signed_in)) == []


def test_the_set_password_page_of_an_account_without_one_says_sie(client, admin_user):
    client.force_login(admin_user)
    _invite(client, "neu@example.org", "staff")
    invited = User.objects.get(email="neu@example.org")
    client.force_login(invited)
    page = _page(client.get(reverse("account_set_password")))
    assert 'name="password1"' in page
    assert informal_words(page) == []


def test_the_account_administration_says_sie(client, admin_user, staff_user):
    client.force_login(admin_user)
    for url in (
        reverse("accounts_admin"),
        reverse("accounts_admin_invite"),
        reverse("accounts_admin_detail", args=[staff_user.pk]),
        reverse("accounts_admin_detail", args=[admin_user.pk]),
    ):
        assert informal_words(_page(client.get(url))) == [], url
    deactivated = client.post(
        reverse("accounts_admin_active", args=[staff_user.pk]),
        {"version": staff_user.version, "aktiv": "nein"},
        follow=True,
    )
    assert "ist deaktiviert" in _page(deactivated)
    assert informal_words(_page(deactivated)) == []


def test_a_deactivated_account_signing_in_is_told_in_sie(client, staff_user):
    staff_user.is_active = False
    staff_user.save()
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": PASSWORD}, follow=True
    )
    assert informal_words(_page(response)) == []


# --- the mails of the accessibility feedback --------------------------------------------------


def test_the_feedback_mails_say_sie(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accessibility"),
            {"message": "Der Kontrast ist zu schwach.", "email": "zora@example.org"},
        )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert INFORMAL.findall(message.subject + message.body) == [], message.to
