"""``manage.py export_open_data``: write the data package (JSON and the ZIP of HSDS's
tabular form) into ``settings.OPEN_DATA_DIR`` (``PORTAL_OPEN_DATA_DIR``), for /daten/.
Run it on a schedule (e.g. nightly) or after changes; it reads public data only."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from opendata import export


class Command(BaseCommand):
    help = "Schreibt das Datenpaket der offenen Daten (HSDS 3.0: JSON und CSV im ZIP)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Verzeichnis (Standard: PORTAL_OPEN_DATA_DIR)")
        parser.add_argument(
            "--base-url", default="", help="Adresse des Portals in den Links (PORTAL_BASE_URL)"
        )

    def handle(self, *args, **options):
        directory = Path(options["output"]) if options["output"] else None
        paths = export.write(directory, base_url=options["base_url"])
        for path in paths.values():
            self.stdout.write(f"{path} ({path.stat().st_size} Bytes)")
