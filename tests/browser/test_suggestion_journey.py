"""A suggestion from outside, from the public actor page to the directory, in a real
Chromium (Playwright) against the live server.

A visitor opens a public actor's page, follows „Änderung vorschlagen" with the keyboard
alone, changes the phone number and sends it; the thank-you page follows. An editor
signs in (password and authenticator code), opens the queue of suggestions and the
suggestion, sees the comparison and accepts it. The actor's public page then shows the
new number and „Zuletzt geprüft" with today's date; the visitor gets a mail.

axe-core checks the form, the queue and the suggestion's page at 1280 and at 375 pixels;
console errors fail the journey. Screenshots go to ``var/screenshots/suggestions/``.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from actors.tests.factories import ActorFactory
from stewardship.models import Suggestion, SuggestionStatus
from tests.browser.browsing import (
    DESKTOP,
    SCRATCH_SCREENSHOTS,
    Journey,
    Visit,
)
from tests.browser.keyboard import KeyboardUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "suggestions"
OLD_PHONE = "02452 13-0"
NEW_PHONE = "02452 13-4711"
VISITOR_EMAIL = "ida.muster@example.org"


def test_a_visitors_correction_is_accepted_by_an_editor_and_shows_on_the_public_page(
    visit, new_context, live_server, editor_user
):
    actor = ActorFactory(
        slug="migrationsberatung",
        name="Migrationsberatung Heinsberg",
        phone=OLD_PHONE,
        city="Heinsberg",
    )
    journey = Journey(SHOTS)
    page = visit.page
    journey.watch(page)
    mail.outbox.clear()

    # The visitor, with the keyboard alone.
    visit.goto(actor.get_absolute_url())
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "00-akteur-1280.png"), full_page=True)
    person = KeyboardUser(page)
    person.tab_to("Änderung vorschlagen", tag="a")
    with page.expect_navigation():
        person.activate("Enter")
    assert page.locator("h1").inner_text() == "Änderung vorschlagen: Migrationsberatung Heinsberg"
    assert page.get_by_label("Telefon").input_value() == OLD_PHONE
    journey.check(page, "10-formular")
    person.tab_to("Telefon", tag="input")
    person.press("Control+A")
    person.type(NEW_PHONE)
    person.tab_to("Kommentar", tag="textarea")
    person.type("Die Zentrale hat eine neue Durchwahl.")
    person.tab_to("Ihre E-Mail-Adresse", tag="input")
    person.type(VISITOR_EMAIL)
    person.tab_to("Vorschlag senden", tag="button")
    with page.expect_navigation():
        person.activate("Enter")
    assert page.locator("h1").inner_text() == "Vielen Dank für Ihren Vorschlag"
    suggestion = Suggestion.objects.get()
    assert suggestion.proposed == {"phone": NEW_PHONE}
    # Nothing public before acceptance.
    visit.goto(actor.get_absolute_url())
    assert NEW_PHONE not in page.locator("main").inner_text()

    # The editor signs in, opens the queue and the suggestion, and accepts it.
    editor = Visit(new_context(viewport=DESKTOP, locale="de-DE"), live_server.url)
    queue = editor.page
    journey.watch(queue)
    editor.log_in(editor_user.email)
    editor.goto("/mein-bereich/vorschlaege/")
    assert queue.locator("h1").inner_text() == "Vorschläge zum Verzeichnis"
    journey.check(queue, "20-liste")
    with queue.expect_navigation():
        queue.get_by_role("link", name=f"Nr. {suggestion.pk}", exact=True).click()
    assert queue.locator("h1").inner_text() == f"Vorschlag Nr. {suggestion.pk}"
    comparison = queue.get_by_role("table").inner_text()
    assert OLD_PHONE in comparison and NEW_PHONE in comparison and "geändert" in comparison
    assert VISITOR_EMAIL in queue.locator("main").inner_text()
    journey.check(queue, "30-vorschlag")
    with queue.expect_navigation():
        queue.get_by_role("button", name="Übernehmen").click()
    assert "übernommen" in queue.get_by_role("status").first.inner_text()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    journey.check(queue, "40-uebernommen")

    # The public page shows the new number and today's review date.
    visit.goto(actor.get_absolute_url())
    main = page.locator("main")
    assert NEW_PHONE in main.inner_text()
    today = timezone.localdate().isoformat()
    reviewed = main.locator(f'time[datetime="{today}"]')
    assert reviewed.count() >= 1
    row = main.locator(".kern-description-list-item", has_text="Zuletzt geprüft")
    assert today in row.inner_html()
    assert [message.to for message in mail.outbox] == [[VISITOR_EMAIL]]

    editor.context.close()
    journey.assert_clean()
    visit.assert_same_origin()
    editor.assert_same_origin()
