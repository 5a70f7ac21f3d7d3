"""Erase the proposer's name and address of suggestions handled more than 90 days ago.

    python manage.py suggestions_trim

Run daily (e.g. beside ``searches_trim``); the record of processing activities names it.
"""

from django.core.management.base import BaseCommand

from stewardship.services import suggestion_contacts_erase


class Command(BaseCommand):
    help = (
        "Löscht Name und E-Mail-Adresse bei Vorschlägen, die vor über 90 Tagen bearbeitet wurden."
    )

    def handle(self, *args, **options):
        erased = suggestion_contacts_erase()
        self.stdout.write(f"Kontaktdaten von {erased} Vorschlag/Vorschlägen gelöscht.")
