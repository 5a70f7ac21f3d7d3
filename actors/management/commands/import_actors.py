"""``python manage.py import_actors FILE.csv|FILE.xlsx [--skip-invalid] [--dry-run]``.

The same code as the page ``/akteure/import/`` (``actors.services.actors_import``): the
same reading (CSV with semicolons or commas, UTF-8 or Windows-1252, XLSX), the same
checks, the same record of the import (``ImportRun``), which can be undone on the page
„Letzte Importe“. A header the import does not know is read with the mapping saved for
it on the page, if there is one."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actors.services import actors_import


class Command(BaseCommand):
    help = (
        "Importiert Akteure aus einer CSV- oder XLSX-Datei (Kopfzeile wie der Export). "
        "Prüft alle Zeilen zuerst und speichert nur, wenn alle gültig sind."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Pfad zur CSV- oder XLSX-Datei")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Fehlerhafte Zeilen überspringen und die gültigen speichern.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen, nichts speichern.")

    def handle(self, *args, file: Path, skip_invalid: bool, dry_run: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {file} ({error.strerror})") from None
        report = actors_import(
            data=data, skip_invalid=skip_invalid, dry_run=dry_run, file_name=file.name
        )
        if report.fatal:
            raise CommandError(report.fatal)
        for notice in report.notices:
            self.stdout.write(self.style.WARNING(notice))
        for error in report.errors:
            self.stderr.write(f"Zeile {error.line}: {error.message}")
        self.stdout.write(
            f"{report.total_rows} Zeilen: {len(report.created)} neu, "
            f"{len(report.updated)} geändert, {len(report.unchanged)} unverändert, "
            f"{len(report.errors)} fehlerhaft."
        )
        if report.errors and not skip_invalid:
            raise CommandError(
                "Nichts gespeichert: die Datei enthält fehlerhafte Zeilen "
                "(mit --skip-invalid werden nur die gültigen gespeichert)."
            )
        if dry_run:
            self.stdout.write("Nur geprüft, nichts gespeichert.")
        elif report.written:
            self.stdout.write(self.style.SUCCESS("Import gespeichert."))
        else:
            self.stdout.write("Keine Änderungen.")
