"""Create the keynote's content that is missing; never overwrite what people edited.

    python manage.py seed_keynote                                   # create-only, with a report
    python manage.py seed_keynote --reset-to-keynote 1970er bamf    # asks, then overwrites
    python manage.py seed_keynote --reset-to-keynote 1970er --yes   # for scripts

Without options the command is safe to run on every deploy and every ``make run``: it
creates the records that are missing (a new installation gets the content) and leaves
every existing one as it is, reporting those that differ from the keynote. The rules of
what is created and compared are in :mod:`core.seeding`.

``--reset-to-keynote`` is the only way to overwrite: it sets the named periods, actors or
networks back to the keynote's values, after showing what would change and asking.
Unknown slugs are refused (exit code 2) before anything is written.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from core import registry
from core.seeding import Outcome, SeedRun


def seeders() -> list:
    """Each app seeds its own content (``AppConfig.keynote_seed``, core/registry.py), in the
    order of ``INSTALLED_APPS``, which respects their dependencies (networks refer to
    actors). Each module offers ``load_keynote(run) -> SeedRun`` and
    ``resettable_slugs() -> list[str]``."""
    return registry.contributions("keynote_seed")


YES = {"j", "ja", "y", "yes"}


def resettable_slugs() -> set[str]:
    return {slug for module in seeders() for slug in module.resettable_slugs()}


class Command(BaseCommand):
    help = (
        "Legt die Inhalte des Vortrags an, die fehlen (Akteure, Aufgaben, Netzwerke, "
        "Geschichte). Bestehende Einträge bleiben unverändert; Abweichungen vom Vortrag "
        "werden gemeldet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-to-keynote",
            nargs="+",
            default=[],
            metavar="SLUG",
            help=_(
                "Setzt die genannten Einträge auf den Stand des Vortrags zurück und "
                "überschreibt dabei Änderungen: Zeitabschnitte (z. B. 1970er, mit ihren "
                "Merkmalen, Belegen und Ereignissen), Akteure (z. B. bamf, mit Zielgruppen, "
                "Politikdimensionen und Verbindungen außerhalb von Netzwerken) und Netzwerke (z. B. kim-lenkungsgruppe, mit "
                "Mitgliedschaften und Verbindungen). Fragt vorher nach."
            ),
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help=_("Ohne Rückfrage zurücksetzen (für Skripte)."),
        )

    def handle(self, *args, reset_to_keynote, yes, verbosity, **options):
        slugs = list(dict.fromkeys(reset_to_keynote))
        known = resettable_slugs()
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise CommandError(
                _(
                    "Kein Zeitabschnitt, Akteur oder Netzwerk des Vortrags: %(slugs)s. "
                    "Zurücksetzen lassen sich nur diese, genannt mit ihrem Kurznamen "
                    "(z. B. 1970er, bamf, kim-lenkungsgruppe). Nichts wurde verändert."
                )
                % {"slugs": ", ".join(unknown)},
                returncode=2,
            )
        if slugs and not yes and not self._confirmed(slugs):
            raise CommandError(_("Abgebrochen; nichts wurde verändert."))

        run = self._seed(slugs)
        if verbosity:
            for line in run.lines(verbosity=verbosity):
                self.stdout.write(line)
            self.stdout.write(_("Zusammenfassung:"))
            for line in run.summary():
                self.stdout.write(f"  {line}")
            if slugs:
                done = _("Keynote-Inhalte geladen; die genannten Einträge wurden zurückgesetzt.")
            else:
                done = _("Keynote-Inhalte geladen; bestehende Einträge wurden nicht überschrieben.")
            self.stdout.write(self.style.SUCCESS(done))

    def _seed(self, slugs: list[str], *, preview: bool = False) -> SeedRun:
        """One run in one transaction; a preview is rolled back at its end."""
        run = SeedRun(reset=slugs)
        with transaction.atomic():
            for module in seeders():
                module.load_keynote(run)
            if preview:
                transaction.set_rollback(True)
        return run

    def _confirmed(self, slugs: list[str]) -> bool:
        """Show what the reset would change and ask; nothing to change needs no question."""
        preview = self._seed(slugs, preview=True)
        for entry in preview.entries.values():
            # The named records, and what the reset of a period takes along (its events).
            if entry.reset_requested and (entry.key in slugs or entry.outcome != Outcome.SAME):
                self.stdout.write(entry.line(preview=True))
        if not preview.with_outcome(Outcome.RESET):
            return True
        self.stdout.write(_("Wirklich zurücksetzen? [j/N] "), ending="")
        self.stdout.flush()
        try:
            answer = input()
        except EOFError:
            answer = ""
        self.stdout.write("")
        return answer.strip().lower() in YES
