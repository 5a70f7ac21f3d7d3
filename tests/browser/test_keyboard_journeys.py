"""Journeys with the keyboard alone: one page.goto at the start, then only keys.

Every step checks that the focus is visible and on screen; after a form error the focus
must be on the error summary (role=alert), never lost on <body>.
"""

from __future__ import annotations

from tests.browser.browsing import PASSWORD, fresh_totp_code
from tests.browser.keyboard import KeyboardUser
from tests.browser.pages import FEEDBACK_MESSAGE


def assert_error_summary_has_focus(person: KeyboardUser) -> None:
    focus = person.focus()
    assert focus.role == "alert", f"focus is not on the error summary but on {focus}"
    assert focus.id == "fehler"


def test_citizen_reaches_a_period_page_from_the_start_page(visit, keynote_content):
    page = visit.page
    visit.goto("/")
    person = KeyboardUser(page)

    person.tab_to("Geschichte der Integrationsarbeit", tag="a")
    person.activate()
    assert page.locator("h1").inner_text() == "Geschichte der kommunalen Integrationsarbeit"
    period = person.tab_to("1970er Jahre", tag="a")
    assert period.href.endswith("/geschichte/1970er/")
    person.activate()

    assert page.locator("h1").inner_text() == "1970er Jahre"
    visit.assert_same_origin()


def test_coordinator_adds_a_member_after_correcting_a_mistake(visit, kim_coordinator):
    page = visit.page
    visit.goto("/")
    person = KeyboardUser(page)
    sign_in(person, kim_coordinator.email, with_code=True)

    person.tab_to("Netzwerke", tag="a")
    person.activate()
    person.tab_to("KIM-Lenkungsgruppe Kreis Heinsberg", tag="a")
    person.activate()
    person.tab_to("Mitglieder und Verbindungen bearbeiten", tag="a")
    person.activate()
    assert page.locator("h1").inner_text().startswith("Mitglieder bearbeiten")

    # Narrow the picker to the Volkshochschule with the search.
    person.tab_to("Akteure suchen", tag="input")
    person.type("Volkshochschule")
    person.activate("Enter")

    # Send without choosing an actor: the mistake is announced and has the focus.
    person.tab_to("Ausgewählte Akteure aufnehmen", tag="button")
    person.activate()
    assert_error_summary_has_focus(person)
    assert "Bitte wählen Sie mindestens einen Akteur aus." in page.get_by_role("alert").inner_text()

    # The summary's link leads to the first choice; Space ticks it.
    person.tab_to("Akteure:", tag="a")
    person.press("Enter")
    choice = person.focus()
    assert choice.tag == "input" and "Volkshochschule" in choice.name, choice
    person.press("Space")
    assert page.get_by_label("Volkshochschule Kreis Heinsberg").is_checked()
    person.tab_to("Ausgewählte Akteure aufnehmen", tag="button")
    person.activate()

    assert (
        "Aufgenommen: Volkshochschule Kreis Heinsberg"
        in page.locator(".portal-messages").inner_text()
    )
    members = page.get_by_role(
        "table", name="Aktuelle Mitglieder mit Aktionen zum Ändern und Beenden"
    )
    assert "Volkshochschule Kreis Heinsberg" in members.inner_text()
    visit.assert_same_origin()


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


def sign_in(person: KeyboardUser, email: str, *, with_code: bool = False) -> None:
    """From any page: the sign-in link in the header, e-mail, password, Enter; then the
    authenticator code for the roles that edit."""
    person.tab_to("Anmeldung für Mitarbeitende", tag="a")
    person.activate()
    person.tab_to("E-Mail", tag="input")
    person.type(email)
    person.tab_to("Passwort", tag="input")
    person.type(PASSWORD)
    person.activate("Enter")
    if with_code:
        person.tab_to("Code", tag="input")
        person.type(fresh_totp_code())
        person.activate("Enter")
    assert person.page.locator(".portal-account__who").is_visible(), "not signed in"


def test_staff_member_signs_in_filters_the_directory_and_opens_an_actor(
    visit, staff_user, keynote_content
):
    page = visit.page
    visit.goto("/")
    person = KeyboardUser(page)
    sign_in(person, staff_user.email)

    person.tab_to("Akteure", tag="a")
    person.activate()
    assert page.locator("h1").inner_text() == "Akteursverzeichnis"

    # The facets sit in a closed <details>: Enter on its summary opens it. Each value is
    # a checkbox labelled with its count ("Kreis (5)"): Space ticks it.
    person.tab_to("Filter nach Ebene", tag="summary")
    person.press("Enter")
    focus = person.tab_to("Kreis (", tag="input")
    assert focus.name.startswith("Kreis (")
    person.press("Space")
    person.tab_to("Ergebnisse anzeigen", tag="button")
    person.activate()
    assert "ebene=kreis" in page.url

    actor = person.tab_to("Ausländerbehörde des Kreises Heinsberg", tag="a")
    assert actor.href.startswith("/akteure/")
    person.activate()
    assert page.locator("h1").inner_text().startswith("Ausländerbehörde des Kreises Heinsberg")
    assert page.get_by_role("heading", name="Interne Angaben").is_visible()
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
    person.type(PASSWORD)
    person.tab_to("Anmelden", tag="button")
    person.activate()

    assert page.locator(".portal-account__who").inner_text().startswith("Angemeldet als")
    visit.assert_same_origin()
