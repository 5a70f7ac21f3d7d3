"""Create or update a portal account non-interactively.

    python manage.py portal_user EMAIL --role staff|coordinator|editor|admin [--network SLUG ...]
        [--name NAME] [--password-stdin] [--base-url URL]
    python manage.py portal_user --list-networks

Without ``--password-stdin`` the account gets no usable password and the command prints
a one-time link with which the person sets their own password; the link starts with
``--base-url``, else ``PORTAL_BASE_URL``, else ``http://127.0.0.1:$PORT`` (the address
of ``make run``). The address is stored in lower case (sign-in compares it so); a
password must pass the portal's password rules. ``--list-networks`` prints the slug and
name of every network, the values ``--network`` takes.
"""

import sys

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse

from core import services
from core.models import Role
from networks.models import Network

#: At most this many valid slugs are named in the error about an unknown network.
SLUGS_IN_ERROR = 20


def _unknown_networks_error(missing: list[str]) -> CommandError:
    """The error for unknown network slugs, naming the valid ones (or some of them)."""
    slugs = list(
        Network.objects.order_by("slug").values_list("slug", flat=True)[: SLUGS_IN_ERROR + 1]
    )
    message = f"Unbekanntes Netzwerk: {', '.join(missing)}."
    if not slugs:
        message += " Es gibt noch kein Netzwerk."
    elif len(slugs) <= SLUGS_IN_ERROR:
        message += f" Gültig: {', '.join(slugs)}"
    else:
        message += (
            f" Gültig sind unter anderem: {', '.join(slugs[:SLUGS_IN_ERROR])}, … "
            "(alle: manage.py portal_user --list-networks)"
        )
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Legt ein Konto an oder aktualisiert es (Rolle, Netzwerke, Passwort)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?")
        parser.add_argument("--role", help="staff, coordinator, editor oder admin")
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
            "--base-url",
            default=None,
            help="Adresse des Portals für den Link (ohne Angabe: PORTAL_BASE_URL, sonst "
            "http://127.0.0.1:$PORT)",
        )
        parser.add_argument(
            "--list-networks",
            action="store_true",
            help="Kurzadresse (Slug) und Name jedes Netzwerks ausgeben, die Werte von --network",
        )

    def handle(self, *args, email, role, network, name, password_stdin, base_url, **options):
        if options["list_networks"]:
            self._list_networks()
            return
        if not email or not role:
            raise CommandError(
                "Aufruf: portal_user EMAIL --role ROLLE [--network SLUG …] "
                "oder portal_user --list-networks",
                returncode=2,
            )
        base_url = base_url or settings.PORTAL_BASE_URL
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
                raise _unknown_networks_error(missing)
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

    def _list_networks(self) -> None:
        networks = Network.objects.order_by("slug").values_list("slug", "name")
        if not networks:
            self.stdout.write("Es gibt noch kein Netzwerk.")
            return
        width = max(len(slug) for slug, _name in networks)
        for slug, network_name in networks:
            self.stdout.write(f"{slug.ljust(width)}  {network_name}")
