"""An administrator imports a file in a real Chromium: upload, preview (new, changed,
refused and possibly duplicate rows), confirm, undo. axe-core checks the preview at
1280 and 375 pixels; the table scrolls inside its labelled container on a phone.
Screenshots of the preview go to ``PORTAL_IMPORT_SHOTS`` (default var/screenshots/import/).
"""

import os
from pathlib import Path

import pytest

from actors.models import Actor, ImportRun, ImportStatus, Level
from actors.tests.factories import ActorFactory, MunicipalityFactory
from tests.browser.browsing import DESKTOP, PHONE, SCRATCH_SCREENSHOTS, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("PORTAL_IMPORT_SHOTS") or SCRATCH_SCREENSHOTS / "import")

FILE = (
    "slug;name;ebene;art;kommune;beschreibung\r\n"
    "tafel-neu;Tafel Musterstadt;kommune;extern;musterstadt;Lebensmittel für alle\r\n"
    "bleibt;Bleibt;kreis;extern;;Gleich\r\n"
    "wird-anders;Neuer Name;kreis;extern;;Jetzt mit längerer Beschreibung\r\n"
    "kaputt;Kaputt;mond;extern;;\r\n"
)


def test_preview_confirm_and_undo_in_the_browser(visit, admin_user, tmp_path):
    town = MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")
    ActorFactory(
        slug="tafel-alt", name="Tafel Musterstadt e.V.", level=Level.MUNICIPALITY, municipality=town
    )
    ActorFactory(slug="bleibt", name="Bleibt", description="Gleich")
    ActorFactory(slug="wird-anders", name="Alter Name", description="Gleich")
    upload = tmp_path / "akteure.csv"
    upload.write_text(FILE, encoding="utf-8")
    page = visit.page
    visit.log_in(admin_user.email)

    visit.goto("/akteure/import/")
    page.get_by_label("Datei (CSV oder Excel)").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Datei prüfen (Vorschau)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vorschau des Imports"
    table = page.get_by_role("region", name="Was der Import ändert, Zeile für Zeile")
    assert "mögliche Dublette" in table.inner_text()
    assert "Alter Name → Neuer Name" in table.inner_text()

    problems = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("1280", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"c_preview_{label}.png"), full_page=True)
        if violations := axe_violations(page):
            problems.append(f"preview at {label} px: {describe(violations)}")
    # On a phone the page itself does not scroll sideways; the table's container does.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not problems, "\n".join(problems)
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Fehlerhafte Zeilen überspringen und die gültigen übernehmen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Import übernehmen").click()
    assert "Import übernommen: 1 neu, 1 geändert" in page.content()
    assert Actor.objects.get(slug="wird-anders").name == "Neuer Name"
    page.screenshot(path=str(SHOTS / "c_runs_1280.png"), full_page=True)
    assert not axe_violations(page)

    page.get_by_role("link", name="Import rückgängig machen").first.click()
    page.wait_for_load_state()
    with page.expect_navigation():
        page.get_by_role("button", name="Import rückgängig machen").click()
    assert "Der Import wurde rückgängig gemacht." in page.content()
    assert not Actor.objects.filter(slug="tafel-neu").exists()
    assert Actor.objects.get(slug="wird-anders").name == "Alter Name"
    assert ImportRun.objects.get().status == ImportStatus.UNDONE


def test_the_mapping_step_in_the_browser(visit, admin_user, tmp_path):
    upload = tmp_path / "liste.csv"
    upload.write_text("Kennung,Bezeichnung,Stufe,Typ\r\nx,X,kreis,extern\r\n", encoding="utf-8")
    page = visit.page
    visit.log_in(admin_user.email)
    visit.goto("/akteure/import/")
    page.get_by_label("Datei (CSV oder Excel)").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Datei prüfen (Vorschau)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Spalten zuordnen"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / "c_mapping_375.png"), full_page=True)
    assert not axe_violations(page), describe(axe_violations(page))
    for number, field in enumerate(["slug", "name", "ebene", "art"], start=1):
        page.get_by_label(f"Spalte {number}:").select_option(field)
    with page.expect_navigation():
        page.get_by_role("button", name="Zuordnung speichern und Vorschau zeigen").click()
    assert "1 neuer Akteur" in page.content()
