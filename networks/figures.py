"""The keynote's figures about networks, drawn from the current network data.

- ``ki_roles``: the three roles of the Kommunales Integrationszentrum (§ 8 Abs. 1
  Nr. 1–3 TIntG NRW: Integration durch Bildung, Querschnittsaufgabe, Koordination
  Ehrenamt) with the networks that carry each;
- ``kim_bodies``: the KIM's building blocks (Lenkungsgruppe, Koordinierende Stelle,
  Case Management, Personalstellen der Ausländerbehörde: the slide „Wodurch?“), their
  networks, and how they connect (the actors that are members of two of them);
- ``local_networking``: „Integration bedarf der Vernetzung aller Akteure vor Ort“: the
  actors of the Kreis and its municipalities and the networks they belong to today.

Each builder returns the figure (``core.figures.Figure``) together with what its table
twin lists, computed once, so that picture and table say the same. Everything comes
from ``visible_to(user)`` querysets (anonymous visitors: public networks, public actors,
their memberships), and each builder runs a fixed number of queries however large the
data is: long lists are cut to the first entries and say how many more there are.

Also here: the ties between actors that the multi-level figure of ``actors`` draws (the
current coordination links, ``link_ties``), registered in ``NetworksConfig.ready()``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from actors.extensions import register_municipality_section
from actors.models import Kind, Level
from core.figures import (
    LINE_HEIGHT,
    PADDING,
    Box,
    Figure,
    Label,
    Line,
    labelled_box,
    text_height,
    wrap,
)
from core.registry import Illustration, Tie, register_illustration, register_tie_provider
from networks.models import (
    CoordinationLink,
    FieldOfWork,
    Membership,
    Network,
    NetworkKind,
    Programme,
)

#: Most ties the multi-level figure is given (it draws those between the actors it shows).
TIE_LIMIT = 300
#: Most networks a column or body lists by name.
NETWORK_LIMIT = 6


def link_ties(user) -> list[Tie]:
    """The current coordination links the viewer may see, as ties (one query)."""
    links = (
        CoordinationLink.objects.visible_to(user)
        .current()
        .select_related("network")
        .order_by("source__name", "kind", "target__name", "pk")[:TIE_LIMIT]
    )
    return [
        Tie(link.source_id, link.target_id, link.get_kind_display(), link.network.name)
        if link.network_id
        else Tie(link.source_id, link.target_id, link.get_kind_display())
        for link in links
    ]


def members_text(count: int) -> str:
    return ngettext("%(count)s Mitglied", "%(count)s Mitglieder", count) % {"count": count}


def more_text(count: int) -> str:
    return ngettext("und %(count)s weiteres Netzwerk", "und %(count)s weitere Netzwerke", count) % {
        "count": count
    }


def _network_box(x: int, y: int, width: int, name: str, note: str, css: str) -> tuple[Box, Label]:
    """A box with a network's name and, in a second label below it, a short note."""
    lines = wrap(name, width - 2 * PADDING)
    height = text_height(lines) + LINE_HEIGHT + 2 * PADDING
    box = Box(x, y, width, height, css=css)
    box.label = Label(x + width // 2, y + PADDING + LINE_HEIGHT - 4, lines, anchor="middle")
    note_label = Label(
        x + width // 2,
        box.bottom - PADDING - 4,
        [note],
        css="portal-figure__muted",
        anchor="middle",
    )
    return box, note_label


def _first_per_group(networks, group: str, limit: int):
    """The first ``limit`` networks of each value of ``group`` (by name), with their
    current member counts the viewer may see: one query."""
    return networks.annotate(
        position=Window(
            RowNumber(), partition_by=[F(group)], order_by=[F("name").asc(), F("pk").asc()]
        )
    ).filter(position__lte=limit)


# ---------------------------------------------------------------------------
# (b) The KI's three roles


@dataclass
class RoleColumn:
    key: str
    label: str
    paragraph: str
    networks: list = field(default_factory=list)  # Network with member_count
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.networks)

    @property
    def more(self) -> str:
        return more_text(self.hidden) if self.hidden else ""


@dataclass
class KiRoles:
    figure: Figure
    hub: str
    columns: list[RoleColumn]


UMBRELLA = "umbrella"
_PARAGRAPHS = {
    FieldOfWork.EDUCATION: "§ 8 Abs. 1 Nr. 1 TIntG NRW",
    FieldOfWork.CROSS_CUTTING: "§ 8 Abs. 1 Nr. 2 TIntG NRW",
    FieldOfWork.VOLUNTEERING: "§ 8 Abs. 1 Nr. 3 TIntG NRW",
}


def ki_roles(user, *, limit: int = NETWORK_LIMIT) -> KiRoles:
    """The KI's roles and the KI networks that carry each: two queries."""
    networks = Network.objects.visible_to(user).filter(programme=Programme.KI)
    totals = Counter(
        {
            row["field_of_work"]: row["n"]
            for row in networks.values("field_of_work").annotate(n=Count("pk")).order_by()
        }
    )
    shown = _first_per_group(networks.with_member_counts(user), "field_of_work", limit)
    by_field: dict[str, list] = defaultdict(list)
    for network in shown.order_by("name", "pk"):
        by_field[network.field_of_work].append(network)

    columns = [
        RoleColumn(
            str(value), str(label), _PARAGRAPHS[value], by_field.get(value, []), totals[value]
        )
        for value, label in FieldOfWork.choices
    ]
    if totals[""]:
        columns.append(
            RoleColumn(
                UMBRELLA,
                gettext("Das KI-Netzwerk als Ganzes"),
                gettext("alle Handlungsfelder"),
                by_field.get("", []),
                totals[""],
            )
        )
    hub = gettext("Kommunales Integrationszentrum (KI)")
    return KiRoles(_draw_ki_roles(hub, columns), hub, columns)


def _draw_ki_roles(hub: str, columns: list[RoleColumn]) -> Figure:
    column_width, gap = 230, 24
    roles = [column for column in columns if column.key != UMBRELLA]
    umbrella = next((column for column in columns if column.key == UMBRELLA), None)
    width = len(roles) * column_width + (len(roles) - 1) * gap
    figure = Figure(
        "ki-rollen", gettext("Die drei Rollen des Kommunalen Integrationszentrums"), "", width, 0
    )
    figure.size = "wide"
    hub_box = labelled_box(
        column_width + gap,
        0,
        column_width,
        hub,
        css="portal-figure__box portal-figure__box--hub",
        height=52,
    )
    figure.boxes.append(hub_box)
    top_bottom = hub_box.bottom
    if umbrella:
        # The KI's own networks across all fields, beside the KI.
        x = width - column_width + 10
        figure.labels_only.append(Label(x, 12, [umbrella.label], css="portal-figure__muted"))
        y = 20
        for network in umbrella.networks:
            network_box, note = _network_box(
                x,
                y,
                column_width - 20,
                network.name,
                members_text(network.member_count),
                "portal-figure__box portal-figure__box--network",
            )
            figure.lines.append(
                Line(
                    hub_box.right,
                    hub_box.centre[1],
                    network_box.x,
                    network_box.centre[1],
                    css="portal-figure__line",
                )
            )
            figure.boxes.append(network_box)
            figure.labels_only.append(note)
            y = network_box.bottom + 8
        if umbrella.hidden:
            figure.labels_only.append(Label(x, y + 12, [umbrella.more], css="portal-figure__muted"))
            y += 20
        top_bottom = max(top_bottom, y)
    role_y = top_bottom + 40
    role_boxes = []
    for index, column in enumerate(roles):
        x = index * (column_width + gap)
        box = labelled_box(
            x,
            role_y,
            column_width,
            column.label,
            css="portal-figure__box portal-figure__box--role",
            height=52,
        )
        role_boxes.append(box)
    columns = roles
    role_height = max(box.height for box in role_boxes)
    bottom = role_y + role_height
    for index, (column, box) in enumerate(zip(columns, role_boxes, strict=True)):
        box.height = role_height
        x = index * (column_width + gap)
        figure.boxes.append(box)
        figure.labels_only.append(
            Label(
                x + column_width // 2,
                box.bottom + 16,
                [column.paragraph],
                css="portal-figure__muted",
                anchor="middle",
            )
        )
        figure.lines.append(
            Line(hub_box.centre[0], hub_box.bottom, box.centre[0], box.y, css="portal-figure__line")
        )
        y = box.bottom + 34
        for network in column.networks:
            network_box, note = _network_box(
                x + 10,
                y,
                column_width - 20,
                network.name,
                members_text(network.member_count),
                "portal-figure__box portal-figure__box--network",
            )
            figure.lines.append(
                Line(box.centre[0], box.bottom + 22, *network_box.centre, css="portal-figure__line")
            )
            figure.boxes.append(network_box)
            figure.labels_only.append(note)
            y = network_box.bottom + 10
        if not column.networks:
            text = gettext("noch kein Netzwerk")
            figure.labels_only.append(
                Label(
                    x + column_width // 2,
                    y + 12,
                    [text],
                    css="portal-figure__muted",
                    anchor="middle",
                )
            )
            y += 24
        if column.hidden:
            figure.labels_only.append(
                Label(
                    x + column_width // 2,
                    y + 12,
                    [column.more],
                    css="portal-figure__muted",
                    anchor="middle",
                )
            )
            y += 24
        bottom = max(bottom, y)
    figure.height = bottom + 8
    counted = sum(column.total for column in columns)
    figure.description = gettext(
        "Oben das Kommunale Integrationszentrum, darunter seine drei Rollen nach § 8 TIntG "
        "NRW: Integration durch Bildung, Integration als Querschnittsaufgabe und "
        "Koordination Ehrenamt. Unter jeder Rolle stehen die Netzwerke, die sie tragen, mit "
        "der Zahl ihrer aktuellen Mitglieder; insgesamt %(count)s Netzwerke des KI."
    ) % {"count": counted}
    return figure


# ---------------------------------------------------------------------------
# (c) The KIM's building blocks


#: The building blocks of the slide „Wodurch?“, in its order, by the kind of network.
KIM_KINDS = [
    NetworkKind.STEERING_GROUP,
    NetworkKind.COORDINATING_OFFICE,
    NetworkKind.CASE_MANAGEMENT,
    NetworkKind.IMMIGRATION_OFFICE_POSTS,
]


@dataclass
class Body:
    kind: str
    label: str
    networks: list = field(default_factory=list)
    total: int = 0
    members: int = 0
    links: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.networks)

    @property
    def more(self) -> str:
        return more_text(self.hidden) if self.hidden else ""

    @property
    def summary(self) -> str:
        return gettext("%(members)s, %(links)s") % {
            "members": members_text(self.members),
            "links": ngettext("%(count)s Verbindung", "%(count)s Verbindungen", self.links)
            % {"count": self.links},
        }


@dataclass
class Connection:
    first: Body
    second: Body
    shared: int

    @property
    def text(self) -> str:
        return ngettext(
            "%(count)s gemeinsames Mitglied", "%(count)s gemeinsame Mitglieder", self.shared
        ) % {"count": self.shared}


@dataclass
class KimBodies:
    figure: Figure
    bodies: list[Body]
    connections: list[Connection]


def _body_labels():
    return {
        NetworkKind.STEERING_GROUP: gettext("Lenkungsgruppe"),
        NetworkKind.COORDINATING_OFFICE: gettext("Koordinierende Stelle"),
        NetworkKind.CASE_MANAGEMENT: gettext("KIM Case Management"),
        NetworkKind.IMMIGRATION_OFFICE_POSTS: gettext("Personalstellen bei der Ausländerbehörde"),
    }


def kim_bodies(user, *, limit: int = NETWORK_LIMIT) -> KimBodies:
    """The four building blocks, their networks, members and links, and the members two
    of them share: four queries."""
    kinds = KIM_KINDS
    labels = _body_labels()
    bodies = {str(kind): Body(str(kind), labels[kind]) for kind in kinds}
    networks = Network.objects.visible_to(user).filter(kind__in=kinds)
    for row in networks.values("kind").annotate(n=Count("pk")).order_by():
        bodies[row["kind"]].total = row["n"]
    for network in _first_per_group(networks, "kind", limit).order_by("name", "pk"):
        bodies[network.kind].networks.append(network)
    members: dict[str, set[int]] = defaultdict(set)
    memberships = (
        Membership.objects.visible_to(user)
        .current()
        .filter(network__kind__in=kinds)
        .values_list("network__kind", "actor_id")
        .distinct()
    )
    for kind, actor_id in memberships:
        members[kind].add(actor_id)
    links = (
        CoordinationLink.objects.visible_to(user)
        .current()
        .filter(network__kind__in=kinds)
        .values("network__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in links:
        bodies[row["network__kind"]].links = row["n"]
    for kind, body in bodies.items():
        body.members = len(members[kind])
    ordered = [bodies[str(kind)] for kind in kinds]
    connections = [
        Connection(first, second, len(members[first.kind] & members[second.kind]))
        for first, second in combinations(ordered, 2)
        if members[first.kind] & members[second.kind]
    ]
    return KimBodies(_draw_kim_bodies(ordered, connections), ordered, connections)


def _draw_kim_bodies(bodies: list[Body], connections: list[Connection]) -> Figure:
    box_width, column_gap, row_gap = 300, 220, 150
    width = 2 * box_width + column_gap
    figure = Figure(
        "kim-bausteine",
        gettext("Die Bausteine des Kommunalen Integrationsmanagements und ihre Verbindungen"),
        "",
        width,
        0,
        size="wide",
    )
    # Each body: its name, its networks, and what it holds; as high as its text needs.
    contents = []
    for body in bodies:
        texts = [(wrap(body.label, box_width - 2 * PADDING), "portal-figure__heading")]
        texts += [
            (wrap(n.name, box_width - 2 * PADDING), "portal-figure__label") for n in body.networks
        ]
        if not body.networks:
            texts.append(([gettext("noch kein Netzwerk")], "portal-figure__muted"))
        if body.more:
            texts.append(([body.more], "portal-figure__muted"))
        texts.append(([body.summary], "portal-figure__muted"))
        contents.append(texts)
    heights = [
        sum(text_height(lines) + 4 for lines, _css in texts) + 2 * PADDING for texts in contents
    ]
    row_heights = [max(heights[0], heights[1]), max(heights[2], heights[3])]
    positions = [
        (0, 0),
        (box_width + column_gap, 0),
        (0, row_heights[0] + row_gap),
        (box_width + column_gap, row_heights[0] + row_gap),
    ]
    boxes = {}
    for body, texts, (x, y), row in zip(bodies, contents, positions, [0, 0, 1, 1], strict=True):
        box = Box(
            x, y, box_width, row_heights[row], css="portal-figure__box portal-figure__box--network"
        )
        boxes[body.kind] = box
        figure.boxes.append(box)
        ty = y + PADDING + LINE_HEIGHT - 4
        for lines, css in texts:
            figure.labels_only.append(Label(x + PADDING, ty, lines, css=css))
            ty += text_height(lines) + 4
    # Lines between bodies that share members, labelled with how many; the two diagonals
    # carry their labels at different points, so that they do not meet in the middle.
    for index, connection in enumerate(connections):
        first, second = boxes[connection.first.kind], boxes[connection.second.kind]
        (x1, y1), (x2, y2) = first.centre, second.centre
        figure.lines.insert(0, Line(x1, y1, x2, y2, css="portal-figure__line--shared"))
        diagonal = x1 != x2 and y1 != y2
        share = (1, 3) if diagonal and index % 2 else (2, 3) if diagonal else (1, 2)
        lx = x1 + (x2 - x1) * share[0] // share[1]
        ly = y1 + (y2 - y1) * share[0] // share[1]
        anchor = "middle"
        if y1 == y2:
            ly -= 8
        elif x1 == x2:
            # Beside the line, towards the middle of the figure: never past its edge.
            lx, anchor = (lx - 10, "end") if x1 > width // 2 else (lx + 10, "start")
        figure.labels_only.append(
            Label(lx, ly, [connection.text], css="portal-figure__count", anchor=anchor)
        )
    figure.height = positions[-1][1] + row_heights[1] + 8
    figure.description = gettext(
        "Die vier Bausteine des Kommunalen Integrationsmanagements nach § 9 TIntG NRW: "
        "Lenkungsgruppe, Koordinierende Stelle, KIM Case Management und Personalstellen bei "
        "der Ausländerbehörde, jeder mit seinen Netzwerken, der Zahl der aktuellen Mitglieder "
        "und Verbindungen. Grüne Linien verbinden Bausteine, die Mitglieder gemeinsam haben, "
        "und nennen deren Zahl."
    )
    return figure


# ---------------------------------------------------------------------------
# (d) „Integration bedarf der Vernetzung aller Akteure vor Ort“

LOCAL_LEVELS = (Level.DISTRICT, Level.MUNICIPALITY)
#: Most networks (the largest first) and actors per side (the most connected first).
LOCAL_NETWORK_LIMIT = 10
LOCAL_ACTOR_LIMIT = 22


@dataclass
class LocalSide:
    label: str
    actors: list = field(default_factory=list)  # (actor, [network names])
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.actors)

    @property
    def more(self) -> str:
        if not self.hidden:
            return ""
        return ngettext(
            "und %(count)s weiterer Akteur", "und %(count)s weitere Akteure", self.hidden
        ) % {"count": self.hidden}


@dataclass
class LocalNetworking:
    figure: Figure
    networks: list
    sides: list[LocalSide]
    memberships: int
    hidden_networks: int

    @property
    def more_networks(self) -> str:
        return more_text(self.hidden_networks) if self.hidden_networks else ""


def local_networking(user) -> LocalNetworking:
    """The networks with the most members and the local actors (Kreis and municipalities)
    in them today: administration and politics on the left, the external local actors on
    the right, a line for each membership. Three queries."""
    networks = Network.objects.visible_to(user)
    total_networks = networks.count()
    shown = list(
        networks.with_member_counts(user).order_by("-member_count", "name", "pk")[
            :LOCAL_NETWORK_LIMIT
        ]
    )
    memberships = list(
        Membership.objects.visible_to(user)
        .current()
        .filter(network__in=[n.pk for n in shown], actor__level__in=LOCAL_LEVELS)
        .select_related("actor")
        .order_by("actor__name", "actor_id", "network_id")
    )
    networks_of: dict[int, list] = defaultdict(list)
    actors = {}
    for membership in memberships:
        actors[membership.actor_id] = membership.actor
        if membership.network_id not in networks_of[membership.actor_id]:
            networks_of[membership.actor_id].append(membership.network_id)
    sides = [
        LocalSide(gettext("Verwaltung und Politik vor Ort")),
        LocalSide(gettext("Externe lokale Akteure")),
    ]
    ranked = sorted(actors.values(), key=lambda a: (-len(networks_of[a.pk]), a.name, a.pk))
    names = {network.pk: network.name for network in shown}
    for actor in ranked:
        side = sides[1] if actor.kind == Kind.EXTERNAL else sides[0]
        side.total += 1
        if len(side.actors) < LOCAL_ACTOR_LIMIT:
            side.actors.append((actor, [names[pk] for pk in networks_of[actor.pk]]))
    for side in sides:
        side.actors.sort(key=lambda row: (row[0].name, row[0].pk))
    data = LocalNetworking(
        Figure("vernetzung", "", "", 0, 0),
        shown,
        sides,
        len(memberships),
        total_networks - len(shown),
    )
    data.figure = _draw_local(data, networks_of)
    return data


def _draw_local(data: LocalNetworking, networks_of) -> Figure:
    side_width, middle_width, gap = 250, 270, 110
    width = 2 * side_width + middle_width + 2 * gap
    figure = Figure(
        "vernetzung",
        gettext("Integration bedarf der Vernetzung aller Akteure vor Ort"),
        "",
        width,
        0,
        size="wide",
    )
    x_of = [0, side_width + middle_width + 2 * gap]
    actor_boxes: dict[int, Box] = {}
    bottoms = []
    for side, x in zip(data.sides, x_of, strict=True):
        figure.labels_only.append(Label(x, 16, [side.label], css="portal-figure__heading"))
        y = 30
        for actor, _names in side.actors:
            box = labelled_box(
                x,
                y,
                side_width,
                actor.short_name or actor.name,
                css="portal-figure__box portal-figure__box--actor",
            )
            actor_boxes[actor.pk] = box
            figure.boxes.append(box)
            y = box.bottom + 6
        if side.more:
            figure.labels_only.append(Label(x, y + 14, [side.more], css="portal-figure__muted"))
            y += 24
        bottoms.append(y)
    # The networks in the middle, spread over the height of the taller side.
    middle_x = side_width + gap
    figure.labels_only.append(
        Label(
            middle_x + middle_width // 2,
            16,
            [gettext("Netzwerke")],
            css="portal-figure__heading",
            anchor="middle",
        )
    )
    network_boxes = []
    for network in data.networks:
        box, note = _network_box(
            middle_x,
            0,
            middle_width,
            network.name,
            members_text(network.member_count),
            "portal-figure__box portal-figure__box--hub",
        )
        network_boxes.append((network, box, note))
    needed = sum(box.height for _n, box, _note in network_boxes) + 10 * max(
        len(network_boxes) - 1, 0
    )
    room = max(max(bottoms, default=30) - 30, needed)
    spacing = (
        (room - needed) // max(len(network_boxes) - 1, 1) + 10 if len(network_boxes) > 1 else 0
    )
    y = 30 + (room - needed) // 2 if len(network_boxes) == 1 else 30
    positions = {}
    for network, box, note in network_boxes:
        shift = y - box.y
        box.y += shift
        box.label.y += shift
        note.y += shift
        positions[network.pk] = box
        figure.boxes.append(box)
        figure.labels_only.append(note)
        y = box.bottom + spacing
    bottom = max([*bottoms, y])
    if data.hidden_networks:
        figure.labels_only.append(
            Label(
                middle_x + middle_width // 2,
                bottom + 14,
                [data.more_networks],
                css="portal-figure__muted",
                anchor="middle",
            )
        )
        bottom += 24
    # A line for each membership, from the actor's inner edge to the network's.
    for actor_id, box in actor_boxes.items():
        left_side = box.x == 0
        for network_id in networks_of[actor_id]:
            network_box = positions[network_id]
            x1 = box.right if left_side else box.x
            x2 = network_box.x if left_side else network_box.right
            figure.lines.append(
                Line(
                    x1,
                    box.centre[1],
                    x2,
                    network_box.centre[1],
                    css="portal-figure__line--membership",
                )
            )
    figure.height = bottom + 8
    shown_actors = sum(len(side.actors) for side in data.sides)
    figure.description = gettext(
        "In der Mitte die %(networks)s Netzwerke mit den meisten Mitgliedern, links die "
        "Verwaltung und Politik des Kreises und seiner Kommunen, rechts die externen lokalen "
        "Akteure wie Wohlfahrtsverbände, Jobcenter und Beratungsdienste: %(actors)s Akteure. "
        "Jede Linie ist eine aktuelle Mitgliedschaft eines Akteurs in einem Netzwerk."
    ) % {"networks": len(data.networks), "actors": shown_actors}
    return figure


# ---------------------------------------------------------------------------
# Registration (NetworksConfig.ready())

MUNICIPALITY_SECTION = "networks/includes/municipality_section.html"


def connect() -> None:
    """The links as ties of the multi-level figure; the figures as illustrations of the
    theses they draw (4: the KI, 5: the KIM, 6: networks); the networks section of the
    municipality pages."""
    register_tie_provider(link_ties)
    for number, title, url_name in (
        (4, _("Die drei Rollen des Kommunalen Integrationszentrums"), "networks:figure_ki_roles"),
        (
            5,
            _("Die Bausteine des Kommunalen Integrationsmanagements und ihre Verbindungen"),
            "networks:figure_kim_bodies",
        ),
        (
            6,
            _("Integration bedarf der Vernetzung aller Akteure vor Ort"),
            "networks:figure_local_networking",
        ),
    ):
        register_illustration("thesis", number, Illustration(title, url_name))
    register_municipality_section(MUNICIPALITY_SECTION)
