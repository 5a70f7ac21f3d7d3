"""A coordinator keeps a network current, in a real Chromium (Playwright).

Journey: sign in with password and authenticator code, open the network, add two actors
found with the search (no JavaScript needed for the picker), change a role, hit a
concurrent edit and see the current values, end a membership, add a link, look at the
map and the history. Runs on the one browser harness (``visit``, its Chromium,
its sign-in). Screenshots go to ``var/screenshots/networks/`` (untracked) so that they
can be looked at.
"""

import re

import pytest

from networks.models import CoordinationLink, Membership, Network
from tests.browser.browsing import PHONE, SCRATCH_SCREENSHOTS, Visit, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "networks"


def _shot(page, name, problems=None):
    """Screenshot the page and, when a list is given, collect axe-core's findings."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if problems is not None and (violations := axe_violations(page)):
        problems.append(f"{name}: {describe(violations)}")


@pytest.fixture
def case_management_coordinator(keynote_content, coordinator_user):
    """The coordinator account, assigned to the KIM case management network."""
    network = Network.objects.get(slug="kim-case-management")
    network.coordinators.add(coordinator_user)
    return coordinator_user


def test_coordinator_edit_flow(visit, new_context, live_server, case_management_coordinator):
    network = Network.objects.get(slug="kim-case-management")
    page, context, base = visit.page, visit.context, visit.base_url
    violations = []
    axe_problems: list[str] = []

    # Console errors (CSP violations among them) fail the test; the favicon is not ours.
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "favicon" not in (m.location or {}).get("url", "")
            and violations.append(f"{page.url}: {m.text}")
        ),
    )
    visit.log_in(case_management_coordinator.email)

    # The network page offers the coordinator the edit page.
    visit.goto("/netzwerke/kim-case-management/")
    _shot(page, "01-detail-coordinator")
    page.get_by_role("link", name="Mitglieder und Verbindungen bearbeiten").click()

    # Picker: the search narrows the checkbox list; choose two actors.
    page.get_by_label("Akteure suchen").fill("Stadt")
    # The picker's own button, not the one of the header's search box.
    page.locator("main").get_by_role("button", name="Suchen").click()
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
    visit.goto("/netzwerke/kim-case-management/mitglieder/")
    page.get_by_role("link", name=re.compile(r"Beenden\W+Stadt Wegberg")).click()
    _shot(page, "05-end-form", axe_problems)
    page.get_by_role("button", name="Beenden").click()
    page.get_by_text(re.compile("Mitgliedschaft von Stadt Wegberg beendet")).wait_for()
    assert Membership.objects.get(network=network, actor__slug="stadt-wegberg").until

    # Add a coordination link in the context of the network: the members are offered as
    # radio buttons; the lead actor, no member, is found with the search first.
    page.get_by_role("link", name="Verbindung hinzufügen").click()
    _shot(page, "05b-link-form", axe_problems)
    lead = Network.objects.get(slug="kim-case-management").lead_actor
    page.get_by_label("Zu: Akteur suchen").fill(lead.name)
    page.locator("main").get_by_role("button", name="Suchen").click()
    page.get_by_role("group", name="Von").get_by_label(re.compile("^Stadt Erkelenz")).check()
    page.get_by_label("Art").select_option("information")
    page.get_by_role("group", name="Zu").get_by_label(
        re.compile(f"^{re.escape(lead.name)}")
    ).check()
    page.get_by_role("button", name="Verbindung speichern").click()
    page.get_by_text(re.compile("Verbindung .* angelegt")).wait_for()
    _shot(page, "06-members-after", axe_problems)
    assert CoordinationLink.objects.filter(source__slug="stadt-erkelenz").exists()

    # The map draws a canvas; the table is there as well.
    visit.goto("/netzwerke/kim-case-management/karte/")
    page.wait_for_selector("[data-network-map]:not([hidden]) canvas")
    page.wait_for_timeout(500)
    _shot(page, "07-map", axe_problems)

    visit.goto("/netzwerke/karte/")
    page.wait_for_selector("[data-network-map]:not([hidden]) canvas")
    page.wait_for_timeout(500)
    _shot(page, "08-overview-map")

    visit.goto("/netzwerke/kim-case-management/verlauf/")
    assert "Cora Koordination" in page.content()
    _shot(page, "09-history", axe_problems)

    # An anonymous visitor on a phone.
    phone = Visit(new_context(viewport=PHONE, locale="de-DE"), live_server.url)
    phone.goto("/netzwerke/kim-case-management/")
    _shot(phone.page, "10-detail-mobile")
    phone.context.close()
    assert not violations, violations
    assert not axe_problems, "\n".join(axe_problems)
    visit.assert_same_origin()


def test_map_page_works_without_javascript(new_context, live_server, keynote_content):
    no_script = Visit(new_context(java_script_enabled=False, locale="de-DE"), live_server.url)
    page = no_script.page
    no_script.goto("/netzwerke/kim-lenkungsgruppe/karte/")
    assert page.locator("[data-network-map]").is_hidden()
    assert page.get_by_role("table").count() >= 1
    assert page.get_by_role("rowheader", name=re.compile("Jobcenter")).count() >= 1
    _shot(page, "11-map-without-js")
    no_script.context.close()
