"""Load the content of the keynote into the database. Idempotent: run it as often as you like."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each part of the portal seeds its own content; the order respects their dependencies
# (networks refer to actors). Each module offers ``load_keynote() -> dict[str, int]``.
SEEDERS: list[str] = ["actors.seed", "networks.seed", "timeline.seed"]


class Command(BaseCommand):
    help = "Lädt die Inhalte der Keynote (Akteure, Aufgaben, Netzwerke, Geschichte). Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            for dotted in SEEDERS:
                counts = import_module(dotted).load_keynote()
                summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
                self.stdout.write(f"{dotted.split('.')[0]}: {summary}")
        self.stdout.write(self.style.SUCCESS("Keynote-Inhalte geladen."))
