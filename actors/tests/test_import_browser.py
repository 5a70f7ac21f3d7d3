"""The actor import in the browser: reading (separators, encodings, XLSX), the column
mapping, the preview, the confirmation in one transaction, the record of each import
and its undo; the command line runs the same code."""

import io
import tracemalloc

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

from actors.importing import MAX_ROWS, comparable_name
from actors.models import (
    Actor,
    ActorDimension,
    ImportMapping,
    ImportRun,
    ImportStatus,
    Kind,
    Level,
    Sector,
)
from actors.services import actors_import
from actors.tests.factories import ActorFactory, MunicipalityFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db
IMPORT = reverse("actors:import")
RUNS = reverse("actors:import_runs")
EXPORT = reverse("actors:export")

ROWS = [
    ["slug", "name", "ebene", "art", "beschreibung"],
    ["stelle-a", "Beratung Übach, Süd", "kreis", "extern", "Hilfe für Zugewanderte"],
    ["stelle-b", "Café Begegnung", "Kreis", "Externer lokaler Akteur", "„Treff“ am Markt"],
]


def _csv(rows, delimiter=";") -> str:
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _upload(client, data: bytes, name="akteure.csv", **extra):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **extra}, follow=True)


def _preview_url(response) -> str:
    return response.redirect_chain[-1][0]


# --- reading -----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_semicolon_and_comma_files_import_alike(delimiter):
    report = actors_import(data=_csv(ROWS, delimiter).encode())
    assert report.ok and sorted(report.created) == ["stelle-a", "stelle-b"], report.errors
    assert Actor.objects.get(slug="stelle-a").name == "Beratung Übach, Süd"


def test_a_header_with_semicolons_and_commas_is_refused_as_unclear():
    report = actors_import(data=b"a;b,c;d,e\n1;2,3;4,5\n")
    assert "nicht eindeutig" in report.fatal and not Actor.objects.exists()


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_utf8_with_or_without_bom_and_windows_1252_read_the_umlauts(encode):
    report = actors_import(data=encode(_csv(ROWS)))
    assert report.ok, report.errors or report.fatal
    assert Actor.objects.get(slug="stelle-b").description == "„Treff“ am Markt"


def test_an_xlsx_workbook_is_read_from_its_first_sheet():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kurzadresse", "Name", "Ebene", "Art", "Postleitzahl", "Öffentlich"])
    sheet.append(["stelle-x", "Stelle X", "Kreis", "Externer lokaler Akteur", 52511, False])
    workbook.create_sheet("Notizen").append(["nicht", "gelesen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = actors_import(data=buffer.getvalue(), file_name="liste.xlsx")
    assert report.ok, report.errors or report.fatal
    actor = Actor.objects.get(slug="stelle-x")
    assert (actor.postal_code, actor.is_public, actor.level) == ("52511", False, Level.DISTRICT)


def test_the_export_imports_back_unchanged_and_a_label_only_file_is_read(client, staff_user):
    town = MunicipalityFactory(slug="stadt", name="Stadt")
    group = TargetGroupFactory(slug="gefluechtete", name="Geflüchtete")
    actor = ActorFactory(slug="tafel", level=Level.MUNICIPALITY, municipality=town)
    actor.target_groups.add(group)
    ActorDimension.objects.create(actor=actor, dimension="welfare", obligation="voluntary")
    client.force_login(staff_user)
    exported = client.get(EXPORT).content.decode("utf-8-sig")
    labels, names = exported.split("\r\n")[:2]
    assert labels.startswith("Kurzadresse;Name;Kurzname;Ebene;")
    assert names.startswith("slug;name;kurzname;ebene;")
    assert "Kreisangehörige Kommune" in exported and "Geflüchtete" in exported
    assert "Wohlfahrt:Freiwillige Aufgabe" in exported
    report = actors_import(data=exported.encode())
    assert report.ok and report.created == [] and report.updated == [], report.errors
    assert sorted(report.unchanged) == ["stadt", "tafel"]
    # Without the row of column names: the labels alone are understood.
    label_only = "\r\n".join([labels, *exported.split("\r\n")[2:]])
    again = actors_import(data=label_only.encode())
    assert again.ok and sorted(again.unchanged) == ["stadt", "tafel"], again.errors


def test_comparable_names_ignore_case_umlauts_punctuation_and_legal_forms():
    assert comparable_name("Tafel Übach-Palenberg e.V.") == comparable_name(
        "tafel uebach palenberg"
    )
    assert comparable_name("Jugendhilfe gGmbH") == "jugendhilfe"


# --- the page: mapping, preview, confirmation --------------------------------------------


def test_an_unknown_header_is_mapped_by_hand_and_the_mapping_is_remembered(client, admin_user):
    client.force_login(admin_user)
    data = "Kennung;Bezeichnung;Stufe;Typ;Farbe\r\nstelle-m;Stelle M;kreis;extern;blau\r\n"
    response = _upload(client, data.encode())
    mapping_url = _preview_url(response)
    assert mapping_url.endswith("/zuordnung/") and "Spalten zuordnen" in response.content.decode()
    assert "ignorieren" in response.content.decode()
    choices = {"spalte_0": "slug", "spalte_1": "name", "spalte_2": "ebene", "spalte_3": "art"}
    response = client.post(mapping_url, {**choices, "spalte_4": ""}, follow=True)
    assert "Vorschau des Imports" in response.content.decode()
    assert ImportMapping.objects.get().saved_by == admin_user
    # The same layout again: straight to the preview, mapped as before.
    response = _upload(client, data.encode())
    assert "/zuordnung/" not in _preview_url(response)
    assert "gespeicherte Zuordnung" in response.content.decode()
    client.post(_preview_url(response))
    assert Actor.objects.get(slug="stelle-m").name == "Stelle M"


def test_a_mapping_that_uses_a_field_twice_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = _upload(client, b"A;B;C;D\r\na;b;kreis;extern\r\n")
    choices = {"spalte_0": "slug", "spalte_1": "slug", "spalte_2": "ebene", "spalte_3": "art"}
    response = client.post(_preview_url(response), choices)
    assert response.status_code == 200 and "nur einer Spalte" in response.content.decode()
    assert not ImportMapping.objects.exists()


def _stored_directory():
    town = MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")
    ActorFactory(
        slug="tafel-alt", name="Tafel Musterstadt e.V.", level=Level.MUNICIPALITY, municipality=town
    )
    ActorFactory(slug="bleibt", name="Bleibt", description="Gleich")
    ActorFactory(slug="wird-anders", name="Alter Name", description="Gleich")


PREVIEW_FILE = (
    "slug;name;ebene;art;kommune;beschreibung\r\n"
    "tafel-neu;Tafel Musterstadt;kommune;extern;musterstadt;\r\n"
    "bleibt;Bleibt;kreis;extern;;Gleich\r\n"
    "wird-anders;Neuer Name;kreis;extern;;Gleich\r\n"
    "kaputt;Kaputt;mond;extern;;\r\n"
)


def test_the_preview_shows_each_row_and_writes_nothing(client, admin_user):
    _stored_directory()
    before = list(Actor.objects.order_by("slug").values())
    client.force_login(admin_user)
    response = _upload(client, PREVIEW_FILE.encode())
    body = response.content.decode()
    assert "Vorschau des Imports" in body
    assert "1 neuer Akteur" in body and "1 geänderter Akteur" in body
    assert "1 unveränderte Zeile" in body and "1 fehlerhafte Zeile" in body
    assert "1 mögliche Dublette" in body and "Tafel Musterstadt e.V." in body
    assert "Alter Name → Neuer Name" in body
    assert "Grund: ebene:" in body
    assert list(Actor.objects.order_by("slug").values()) == before
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.PREVIEW and run.user == admin_user


def test_confirming_a_file_with_errors_writes_nothing_unless_invalid_rows_are_skipped(
    client, admin_user
):
    _stored_directory()
    client.force_login(admin_user)
    preview = _preview_url(_upload(client, PREVIEW_FILE.encode()))
    response = client.post(preview)
    assert response.status_code == 409 and "Nichts gespeichert" in response.content.decode()
    assert not Actor.objects.filter(slug="tafel-neu").exists()
    response = client.post(preview, {"skip_invalid": "on"}, follow=True)
    assert "Import übernommen: 1 neu, 1 geändert, 1 unverändert, 1 fehlerhaft" in (
        response.content.decode()
    )
    assert Actor.objects.get(slug="wird-anders").name == "Neuer Name"
    run = ImportRun.objects.get()
    assert (run.status, run.created_count, run.updated_count, run.error_count) == (
        ImportStatus.APPLIED,
        1,
        1,
        1,
    )
    assert bytes(run.data) == b""  # the file is not kept once applied


def test_a_failure_while_writing_leaves_nothing_written(client, admin_user, monkeypatch):
    actors = [ActorFactory(slug=f"a-{n}", name=f"A {n}") for n in range(6)]
    before = list(Actor.objects.order_by("slug").values_list("slug", "name"))
    data = "slug;name;ebene;art\r\n" + "".join(
        f"{a.slug};Neu {n};kreis;extern\r\n" for n, a in enumerate(actors)
    )
    data += "ganz-neu;Ganz neu;kreis;extern\r\n"
    client.force_login(admin_user)
    preview = _preview_url(_upload(client, data.encode()))
    original, calls = Actor.save, {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise DatabaseError("simulierter Fehler")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Actor, "save", failing_save)
    response = client.post(preview)
    assert response.status_code == 409
    assert "fehlgeschlagen; es wurde nichts gespeichert" in response.content.decode()
    assert list(Actor.objects.order_by("slug").values_list("slug", "name")) == before
    assert ImportRun.objects.get().status == ImportStatus.PREVIEW


# --- the record and the undo -------------------------------------------------------------


def test_undo_restores_changed_actors_and_deletes_created_ones(client, admin_user):
    town = MunicipalityFactory(slug="stadt")
    old_group, new_group = TargetGroupFactory(slug="alt"), TargetGroupFactory(slug="neu")
    changed = ActorFactory(slug="stelle", name="Stelle", description="Vorher", website="")
    changed.target_groups.add(old_group)
    ActorDimension.objects.create(actor=changed, dimension="security", obligation="mandatory")
    fields = ["name", "description", "level", "municipality_id", "website", "parent_id"]
    before = Actor.objects.filter(slug="stelle").values(*fields).get()
    data = (
        "slug;name;ebene;art;kommune;beschreibung;zielgruppen;dimensionen;uebergeordnet\r\n"
        "stelle;Stelle neu;kommune;extern;stadt;Nachher;neu;wohlfahrt:freiwillig;dach\r\n"
        "dach;Dach;kreis;extern;;;;;\r\n"
        "kind;Kind;kreis;extern;;;;;dach\r\n"
    )
    client.force_login(admin_user)
    client.post(_preview_url(_upload(client, data.encode(), name="liste.csv")))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.APPLIED
    record = Actor.history.filter(slug="stelle").latest("history_id")
    assert record.history_user == admin_user
    assert record.history_change_reason == "Import liste.csv"
    assert Actor.objects.get(slug="stelle").municipality == town

    undo = reverse("actors:import_undo", args=[run.pk])
    page = client.get(undo).content.decode()
    assert "Werden gelöscht" in page and "dach, kind" in page
    response = client.post(undo, follow=True)
    assert "Der Import wurde rückgängig gemacht." in response.content.decode()
    assert not Actor.objects.filter(slug__in=["dach", "kind"]).exists()
    assert Actor.objects.filter(slug="stelle").values(*fields).get() == before
    restored = Actor.objects.get(slug="stelle")
    assert list(restored.target_groups.all()) == [old_group] and new_group
    assert list(restored.dimension_roles.values_list("dimension", "obligation")) == [
        ("security", "mandatory")
    ]
    latest = Actor.history.filter(slug="stelle").latest("history_id")
    assert latest.history_change_reason == "Import rückgängig gemacht: liste.csv"
    assert latest.history_user == admin_user
    assert Actor.history.filter(slug="dach", history_type="-").exists()
    run.refresh_from_db()
    assert run.status == ImportStatus.UNDONE and run.undone_by == admin_user


def test_undo_is_refused_when_an_actor_was_changed_after_the_import(client, admin_user):
    ActorFactory(slug="stelle", name="Stelle")
    client.force_login(admin_user)
    data = b"slug;name;ebene;art\r\nstelle;Stelle neu;kreis;extern\r\nneu;Neu;kreis;extern\r\n"
    client.post(_preview_url(_upload(client, data)))
    later = Actor.objects.get(slug="stelle")
    later.description = "Danach bearbeitet"
    later.save()
    run = ImportRun.objects.get()
    response = client.post(reverse("actors:import_undo", args=[run.pk]))
    assert response.status_code == 409
    assert "danach geändert oder gelöscht: stelle" in response.content.decode()
    assert Actor.objects.filter(slug="neu").exists()
    assert Actor.objects.get(slug="stelle").name == "Stelle neu"
    run.refresh_from_db()
    assert run.status == ImportStatus.APPLIED


def test_the_list_of_imports_shows_counts_and_runs_a_fixed_number_of_queries(
    client, admin_user, django_assert_max_num_queries
):
    for n in range(3):
        actors_import(
            data=f"slug;name;ebene;art\nx-{n};X;kreis;extern\n".encode(), file_name=f"{n}.csv"
        )
    client.force_login(admin_user)
    client.get(RUNS)  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(RUNS)
    body = response.content.decode()
    assert body.count("Import rückgängig machen") == 3 and "Kommandozeile" in body


def test_the_command_line_runs_the_same_import_and_records_it(tmp_path, capsys):
    TargetGroupFactory(slug="gefluechtete", name="Geflüchtete")
    data = _csv([[*ROWS[0], "zielgruppen"], [*ROWS[1], "Geflüchtete"], [*ROWS[2], ""]], ",")
    target = tmp_path / "liste.csv"
    target.write_bytes(data.encode("cp1252"))
    call_command("import_actors", str(target))
    assert "2 neu, 0 geändert" in capsys.readouterr().out
    by_command = list(Actor.objects.order_by("slug").values_list("slug", "name", "description"))
    assert Actor.objects.get(slug="stelle-a").target_groups.get().slug == "gefluechtete"
    run = ImportRun.objects.get()
    assert (run.file_name, run.created_count, run.user) == ("liste.csv", 2, None)
    assert Actor.history.filter(history_change_reason="Import liste.csv").count() >= 2
    # The same bytes through the service (as the page calls it) give the same actors.
    Actor.objects.all().delete()
    actors_import(data=data.encode("cp1252"))
    assert list(Actor.objects.order_by("slug").values_list("slug", "name", "description")) == (
        by_command
    )


def test_ten_thousand_rows_import_with_bounded_memory():
    assert MAX_ROWS >= 10_000
    MunicipalityFactory(slug="stadt", name="Stadt")
    lines = ["slug;name;ebene;art;kommune;beschreibung"] + [
        f"akteur-{n:05d};Akteur Nummer {n} – Ümlaut;kommune;extern;stadt;Beratung {n}"
        for n in range(10_000)
    ]
    data = ("\r\n".join(lines) + "\r\n").encode()
    tracemalloc.start()
    try:
        report = actors_import(data=data, file_name="gross.csv")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.ok and len(report.created) == 10_000, report.errors[:3] or report.fatal
    assert Actor.objects.filter(municipality__slug="stadt").count() == 10_000
    assert ImportRun.objects.get().actors.count() == 10_000
    print(f"peak {peak / 2**20:.0f} MiB")
    assert peak < 150 * 2**20, f"peak {peak / 2**20:.0f} MiB"


# --- who may ---------------------------------------------------------------------------


def _urls(run):
    return [
        IMPORT,
        RUNS,
        reverse("actors:import_preview", args=[run.pk]),
        reverse("actors:import_mapping", args=[run.pk]),
        reverse("actors:import_undo", args=[run.pk]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_and_staff_without_the_right_get_403(
    client, staff_user, admin_user
):
    run = ImportRun.objects.create(user=admin_user, file_name="a.csv", data=b"slug;name\n")
    for url in _urls(run):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"], url
    client.force_login(staff_user)
    for url in _urls(run):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_another_accounts_preview_is_not_found(client, admin_user, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="import_actors"))
    run = ImportRun.objects.create(
        user=admin_user, file_name="a.csv", data=b"slug;name;ebene;art\nx;X;kreis;extern\n"
    )
    client.force_login(staff_user)
    preview = reverse("actors:import_preview", args=[run.pk])
    assert client.get(preview).status_code == 404
    assert client.post(preview).status_code == 404
    assert client.get(reverse("actors:import_mapping", args=[run.pk])).status_code == 404
    assert not Actor.objects.exists()
    assert ImportRun.objects.get().status == ImportStatus.PREVIEW


def test_a_dissimilar_name_in_the_same_municipality_is_no_duplicate(client, admin_user):
    town = MunicipalityFactory(slug="stadt")
    ActorFactory(
        slug="rat",
        name="Rat der Stadt",
        level=Level.MUNICIPALITY,
        municipality=town,
        kind=Kind.POLITICS,
        sector=Sector.COUNCIL,
    )
    client.force_login(admin_user)
    data = b"slug;name;ebene;art;kommune\r\ntafel;Tafel;kommune;extern;stadt\r\n"
    body = _upload(client, data).content.decode()
    assert "0 mögliche Dubletten" in body


def test_a_mapping_without_the_required_fields_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = _upload(client, b"A;B;C;D\r\na;b;kreis;extern\r\n")
    response = client.post(_preview_url(response), {"spalte_0": "slug", "spalte_1": "name"})
    assert "keiner Spalte zugeordnet: ebene, art" in response.content.decode()
