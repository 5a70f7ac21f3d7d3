"""The Django side of ``bench/growth.py``: URLs, session cookies, cold and warm renders.

Run by ``bench/growth.py`` once per scale, with the same environment as the gunicorn
workers (same database, production settings). Reads on stdin which pages to measure and
how often, ``{"pages": ["directory_page1", …], "runs": 3, "warm_runs": 5}``, and prints
one JSON document on stdout:

    {"cookies": {"staff": ["<Cookie header>", …]},
     "pages": {"directory_page1": {"as": "staff", "url": "/akteure/", "status": 200,
               "queries_cold": 12, "queries_warm": 0, "cold_ms": 80.1, "warm_ms": 5.2}, …},
     "missing": {"suggestion_queue": "why"},
     "counts": {"actors": 2057, …}}

Each URL is requested ``runs`` times *cold* (every cache but the sessions' cleared just
before: what the first request after a change of content costs) and, after each, ``warm_runs``
times *warm* (the same request again: what a worker answers once its caches are filled),
with Django's test client and ``CaptureQueriesContext`` as ``bench/probe.py`` counts; the
counts and times are medians (now and then a request also reloads the signed-in account
or writes the session's idle timeout: the other counts seen are listed apart). A page
that is a mix (the free-text search, the finder) reports the largest count of its URLs
and the median of their times.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time

import probe  # bench/probe.py sets Django up: accounts, session cookies, scenario URLs
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.finder import municipalities
from actors.models import Actor, Offer
from actors.views import PAGE_SIZE
from core.models import AccessibilityFeedback
from networks.models import CoordinationLink, Membership, Network
from stewardship.models import Suggestion

#: A page of the directory that exists at every scale (``kreis`` has some 110 for staff).
DIRECTORY_PAGE = 50
#: The caches a cold render starts without: all but the sessions' (the account stays
#: signed in, as after a change of content).
KEPT_CACHES = ("sessions",)


def finder_urls() -> list[str]:
    """bench/probe.py's questions in the keynote's first municipality and three more
    spread over all of them: at ``kreis`` scale the demo data brings no municipality of
    its own (it uses the keynote's ten), so probe's choice among demo towns finds none."""
    towns = list(municipalities().order_by("pk").values_list("slug", flat=True))
    if len(towns) < probe.FINDER_TOWNS:
        raise probe.Missing(f"fewer than {probe.FINDER_TOWNS} municipalities")
    step = (len(towns) - 1) // (probe.FINDER_TOWNS - 1)
    chosen = [towns[0], *towns[1 + step // 2 :: step][: probe.FINDER_TOWNS - 1]]
    return [
        probe._reverse("finder", query={"frage": question, "kommune": town})
        for question in probe.FINDER_QUESTIONS
        for town in chosen
    ]


def page_builders(clients: dict) -> dict:
    """name → (who asks, a function returning the URL or the URLs of a mix)."""
    scenarios = probe.SCENARIOS

    def directory_page(number):
        return lambda: probe._reverse("actors:list", query={"seite": number})

    def last_page():
        visible = Actor.objects.visible_to(clients["staff"].session_user).count()
        last = max(1, math.ceil(visible / PAGE_SIZE))
        return probe._reverse("actors:list", query={"seite": last})

    def queue(model, url_name):
        def build():
            if not model.objects.exists():
                raise probe.Missing("no rows: the queue is empty (seed_demo writes none)")
            return probe._reverse(url_name)

        return build

    return {
        "directory_page1": scenarios["directory_page1"],
        "directory_filtered": scenarios["directory_filtered"],
        "directory_search": scenarios["directory_search"],
        "directory_page50": ("staff", directory_page(DIRECTORY_PAGE)),
        "directory_last_page": ("staff", last_page),
        "free_text_search": scenarios["free_text_search"],
        "network_list": scenarios["network_list"],
        "network_detail": scenarios["network_detail"],
        "network_map_data": scenarios["network_map_data"],
        "finder": ("anonymous", finder_urls),
        "multilevel_table": scenarios["multilevel_table"],
        "data_quality": scenarios["data_quality"],
        "suggestion_queue": ("staff", queue(Suggestion, "stewardship:suggestion_queue")),
        "feedback_inbox": ("admin", queue(AccessibilityFeedback, "inbox")),
    }


def timed_request(client, url: str) -> tuple[int, int, float]:
    """(status, queries, milliseconds) of one request."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, len(captured.captured_queries), elapsed


def clear_caches() -> None:
    for alias in settings.CACHES:
        if alias not in KEPT_CACHES:
            caches[alias].clear()


def measure_url(client, url: str, runs: int, warm_runs: int) -> dict:
    """``runs`` times: clear the caches, one cold request, ``warm_runs`` warm ones."""
    cold, warm = [], []
    for _ in range(runs):
        clear_caches()
        cold.append(timed_request(client, url))
        warm += [timed_request(client, url) for _ in range(warm_runs)]
    statuses = sorted({status for status, _q, _ms in cold + warm})
    return {
        "status": next((s for s in statuses if s != 200), 200),
        "queries_cold": [q for _s, q, _ms in cold],
        "queries_warm": [q for _s, q, _ms in warm],
        "cold_ms": statistics.median(ms for _s, _q, ms in cold),
        "warm_ms": statistics.median(ms for _s, _q, ms in warm),
    }


def measure_page(client, urls: list[str], runs: int, warm_runs: int) -> dict:
    """One page: the median count of each URL's requests (a request now and then also
    reloads the account or writes the session's idle timeout, which is not the page's
    work: those counts are listed apart), for a mix the largest of its URLs, and the
    median time."""
    each = [measure_url(client, url, runs, warm_runs) for url in urls]
    page = {
        "url": urls[0],
        "status": next((e["status"] for e in each if e["status"] != 200), 200),
        "queries_cold": max(statistics.median_low(e["queries_cold"]) for e in each),
        "queries_warm": max(statistics.median_low(e["queries_warm"]) for e in each),
        "cold_ms": round(statistics.median(e["cold_ms"] for e in each), 1),
        "warm_ms": round(statistics.median(e["warm_ms"] for e in each), 2),
    }
    for key in ("queries_cold", "queries_warm"):
        seen = sorted({q for e in each for q in e[key]})
        if len(seen) > 1:
            # Not one number: which counts occurred (a mix's URLs, or single requests).
            page[f"{key}_seen"] = seen
    if len(urls) > 1:
        page["urls"] = urls
        page["cold_ms_max"] = round(max(e["cold_ms"] for e in each), 1)
    return page


def row_counts() -> dict:
    return {
        "actors": Actor.objects.count(),
        "networks": Network.objects.count(),
        "memberships": Membership.objects.count(),
        "links": CoordinationLink.objects.count(),
        "offers": Offer.objects.count(),
    }


def measure(request: dict) -> dict:
    clients = probe._clients()
    builders = page_builders(clients)
    pages, missing = {}, {}
    for name in request["pages"]:
        role, build = builders[name]
        try:
            urls = build()
        except probe.Missing as why:
            missing[name] = str(why)
            continue
        urls = [urls] if isinstance(urls, str) else urls
        print(f"  in process: {name} ({len(urls)} URLs)", file=sys.stderr, flush=True)
        pages[name] = {
            "as": role,
            **measure_page(clients[role], urls, request["runs"], request["warm_runs"]),
        }
    roles = sorted({page["as"] for page in pages.values()} - {"anonymous"})
    return {
        "cookies": {role: probe._session_cookies(clients[role].session_user) for role in roles},
        "pages": pages,
        "missing": missing,
        "counts": row_counts(),
    }


if __name__ == "__main__":
    json.dump(measure(json.load(sys.stdin)), sys.stdout)
