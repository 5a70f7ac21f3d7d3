"""A new coordinator's first day, in a real Chromium (Playwright): sign in, set up the
authenticator app before any form of the portal, land in „Mein Bereich“, edit the
network's profile, add a member through the actor combobox with the keyboard alone,
and end a membership on a 375 px phone screen, where the memberships are cards with
their actions in view. axe-core checks the changed pages at 1280 and 375 px, with the
combobox's suggestions open; no console error (a CSP violation among them) is allowed.

Without JavaScript the pickers are search-then-pick: the second test adds a link that
way. Screenshots go to ``var/screenshots/coordinator-workspace/`` (untracked).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from core.security import has_second_factor
from core.tests.factories import UserFactory, totp_code
from networks.models import CoordinationLink, Membership, Network
from tests.browser.browsing import (
    DESKTOP,
    PASSWORD,
    PHONE,
    SCRATCH_SCREENSHOTS,
    Visit,
    axe_violations,
    describe,
)
from tests.browser.keyboard import KeyboardUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "coordinator-workspace"
NETWORK = "kim-case-management"
MEMBERS = f"/netzwerke/{NETWORK}/mitglieder/"
NEW_MEMBER = "Volkshochschule Kreis Heinsberg"


class Checks:
    """Screenshots, axe-core's findings and console errors of one journey."""

    def __init__(self, page):
        self.page = page
        self.axe: list[str] = []
        self.console: list[str] = []
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and "favicon" not in (message.location or {}).get("url", "")
                and self.console.append(f"{page.url}: {message.text}")
            ),
        )

    def shot(self, name: str, *, axe: bool = True) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        if axe and (violations := axe_violations(self.page)):
            self.axe.append(f"{name}: {describe(violations)}")

    def at_both_widths(self, name: str) -> None:
        """axe-core and a screenshot at 1280 px and at 375 px; back to 1280 px."""
        for label, size in (("1280", DESKTOP), ("375", PHONE)):
            self.page.set_viewport_size(size)
            self.shot(f"{name}-{label}")
        self.page.set_viewport_size(DESKTOP)

    def assert_clean(self) -> None:
        assert not self.console, self.console
        assert not self.axe, "\n".join(self.axe)


@pytest.fixture
def new_coordinator(keynote_content):
    """A coordinator of the KIM case management network who has no authenticator app yet."""
    user = UserFactory(
        email="neu-koordination@example.org", role="coordinator", name="Nora Neu", mfa=False
    )
    Network.objects.get(slug=NETWORK).coordinators.add(user)
    return user


# What makes a page scroll sideways: elements sticking out on the right whose parent
# does not, and positioned ones (they escape a box that scrolls unless it contains them).
STICKING_OUT = """() => {
  const out = (el) => el.getBoundingClientRect().right > window.innerWidth + 1;
  const positioned = (el) => ["absolute", "fixed"].includes(getComputedStyle(el).position);
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().width > 0 && out(el))
    .filter((el) => positioned(el) || !out(el.parentElement))
    .slice(0, 6)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.slice(0, 40)}`);
}"""


def assert_no_sideways_scrolling(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], page.evaluate(STICKING_OUT)


def _path(page) -> str:
    return urlsplit(page.url).path


def set_up_authenticator_app(page) -> None:
    """From the first page after signing in to the recovery codes: the password once
    more (a sensitive change), then a code of the new app."""
    if _path(page) == "/konto/reauthenticate/":
        page.get_by_label("Passwort").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Bestätigen").click()
    assert _path(page) == "/konto/2fa/totp/activate/", page.url
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authentifizierungscode").fill(totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Aktivieren").click()
    assert _path(page) == "/konto/2fa/recovery-codes/", page.url


def combobox_state(page, field) -> dict:
    """What a screen reader is told about the combobox: expanded, active option, status."""
    return page.evaluate(
        """(input) => {
          const active = input.getAttribute("aria-activedescendant");
          const status = input.closest("[data-actor-combobox]").querySelector("[role=status]");
          return {
            role: input.getAttribute("role"),
            expanded: input.getAttribute("aria-expanded"),
            controls: input.getAttribute("aria-controls"),
            active: active ? document.getElementById(active).innerText.replace(/\\s+/g, " ") : "",
            options: document.getElementById(input.getAttribute("aria-controls"))
              .querySelectorAll("[role=option]").length,
            status: status.textContent,
          };
        }""",
        field.element_handle(),
    )


def wait_for_status(page, field, pattern: str) -> dict:
    """Wait until the live region says something matching ``pattern``."""
    page.wait_for_function(
        """([input, pattern]) => new RegExp(pattern).test(
          input.closest("[data-actor-combobox]").querySelector("[role=status]").textContent)""",
        arg=[field.element_handle(), pattern],
    )
    return combobox_state(page, field)


def test_new_coordinator_sets_up_the_app_edits_the_profile_adds_and_ends_a_member(
    visit, new_coordinator
):
    page = visit.page
    checks = Checks(page)
    network = Network.objects.get(slug=NETWORK)

    # Sign in: the set-up of the authenticator app comes before any page of the portal;
    # every page shown until it is active is one of the account's own (/konto/).
    visit.goto("/konto/login/")
    page.get_by_label("E-Mail").fill(new_coordinator.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    shown: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and shown.append(frame.url))
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").click()
    assert "zweiten Faktor" in page.locator("main").inner_text()  # why, said on arrival
    checks.shot("01-setup-first")
    set_up_authenticator_app(page)
    assert has_second_factor(new_coordinator)
    assert shown and all(urlsplit(url).path.startswith("/konto/") for url in shown), shown
    checks.shot("02-recovery-codes")

    # On to the page the sign-in was for: „Mein Bereich“, with the coordinator's network.
    with page.expect_navigation():
        page.get_by_role("link", name="Weiter zur Seite, die Sie aufrufen wollten").click()
    assert _path(page) == "/mein-bereich/"
    assert page.get_by_role("heading", level=1).inner_text() == "Mein Bereich"
    checks.shot("03-mein-bereich")

    # The network's profile.
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name=network.name, exact=True).first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Profil bearbeiten").click()
    assert _path(page) == f"/netzwerke/{NETWORK}/profil/"
    checks.at_both_widths("03b-profile")
    page.get_by_label("Sitzungsrhythmus").fill("monatlich, jeweils am zweiten Mittwoch")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text(re.compile("Profil des Netzwerks .* gespeichert")).wait_for()
    network.refresh_from_db()
    assert network.meeting_rhythm == "monatlich, jeweils am zweiten Mittwoch"

    # The members page: table and combobox pass axe at both widths.
    visit.goto(MEMBERS)
    checks.at_both_widths("04-members")

    # Keyboard only: find the Volkshochschule with the combobox and add it.
    person = KeyboardUser(page)
    person.tab_to("Akteure suchen", tag="input")
    field = page.get_by_role("combobox", name=re.compile("Akteure suchen"))
    assert combobox_state(page, field)["expanded"] == "false"

    # Several suggestions: Down and Up move through them (wrapping round), Escape
    # closes the list and, pressed again, empties the field.
    person.type("Stadt")
    state = wait_for_status(page, field, r"^\d+ Treffer$")
    count = state["options"]
    assert count >= 3 and state["status"] == f"{count} Treffer"
    assert state["expanded"] == "true" and state["active"] == ""
    checks.shot("05-suggestions-open")
    person.press("ArrowDown")
    first = combobox_state(page, field)["active"]
    assert first.startswith("Stadt ")
    person.press("ArrowDown")
    second = combobox_state(page, field)["active"]
    assert second.startswith("Stadt ") and second != first
    person.press("ArrowUp")
    assert combobox_state(page, field)["active"] == first
    person.press("ArrowUp")  # from the first to the last
    assert combobox_state(page, field)["active"] not in ("", first)
    checks.shot("06-suggestion-active")  # axe with an active option
    page.locator("[data-actor-combobox]").screenshot(path=str(SHOTS / "06b-combobox.png"))
    person.press("Home")  # back to editing the text
    assert combobox_state(page, field)["active"] == ""
    assert page.evaluate("(input) => input.selectionStart", field.element_handle()) == 0
    person.press("End")
    person.press("Escape")
    assert combobox_state(page, field)["expanded"] == "false"
    assert field.input_value() == "Stadt"
    person.press("Escape")
    assert field.input_value() == ""

    # Nothing found: said, and no empty list opens.
    person.type("Gibtsnicht")
    state = wait_for_status(page, field, "^Keine Treffer$")
    assert state["expanded"] == "false" and state["options"] == 0
    person.press("Escape")
    assert field.input_value() == ""

    # One suggestion: Down, Enter ticks it in the list below; the focus stays.
    person.type("volksh")
    state = wait_for_status(page, field, "^1 Treffer$")
    person.press("ArrowDown")
    assert combobox_state(page, field)["active"].startswith(NEW_MEMBER)
    focus = person.press("Enter")
    assert focus.role == "combobox", "Enter chose the suggestion, not the search"
    state = wait_for_status(page, field, "ausgewählt")
    assert state["status"] == f"{NEW_MEMBER} ausgewählt."
    assert state["expanded"] == "false" and field.input_value() == NEW_MEMBER
    assert _path(page) == MEMBERS and "q=" not in page.url
    assert (
        page.get_by_role("group", name="Akteure")
        .get_by_label(re.compile(f"^{NEW_MEMBER}"))
        .is_checked()
    )
    person.tab_to("Ausgewählte Akteure aufnehmen", tag="button")
    person.activate()
    assert f"Aufgenommen: {NEW_MEMBER}" in page.locator(".portal-messages").inner_text()
    membership = Membership.objects.get(network=network, actor__name=NEW_MEMBER)
    assert membership.until is None

    # On a 375 px phone: the memberships are cards; "Beenden" is in view without
    # scrolling sideways, and the page has no horizontal scrollbar.
    page.set_viewport_size(PHONE)
    visit.goto(MEMBERS)
    assert not page.get_by_role(
        "table", name="Aktuelle Mitglieder mit Aktionen zum Ändern und Beenden"
    ).is_visible()
    cards = page.get_by_role("list", name="Aktuelle Mitglieder mit Aktionen zum Ändern und Beenden")
    assert cards.is_visible()
    assert_no_sideways_scrolling(page)
    end = page.get_by_role("link", name=re.compile(rf"Beenden\W+{NEW_MEMBER}"))
    end.scroll_into_view_if_needed()
    box = end.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    change = page.get_by_role("link", name=re.compile(rf"Ändern\W+{NEW_MEMBER}"))
    assert change.is_visible()
    checks.shot("07-members-cards-375")
    cards.get_by_role("listitem").first.screenshot(path=str(SHOTS / "07b-one-card-375.png"))
    with page.expect_navigation():
        end.click()
    assert_no_sideways_scrolling(page)
    checks.shot("08-end-form-375")
    page.get_by_role("button", name="Beenden").click()
    page.get_by_text(f"Mitgliedschaft von {NEW_MEMBER} beendet.").wait_for()
    membership.refresh_from_db()
    assert membership.until is not None

    # The link form with its two comboboxes passes axe at both widths too.
    page.set_viewport_size(DESKTOP)
    visit.goto(f"/netzwerke/{NETWORK}/verbindungen/neu/")
    checks.at_both_widths("09-link-form")

    checks.assert_clean()
    visit.assert_same_origin()


def test_without_javascript_a_link_is_added_by_search_then_pick(
    new_context, live_server, keynote_content, coordinator_user
):
    """The pickers need no script: search, reload, tick, save."""
    Network.objects.get(slug=NETWORK).coordinators.add(coordinator_user)
    no_script = Visit(
        new_context(java_script_enabled=False, locale="de-DE", viewport=PHONE), live_server.url
    )
    page = no_script.page
    no_script.log_in(coordinator_user.email)
    no_script.goto(f"/netzwerke/{NETWORK}/verbindungen/neu/")
    assert page.locator("input[role=combobox]").count() == 0  # plain search fields
    page.get_by_label("Von: Akteur suchen").fill("Erkel")
    page.get_by_label("Zu: Akteur suchen").fill("ABH")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Suchen").click()
    page.get_by_role("group", name="Von").get_by_label(re.compile("^Stadt Erkelenz")).check()
    page.get_by_role("group", name="Zu").get_by_label(re.compile("^Ausländerbehörde")).check()
    page.get_by_label("Art").select_option("information")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "10-link-form-without-js-375.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Verbindung speichern").click()
    assert CoordinationLink.objects.filter(
        source__slug="stadt-erkelenz", target__short_name="ABH", network__slug=NETWORK
    ).exists()
    no_script.context.close()
