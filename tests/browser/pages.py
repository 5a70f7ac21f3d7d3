"""The page types of the portal, one row each. Every browser check iterates this table.

A new page type is one new row: its path (or a function that finds the path in the test
data), the role that must be signed in to see it, what to do on the page before the
check (for example, send a form with a mistake so that the error summary shows), the
status and main heading that prove the right page is on screen, and whether the tests
write its screenshots for the README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

FEEDBACK_MESSAGE = "Die Tabelle auf der Startseite lässt sich am Telefon nicht vergrößern."


@dataclass(frozen=True)
class PageType:
    id: str  # test id and screenshot file stem
    path: str | Callable[[], str]  # a path, or a function that reads it from the test data
    heading: str  # text of the page's <h1>
    role: str | None = None  # sign in with this role first (staff, coordinator, editor, admin)
    prepare: Callable[[Page], None] | None = None  # bring the page into the state to check
    status: int = 200
    screenshot: bool = False  # write docs/screenshots/<id>-desktop.png and -phone.png

    def resolve_path(self) -> str:
        return self.path() if callable(self.path) else self.path


def send_empty_feedback(page: Page) -> None:
    """Send the feedback form without a message: the error summary must show."""
    with page.expect_navigation():
        page.get_by_role("button", name="Rückmeldung senden").click()


def send_feedback(page: Page) -> None:
    page.get_by_label("Auf welche Barriere sind Sie gestoßen?").fill(FEEDBACK_MESSAGE)
    with page.expect_navigation():
        page.get_by_role("button", name="Rückmeldung senden").click()


def log_in_with_wrong_password(page: Page) -> None:
    page.get_by_label("E-Mail").fill("staff@example.org")
    page.get_by_label("Passwort").fill("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()


PAGES: list[PageType] = [
    PageType("start", "/", "Integration gemeinsam gestalten", screenshot=True),
    PageType("start-en", "/en/", "Shaping integration together"),
    PageType("impressum", "/impressum/", "Impressum"),
    PageType("datenschutz", "/datenschutz/", "Datenschutzerklärung"),
    PageType(
        "barrierefreiheit",
        "/barrierefreiheit/",
        "Erklärung zur Barrierefreiheit",
        screenshot=True,
    ),
    PageType(
        "barrierefreiheit-fehler",
        "/barrierefreiheit/",
        "Erklärung zur Barrierefreiheit",
        prepare=send_empty_feedback,
        screenshot=True,
    ),
    PageType(
        "barrierefreiheit-danke",
        "/barrierefreiheit/",
        "Vielen Dank für Ihre Rückmeldung",
        prepare=send_feedback,
    ),
    PageType("anmeldung", "/konto/login/", "Anmelden", screenshot=True),
    PageType("anmeldung-fehler", "/konto/login/", "Anmelden", prepare=log_in_with_wrong_password),
    PageType("passwort-vergessen", "/konto/password/reset/", "Passwort zurücksetzen"),
    PageType("nicht-gefunden", "/gibt-es-nicht/", "Seite nicht gefunden", status=404),
]
