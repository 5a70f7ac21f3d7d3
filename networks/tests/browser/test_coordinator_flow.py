"""A coordinator keeps a network current, in a real Chromium (Playwright).

Journey: sign in with password and authenticator code, open the network, add two actors
found with the search (no JavaScript needed for the picker), change a role, hit a
concurrent edit and see the current values, end a membership, add a link, look at the
map and the history. Screenshots go to ``$NETWORKS_SCREENSHOTS`` (default
``var/screenshots/networks``) so that they can be looked at.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from integration_portal.tests.factories import totp_code
from networks.models import CoordinationLink, Membership, Network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("NETWORKS_SCREENSHOTS", "var/screenshots/networks"))


@pytest.fixture
def chromium():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _shot(page, name, problems=None):
    """Screenshot the page and, when a list is given, collect axe-core's WCAG findings."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if problems is not None:
        from axe_playwright_python.sync_playwright import Axe

        results = (
            Axe()
            .run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            .response["violations"]
        )
        problems.extend(f"{name}: {v['id']} {[n['target'] for n in v['nodes']]}" for v in results)


def _login(page, base, email):
    page.goto(f"{base}/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill("test-password-123")
    page.get_by_role("button", name=re.compile("Anmelden")).click()
    code = page.get_by_label(re.compile("Code|Authenticator", re.I))
    code.fill(totp_code())
    code.press("Enter")
    page.wait_for_url(re.compile(r"/$"))


def test_coordinator_edit_flow(live_server, chromium, coordinator_user):
    call_command("seed_keynote", verbosity=0)
    network = Network.objects.get(slug="kim-case-management")
    network.coordinators.add(coordinator_user)
    base = live_server.url
    violations = []
    axe_problems: list[str] = []

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    # Console errors (CSP violations among them) fail the test; the favicon is not ours.
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "favicon" not in (m.location or {}).get("url", "")
            and violations.append(f"{page.url}: {m.text}")
        ),
    )
    _login(page, base, coordinator_user.email)

    # The network page offers the coordinator the edit page.
    page.goto(f"{base}/netzwerke/kim-case-management/")
    _shot(page, "01-detail-coordinator")
    page.get_by_role("link", name="Mitglieder und Verbindungen bearbeiten").click()

    # Picker: the search narrows the checkbox list; choose two actors.
    page.get_by_label("Akteure suchen").fill("Stadt")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_label(re.compile("^Stadt Erkelenz")).check()
    page.get_by_label(re.compile("^Stadt Wegberg")).check()
    page.get_by_label("Rolle").select_option("advisory")
    _shot(page, "02-picker", axe_problems)
    page.get_by_role("button", name="Ausgewählte Akteure aufnehmen").click()
    page.get_by_text(re.compile("Aufgenommen: .*Erkelenz.*Wegberg")).wait_for()
    _shot(page, "03-added", axe_problems)
    assert Membership.objects.filter(network=network, actor__slug="stadt-erkelenz").exists()

    # Change the role of a member.
    page.get_by_role("link", name=re.compile(r"Ändern\W+Stadt Erkelenz")).click()
    page.get_by_label("Rolle").select_option("member")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text(re.compile("Mitgliedschaft von Stadt Erkelenz gespeichert")).wait_for()

    # Two tabs on the same membership: the second save is refused and shows current values.
    edit = page.get_by_role("link", name=re.compile(r"Ändern\W+Stadt Wegberg")).get_attribute(
        "href"
    )
    other = context.new_page()
    page.goto(base + edit)
    other.goto(base + edit)
    page.get_by_label("Interne Notiz").fill("Ansprechpartnerin wechselt im Herbst")
    page.get_by_role("button", name="Speichern").click()
    other.get_by_label("Rolle").select_option("chair")
    other.get_by_role("button", name="Speichern").click()
    other.get_by_text("Aktuell gespeicherte Werte").wait_for()
    assert "Ansprechpartnerin wechselt im Herbst" in other.content()
    _shot(other, "04-conflict", axe_problems)
    other.close()

    # End a membership; it moves to the former members.
    page.goto(f"{base}/netzwerke/kim-case-management/mitglieder/")
    page.get_by_role("link", name=re.compile(r"Beenden\W+Stadt Wegberg")).click()
    _shot(page, "05-end-form", axe_problems)
    page.get_by_role("button", name="Beenden").click()
    page.get_by_text(re.compile("Mitgliedschaft von Stadt Wegberg beendet")).wait_for()
    assert Membership.objects.get(network=network, actor__slug="stadt-wegberg").until

    # Add a coordination link in the context of the network.
    page.get_by_role("link", name="Verbindung hinzufügen").click()
    _shot(page, "05b-link-form", axe_problems)
    page.get_by_label("Von").select_option(label="Stadt Erkelenz")
    page.get_by_label("Art").select_option("information")
    page.get_by_label("Zu", exact=True).select_option(
        label=str(Network.objects.get(slug="kim-case-management").lead_actor)
    )
    page.get_by_role("button", name="Verbindung speichern").click()
    page.get_by_text(re.compile("Verbindung .* angelegt")).wait_for()
    _shot(page, "06-members-after", axe_problems)
    assert CoordinationLink.objects.filter(source__slug="stadt-erkelenz").exists()

    # The map draws a canvas; the table is there as well.
    page.goto(f"{base}/netzwerke/kim-case-management/karte/")
    page.wait_for_selector("[data-network-map]:not([hidden]) canvas")
    page.wait_for_timeout(500)
    _shot(page, "07-map", axe_problems)

    page.goto(f"{base}/netzwerke/karte/")
    page.wait_for_selector("[data-network-map]:not([hidden]) canvas")
    page.wait_for_timeout(500)
    _shot(page, "08-overview-map")

    page.goto(f"{base}/netzwerke/kim-case-management/verlauf/")
    assert "Cora Koordination" in page.content()
    _shot(page, "09-history", axe_problems)

    mobile = chromium.new_context(viewport={"width": 375, "height": 800}, locale="de-DE")
    m = mobile.new_page()
    m.goto(f"{base}/netzwerke/kim-case-management/")
    _shot(m, "10-detail-mobile")
    mobile.close()
    context.close()
    assert not violations, violations
    assert not axe_problems, axe_problems


def test_map_page_works_without_javascript(live_server, chromium):
    call_command("seed_keynote", verbosity=0)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/netzwerke/kim-lenkungsgruppe/karte/")
    assert page.locator("[data-network-map]").is_hidden()
    assert page.get_by_role("table").count() >= 1
    assert page.get_by_role("rowheader", name=re.compile("Jobcenter")).count() >= 1
    _shot(page, "11-map-without-js")
    context.close()
