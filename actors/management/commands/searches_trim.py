"""Delete the recent searches of the accounts older than their retention period (90 days).

    python manage.py searches_trim

Run daily (e.g. beside ``clearsessions``); the record of processing activities names it.
"""

from django.core.management.base import BaseCommand

from actors.services import searches_trim


class Command(BaseCommand):
    help = "Löscht die letzten Suchen der Konten, die älter als 90 Tage sind."

    def handle(self, *args, **options):
        deleted = searches_trim()
        self.stdout.write(f"{deleted} ältere Suche(n) gelöscht.")
