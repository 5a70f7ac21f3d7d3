"""Art. 17 GDPR: erase one contact person with its change history.

    python manage.py contact_person_erase --email person@example.org [--dry-run] [--no-input]
    python manage.py contact_person_erase --id 42

Free-text notes that mention the person are listed for review, not changed.
"""

from django.core.management.base import BaseCommand, CommandError

from actors.privacy import contact_person_erase


class Command(BaseCommand):
    help = "Löschung nach Art. 17 DSGVO: eine Ansprechperson mit ihrem Änderungsverlauf."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="alle Einträge mit dieser E-Mail-Adresse")
        who.add_argument("--id", type=int, help="ein Eintrag (Nummer der Ansprechperson)")
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts löschen")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        who = {"email": options["email"], "pk": options["id"]}
        preview = contact_person_erase(**who, dry_run=True)
        if not preview.contact_persons:
            raise CommandError("Zu dieser Angabe speichert das Portal keine Ansprechperson.")
        self.stdout.write(
            f"Ansprechperson: {preview.contact_persons} Eintrag/Einträge, "
            f"{preview.history_rows} Verlaufseintrag/-einträge."
        )
        for mention in preview.mentions:
            self.stdout.write(
                f"Bitte prüfen (Freitext nennt die Person): {mention['model']} "
                f"{mention['id']}, Feld {mention['field']}"
            )
        if options["dry_run"]:
            self.stdout.write("Probelauf: nichts gelöscht.")
            return
        if options["interactive"]:
            answer = input("Endgültig löschen? [ja/nein] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen; nichts wurde gelöscht.")
        report = contact_person_erase(**who)
        self.stdout.write(
            self.style.SUCCESS(
                f"Gelöscht: {report.contact_persons} Eintrag/Einträge, "
                f"{report.history_rows} Verlaufseintrag/-einträge."
            )
        )
