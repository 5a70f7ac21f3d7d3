"""``manage.py check_web_links``: ask the web links of actors and offers that are due.

See ``stewardship/web_links.py`` for what is asked and recorded. Run it regularly (a
timer or cron job once a night); each run checks at most ``--limit`` links.
"""

from django.core.management.base import BaseCommand, CommandError

from stewardship import web_links


class Command(BaseCommand):
    help = "Prüft die Internetseiten von Akteuren und Angeboten (HEAD, sonst GET)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=web_links.DEFAULT_LIMIT,
            help=f"höchstens so viele Adressen je Lauf (Standard {web_links.DEFAULT_LIMIT})",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=web_links.DEFAULT_TIMEOUT,
            help=f"Sekunden je Anfrage (Standard {web_links.DEFAULT_TIMEOUT:g})",
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=web_links.DEFAULT_OLDER_THAN_DAYS,
            metavar="DAYS",
            help="nur Adressen, deren letzte Prüfung älter ist als so viele Tage "
            f"(Standard {web_links.DEFAULT_OLDER_THAN_DAYS}), und nie geprüfte",
        )

    def handle(self, *args, limit, timeout, older_than, **options):
        if limit < 1 or timeout <= 0 or older_than < 0:
            raise CommandError("--limit und --timeout müssen positiv sein, --older-than ≥ 0.")
        results = web_links.check_links(limit=limit, timeout=timeout, older_than_days=older_than)
        broken = [(entry, outcome) for entry, outcome in results if not outcome.ok]
        for entry, outcome in broken:
            self.stdout.write(
                f"{entry.model._meta.model_name} {entry.pk}: {entry.url} – {outcome.problem}"
            )
        self.stdout.write(f"{len(results)} Adressen geprüft, {len(broken)} nicht erreichbar.")
