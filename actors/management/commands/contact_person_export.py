"""Art. 15 GDPR: everything the portal stores about one contact person, as JSON.

python manage.py contact_person_export --email person@example.org [--output FILE]
python manage.py contact_person_export --id 42
"""

import json
import os

from django.core.management.base import BaseCommand, CommandError

from actors.privacy import contact_person_export


class Command(BaseCommand):
    help = "Auskunft nach Art. 15 DSGVO: alle Daten einer Ansprechperson als JSON."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="alle Einträge mit dieser E-Mail-Adresse")
        who.add_argument("--id", type=int, help="ein Eintrag (Nummer der Ansprechperson)")
        parser.add_argument("--output", "-o", help="Datei statt Standardausgabe")

    def handle(self, *args, **options):
        data = contact_person_export(email=options["email"], pk=options["id"])
        if (
            not data["contact_persons"]
            and not data["accounts"]
            and not data["accessibility_feedback"]
        ):
            raise CommandError("Zu dieser Angabe speichert das Portal keine Ansprechperson.")
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        if options["output"]:
            # Personal data: readable by the owner only.
            descriptor = os.open(options["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(options["output"])
        else:
            self.stdout.write(text)
