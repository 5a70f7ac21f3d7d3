"""``manage.py import_hsds FILE``: import the JSON data package of ``export_open_data``
(create-only, matched by UUID; see ``opendata/importing.py``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendata.importing import Importer, ImportProblem


class Command(BaseCommand):
    help = "Importiert ein HSDS-Datenpaket (JSON von export_open_data), nur Fehlendes."

    def add_arguments(self, parser):
        parser.add_argument("file", help="hsds.json aus export_open_data")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            counts = Importer(document).run()
        except (OSError, ValueError, KeyError, ImportProblem) as error:
            raise CommandError(f"{path}: {error}") from error
        for name, count in sorted(counts.items()):
            self.stdout.write(f"{name}: {count} angelegt")
