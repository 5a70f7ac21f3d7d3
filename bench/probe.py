"""The Django side of `make bench`: accounts, session cookies, scenario URLs, query counts.

Run by ``bench/run.py`` with the same environment as the gunicorn workers (same database,
production settings) and prints one JSON document on stdout:

    {"cookies": {"staff": ["<session key>", ...], "admin": [...]},
     "scenarios": [{"name": "...", "url": "/...", "as": "anonymous|staff|admin",
                    "queries": 7, "status": 200}, ...],
     "missing": {"name": "why"}}

Queries per request are counted in this process with Django's test client and
``CaptureQueriesContext``: each URL is requested twice as the same user and the second
request is counted, because that is the state every worker is in after the warm-up
(per-process caches filled, connection open). Session reads and the session write that
``SESSION_SAVE_EVERY_REQUEST`` causes are included: the workers pay them too.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")

import django  # noqa: E402

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from actors.models import Actor, Sector  # noqa: E402
from core.models import Role  # noqa: E402
from core.services import user_provision  # noqa: E402
from core.tests.signin import PortalClient as Client  # noqa: E402
from devdata.demo_networks import benchmark_network  # noqa: E402
from timeline.models import Period  # noqa: E402

HOST = "127.0.0.1"

# The three filters of `directory_filtered`, as the directory names them in its URL and as
# the admin change list names the same model fields (the admin reference uses these).
DIRECTORY_FILTERS = {"ebene": "kommune", "art": "extern", "dimension": "zusammenhalt"}
ADMIN_FILTERS = {
    "level__exact": "municipality",
    "kind__exact": "external",
    "dimension_roles__dimension__exact": "cohesion",
}
SEARCH_TERM = "Integrationszentren"


class Missing(Exception):
    """A scenario whose page or data does not exist (yet) in this installation."""


def _reverse(name: str, *args, query: dict | None = None) -> str:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch as error:
        raise Missing(f"URL {name!r} not defined") from error
    return f"{url}?{urlencode(query)}" if query else url


def _actor_for_detail():
    """An Ausländerbehörde: parent, tasks, contacts, memberships and links to show."""
    actor = (
        Actor.objects.filter(is_demo=True, sector=Sector.IMMIGRATION_AUTHORITY)
        .order_by("pk")
        .first()
    )
    if actor is None:
        raise Missing("no demo actor")
    return actor


def _network_with_300_members():
    network = benchmark_network()
    if network is None:
        raise Missing("no demo network with 300 members")
    return network


def _period_slug() -> str:
    period = Period.objects.published().order_by("pk").first()
    if period is None:
        raise Missing("no period (seed_keynote not loaded?)")
    return period.slug


# name -> (who requests it, how to build its URL). The order is the order of the table.
SCENARIOS = {
    "ceiling": ("anonymous", lambda: _reverse("ceiling")),
    "admin": (
        "admin",
        lambda: _reverse("admin:actors_actor_changelist", query=ADMIN_FILTERS),
    ),
    "start": ("anonymous", lambda: _reverse("home")),
    "login": ("anonymous", lambda: _reverse("account_login")),
    "directory_page1": ("staff", lambda: _reverse("actors:list")),
    "directory_filtered": ("staff", lambda: _reverse("actors:list", query=DIRECTORY_FILTERS)),
    "directory_search": ("staff", lambda: _reverse("actors:list", query={"q": SEARCH_TERM})),
    "directory_page200": ("staff", lambda: _reverse("actors:list", query={"seite": 200})),
    "actor_detail": ("staff", lambda: _reverse("actors:detail", _actor_for_detail().slug)),
    "multilevel_table": ("staff", lambda: _reverse("actors:multilevel")),
    "network_list": ("staff", lambda: _reverse("networks:list")),
    "network_detail": (
        "staff",
        lambda: _reverse("networks:detail", _network_with_300_members().slug),
    ),
    "network_map_data": (
        "staff",
        lambda: _reverse("networks:map_data", _network_with_300_members().slug),
    ),
    "timeline": ("anonymous", lambda: _reverse("timeline:overview")),
    "period": ("anonymous", lambda: _reverse("timeline:period", _period_slug())),
}


SESSIONS_PER_ROLE = 32


def _session_cookies(user) -> list[str]:
    """Separate sessions of one account, as many signed-in people would have."""
    cookies = []
    for _ in range(SESSIONS_PER_ROLE):
        client = Client(HTTP_HOST=HOST)
        client.force_login(user)  # password and code, as a person signs in
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def _clients() -> dict[str, Client]:
    staff, _ = user_provision(email="bench-staff@example.org", role=Role.STAFF, name="Bench")
    admin, _ = user_provision(email="bench-admin@example.org", role=Role.ADMIN, name="Bench")
    # Administrators work in the admin only with a second factor (MFARequiredMiddleware).
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    clients = {"anonymous": Client(HTTP_HOST=HOST)}
    for role, user in (("staff", staff), ("admin", admin)):
        client = Client(HTTP_HOST=HOST)
        client.force_login(user)
        client.session_user = user
        clients[role] = client
    return clients


def _count_queries(client: Client, url: str) -> tuple[int, int]:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def main() -> None:
    clients = _clients()
    scenarios, missing = [], {}
    for name, (role, build_url) in SCENARIOS.items():
        try:
            url = build_url()
        except Missing as why:
            missing[name] = str(why)
            continue
        status, queries = _count_queries(clients[role], url)
        scenarios.append(
            {"name": name, "url": url, "as": role, "status": status, "queries": queries}
        )
    json.dump(
        {
            "cookies": {
                role: _session_cookies(clients[role].session_user) for role in ("staff", "admin")
            },
            "scenarios": scenarios,
            "missing": missing,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
