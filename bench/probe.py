"""The Django side of `make bench`: accounts, session cookies, scenario URLs, query counts.

Run by ``bench/run.py`` with the same environment as the gunicorn workers (same database,
production settings) and prints one JSON document on stdout:

    {"cookies": {"staff": ["<session key>", ...], "admin": [...]},
     "scenarios": [{"name": "...", "url": "/...", "urls": ["/...", ...],
                    "as": "anonymous|staff|admin", "queries": 7, "queries_each": [7],
                    "status": 200, "cold": {...}}, ...],
     "missing": {"name": "why"}}

Queries per request are counted in this process with Django's test client and
``CaptureQueriesContext``: each URL is requested twice as the same user and the second
request is counted, because that is the state every worker is in after the warm-up
(per-process caches filled, connection open). Signed-in requests read their session
and account from the shared sessions cache (core/sign_in_cache.py), as the workers do.

Most scenarios are one URL. A *mix* (the finder, the free-text search) is several URLs
that wrk requests in turn (``urls``; ``url`` is the first): everyday questions in several
towns, several search words. Each URL of a mix is counted the same way, and
``queries_each`` lists the counts, so that the runner can check that the count does not
depend on the question or the town. For a mix the probe also records what the first
request of each URL cost in this process (``cold``: its queries and milliseconds), the
answer every worker computes once per question before it can serve it from its cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import sys
import time
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
from django.db.models import Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from actors.finder import municipalities  # noqa: E402
from actors.models import Actor, Sector  # noqa: E402
from core.models import Role  # noqa: E402
from core.services import user_provision  # noqa: E402
from core.tests.signin import PortalClient as Client  # noqa: E402
from devdata.demo_networks import benchmark_network  # noqa: E402
from networks.models import CoordinationLink, Membership, Network  # noqa: E402
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

# The finder's mix: everyday questions as citizens and staff type them, each asked in
# FINDER_TOWNS municipalities of the NRW data (``_finder_towns``).
FINDER_QUESTIONS = (
    "Unterbringung",
    "Sprachkurs",
    "Einbürgerung",
    "Kita-Platz",
    "Aufenthaltstitel",
    "Beratung",
)
FINDER_TOWNS = 4
# The free-text search's mix: everyday words, the last one with a typo.
FREE_TEXT_TERMS = (
    "Sprachkurs",
    "Geflüchtete",
    "Beratung",
    "Ausländerbehörde",
    "Integrationszentrum",
    "Auslenderbehörde",
)


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


def _finder_towns() -> list[str]:
    """The first municipality of the keynote (the Kreis Heinsberg, with responsibilities
    recorded) and municipalities of the demo data spread over the order they were
    created in, Kreis by Kreis (other Kreise, answers from the catalogue): the same towns
    for the same data."""
    towns = list(municipalities().order_by("pk").values_list("slug", "is_demo"))
    keynote = [slug for slug, is_demo in towns if not is_demo][:1]
    demo = [slug for slug, is_demo in towns if is_demo]
    wanted = FINDER_TOWNS - len(keynote)
    if len(demo) < wanted:
        raise Missing(f"fewer than {FINDER_TOWNS} municipalities (seed_demo not loaded?)")
    step = len(demo) // wanted
    return keynote + demo[step // 2 :: step][:wanted]


def _finder_urls() -> list[str]:
    towns = _finder_towns()
    return [
        _reverse("finder", query={"frage": question, "kommune": town})
        for question in FINDER_QUESTIONS
        for town in towns
    ]


#: The day of ``network_map_dated``: within the demo networks' history, not today.
MAP_DAY = "2022-06-30"


def _hsds_organization_url() -> str:
    """The HSDS record of the actor of ``actor_detail`` (parent, dimensions, offers)."""
    actor = _actor_for_detail()
    return _reverse("opendata:organization", str(actor.uuid))


def _free_text_urls() -> list[str]:
    return [_reverse("actors:list", query={"q": term}) for term in FREE_TEXT_TERMS]


# name -> (who requests it, how to build its URL, or the URLs of a mix). The order is the
# order of the table.
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
    "actor_public": ("anonymous", lambda: _reverse("actors:detail", _actor_for_detail().slug)),
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
    # The same network's map as it was on a day (``?stand=``): memberships, links and the
    # roles of that day from the history.
    "network_map_dated": (
        "staff",
        lambda: _reverse(
            "networks:map_data", _network_with_300_members().slug, query={"stand": MAP_DAY}
        ),
    ),
    "timeline": ("anonymous", lambda: _reverse("timeline:overview")),
    "period": ("anonymous", lambda: _reverse("timeline:period", _period_slug())),
    "free_text_search": ("staff", _free_text_urls),
    "finder": ("anonymous", _finder_urls),
    "finder_staff": ("staff", _finder_urls),
    # The data-quality overview of the directory (stewardship/quality.py), as staff.
    "data_quality": ("staff", lambda: _reverse("stewardship:quality")),
    # The open data's HSDS API, as a client reuses it: anonymous, a page of 50 services,
    # one organization.
    "hsds_services": ("anonymous", lambda: _reverse("opendata:services", query={"per_page": 50})),
    "hsds_organization": ("anonymous", _hsds_organization_url),
}


SESSIONS_PER_ROLE = 32


def _session_cookies(user) -> list[str]:
    """Separate sessions of one account, as many signed-in people would have: the
    ``Cookie`` header of each, with the CSRF cookie a browser keeps from its first page."""
    cookies = []
    for _ in range(SESSIONS_PER_ROLE):
        client = Client(HTTP_HOST=HOST, secure=True)
        client.force_login(user)  # password and code, as a person signs in
        client.get(_reverse("imprint"))  # the page sets the CSRF cookie (sign-out form)
        names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        cookies.append("; ".join(f"{name}={client.cookies[name].value}" for name in names))
    return cookies


def _clients() -> dict[str, Client]:
    staff, _ = user_provision(email="bench-staff@example.org", role=Role.STAFF, name="Bench")
    admin, _ = user_provision(email="bench-admin@example.org", role=Role.ADMIN, name="Bench")
    coordinator, _ = user_provision(
        email="bench-coordinator@example.org", role=Role.COORDINATOR, name="Bench"
    )
    # Administrators work in the admin only with a second factor (MFARequiredMiddleware);
    # coordinators edit shared data, so they have one as well.
    for user in (admin, coordinator):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
    clients = {"anonymous": Client(HTTP_HOST=HOST)}
    for role, user in (("staff", staff), ("admin", admin), ("coordinator", coordinator)):
        client = Client(HTTP_HOST=HOST)
        client.force_login(user)
        client.session_user = user
        clients[role] = client
    return clients


def _count_queries(client: Client, url: str) -> dict:
    """The first request of the URL (cold for this process's caches) and the second,
    which is counted: the state of a worker after the warm-up."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    cold_ms = (time.perf_counter() - started) * 1000
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return {
        "status": response.status_code,
        "queries": len(captured.captured_queries),
        "cold_queries": len(cold.captured_queries),
        "cold_ms": cold_ms,
    }


def _scenario(name: str, role: str, urls: list[str], client: Client) -> dict:
    counted = [_count_queries(client, url) for url in urls]
    statuses = [c["status"] for c in counted if c["status"] != 200]
    scenario = {
        "name": name,
        "url": urls[0],
        "urls": urls,
        "as": role,
        "status": statuses[0] if statuses else 200,
        "queries": max(c["queries"] for c in counted),
        "queries_each": [c["queries"] for c in counted],
    }
    if len(urls) > 1:
        cold_ms = [c["cold_ms"] for c in counted]
        cold_queries = [c["cold_queries"] for c in counted]
        scenario["cold"] = {
            "ms_median": round(statistics.median(cold_ms), 1),
            "ms_max": round(max(cold_ms), 1),
            "queries_min": min(cold_queries),
            "queries_max": max(cold_queries),
        }
    return scenario


# The `mixed` scenario (bench/mixed.py): what anonymous visitors and staff ask in turn,
# and the memberships the coordinators save.
MIXED_ACTORS = 8
MIXED_SEARCHES = (
    "Beratung Geflüchtete",
    "Sprachkurs Frauen Kinder",
    "Integrationszentrum Kommune",
    "Ausländerbehörde Aufenthalt Beratung",
    "Migrationsberatung für Erwachsene",
)
#: Few memberships for several coordinators, so that saves overtake each other.
MIXED_MEMBERSHIPS = 2
#: The beginning of the portal's refusal of a stale save (networks.views.VersionedEditView).
STALE_MESSAGE = "Jemand anderes hat diesen Eintrag gespeichert"


def _spread(queryset, count: int) -> list:
    """``count`` rows spread over the queryset's order (the same ones for the same data)."""
    total = queryset.count()
    step = max(1, total // count)
    return [queryset[i] for i in range(step // 2, total, step)][:count]


def _mixed(clients: dict[str, Client]) -> dict:
    """URLs and memberships of the `mixed` scenario; the coordinator is made coordinator of
    the benchmark network (coordinators edit only networks assigned to them)."""
    public = Actor.objects.filter(is_demo=True, is_public=True).order_by("pk")
    actors = [_reverse("actors:detail", a.slug) for a in _spread(public, MIXED_ACTORS)]
    if not actors:
        raise Missing("no public demo actor")
    anonymous = [
        _reverse("home"),
        _reverse("timeline:overview"),
        _reverse("timeline:period", _period_slug()),
        *actors[: MIXED_ACTORS // 2],
        _reverse("actors:list"),
    ]
    staff = []
    for search, actor in zip(MIXED_SEARCHES, actors[MIXED_ACTORS // 2 :] * 2, strict=False):
        staff += [_reverse("actors:list", query={"q": search}), actor]
    network = _network_with_300_members()
    coordinator = clients["coordinator"].session_user
    network.coordinators.add(coordinator)
    current = network.memberships.filter(until__isnull=True).order_by("pk")
    memberships = [
        {"id": m.pk, "url": _reverse("networks:membership_edit", network.slug, m.pk)}
        for m in _spread(current, MIXED_MEMBERSHIPS)
    ]
    problems = []
    for role, urls in (("anonymous", anonymous), ("staff", staff)):
        for url in urls:
            status = clients[role].get(url).status_code
            if status != 200:
                problems.append(f"{url} answered {status} ({role})")
    for m in memberships:
        status = clients["coordinator"].get(m["url"]).status_code
        if status != 200:
            problems.append(f"{m['url']} answered {status} (coordinator)")
    if problems:
        raise Missing("; ".join(problems))
    return {
        "anonymous": anonymous,
        "staff": staff,
        "memberships": memberships,
        "stale_message": STALE_MESSAGE,
    }


def _checksum(membership: Membership) -> str:
    """The fields the mix must not change: all but note and version."""
    fields = [
        f.attname for f in Membership._meta.concrete_fields if f.attname not in {"note", "version"}
    ]
    text = repr([(name, str(getattr(membership, name))) for name in fields])
    return hashlib.sha256(text.encode()).hexdigest()


def mixed_state(ids: list[int], prefix: str) -> dict:
    """The database as ``bench.mixed.check_saves`` compares it before and after the mix."""
    history = Membership.history.model
    memberships = {}
    for m in Membership.objects.filter(pk__in=ids):
        rows = history.objects.filter(id=m.pk, note__startswith=prefix).order_by("history_id")
        memberships[str(m.pk)] = {
            "note": m.note,
            "version": m.version,
            "checksum": _checksum(m),
            "history": [[r.version, r.note] for r in rows],
        }
    tagged = Q(note__contains=prefix)
    elsewhere = (
        Membership.objects.filter(tagged).exclude(pk__in=ids).count()
        + history.objects.filter(tagged).exclude(id__in=ids).count()
        + history.objects.filter(id__in=ids, note__contains=prefix)
        .exclude(note__startswith=prefix)
        .count()
    )
    return {
        "counts": {
            "memberships": Membership.objects.count(),
            "membership_history": history.objects.count(),
            "actors": Actor.objects.count(),
            "actor_history": Actor.history.model.objects.count(),
            "networks": Network.objects.count(),
            "links": CoordinationLink.objects.count(),
        },
        "memberships": memberships,
        "elsewhere": elsewhere,
    }


def main() -> None:
    if sys.argv[1:2] == ["--mixed-state"]:
        # bench/run.py asks for the state around the `mixed` scenario: stdin names the
        # memberships and the run's token prefix.
        request = json.load(sys.stdin)
        json.dump(mixed_state(request["ids"], request["prefix"]), sys.stdout)
        return
    clients = _clients()
    scenarios, missing = [], {}
    for name, (role, build_urls) in SCENARIOS.items():
        try:
            urls = build_urls()
        except Missing as why:
            missing[name] = str(why)
            continue
        urls = [urls] if isinstance(urls, str) else urls
        scenarios.append(_scenario(name, role, urls, clients[role]))
    try:
        mixed = _mixed(clients)
    except Missing as why:
        mixed = None
        missing["mixed"] = str(why)
    json.dump(
        {
            "cookies": {
                role: _session_cookies(clients[role].session_user)
                for role in ("staff", "admin", "coordinator")
            },
            "scenarios": scenarios,
            "mixed": mixed,
            "missing": missing,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
