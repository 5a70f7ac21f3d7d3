"""Journeys with the keyboard alone: one page.goto at the start, then only keys.

Every step checks that the focus is visible and on screen; after a form error the focus
must be on the error summary (role=alert), never lost on <body>.
"""

from __future__ import annotations

from tests.browser.keyboard import KeyboardUser
from tests.browser.pages import FEEDBACK_MESSAGE


def assert_error_summary_has_focus(person: KeyboardUser) -> None:
    focus = person.focus()
    assert focus.role == "alert", f"focus is not on the error summary but on {focus}"
    assert focus.id == "fehler"


def test_visitor_reports_a_barrier_with_the_keyboard_and_recovers_from_a_mistake(visit):
    page = visit.page
    visit.goto("/")
    person = KeyboardUser(page)

    skip = person.press("Tab")
    assert skip.href == "#inhalt", "the first Tab stop is the skip link"
    person.tab_to("Barrierefreiheit", tag="a")
    person.activate()
    assert page.locator("h1").inner_text() == "Erklärung zur Barrierefreiheit"

    # Send without a message: the error summary is announced and takes the focus.
    person.tab_to("Rückmeldung senden", tag="button")
    person.activate()
    assert_error_summary_has_focus(person)

    # From the summary, its link leads straight to the field in error.
    person.tab_to("Auf welche Barriere", tag="a")
    person.press("Enter")
    field = person.focus()
    assert field.tag == "textarea", f"the summary link did not focus the field but {field}"
    person.type(FEEDBACK_MESSAGE)
    person.tab_to("Rückmeldung senden", tag="button")
    person.activate("Space")

    assert page.locator("h1").inner_text() == "Vielen Dank für Ihre Rückmeldung"
    visit.assert_same_origin()


def test_staff_member_signs_in_with_the_keyboard_after_a_wrong_password(visit, staff_user):
    page = visit.page
    visit.goto("/")
    person = KeyboardUser(page)

    person.tab_to("Anmeldung für Mitarbeitende", tag="a")
    person.activate()
    person.tab_to("E-Mail", tag="input")
    person.type(staff_user.email)
    person.tab_to("Passwort", tag="input")
    person.type("not-the-password")
    person.activate("Enter")  # Enter in a field sends the form
    assert_error_summary_has_focus(person)

    person.tab_to("Passwort", tag="input")
    person.type("test-password-123")
    person.tab_to("Anmelden", tag="button")
    person.activate()

    assert page.locator(".portal-account__who").inner_text().startswith("Angemeldet als")
    visit.assert_same_origin()
