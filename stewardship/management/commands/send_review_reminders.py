"""``manage.py send_review_reminders [--dry-run] [--today YYYY-MM-DD]``: one digest e-mail
per owner with every actor and offer due for review (``stewardship.reviews``), run
daily (docs/stewardship.md: systemd timer or cron). An owner gets a mail on each run while
entries stay due; the links of a mail expire after ``PORTAL_REVIEW_LINK_DAYS``.

Prints how many mails went out for how many entries; with nothing due it says so and
ends cleanly. A mail that cannot be sent is reported and the others are still sent; the
command then ends with an error, so that the timer's or cron's failure mail says so.
"""

from __future__ import annotations

import datetime
import smtplib

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stewardship.reminders import reminder_message
from stewardship.reviews import due_by_owner


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today must be a date such as 2026-12-06, not {value!r}.") from error


class Command(BaseCommand):
    help = "Send each owner one e-mail listing the actors and offers due for review."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would get a mail for how many entries; send nothing.",
        )
        parser.add_argument(
            "--today",
            type=str,
            default=None,
            help="Compute what is due as of this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, dry_run: bool = False, today: str | None = None, **options):
        day = _day(today) if today else timezone.localdate()
        due = due_by_owner(day)
        if not due:
            self.stdout.write(f"No entries due for review on {day.isoformat()}: no mails sent.")
            return
        sent = entries = 0
        failed = []
        for owner, owned in due.items():
            counts = f"{len(owned.actors)} actor(s), {len(owned.offers)} offer(s)"
            if dry_run:
                self.stdout.write(f"Would mail {owner.email}: {counts}")
                sent += 1
                entries += len(owned)
                continue
            try:
                reminder_message(owner, owned).send(fail_silently=False)
            except (smtplib.SMTPException, OSError) as error:
                failed.append(owner.email)
                self.stderr.write(f"Could not mail {owner.email}: {error}")
                continue
            self.stdout.write(f"Mailed {owner.email}: {counts}")
            sent += 1
            entries += len(owned)
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(
            self.style.SUCCESS(
                f"{sent} reminder mail(s) {verb} for {entries} entr{'y' if entries == 1 else 'ies'} "
                f"due on {day.isoformat()}."
            )
        )
        if failed:
            raise CommandError(f"{len(failed)} mail(s) could not be sent: {', '.join(failed)}")
