"""CSV export and import (web and command line)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actors.importing import COLUMNS
from actors.models import Actor, ActorDimension
from actors.services import actors_import
from actors.tests.factories import (
    ActorFactory,
    ContactPersonFactory,
    MunicipalityFactory,
    TargetGroupFactory,
)
from core.csv_export import BOM

pytestmark = pytest.mark.django_db
EXPORT = reverse("actors:export")
IMPORT = reverse("actors:import")

HEADER = "slug;name;kurzname;ebene;art;bereich;dimensionen;uebergeordnet;kommune;zielgruppen;oeffentlich;zuletzt_geprueft\r\n"
GOOD = (
    HEADER
    + "stadt-muster;Stadt Musterstadt;;kommune;verwaltung;gebietskoerperschaft;;;;;ja;\r\n"
    + "tafel-muster;Tafel Musterstadt;Tafel;kommune;extern;verein;wohlfahrt:freiwillig;;stadt-muster;gefluechtete;ja;19.09.2024\r\n"
    + "tafel-ausgabe;Ausgabestelle Süd;;kommune;extern;verein;;tafel-muster;stadt-muster;;nein;2024-09-20\r\n"
)


def _rows(response):
    """The data rows by column name: the first header row (labels) is skipped, the
    second (column names) is the DictReader's header."""
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    labels, _sep, rest = text[1:].partition("\r\n")
    assert labels.split(";")[:4] == ["Kurzadresse", "Name", "Kurzname", "Ebene"]
    return list(csv.DictReader(io.StringIO(rest), delimiter=";"))


def test_export_requires_sign_in(client, keynote):
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_export_is_utf8_with_bom_semicolons_and_the_filtered_rows(client, keynote, staff_user):
    client.force_login(staff_user)
    response = client.get(EXPORT, {"ebene": "kommune", "bereich": "gebietskoerperschaft"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert len(rows) == 10
    assert "Stadt Übach-Palenberg" in {row["name"] for row in rows}
    assert list(rows[0]) == [*COLUMNS, "ansprechpersonen"]


def test_export_carries_contacts_for_staff_and_escapes_formulas(client, staff_user):
    actor = ActorFactory(slug="stelle", description='=HYPERLINK("http://example.org")')
    ContactPersonFactory(actor=actor, name="Erika Demo", email="erika@example.org")
    client.force_login(staff_user)
    row = _rows(client.get(EXPORT))[0]
    assert "Erika Demo" in row["ansprechpersonen"] and "(Demo)" in row["ansprechpersonen"]
    assert row["beschreibung"].startswith("'=")


def test_exported_file_imports_back_without_changes(client, keynote, staff_user):
    client.force_login(staff_user)
    data = client.get(EXPORT).content
    report = actors_import(data=data)
    assert report.ok, report.errors
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == Actor.objects.count()


def test_exported_file_imports_back_when_a_municipality_was_made_internal_later(client, staff_user):
    municipality = MunicipalityFactory(slug="gemeinde")
    ActorFactory(slug="vor-ort", municipality=municipality)
    municipality.is_public = False
    municipality.save()
    client.force_login(staff_user)
    report = actors_import(data=client.get(EXPORT).content)
    assert report.ok, report.errors
    assert sorted(report.unchanged) == ["gemeinde", "vor-ort"]


def test_import_refuses_a_public_actor_in_an_internal_municipality(db):
    MunicipalityFactory(slug="gemeinde", name="Interne Gemeinde", is_public=False)
    data = HEADER + "vor-ort;Beratung vor Ort;;kommune;extern;verein;;;gemeinde;;ja;\r\n"
    report = actors_import(data=data.encode())
    assert not report.ok and not report.written
    assert "„Interne Gemeinde“ ist nicht öffentlich" in report.errors[0].message
    assert not Actor.objects.filter(slug="vor-ort").exists()


def test_import_of_a_good_file_creates_actors_with_relations(db):
    TargetGroupFactory(slug="gefluechtete")
    report = actors_import(data=GOOD.encode())
    assert report.ok and report.written
    assert sorted(report.created) == ["stadt-muster", "tafel-ausgabe", "tafel-muster"]
    tafel = Actor.objects.get(slug="tafel-muster")
    assert tafel.municipality.slug == "stadt-muster" and tafel.short_name == "Tafel"
    assert list(tafel.target_groups.values_list("slug", flat=True)) == ["gefluechtete"]
    assert ActorDimension.objects.get(actor=tafel).obligation == "voluntary"
    assert str(tafel.last_verified) == "2024-09-19"
    ausgabe = Actor.objects.get(slug="tafel-ausgabe")
    assert ausgabe.parent == tafel and ausgabe.is_public is False


def test_reimporting_the_same_file_changes_nothing(db):
    TargetGroupFactory(slug="gefluechtete")
    actors_import(data=GOOD.encode())
    snapshot = list(Actor.objects.order_by("slug").values())
    report = actors_import(data=GOOD.encode())
    assert report.created == [] and report.updated == [] and not report.written
    assert len(report.unchanged) == 3
    assert list(Actor.objects.order_by("slug").values()) == snapshot


def test_import_updates_only_changed_rows(db):
    TargetGroupFactory(slug="gefluechtete")
    actors_import(data=GOOD.encode())
    changed = GOOD.replace("Tafel Musterstadt;Tafel", "Tafel Musterstadt e. V.;Tafel")
    report = actors_import(data=changed.encode())
    assert report.updated == ["tafel-muster"] and len(report.unchanged) == 2
    assert Actor.objects.get(slug="tafel-muster").name == "Tafel Musterstadt e. V."


BAD = (
    HEADER
    + "gut;Gute Stelle;;kreis;extern;wohlfahrtsverband;;;;;ja;\r\n"
    + "schlecht;Schlechte Stelle;;mond;extern;;;;;;ja;\r\n"
    + "falsch-bereich;Stelle;;kreis;politik;polizei;;;;;vielleicht;\r\n"
    + "ohne-dach;Stelle;;kreis;extern;;;gibt-es-nicht;;;ja;\r\n"
    + "gut;Doppelt;;kreis;extern;;;;;;ja;\r\n"
    + "bund-mit-kommune;Stelle;;bund;extern;;;;stadt-x;;ja;\r\n"
    + "zukunft;Stelle;;kreis;extern;;sicherheit:immer;;;unbekannt;ja;01.01.2999\r\n"
    + "zu-wenig;Stelle\r\n"
)


def test_import_with_bad_rows_reports_each_and_writes_nothing(db):
    report = actors_import(data=BAD.encode())
    assert not report.written and not Actor.objects.exists()
    by_line = {error.line: error.message for error in report.errors}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9]
    assert "ebene" in by_line[3]
    assert "bereich" in by_line[4] and "oeffentlich" in by_line[4]
    assert "gibt-es-nicht" in by_line[5]
    assert "Zeile 2" in by_line[6]
    assert "kommune" in by_line[7]
    assert (
        "dimensionen" in by_line[8]
        and "zielgruppen" in by_line[8]
        and "zuletzt_geprueft" in by_line[8]
    )
    assert "Felder" in by_line[9]


def test_import_with_skip_invalid_writes_the_valid_rows(db):
    report = actors_import(data=BAD.encode(), skip_invalid=True)
    assert report.created == ["gut"] and len(report.errors) == 7
    assert list(Actor.objects.values_list("slug", flat=True)) == ["gut"]


def test_dry_run_validates_but_writes_nothing(db):
    TargetGroupFactory(slug="gefluechtete")
    report = actors_import(data=GOOD.encode(), dry_run=True)
    assert report.ok and len(report.created) == 3 and not report.written
    assert list(Actor.objects.values_list("slug", flat=True)) == []


def test_import_rejects_a_parent_cycle(db):
    data = HEADER + "a;A;;kreis;extern;;;b;;;ja;\r\nb;B;;kreis;extern;;;a;;;ja;\r\n"
    report = actors_import(data=data.encode())
    assert {e.line for e in report.errors} == {2, 3} and not Actor.objects.exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"slug;name;ebene;art\na;\x81;kreis;extern\n", "UTF-8"),  # not cp1252 either
        (b"a;b,c;d,e\n1;2,3;4,5\n", "nicht eindeutig"),
        (b"slug\tname\tebene\tart\na\tA\tkreis\textern\n", "Tabulator"),
        (b"slug;name;kurzname\na;A;B\n", "ebene, art"),
        (b"", "leer"),
        (b"slug;name;ebene;art\n", "keine Datenzeilen"),
        (b"slug;slug;ebene;art\n", "mehrfach"),
        (b"\x00\x01\x02binary", "keine CSV-Textdatei"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xa7\xb8", "keine lesbare Excel"),
    ],
    ids=[
        "neither utf-8 nor cp1252",
        "ambiguous delimiter",
        "tab",
        "missing columns",
        "empty",
        "header only",
        "duplicate column",
        "binary",
        "xlsx",
    ],
)
def test_unreadable_files_give_a_clear_report(db, data, reason):
    report = actors_import(data=data)
    assert reason in report.fatal
    assert not Actor.objects.exists()


def test_unknown_columns_are_reported_and_ignored(db):
    data = "slug;name;ebene;art;farbe\r\na;A;kreis;extern;blau\r\n"
    report = actors_import(data=data.encode())
    assert report.ok and "farbe" in report.notices[0]


def test_missing_optional_columns_leave_data_untouched(db):
    actor = ActorFactory(slug="a", description="Bleibt", website="https://example.org/")
    report = actors_import(data=b"slug;name;ebene;art\r\na;Neu;kreis;extern\r\n")
    actor.refresh_from_db()
    assert report.updated == ["a"] and actor.name == "Neu" and actor.description == "Bleibt"


def test_command_imports_and_fails_cleanly_on_bad_rows(db, tmp_path, capsys):
    TargetGroupFactory(slug="gefluechtete")
    good = tmp_path / "gut.csv"
    good.write_text(GOOD, encoding="utf-8-sig")
    call_command("import_actors", str(good))
    assert Actor.objects.count() == 3
    call_command("import_actors", str(good))
    assert "0 neu, 0 geändert, 3 unverändert" in capsys.readouterr().out

    bad = tmp_path / "schlecht.csv"
    bad.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError, match="Nichts gespeichert"):
        call_command("import_actors", str(bad))
    assert "Zeile 3: ebene" in capsys.readouterr().err
    call_command("import_actors", str(bad), "--skip-invalid")
    assert Actor.objects.filter(slug="gut").exists()

    with pytest.raises(CommandError, match="nicht lesbar"):
        call_command("import_actors", str(tmp_path / "fehlt.csv"))
    broken = tmp_path / "komma.csv"
    broken.write_bytes(b"slug\tname\n")
    with pytest.raises(CommandError, match="Tabulator"):
        call_command("import_actors", str(broken))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("staff_user", 403),
        ("coordinator_user", 403),
        ("editor_user", 403),
        ("admin_user", 200),
    ],
)
def test_import_page_is_for_administrators_only(client, request, who, status):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(IMPORT).status_code == status


def test_import_permission_can_be_granted_to_staff(client, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="import_actors"))
    client.force_login(staff_user)
    assert client.get(IMPORT).status_code == 200


def test_web_import_previews_then_saves_on_confirmation(client, admin_user):
    """The page shows a preview first (errors with their line); confirming a file with
    errors writes nothing, a good file is written on confirmation."""
    client.force_login(admin_user)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("a.csv", BAD.encode())}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200 and "Vorschau des Imports" in body
    assert '<th scope="row" class="kern-table__header">3</th>' in body
    confirm = response.redirect_chain[-1][0]
    assert "Nichts gespeichert" in client.post(confirm).content.decode()
    assert not Actor.objects.exists()
    TargetGroupFactory(slug="gefluechtete")
    response = client.post(
        IMPORT, {"file": SimpleUploadedFile("a.csv", GOOD.encode())}, follow=True
    )
    assert not Actor.objects.exists()
    response = client.post(response.redirect_chain[-1][0], follow=True)
    assert "Import übernommen: 3 neu" in response.content.decode()
    assert Actor.objects.count() == 3
    response = client.post(IMPORT, {"file": SimpleUploadedFile("a.csv", b"slug\tname\n")})
    assert "Tabulator" in response.content.decode()
