"""The page types of the portal, one row each. Every browser check iterates this table.

A new page type is one new row: its path (or a function that finds the path in the test
data), the role that must be signed in to see it, the fixtures that fill the database
for it, what to do on the page before the check (for example, send a form with a
mistake so that the error summary shows), the status and main heading that prove the
right page is on screen, and whether the tests write its screenshots for the README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

from core.models import AccessibilityFeedback, User
from networks.models import Membership
from tests.browser.browsing import PASSWORD
from timeline.models import Period

FEEDBACK_MESSAGE = "Die Tabelle auf der Startseite lässt sich am Telefon nicht vergrößern."
# The keynote's actors, networks and history, as `make seed` loads them.
CONTENT = ("keynote_content",)
KIM_NETWORK = "kim-lenkungsgruppe"
KIM = f"/netzwerke/{KIM_NETWORK}/"
# The coordinator account, assigned to the KIM steering group.
COORDINATOR = ("kim_coordinator",)
# Accessibility feedback in the administrators' inbox.
FEEDBACK = ("feedback_messages",)
# A coordinator with a network, for the administrators' account pages.
ACCOUNTS = ("network",)
# The graphical map is drawn by a script after the page has loaded.
MAP_DRAWN = ".networks-map__canvas:not([hidden]) canvas"


@dataclass(frozen=True)
class PageType:
    id: str  # test id and screenshot file stem
    path: str | Callable[[], str]  # a path, or a function that reads it from the test data
    heading: str  # text of the page's <h1>
    role: str | None = None  # sign in first as the ``<role>_user`` fixture's account
    needs: tuple[str, ...] = ()  # fixtures that fill the database for this page
    prepare: Callable[[Page], None] | None = None  # bring the page into the state to check
    ready: str | None = None  # CSS selector to wait for (content drawn by a script)
    status: int = 200
    screenshot: bool = False  # write <id>-desktop.png and -phone.png (browsing.SCREENSHOTS)

    def resolve_path(self) -> str:
        return self.path() if callable(self.path) else self.path


def _account_id(email: str) -> int:
    return User.objects.get(email=email).pk


def send_empty_feedback(page: Page) -> None:
    """Send the feedback form without a message: the error summary must show."""
    with page.expect_navigation():
        page.get_by_role("button", name="Rückmeldung senden").click()


def send_feedback(page: Page) -> None:
    page.get_by_label("Auf welche Barriere sind Sie gestoßen?").fill(FEEDBACK_MESSAGE)
    with page.expect_navigation():
        page.get_by_role("button", name="Rückmeldung senden").click()


def mark_feedback_done(page: Page) -> None:
    """Set a message to done with an answer note: the page shows the change in its history."""
    page.get_by_label("Erledigt").check()
    page.get_by_label("Notiz zur Antwort").fill("Kontrast erhöht; Antwort per E-Mail gesendet.")
    submit(page, "Speichern")


def send_empty_invitation(page: Page) -> None:
    """Send the invitation form empty: the error summary must show."""
    submit(page, "Einladung senden")


def toggle_account_access(page: Page) -> None:
    """Deactivate the account (or reactivate it, on the second viewport): the page shows
    the confirmation and the change in its history."""
    deactivate = page.get_by_role("button", name="Konto deaktivieren")
    submit(page, "Konto deaktivieren" if deactivate.count() else "Konto wieder aktivieren")


def enter_password_of_coordinator(page: Page) -> None:
    """Sign in with the password only: the page that asks for the authenticator code follows.

    On the second viewport the sign-in is still waiting for its code, and the login page
    sends the browser straight back to the code page."""
    if page.url.endswith("/konto/2fa/authenticate/"):
        return
    page.get_by_label("E-Mail").fill("coordinator@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()


def log_in_with_wrong_password(page: Page) -> None:
    page.get_by_label("E-Mail").fill("staff@example.org")
    page.get_by_label("Passwort").fill("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()


def membership_url() -> str:
    """The form that changes the Ausländerbehörde's membership in the KIM steering group."""
    from django.urls import reverse

    membership = Membership.objects.get(
        network__slug=KIM_NETWORK, actor__slug="abh-kreis-heinsberg", until__isnull=True
    )
    return reverse("networks:membership_edit", kwargs={"slug": KIM_NETWORK, "pk": membership.pk})


def membership_end_url() -> str:
    return membership_url() + "beenden/"


def editorial_url(slug: str = "1970er", suffix: str = "") -> str:
    """A page of the Redaktion's editorial area for the keynote's period ``slug``."""
    return f"/redaktion/zeitabschnitte/{Period.objects.get(slug=slug).pk}/{suffix}"


def save_summary_draft(page: Page) -> None:
    """Save a change to the German summary as a draft (on the second viewport the same
    values again: "Keine Änderung")."""
    summary = page.get_by_label("Zusammenfassung", exact=True)
    if "Ergänzt von der Redaktion." not in summary.input_value():
        summary.fill(summary.input_value() + " Ergänzt von der Redaktion.")
    submit(page, "Entwurf speichern")


def save_period_without_title(page: Page) -> None:
    page.get_by_label("Titel", exact=True).fill("")
    submit(page, "Entwurf speichern")


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def add_no_member(page: Page) -> None:
    """Send the add form without choosing an actor."""
    submit(page, "Ausgewählte Akteure aufnehmen")


def save_membership_without_start(page: Page) -> None:
    page.locator("#id_since").fill("")
    submit(page, "Speichern")


def end_membership_before_start(page: Page) -> None:
    page.locator("#id_until").fill("1999-01-01")
    submit(page, "Beenden")


def save_empty_link(page: Page) -> None:
    submit(page, "Verbindung speichern")


def show_the_map(page: Page) -> None:
    """Scroll the map to the top of the window (the desktop screenshot shows one screen)."""
    page.locator(".networks-map").evaluate("map => map.scrollIntoView()")


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
    ),
    PageType(
        "barrierefreiheit-danke",
        "/barrierefreiheit/",
        "Vielen Dank für Ihre Rückmeldung",
        prepare=send_feedback,
    ),
    PageType("anmeldung", "/konto/login/", "Anmelden", screenshot=True),
    PageType("anmeldung-fehler", "/konto/login/", "Anmelden", prepare=log_in_with_wrong_password),
    PageType(
        "anmeldung-code",
        "/konto/login/",
        "Zwei-Faktor-Authentifizierung",
        needs=("coordinator_user",),
        prepare=enter_password_of_coordinator,
    ),
    PageType("passwort-vergessen", "/konto/password/reset/", "Passwort zurücksetzen"),
    PageType("nicht-gefunden", "/gibt-es-nicht/", "Seite nicht gefunden", status=404),
    # Open data (opendata/): the data page and the API's documentation page
    PageType("offene-daten", "/daten/", "Offene Daten", needs=CONTENT),
    PageType("api-dokumentation", "/api/", "Offene Daten: Schnittstelle (HSDS 3.0)"),
    # Actor directory
    PageType("akteure", "/akteure/", "Akteursverzeichnis", needs=CONTENT, screenshot=True),
    PageType(
        "akteure-gefiltert",
        "/akteure/?q=Integration&ebene=kreis&dimension=zusammenhalt&sortierung=name",
        "Akteursverzeichnis",
        needs=CONTENT,
    ),
    PageType(
        "akteure-ungueltiger-filter", "/akteure/?ebene=mond", "Akteursverzeichnis", needs=CONTENT
    ),
    # A search from the header's box: matched words marked, facets with their counts.
    PageType(
        "akteure-suche",
        "/akteure/?q=Beratung+Gefl%C3%BCchtete",
        "Akteursverzeichnis",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType(
        "akteure-facetten",
        "/akteure/?ebene=kreis&ebene=kommune&dimension=wohlfahrt",
        "Akteursverzeichnis",
        needs=CONTENT,
    ),
    PageType(
        "akteure-meinten-sie",
        "/akteure/?q=Auslenderbeh%C3%B6rte",
        "Akteursverzeichnis",
        needs=CONTENT,
    ),
    PageType("akteure-en", "/en/akteure/", "Actor directory", needs=CONTENT),
    PageType(
        "akteur", "/akteure/ki-kreis-heinsberg/", "Kommunales Integrationszentrum", needs=CONTENT
    ),
    PageType(
        "akteur-intern",
        "/akteure/abh-kreis-heinsberg/",
        "Ausländerbehörde",
        role="staff",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType(
        "mehrebenentabelle",
        "/akteure/mehrebenen/",
        "Integrationspolitik im Mehrebenensystem",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType("aufgabenkatalog", "/akteure/aufgaben/", "Aufgabenkatalog", needs=CONTENT),
    # The member municipalities: what is active in each (actors.municipalities)
    PageType("kommunen", "/kommunen/", "Städte und Gemeinden", needs=CONTENT, screenshot=True),
    PageType(
        "kommune", "/kommunen/stadt-erkelenz/", "Stadt Erkelenz", needs=CONTENT, screenshot=True
    ),
    PageType("kommune-en", "/en/kommunen/stadt-erkelenz/", "Stadt Erkelenz", needs=CONTENT),
    # The finder „Wer ist zuständig?“
    PageType("zustaendig", "/zustaendig/", "Wer ist zuständig?", needs=CONTENT),
    PageType(
        "zustaendig-antwort",
        "/zustaendig/?frage=Beratung+f%C3%BCr+Gefl%C3%BCchtete&kommune=stadt-wegberg",
        "Wer ist zuständig?",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType(
        "zustaendig-intern",
        "/zustaendig/?frage=Aufenthaltstitel&kommune=stadt-erkelenz",
        "Wer ist zuständig?",
        role="staff",
        needs=CONTENT,
    ),
    PageType(
        "zustaendig-fehler",
        "/zustaendig/?kommune=stadt-erkelenz",
        "Wer ist zuständig?",
        needs=CONTENT,
    ),
    PageType(
        "zustaendig-sprache",
        "/zustaendig/?frage=Beratung&kommune=stadt-erkelenz&sprache=ar",
        "Wer ist zuständig?",
        needs=CONTENT,
    ),
    PageType(
        "zustaendig-en",
        "/en/zustaendig/?frage=visa&kommune=stadt-heinsberg",
        "Who is responsible?",
        needs=CONTENT,
    ),
    PageType(
        "akteure-import", "/akteure/import/", "Akteure importieren", role="admin", needs=CONTENT
    ),  # Networks
    PageType("netzwerke", "/netzwerke/", "Netzwerke", needs=CONTENT, screenshot=True),
    PageType("netzwerke-intern", "/netzwerke/", "Netzwerke", role="staff", needs=CONTENT),
    PageType("netzwerke-en", "/en/netzwerke/", "Networks", needs=CONTENT),
    PageType(
        "ki",
        "/netzwerke/kommunales-integrationszentrum/",
        "Das Kommunale Integrationszentrum (KI)",
        needs=CONTENT,
    ),
    PageType(
        "kim",
        "/netzwerke/kommunales-integrationsmanagement/",
        "Das Kommunale Integrationsmanagement (KIM)",
        needs=CONTENT,
    ),
    # The keynote's figures from the network data (networks/figures.py); their pictures
    # alone, twin open, in tests/browser/test_figures.py.
    PageType(
        "abbildung-ki-rollen",
        "/netzwerke/abbildungen/ki-rollen/",
        "Die drei Rollen des Kommunalen Integrationszentrums",
        needs=CONTENT,
    ),
    PageType(
        "abbildung-kim-bausteine",
        "/netzwerke/abbildungen/kim-bausteine/",
        "Die Bausteine des Kommunalen Integrationsmanagements",
        needs=CONTENT,
    ),
    PageType(
        "abbildung-vernetzung",
        "/netzwerke/abbildungen/vernetzung/",
        "Integration bedarf der Vernetzung",
        needs=CONTENT,
    ),
    PageType(
        "abbildung-vernetzung-en",
        "/en/netzwerke/abbildungen/vernetzung/",
        "Integration",
        needs=CONTENT,
    ),
    PageType("netzwerk", KIM, "KIM-Lenkungsgruppe", needs=CONTENT, screenshot=True),
    PageType("netzwerk-en", f"/en{KIM}", "KIM", needs=CONTENT),
    PageType("netzwerk-verlauf", f"{KIM}verlauf/", "Verlauf", role="staff", needs=CONTENT),
    PageType(
        "netzwerkkarte",
        f"{KIM}karte/",
        "Netzwerkkarte",
        needs=CONTENT,
        ready=MAP_DRAWN,
        screenshot=True,
    ),
    PageType(
        "netzwerke-karte",
        "/netzwerke/karte/",
        "Karte aller Netzwerke",
        needs=CONTENT,
        ready=MAP_DRAWN,
    ),
    # The network over time: the overview map on two days (the KI networks of 2013, then
    # with the KIM of 2021), a network's map on a day, and what changed between two days.
    PageType(
        "netzwerke-karte-2016",
        "/netzwerke/karte/?stand=2016-06-30",
        "Stand am 30.06.2016",
        needs=CONTENT,
        ready=MAP_DRAWN,
        prepare=show_the_map,
        screenshot=True,
    ),
    PageType(
        "netzwerke-karte-2022",
        "/netzwerke/karte/?stand=2022-06-30",
        "Stand am 30.06.2022",
        needs=CONTENT,
        ready=MAP_DRAWN,
        prepare=show_the_map,
        screenshot=True,
    ),
    PageType(
        "netzwerkkarte-stand",
        f"{KIM}karte/?stand=2021-06-30",
        "Stand am 30.06.2021",
        needs=CONTENT,
        ready=MAP_DRAWN,
    ),
    PageType(
        "netzwerk-stand-fehler",
        f"{KIM}?stand=2099-01-01",
        "KIM-Lenkungsgruppe",
        needs=CONTENT,
        status=400,
    ),
    PageType(
        "netzwerk-aenderungen",
        f"{KIM}aenderungen/?von=2020-06-30&bis=2021-06-30",
        "Was hat sich geändert?",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType(
        "netzwerk-aenderungen-intern",
        f"{KIM}aenderungen/?von=2020-06-30&bis=2021-06-30",
        "Was hat sich geändert?",
        role="staff",
        needs=CONTENT,
    ),
    PageType(
        "mitglieder",
        f"{KIM}mitglieder/",
        "Mitglieder bearbeiten",
        role="coordinator",
        needs=COORDINATOR,
        screenshot=True,
    ),
    PageType(
        "mitglieder-fehler",
        f"{KIM}mitglieder/",
        "Mitglieder bearbeiten",
        role="coordinator",
        needs=COORDINATOR,
        prepare=add_no_member,
    ),
    PageType(
        "mitgliedschaft-fehler",
        membership_url,
        "Mitgliedschaft ändern",
        role="coordinator",
        needs=COORDINATOR,
        prepare=save_membership_without_start,
        screenshot=True,
    ),
    PageType(
        "mitgliedschaft-beenden-fehler",
        membership_end_url,
        "Mitgliedschaft beenden",
        role="coordinator",
        needs=COORDINATOR,
        prepare=end_membership_before_start,
    ),
    PageType(
        "verbindung-neu-fehler",
        f"{KIM}verbindungen/neu/",
        "Verbindung hinzufügen",
        role="coordinator",
        needs=COORDINATOR,
        prepare=save_empty_link,
    ),
    # History
    PageType(
        "geschichte",
        "/geschichte/",
        "Geschichte der kommunalen Integrationsarbeit",
        needs=CONTENT,
        screenshot=True,
    ),
    # The timeline picture with a filter: fewer marks, every period still a band.
    PageType(
        "geschichte-gefiltert",
        "/geschichte/?ebene=state&art=programme",
        "Geschichte der kommunalen Integrationsarbeit",
        needs=CONTENT,
    ),
    PageType(
        "zeitabschnitt", "/geschichte/1970er/", "1970er Jahre", needs=CONTENT, screenshot=True
    ),
    PageType(
        "leichte-sprache",
        "/geschichte/1970er/leichte-sprache/",
        "in Leichter Sprache",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType("thesen", "/geschichte/thesen/", "Sechs Thesen", needs=CONTENT),
    PageType("literatur", "/geschichte/literatur/", "Literatur und Quellen", needs=CONTENT),
    PageType("geschichte-en", "/en/geschichte/", "History", needs=CONTENT),
    PageType("zeitabschnitt-en", "/en/geschichte/1970er/", "1970s", needs=CONTENT),
    PageType(
        "leichte-sprache-en", "/en/geschichte/1970er/leichte-sprache/", "1970s", needs=CONTENT
    ),
    # A Leichte-Sprache page whose timeline has marks (the years its sentences name).
    PageType(
        "leichte-sprache-2010er",
        "/geschichte/ab-2010er/leichte-sprache/",
        "in Leichter Sprache",
        needs=CONTENT,
    ),
    PageType("thesen-en", "/en/geschichte/thesen/", "theses", needs=CONTENT),
    PageType("literatur-en", "/en/geschichte/literatur/", "Literature", needs=CONTENT),
    PageType(
        "geschichte-vorschau", "/geschichte/vorschau/", "Geschichte", role="editor", needs=CONTENT
    ),
    # The Redaktion's editorial area (/redaktion/)
    PageType(
        "redaktion",
        "/redaktion/",
        "Redaktion: Geschichte",
        role="editor",
        needs=CONTENT,
        screenshot=True,
    ),
    PageType(
        "redaktion-bearbeiten",
        editorial_url,
        "Zeitabschnitt bearbeiten: 1970er Jahre",
        role="editor",
        needs=CONTENT,
    ),
    PageType(
        "redaktion-entwurf",
        editorial_url,
        "Zeitabschnitt bearbeiten: 1970er Jahre",
        role="editor",
        needs=CONTENT,
        prepare=save_summary_draft,
        screenshot=True,
    ),
    PageType(
        "redaktion-fehler",
        editorial_url,
        "Zeitabschnitt bearbeiten: 1970er Jahre",
        role="editor",
        needs=CONTENT,
        prepare=save_period_without_title,
    ),
    PageType(
        "redaktion-vorschau",
        lambda: editorial_url(suffix="vorschau/"),
        "1970er Jahre",
        role="editor",
        needs=CONTENT,
    ),
    PageType(
        "redaktion-vorschau-leichte-sprache",
        lambda: editorial_url(suffix="vorschau/?ansicht=leichte-sprache"),
        "in Leichter Sprache",
        role="editor",
        needs=CONTENT,
    ),
    PageType(
        "redaktion-versionen",
        lambda: editorial_url(suffix="versionen/"),
        "Versionen: 1970er Jahre",
        role="editor",
        needs=CONTENT,
    ),
    PageType(
        "redaktion-neu", "/redaktion/ereignisse/neu/", "Neu anlegen", role="editor", needs=CONTENT
    ),
    # "Mein Bereich": the start page after signing in, with the sections of each role
    PageType("mein-bereich", "/mein-bereich/", "Mein Bereich", role="staff", needs=CONTENT),
    PageType(
        "mein-bereich-koordination",
        "/mein-bereich/",
        "Mein Bereich",
        role="coordinator",
        needs=COORDINATOR,
    ),
    PageType(
        "mein-bereich-redaktion", "/mein-bereich/", "Mein Bereich", role="editor", needs=CONTENT
    ),
    PageType(
        "mein-bereich-administration",
        "/mein-bereich/",
        "Mein Bereich",
        role="admin",
        needs=FEEDBACK,
    ),
    # The administrators' inbox of accessibility feedback
    PageType(
        "rueckmeldungen",
        "/mein-bereich/rueckmeldungen/",
        "Rückmeldungen zur Barrierefreiheit",
        role="admin",
        needs=FEEDBACK,
    ),
    PageType(
        "rueckmeldung",
        lambda: f"/mein-bereich/rueckmeldungen/{AccessibilityFeedback.objects.first().reference}/",
        "Rückmeldung BF-",
        role="admin",
        needs=FEEDBACK,
    ),
    PageType(
        "rueckmeldung-gespeichert",
        lambda: f"/mein-bereich/rueckmeldungen/{AccessibilityFeedback.objects.first().reference}/",
        "Rückmeldung BF-",
        role="admin",
        needs=FEEDBACK,
        prepare=mark_feedback_done,
    ),
    # The administrators' account pages
    PageType("konten", "/mein-bereich/konten/", "Konten", role="admin", needs=ACCOUNTS),
    PageType(
        "konto",
        lambda: f"/mein-bereich/konten/{_account_id('coordinator@example.org')}/",
        "Konto Cora Koordination",
        role="admin",
        needs=ACCOUNTS,
    ),
    PageType(
        "konto-zugang-geaendert",
        lambda: f"/mein-bereich/konten/{_account_id('coordinator@example.org')}/",
        "Konto Cora Koordination",
        role="admin",
        needs=ACCOUNTS,
        prepare=toggle_account_access,
    ),
    PageType(
        "konto-einladen-fehler",
        "/mein-bereich/konten/einladen/",
        "Person einladen",
        role="admin",
        prepare=send_empty_invitation,
    ),
]
