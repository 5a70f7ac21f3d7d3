"""Restore a backup: ``python manage.py restore FILE [--no-input]`` (``make restore FILE=…``).

Replaces the whole content of the database with the backup, in one transaction: if
anything fails, the database stays as it was.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from integration_portal.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Stellt eine Sicherung wieder her und ersetzt dabei alle Daten der Datenbank."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        name = connections[options["database"]].settings_dict["NAME"]
        if options["interactive"]:
            answer = input(
                f"Alle Daten in der Datenbank {name} werden durch {options['file']} ersetzt. "
                "Fortfahren? [ja/nein] "
            )
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen; nichts wurde verändert.")
        try:
            backup_restore(path=options["file"], alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Wiederhergestellt: {options['file']}")
