"""The administrator's journeys, in a real Chromium (Playwright) against the live server.

(a) The administrator signs in with password and authenticator code, opens „Mein
    Bereich“ → „Konten“ and invites a coordinator for a network. The invitation mail
    (captured: the live server runs in this process, with the locmem mail backend of the
    test settings) carries a link; in a browser of their own the coordinator sets a
    password with it, signs in and is led to set up the authenticator app first. The
    administrator then deactivates the account: the coordinator's open session ends and
    signing in again fails.
(b) An anonymous visitor reports a barrier with the keyboard alone and gets the
    reference number; a notice goes to the contact address and a confirmation to the
    sender; the administrator finds the message in the inbox and sets it to „In
    Bearbeitung“ with an answer note.

axe-core checks every page on the way at 1280 and at 375 pixels; console errors (CSP
violations among them) fail the journey. Screenshots go to ``var/screenshots/admin/``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail

from core.models import AccessibilityFeedback, User
from core.security import has_second_factor
from core.tests.factories import totp_code
from networks.tests.factories import NetworkFactory
from tests.browser.browsing import (
    DESKTOP,
    SCRATCH_SCREENSHOTS,
    Journey,
    Visit,
)
from tests.browser.keyboard import KeyboardUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "admin"
NEW_PASSWORD = "Sonnenblumen-Garten-2024"
COORDINATOR_EMAIL = "neue.koordination@example.org"
SENDER_EMAIL = "zora.beispiel@example.org"
BARRIER = "Die Karte der Netzwerke lässt sich mit der Tastatur nicht verschieben."
ANSWER_NOTE = "Karte geprüft; die Tabelle unter der Karte nennt dieselben Verbindungen."


def _path(page) -> str:
    return urlsplit(page.url).path


def _invitation_link(message) -> str:
    return next(word for word in message.body.split() if "/konto/password/reset/key/" in word)


def test_admin_invites_a_coordinator_who_sets_a_password_and_is_then_deactivated(
    visit, new_context, live_server, admin_user
):
    network = NetworkFactory(name="KIM-Lenkungsgruppe", slug="kim-lenkungsgruppe")
    journey = Journey(SHOTS)
    page = visit.page
    journey.watch(page)

    # The administrator signs in (password and authenticator code) and lands in „Mein Bereich“.
    visit.log_in(admin_user.email)
    assert _path(page) == "/mein-bereich/"
    journey.check(page, "01-mein-bereich")
    page.locator("main").get_by_role("link", name="Konten verwalten").click()
    assert page.locator("h1").inner_text() == "Konten"
    journey.check(page, "02-konten")

    # Invite a coordinator for the network.
    page.get_by_role("link", name="Person einladen").click()
    assert page.locator("h1").inner_text() == "Person einladen"
    page.get_by_label("E-Mail-Adresse").fill(COORDINATOR_EMAIL)
    page.get_by_label("Name").fill("Nele Neu")
    page.get_by_role("radio", name="Koordination").check()
    page.get_by_role("checkbox", name=network.name).check()
    journey.check(page, "03-einladen")
    mail.outbox.clear()
    with page.expect_navigation():
        page.get_by_role("button", name="Einladung senden").click()
    assert "Die Einladung wurde an neue.koordination@example.org gesendet." in (
        page.locator(".portal-messages").inner_text()
    )
    account = User.objects.get(email=COORDINATOR_EMAIL)
    assert account.role == "coordinator" and not account.has_usable_password()
    assert list(account.coordinated_networks.all()) == [network]
    journey.check(page, "04-konto-eingeladen")

    # The invitation mail, to the invited address, with the link to set the password.
    [invitation] = mail.outbox
    assert invitation.to == [COORDINATOR_EMAIL]
    link = _invitation_link(invitation)
    assert link.startswith(live_server.url)

    # In a browser of their own, the coordinator follows the link and sets a password.
    coordinator = Visit(new_context(viewport=DESKTOP, locale="de-DE"), live_server.url)
    other = coordinator.page
    journey.watch(other)
    other.goto(link, wait_until="load")
    journey.check(other, "05-passwort-festlegen")
    other.locator("input[name=password1]").fill(NEW_PASSWORD)
    other.locator("input[name=password2]").fill(NEW_PASSWORD)
    with other.expect_navigation():
        other.get_by_role("button", name="Passwort ändern").click()
    assert _path(other) == "/konto/password/reset/key/done/"
    journey.check(other, "06-passwort-gesetzt")

    # Signing in leads to the set-up of the authenticator app (after the password once
    # more: a second factor is a sensitive change), then to the recovery codes.
    other.goto(coordinator.url("/konto/login/"))
    other.get_by_label("E-Mail").fill(COORDINATOR_EMAIL)
    other.get_by_label("Passwort").fill(NEW_PASSWORD)
    with other.expect_navigation():
        other.get_by_role("button", name="Anmelden").click()
    if _path(other) == "/konto/reauthenticate/":
        journey.check(other, "07-passwort-bestaetigen")
        other.locator("input[name=password]").fill(NEW_PASSWORD)
        with other.expect_navigation():
            other.get_by_role("button", name="Bestätigen").click()
    assert _path(other) == "/konto/2fa/totp/activate/", other.url
    journey.check(other, "08-zweiter-faktor")
    secret = other.locator("#authenticator_secret").input_value()
    other.locator("input[name=code]").fill(totp_code(secret))
    with other.expect_navigation():
        other.get_by_role("button", name="Aktivieren").click()
    assert has_second_factor(account)
    assert _path(other) == "/konto/2fa/recovery-codes/"
    journey.check(other, "09-wiederherstellungscodes")
    other.locator("main").get_by_role("link", name=re.compile("^Weiter")).click()
    assert _path(other) == "/mein-bereich/"
    assert network.name in other.locator("main").inner_text()

    # The administrator deactivates the account on its page.
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="Konto deaktivieren").click()
    assert "ist deaktiviert" in page.locator(".portal-messages").inner_text()
    account.refresh_from_db()
    assert not account.is_active
    journey.check(page, "10-konto-deaktiviert")

    # The coordinator's open session ends with the next request; signing in fails.
    other.goto(coordinator.url("/mein-bereich/"))
    assert _path(other) == "/konto/login/", other.url
    assert not other.locator(".portal-account__who").is_visible()
    other.get_by_label("E-Mail").fill(COORDINATOR_EMAIL)
    other.get_by_label("Passwort").fill(NEW_PASSWORD)
    with other.expect_navigation():
        other.get_by_role("button", name="Anmelden").click()
    assert not other.locator(".portal-account__who").is_visible()
    assert _path(other) in ("/konto/login/", "/konto/inactive/"), other.url
    journey.check(other, "11-anmeldung-abgelehnt")

    coordinator.context.close()
    journey.assert_clean()
    visit.assert_same_origin()


def test_anonymous_feedback_reaches_the_inbox_and_the_mailboxes_and_is_taken_up(
    visit, new_context, live_server, admin_user
):
    journey = Journey(SHOTS)
    page = visit.page
    journey.watch(page)
    mail.outbox.clear()

    # The visitor reports a barrier with the keyboard alone.
    visit.goto("/barrierefreiheit/")
    journey.check(page, "20-barrierefreiheit")
    person = KeyboardUser(page)
    person.tab_to("Betroffene Seite", tag="input")
    person.type("/netzwerke/karte/")
    person.tab_to("Auf welche Barriere", tag="textarea")
    person.type(BARRIER)
    person.tab_to("Ihr Name", tag="input")
    person.type("Zora Beispiel")
    person.tab_to("Ihre E-Mail-Adresse", tag="input")
    person.type(SENDER_EMAIL)
    person.tab_to("Rückmeldung senden", tag="button")
    person.activate("Enter")
    assert page.locator("h1").inner_text() == "Vielen Dank für Ihre Rückmeldung"
    reference = re.search(r"BF-[0-9A-F]{8}", page.get_by_role("status").inner_text()).group(0)
    journey.check(page, "21-danke")

    feedback = AccessibilityFeedback.objects.get(reference=reference)
    assert (feedback.message, feedback.email, feedback.status) == (BARRIER, SENDER_EMAIL, "new")

    # A notice to the contact address, a confirmation to the sender; both name the number.
    recipients = {tuple(message.to): message for message in mail.outbox}
    assert set(recipients) == {(settings.PORTAL_CONTACT_EMAIL,), (SENDER_EMAIL,)}
    for message in recipients.values():
        assert reference in message.subject + message.body
    notice = recipients[(settings.PORTAL_CONTACT_EMAIL,)]
    assert BARRIER not in notice.body, "the message itself stays in the portal"

    # The administrator finds it in the inbox and takes it up.
    admin = Visit(new_context(viewport=DESKTOP, locale="de-DE"), live_server.url)
    inbox = admin.page
    journey.watch(inbox)
    admin.log_in(admin_user.email)
    inbox.locator("header").get_by_role("link", name="Rückmeldungen").click()
    assert inbox.locator("h1").inner_text() == "Rückmeldungen zur Barrierefreiheit"
    journey.check(inbox, "22-posteingang")
    inbox.get_by_role("link", name=reference).click()
    assert reference in inbox.locator("h1").inner_text()
    assert BARRIER in inbox.locator("main").inner_text()
    journey.check(inbox, "23-rueckmeldung")
    inbox.get_by_role("radio", name="In Bearbeitung").check()
    inbox.get_by_label("Notiz zur Antwort").fill(ANSWER_NOTE)
    with inbox.expect_navigation():
        inbox.locator("main").get_by_role("button", name="Speichern").click()
    feedback.refresh_from_db()
    assert (feedback.status, feedback.answer_note) == ("in_progress", ANSWER_NOTE)
    assert feedback.handled_by == admin_user
    assert ANSWER_NOTE in inbox.locator("main").inner_text()
    journey.check(inbox, "24-in-bearbeitung")

    admin.context.close()
    journey.assert_clean()
    visit.assert_same_origin()
    admin.assert_same_origin()
