"""The Django side of ``bench/cluster.py``: a signed-in account's cookie, the scenarios' URLs.

Run by ``cluster.py`` in a subprocess with the topology's environment (the primary's
database) and prints its answer on stdout:

    python bench/cluster_django.py account bench-staff@example.org staff
    python bench/cluster_django.py urls
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")

import django  # noqa: E402

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from actors.models import Actor, Sector  # noqa: E402
from core.security import requires_mfa  # noqa: E402
from core.services import user_provision  # noqa: E402
from core.tests.signin import PortalClient  # noqa: E402


def command_account(email: str, role: str) -> str:
    """The ``Cookie`` header of a signed-in session of the account (made if missing)."""
    user, _ = user_provision(email=email, role=role, name="Cluster")
    if requires_mfa(user) and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
    client = PortalClient(HTTP_HOST="127.0.0.1")
    client.force_login(user)  # password and code, as a person signs in
    client.get("/impressum/")  # sets the CSRF cookie
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return "; ".join(f"{name}={client.cookies[name].value}" for name in names)


def command_urls() -> str:
    """The URLs of the bench's scenarios in this database."""
    actors = Actor.objects.public().order_by("pk")
    actor = actors.filter(is_demo=True, sector=Sector.IMMIGRATION_AUTHORITY).first()
    actor = actor or actors.first()
    urls = {
        "ceiling": reverse("ceiling"),
        "start": reverse("home"),
        "directory": reverse("actors:list"),
        "timeline": reverse("timeline:overview"),
    }
    if actor is not None:
        urls["actor_detail"] = reverse("actors:detail", args=[actor.slug])
    return json.dumps(urls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    account = commands.add_parser("account")
    account.add_argument("email")
    account.add_argument("role")
    commands.add_parser("urls")
    args = parser.parse_args()
    if args.command == "account":
        print(command_account(args.email, args.role))
    else:
        print(command_urls())


if __name__ == "__main__":
    main()
