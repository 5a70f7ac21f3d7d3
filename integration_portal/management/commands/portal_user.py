"""Create or update a portal account non-interactively.

    python manage.py portal_user EMAIL --role staff|coordinator|editor|admin [--network SLUG ...]
        [--name NAME] [--password-stdin]

Without ``--password-stdin`` the account gets no usable password and the command prints
a one-time link with which the person sets their own password. The address is stored in
lower case (sign-in compares it so); a password must pass the portal's password rules.
"""

import sys

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse

from core import services
from core.models import Role
from networks.models import Network


class Command(BaseCommand):
    help = "Legt ein Konto an oder aktualisiert es (Rolle, Netzwerke, Passwort)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, help="staff, coordinator, editor oder admin")
        parser.add_argument(
            "--network",
            action="append",
            default=None,
            metavar="SLUG",
            help="Netzwerk, das eine Koordinatorin oder ein Koordinator bearbeitet (mehrfach möglich)",
        )
        parser.add_argument("--name", default="")
        parser.add_argument("--password-stdin", action="store_true")
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Adresse des Portals für den Link"
        )

    def handle(self, *args, email, role, network, name, password_stdin, base_url, **options):
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Ungültige E-Mail-Adresse: {email}", returncode=2) from exc
        if role not in Role.values:
            raise CommandError(
                f"Unbekannte Rolle {role!r}. Erlaubt: {', '.join(Role.values)}", returncode=2
            )
        networks = None
        if network is not None:
            if role not in (Role.COORDINATOR, Role.ADMIN):
                raise CommandError("--network gilt nur für die Rolle coordinator.", returncode=2)
            found = {n.slug: n for n in Network.objects.filter(slug__in=network)}
            missing = [slug for slug in network if slug not in found]
            if missing:
                raise CommandError(f"Unbekanntes Netzwerk: {', '.join(missing)}", returncode=2)
            networks = list(found.values())
        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        try:
            # The service applies the password rules (AUTH_PASSWORD_VALIDATORS), as the
            # web forms do, and stores the address in lower case.
            user, created = services.user_provision(
                email=email, role=role, networks=networks, password=password, name=name
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        verb = "angelegt" if created else "aktualisiert"
        self.stdout.write(self.style.SUCCESS(f"Konto {user.email} {verb}: Rolle {role}."))
        if networks:
            slugs = ", ".join(sorted(n.slug for n in networks))
            self.stdout.write(f"Koordiniert: {slugs}")
        if not password:
            path = reverse(
                "account_reset_password_from_key",
                kwargs={
                    "uidb36": user_pk_to_url_str(user),
                    "key": default_token_generator.make_token(user),
                },
            )
            self.stdout.write(
                f"Einmaliger Link zum Setzen des Passworts: {base_url.rstrip('/')}{path}"
            )
