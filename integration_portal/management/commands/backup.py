"""Back the database up: ``python manage.py backup [--output FILE]`` (``make backup``).

PostgreSQL: a pg_dump custom-format archive (``.dump``); SQLite: a JSON file
(``.json``). Without ``--output`` the file goes to ``var/backups/`` with a time stamp.
"""

from django.core.management.base import BaseCommand, CommandError

from integration_portal.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Sichert die Datenbank des Portals (PostgreSQL: pg_dump, SQLite: JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default=None, help="Zieldatei")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            path = backup_create(path=options["output"], alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
