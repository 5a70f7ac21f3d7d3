"""Checks of the network over time, shared by the tests of the keynote, factory and demo
data: the map data, the map's table, the network page's tables and the change list
against the memberships and links queried directly for the day (periods from the rows,
roles from django-simple-history's own ``as_of``)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from itertools import pairwise

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from networks.models import CoordinationLink, LinkKind, Membership, MembershipRole

ROLE_LABELS = dict(MembershipRole.choices)
KIND_LABELS = dict(LinkKind.choices)
ROLE_GROUP_CAPTIONS = tuple(f"{label}: " for label in ROLE_LABELS.values())


# --- what the database says --------------------------------------------------------------


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def role_on(membership: Membership, day: datetime.date) -> str:
    """The membership's role on the day by its history: the state ``as_of`` the end of the
    day, else its first saved state, else the row itself."""
    try:
        return membership.history.as_of(_end_of(day)).role
    except Membership.DoesNotExist:
        first = membership.history.order_by("history_date", "history_id").first()
        return (first or membership).role


def state_on(network, user, day: datetime.date) -> dict:
    """Members (actor URL → role label) and links (from URL, kind label, to URL) on the day,
    queried directly with the visibility rule of the pages."""
    held = Q(since__lte=day) & (Q(until__isnull=True) | Q(until__gte=day))
    memberships = Membership.objects.visible_to(user).filter(held, network=network)
    links = CoordinationLink.objects.visible_to(user).filter(held, network=network)
    return {
        "members": {
            m.actor.get_absolute_url(): ROLE_LABELS[role_on(m, day)]
            for m in memberships.select_related("actor")
        },
        "links": {
            (
                link.source.get_absolute_url(),
                KIND_LABELS[link.kind],
                link.target.get_absolute_url(),
            )
            for link in links.select_related("source", "target")
        },
    }


def changes_between(before: dict, after: dict) -> dict:
    """The difference of two states, as the change list must show it."""
    old, new = before["members"], after["members"]
    return {
        "joined": {url: new[url] for url in new.keys() - old.keys()},
        "left": {url: old[url] for url in old.keys() - new.keys()},
        "role_changed": {
            url: (old[url], new[url]) for url in old.keys() & new.keys() if old[url] != new[url]
        },
        "links_added": after["links"] - before["links"],
        "links_ended": before["links"] - after["links"],
    }


# --- what the pages say --------------------------------------------------------------------


class Tables(HTMLParser):
    """Every table of a page: its caption and its rows, each cell as (text, links)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: list[dict] = []
        self._table = self._row = self._cell = None
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = {"caption": "", "rows": []}
        elif tag == "caption" and self._table is not None:
            self._in_caption = True
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            header = tag == "th" and dict(attrs).get("scope") == "col"
            self._cell = {"text": "", "links": [], "header": header}
        elif tag == "a" and self._cell is not None:
            self._cell["links"].append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None
        elif tag == "caption":
            self._in_caption = False
        elif tag == "tr" and self._row is not None:
            if self._row and not all(cell.get("header") for cell in self._row):
                self._table["rows"].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self._row.append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._in_caption:
            self._table["caption"] += data
        elif self._cell is not None:
            self._cell["text"] += data

    def captioned(self, test) -> list[dict]:
        return [table for table in self.tables if test(" ".join(table["caption"].split()))]


def _members(tables: list[dict]) -> dict:
    """Actor URL → role of membership tables (actor, level, role, period)."""
    return {row[0]["links"][0]: row[2]["text"] for table in tables for row in table["rows"]}


def _links(tables: list[dict]) -> set:
    return {
        (row[0]["links"][0], row[1]["text"], row[2]["links"][0])
        for table in tables
        for row in table["rows"]
    }


def _is_link_table(table: dict) -> bool:
    caption = " ".join(table["caption"].split())
    return "Verbindungen" in caption


def graph_state(data: dict) -> dict:
    """Members and links as the map draws them (Cytoscape elements)."""
    nodes = {node["data"]["id"]: node["data"] for node in data["nodes"]}
    members, links = {}, set()
    for edge in data["edges"]:
        edge = edge["data"]
        source, target = nodes[edge["source"]], nodes[edge["target"]]
        if edge["type"] == "membership":
            members[target["url"]] = edge["label"]
        else:
            links.add((source["url"], edge["label"], target["url"]))
    return {"members": members, "links": links}


def map_table_state(html: str) -> dict:
    """Members and links of the map's table twin."""
    tables = Tables(html).tables
    return {
        "members": _members([t for t in tables if not _is_link_table(t)]),
        "links": _links([t for t in tables if _is_link_table(t)]),
    }


def detail_state(html: str) -> dict:
    """Members (the tables per role) and links of the day on the network's page."""
    parsed = Tables(html)
    return {
        "members": _members(parsed.captioned(lambda c: c.startswith(ROLE_GROUP_CAPTIONS))),
        "links": _links(
            parsed.captioned(
                lambda c: (
                    c.startswith("Aktuelle Verbindungen")
                    or c.startswith("Verbindungen zwischen Akteuren am")
                )
            )
        ),
    }


def change_list_state(html: str) -> dict:
    """The change list's sections."""
    parsed = Tables(html)

    def section(caption):
        return parsed.captioned(lambda c: c == caption)

    def roles(caption):
        return {row[0]["links"][0]: row[2]["text"] for t in section(caption) for row in t["rows"]}

    return {
        "joined": roles("Neu aufgenommen"),
        "left": roles("Ausgeschieden"),
        "role_changed": {
            row[0]["links"][0]: (row[2]["text"], row[3]["text"])
            for t in section("Rolle geändert")
            for row in t["rows"]
        },
        "links_added": _links(section("Hinzugekommene Verbindungen")),
        "links_ended": _links(section("Beendete Verbindungen")),
    }


def assert_views_agree(client, network, user, days: list[datetime.date]) -> list[dict]:
    """For each day: map data, map table and network page show what the database holds;
    for each pair of consecutive days the change list shows their difference. Returns the
    states (so that a test can check that the days differ at all)."""
    states = []
    for day in days:
        stand = {"stand": day.isoformat()}
        expected = state_on(network, user, day)
        data = client.get(reverse("networks:map_data", args=[network.slug]), stand)
        assert data.status_code == 200
        assert graph_state(data.json()) == expected, f"map data on {day}"
        page = client.get(reverse("networks:map", args=[network.slug]), stand)
        assert map_table_state(page.content.decode()) == expected, f"map table on {day}"
        detail = client.get(network.get_absolute_url(), stand)
        assert detail_state(detail.content.decode()) == expected, f"network page on {day}"
        states.append(expected)
    for (first, before), (last, after) in pairwise(zip(days, states, strict=True)):
        response = client.get(
            reverse("networks:changes", args=[network.slug]),
            {"von": first.isoformat(), "bis": last.isoformat()},
        )
        assert response.status_code == 200
        assert change_list_state(response.content.decode()) == changes_between(before, after), (
            f"change list {first} → {last}"
        )
    return states
