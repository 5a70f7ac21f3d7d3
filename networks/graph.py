"""Read side of the networks: what a viewer may see, grouped for pages, maps and exports.

Each function runs a fixed number of queries whatever the number of members, so the
detail page and the maps stay fast for large networks (pinned in the tests).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from actors.models import Actor, Level
from core import visibility
from networks import history
from networks.models import CoordinationLink, Membership, MembershipRole, Network


def actor_url(actor: Actor) -> str:
    """The actor's page in the directory."""
    return actor.get_absolute_url()


@dataclass
class RoleGroup:
    role: str
    label: str
    memberships: list[Membership] = field(default_factory=list)


@dataclass
class NetworkMembers:
    """A network's memberships and links as a viewer sees them.

    Without ``on`` (the coordinators' edit page): ``current`` are the memberships that have
    not ended today, planned ones included. With ``on`` (the network's page and map, "Stand
    am …"): ``current`` are those that held on that day, each with its role of that day
    (``networks.history``), ``former`` those that ended before it and ``planned`` those
    that begin after it; the links likewise.
    """

    current: list[Membership]
    former: list[Membership]
    links: list[CoordinationLink]
    on: datetime.date | None = None
    planned: list[Membership] = field(default_factory=list)

    def by_role(self) -> list[RoleGroup]:
        groups = {value: RoleGroup(value, label) for value, label in MembershipRole.choices}
        for membership in self.current:
            groups[membership.role].memberships.append(membership)
        return [group for group in groups.values() if group.memberships]

    def _link_state(self, link: CoordinationLink) -> str:
        day = self.on or timezone.localdate()
        if link.until is not None and link.until < day:
            return "former"
        if self.on is not None and link.since > day:
            return "planned"
        return "current"

    @property
    def current_links(self) -> list[CoordinationLink]:
        return [link for link in self.links if self._link_state(link) == "current"]

    @property
    def former_links(self) -> list[CoordinationLink]:
        return [link for link in self.links if self._link_state(link) == "former"]

    @property
    def planned_links(self) -> list[CoordinationLink]:
        return [link for link in self.links if self._link_state(link) == "planned"]


def network_members(network: Network, user, on: datetime.date | None = None) -> NetworkMembers:
    """Memberships (current and former) and the links in the context of one network; with
    ``on`` as they were on that day (see ``NetworkMembers``). Two queries, and one more
    for the roles of a day in the past."""
    memberships = list(
        Membership.objects.visible_to(user)
        .filter(network=network)
        .select_related("actor")
        .order_by("actor__name", "-since")
    )
    links = list(
        CoordinationLink.objects.visible_to(user)
        .filter(network=network)
        .select_related("source", "target")
        .order_by("source__name", "kind", "target__name")
    )
    if on is None:
        current = [m for m in memberships if m.is_current]
        former = [m for m in memberships if not m.is_current]
        return NetworkMembers(current=current, former=former, links=links)
    return NetworkMembers(
        current=history.memberships_on(memberships, on, [network.pk]),
        former=[m for m in memberships if m.until is not None and m.until < on],
        links=links,
        on=on,
        planned=[m for m in memberships if m.since > on],
    )


def _actor_node(actor: Actor) -> dict:
    return {
        "data": {
            "id": f"actor-{actor.pk}",
            "label": actor.short_name or actor.name,
            "name": actor.name,
            "type": "actor",
            "level": actor.level,
            "url": actor_url(actor),
        }
    }


def _network_node(network: Network) -> dict:
    return {
        "data": {
            "id": f"network-{network.pk}",
            "label": network.name,
            "name": network.name,
            "type": "network",
            "level": "network",
            "url": network.get_absolute_url(),
        }
    }


def _membership_edge(membership: Membership) -> dict:
    return {
        "data": {
            "id": f"membership-{membership.pk}",
            "source": f"network-{membership.network_id}",
            "target": f"actor-{membership.actor_id}",
            "type": "membership",
            "label": membership.get_role_display(),
        }
    }


def _link_edge(link: CoordinationLink) -> dict:
    return {
        "data": {
            "id": f"link-{link.pk}",
            "source": f"actor-{link.source_id}",
            "target": f"actor-{link.target_id}",
            "type": "link",
            "kind": link.kind,
            "label": link.get_kind_display(),
        }
    }


def _levels() -> list[dict]:
    return [{"value": value, "label": str(label)} for value, label in Level.choices]


def graph_elements(
    user,
    *,
    networks: Iterable[Network],
    memberships: Iterable[Membership],
    links: Iterable[CoordinationLink],
) -> dict:
    """Cytoscape nodes and edges of a map, as far as the viewer may see them.

    The one builder of both maps. The memberships and links come from ``visible_to``
    querysets already; the records they point to are asked once more
    (``core.visibility``, no query), so a query that forgets the filter
    cannot put an internal actor or network on a map. An edge is left out with the node
    it would need.
    """
    nodes = {f"network-{n.pk}": _network_node(n) for n in networks if visibility.may_see(user, n)}
    edges: list[dict] = []

    def add_actors(*actors: Actor) -> bool:
        if not all(visibility.may_see(user, actor) for actor in actors):
            return False
        for actor in actors:
            nodes.setdefault(f"actor-{actor.pk}", _actor_node(actor))
        return True

    for membership in memberships:
        if f"network-{membership.network_id}" in nodes and add_actors(membership.actor):
            edges.append(_membership_edge(membership))
    for link in links:
        if add_actors(link.source, link.target):
            edges.append(_link_edge(link))
    return {"nodes": list(nodes.values()), "edges": edges, "levels": _levels()}


def network_graph(network: Network, user, on: datetime.date | None = None) -> dict:
    """Cytoscape elements of one network on a day (default today): the network, its
    members on that day with their roles of that day, the links that held that day."""
    members = network_members(network, user, on=on or timezone.localdate())
    return graph_elements(
        user, networks=[network], memberships=members.current, links=members.current_links
    )


# The overview map shows networks alphabetically, at most ``OVERVIEW_LIMIT`` of them and
# no more than ``OVERVIEW_MEMBER_LIMIT`` memberships in all (but always the first network,
# whatever its size). A Kreis has some 80 networks; all of NRW 2,000 with 200,000
# memberships, which no map can show and no request should load (50 MB of map data).
OVERVIEW_LIMIT = 25
OVERVIEW_MEMBER_LIMIT = 400


@dataclass
class Overview:
    networks: list[Network]
    memberships: list[Membership]
    links: list[CoordinationLink]
    total: int = 0

    @property
    def limited(self) -> bool:
        """Whether more networks matched than the overview shows."""
        return self.total > len(self.networks)

    def actors(self) -> list[dict]:
        """One row per actor: the actor and the networks it currently belongs to."""
        rows: dict[int, dict] = {}
        for membership in self.memberships:
            row = rows.setdefault(
                membership.actor_id, {"actor": membership.actor, "memberships": []}
            )
            row["memberships"].append(membership)
        return sorted(rows.values(), key=lambda row: row["actor"].name)


def overview(user, networks=None, on: datetime.date | None = None) -> Overview:
    """The networks the viewer may see (or those of ``networks``, a narrowed queryset of
    them), as many as the limits above allow, with their members and links on the day
    ``on`` (default today; roles of that day, ``networks.history``).

    When every matching network is shown, every link of the day is shown too; when the
    overview is limited, the links of the networks shown.
    """
    on = on or timezone.localdate()
    queryset = (Network.objects.visible_to(user) if networks is None else networks).order_by("name")
    total = queryset.count()
    shown, members = [], 0
    for network in queryset.with_member_counts(user, on=on)[:OVERVIEW_LIMIT]:
        members += network.member_count
        if shown and members > OVERVIEW_MEMBER_LIMIT:
            break
        shown.append(network)
    ids = [n.pk for n in shown]
    memberships = (
        Membership.objects.visible_to(user)
        .on(on)
        .filter(network__in=ids)
        .select_related("actor", "network")
        .order_by("actor__name", "network__name")
    )
    memberships = history.memberships_on(memberships, on, ids)
    links = (
        CoordinationLink.objects.visible_to(user)
        .on(on)
        .select_related("source", "target", "network")
        .order_by("source__name", "kind", "target__name")
    )
    if total > len(shown) or networks is not None:
        links = links.filter(network__in=ids)
    return Overview(networks=shown, memberships=memberships, links=list(links), total=total)


def overview_graph(user, networks=None, on: datetime.date | None = None) -> dict:
    """Cytoscape elements of the overview map (see ``overview``)."""
    data = overview(user, networks, on=on)
    return graph_elements(
        user, networks=data.networks, memberships=data.memberships, links=data.links
    )


def actor_involvement(actor: Actor, user) -> tuple[list[Membership], list[CoordinationLink]]:
    """An actor's memberships (with their networks) and links, as the viewer may see them."""
    memberships = list(
        Membership.objects.visible_to(user)
        .filter(actor=actor)
        .select_related("network")
        .order_by("network__name", "-since")
    )
    links = list(
        CoordinationLink.objects.visible_to(user)
        .filter(Q(source=actor) | Q(target=actor))
        .select_related("source", "target", "network")
        .order_by("-since")
    )
    return memberships, links
