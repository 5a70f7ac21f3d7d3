"""The keynote's table "Integrationspolitik im politischen Mehrebenensystem", from data.

Rows are the keynote's political levels: Bund, Länder, Kommunen (the Kreis and its
municipalities together), with the EU above them once an actor there has a dimension.
Columns are the three policy dimensions. Each cell lists the actors that work in that
dimension, each marked mandatory or voluntary; the footer states what a column's
tasks are as a rule (the more frequent obligation in it).

A cell shows at most ``CELL_LIMIT`` actors (alphabetically) and says how many more there
are, with a link to the directory filtered by level and dimension: with the actors of
all NRW a cell holds tens of thousands, which no reader scrolls through and no server
should render per request. Two queries, however many actors exist.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, CharField, Count, F, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from actors import codes
from actors.models import Actor, ActorDimension, Dimension, Level
from core.figures import Box, Figure, Label, Line, labelled_box
from core.registry import Illustration, register_illustration
from core.registry import ties as registered_ties

CELL_LIMIT = 12

ROWS = [
    ("eu", _("Europäische Union"), (Level.EU,)),
    ("federal", _("Bund"), (Level.FEDERAL,)),
    ("state", _("Länder"), (Level.STATE,)),
    ("local", _("Kommunen"), (Level.DISTRICT, Level.MUNICIPALITY)),
]
# The keynote's table has no EU row; it appears only when the data fills it.
OPTIONAL_ROWS = {"eu"}


@dataclass
class MoreLink:
    """The rest of a cell, in the directory: one link per level of the row."""

    level_label: str
    count: int
    url: str


@dataclass
class Cell:
    dimension: str
    label: str
    entries: list[ActorDimension] = field(default_factory=list)
    total: int = 0
    more: list[MoreLink] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.total - len(self.entries)


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]


@dataclass
class Column:
    dimension: str
    label: str
    usual_obligation: str | None


@dataclass
class MultiLevelTable:
    columns: list[Column]
    rows: list[Row]

    def as_slugs(self) -> dict[tuple[str, str], dict[str, str]]:
        """``(row, dimension) → {actor slug: obligation}`` for comparisons in tests."""
        return {
            (row.key, cell.dimension): {e.actor.slug: e.obligation for e in cell.entries}
            for row in self.rows
            for cell in row.cells
            if cell.entries
        }


def _row_key():
    """SQL for the row of an actor's level (Kreis and municipalities share "local")."""
    return Case(
        *(When(actor__level__in=levels, then=Value(key)) for key, _label, levels in ROWS),
        output_field=CharField(),
    )


def multi_level_table(actors, *, limit: int = CELL_LIMIT) -> MultiLevelTable:
    """Build the table for the given actor queryset (e.g. ``visible_to(user)``). Two queries."""
    roles = ActorDimension.objects.filter(actor__in=actors)
    counts = roles.values("actor__level", "dimension", "obligation").annotate(n=Count("pk"))
    entries = (
        roles.annotate(
            row_key=_row_key(),
            position=Window(
                RowNumber(),
                partition_by=[_row_key(), F("dimension")],
                order_by=[F("actor__name").asc(), F("actor_id").asc()],
            ),
        )
        .filter(position__lte=limit)
        .select_related("actor")
        .order_by("actor__name", "actor_id")
    )

    row_of_level = {level: key for key, _label, levels in ROWS for level in levels}
    grid: dict[tuple[str, str], list[ActorDimension]] = {}
    totals: Counter = Counter()
    obligations: dict[str, Counter] = {dimension: Counter() for dimension in Dimension.values}
    for count in counts:
        level, dimension = count["actor__level"], count["dimension"]
        totals[(level, dimension)] += count["n"]
        obligations[dimension][count["obligation"]] += count["n"]
    for role in entries:
        grid.setdefault((row_of_level[role.actor.level], role.dimension), []).append(role)

    rows = []
    for key, label, levels in ROWS:
        cells = [
            _cell(dimension, dimension_label, grid.get((key, dimension), []), levels, totals)
            for dimension, dimension_label in Dimension.choices
        ]
        if key in OPTIONAL_ROWS and not any(cell.entries for cell in cells):
            continue
        rows.append(Row(key, label, cells))
    columns = [
        Column(
            dimension,
            label,
            obligations[dimension].most_common(1)[0][0] if obligations[dimension] else None,
        )
        for dimension, label in Dimension.choices
    ]
    return MultiLevelTable(columns=columns, rows=rows)


def _cell(dimension: str, label, entries: list, levels: tuple, totals: Counter) -> Cell:
    total = sum(totals[(level, dimension)] for level in levels)
    cell = Cell(dimension, label, entries, total=total)
    if cell.hidden:
        directory = reverse("actors:list")
        for level in levels:
            if totals[(level, dimension)]:
                query = {
                    "ebene": codes.code_of(codes.LEVEL_CODES, level),
                    "dimension": codes.code_of(codes.DIMENSION_CODES, dimension),
                }
                cell.more.append(
                    MoreLink(
                        Level(level).label,
                        totals[(level, dimension)],
                        f"{directory}?{urlencode(query)}",
                    )
                )
    return cell


# ---------------------------------------------------------------------------
# The figure "Politikfeld Integration: horizontale und vertikale Verflechtungen"
#
# The five levels (EU, Bund, Land, Kreis, Kommune) as rows, the three dimensions as
# columns, each cell with the first ``FIGURE_CELL_LIMIT`` actors of that level and
# dimension; the ties between actors that other parts of the portal name
# (``core.registry.ties``: the networks' current coordination links) drawn between them,
# vertical between levels and horizontal on one level. An actor that takes part in a tie
# but works in no dimension stands in a fourth column, "Weitere vernetzte Akteure", of
# its level. Four queries, however many actors and links exist.

FIGURE_CELL_LIMIT = 4
FURTHER_LIMIT = 6
FIGURE_LEVELS = [Level.EU, Level.FEDERAL, Level.STATE, Level.DISTRICT, Level.MUNICIPALITY]
FURTHER = "further"

_HEAD_WIDTH = 120
_COLUMN_WIDTH = 180
_GAP = 12
_BOX_MARGIN = 10
_HEAD_HEIGHT = 44


@dataclass
class FigureCell:
    column: str
    label: str
    actors: list = field(default_factory=list)
    total: int = 0

    @property
    def hidden(self) -> int:
        return max(self.total - len(self.actors), 0)


@dataclass
class FigureRow:
    level: str
    label: str
    cells: list[FigureCell]


@dataclass
class DrawnTie:
    source: object  # Actor
    target: object  # Actor
    label: str
    context: str
    vertical: bool


@dataclass
class MultiLevelFigure:
    figure: Figure
    columns: list[tuple[str, str]]
    rows: list[FigureRow]
    ties: list[DrawnTie]
    hidden_ties: int
    legend: list[tuple[str, str]]

    @property
    def hidden_text(self) -> str:
        return hidden_ties_text(self.hidden_ties)

    @property
    def vertical_count(self) -> int:
        return sum(tie.vertical for tie in self.ties)

    @property
    def horizontal_count(self) -> int:
        return sum(not tie.vertical for tie in self.ties)


def hidden_ties_text(count: int) -> str:
    return ngettext(
        "%(count)s weitere Verbindung mit Akteuren, die die Abbildung nicht zeigt",
        "%(count)s weitere Verbindungen mit Akteuren, die die Abbildung nicht zeigt",
        count,
    ) % {"count": count}


def _figure_cells(actors, limit: int):
    """Level × dimension → the first actors and the total: two queries."""
    roles = ActorDimension.objects.filter(actor__in=actors, actor__level__in=FIGURE_LEVELS)
    totals = {
        (row["actor__level"], row["dimension"]): row["n"]
        for row in roles.values("actor__level", "dimension").annotate(n=Count("pk")).order_by()
    }
    entries = (
        roles.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("actor__level"), F("dimension")],
                order_by=[F("actor__name").asc(), F("actor_id").asc()],
            )
        )
        .filter(position__lte=limit)
        .select_related("actor")
        .order_by("actor__name", "actor_id")
    )
    grid: dict[tuple[str, str], list] = {}
    for role in entries:
        grid.setdefault((role.actor.level, role.dimension), []).append(role.actor)
    return grid, totals


def _label(actor, ambiguous: frozenset = frozenset()) -> str:
    """The short name, unless another actor of the figure has the same one."""
    if actor.short_name and actor.short_name not in ambiguous:
        return actor.short_name
    return actor.name


def multi_level_figure(user, *, limit: int = FIGURE_CELL_LIMIT) -> MultiLevelFigure:
    """The figure for what ``user`` may see, built from the directory and the ties."""
    actors = Actor.objects.visible_to(user)
    grid, totals = _figure_cells(actors, limit)
    ties = registered_ties(user)

    placed: dict[int, object] = {}
    for level in FIGURE_LEVELS:
        for dimension in Dimension.values:
            for actor in grid.get((level, dimension), []):
                placed.setdefault(actor.pk, actor)

    # Actors in a tie that work in no dimension shown: the "further" column of their level.
    missing = {tie.source_id for tie in ties} | {tie.target_id for tie in ties}
    missing -= placed.keys()
    further: dict[str, list] = {}
    further_totals: Counter = Counter()
    if missing:
        # The most connected first: they carry the most of the picture.
        degree = Counter(tie.source_id for tie in ties) + Counter(tie.target_id for tie in ties)
        candidates = list(
            actors.filter(pk__in=missing, level__in=FIGURE_LEVELS, dimension_roles__isnull=True)
        )
        # Those with a tie to another level at the top of their cell, where a vertical
        # line reaches them without crossing the cell.
        level_of = {actor.pk: actor.level for actor in [*placed.values(), *candidates]}
        across = {
            end
            for tie in ties
            if level_of.get(tie.source_id, "?") != level_of.get(tie.target_id, "?")
            for end in (tie.source_id, tie.target_id)
        }
        key = lambda a: (a.pk not in across, -degree[a.pk], a.name, a.pk)  # noqa: E731
        for actor in sorted(candidates, key=key):
            further_totals[actor.level] += 1
            if len(further.setdefault(actor.level, [])) < FURTHER_LIMIT:
                further[actor.level].append(actor)
                placed[actor.pk] = actor

    columns = [(str(value), str(label)) for value, label in Dimension.choices]
    if further:
        columns.append((FURTHER, gettext("Weitere vernetzte Akteure")))
    rows = []
    for level in FIGURE_LEVELS:
        cells = [
            FigureCell(
                value,
                label,
                list(grid.get((level, value), [])),
                totals.get((level, value), 0),
            )
            for value, label in columns
            if value != FURTHER
        ]
        if further:
            cells.append(
                FigureCell(
                    FURTHER,
                    columns[-1][1],
                    further.get(level, []),
                    further_totals[level],
                )
            )
        rows.append(FigureRow(str(level), str(Level(level).label), cells))

    drawn: list[DrawnTie] = []
    hidden = 0
    for tie in ties:
        source, target = placed.get(tie.source_id), placed.get(tie.target_id)
        if source is None or target is None:
            hidden += 1
            continue
        drawn.append(DrawnTie(source, target, tie.label, tie.context, source.level != target.level))
    legend = [
        ("vertical", gettext("Vertikale Verbindung: zwischen zwei Ebenen")),
        ("horizontal", gettext("Horizontale Verbindung: auf derselben Ebene")),
    ]
    figure = _draw_multi_level(columns, rows, drawn, hidden, legend)
    return MultiLevelFigure(figure, columns, rows, drawn, hidden, legend)


def _tie_segments(
    first: Box, second: Box, *, right: bool
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The line between two actors' boxes, from edge to edge: straight between columns
    or rows, a bracket beside the column where both stand in one column (on its right
    for a vertical tie, on its left for a horizontal one, so that the two never
    overlap)."""
    if first.x == second.x:
        if first.y > second.y:
            first, second = second, first
        if first.bottom + 2 >= second.y:  # neighbours: a short stroke between them
            x = first.centre[0]
            return [((first.centre[0], first.bottom), (x, second.y))]
        edge = first.right if right else first.x
        x = edge + 6 if right else edge - 6
        top, bottom = first.centre[1], second.centre[1]
        return [((edge, top), (x, top)), ((x, top), (x, bottom)), ((x, bottom), (edge, bottom))]
    if first.x > second.x:
        first, second = second, first
    return [((first.right, first.centre[1]), (second.x, second.centre[1]))]


def _draw_multi_level(columns, rows, ties, hidden: int, legend) -> Figure:
    width = _HEAD_WIDTH + len(columns) * (_COLUMN_WIDTH + _GAP)
    figure = Figure(
        "verflechtungen",
        gettext("Politikfeld Integration: horizontale und vertikale Verflechtungen"),
        "",
        width,
        0,
        size="wide",
    )
    column_x = {
        value: _HEAD_WIDTH + index * (_COLUMN_WIDTH + _GAP)
        for index, (value, _l) in enumerate(columns)
    }
    for value, label in columns:
        figure.boxes.append(
            labelled_box(
                column_x[value],
                0,
                _COLUMN_WIDTH,
                label,
                css="portal-figure__box portal-figure__box--header",
                height=_HEAD_HEIGHT,
            )
        )
    short_names = Counter(
        {
            actor.pk: actor.short_name
            for row in rows
            for cell in row.cells
            for actor in cell.actors
        }.values()
    )
    ambiguous = frozenset(name for name, count in short_names.items() if name and count > 1)
    y = _HEAD_HEIGHT + _GAP
    boxes: dict[int, Box] = {}
    cell_boxes: list[Box] = []
    for row in rows:
        # Lay out every cell of the row first: the row is as high as its fullest cell.
        heights = []
        laid: list[tuple[FigureCell, list[Box], Label | None]] = []
        for cell in row.cells:
            x = column_x[cell.column] + _BOX_MARGIN
            cy = y + _BOX_MARGIN
            actor_boxes = []
            for actor in cell.actors:
                box = labelled_box(
                    x,
                    cy,
                    _COLUMN_WIDTH - 2 * _BOX_MARGIN,
                    _label(actor, ambiguous),
                    css="portal-figure__box portal-figure__box--actor",
                )
                actor_boxes.append(box)
                boxes.setdefault(actor.pk, box)
                cy = box.bottom + 8
            more = None
            if cell.hidden:
                text = gettext("und %(count)s weitere") % {"count": cell.hidden}
                more = Label(x, cy + 12, [text], css="portal-figure__muted")
                cy += 20
            laid.append((cell, actor_boxes, more))
            heights.append(cy - y)
        row_height = max([*heights, 48])
        head = labelled_box(
            0,
            y,
            _HEAD_WIDTH - _GAP,
            row.label,
            css="portal-figure__box portal-figure__box--header",
            height=row_height,
        )
        figure.boxes.append(head)
        for cell, actor_boxes, more in laid:
            cell_boxes.append(
                Box(
                    column_x[cell.column],
                    y,
                    _COLUMN_WIDTH,
                    row_height,
                    css="portal-figure__box portal-figure__box--cell",
                )
            )
            figure.boxes.extend(actor_boxes)
            if more:
                figure.labels_only.append(more)
        y += row_height + _GAP
    # The cells behind the lines, the actors on top of them.
    figure.backdrop.extend(cell_boxes)
    seen_pairs = set()
    for tie in ties:
        pair = tuple(sorted((tie.source.pk, tie.target.pk)))
        if pair in seen_pairs:
            continue
        seen_pairs.add(pair)
        kind = "vertical" if tie.vertical else "horizontal"
        css = f"portal-figure__line--{kind}"
        figure.lines.extend(
            Line(*start, *end, css=css)
            for start, end in _tie_segments(
                boxes[tie.source.pk], boxes[tie.target.pk], right=tie.vertical
            )
        )
    # The legend, below the grid.
    y += 6
    for kind, text in legend:
        figure.lines.append(Line(0, y, 40, y, css=f"portal-figure__line--{kind}"))
        figure.labels_only.append(Label(50, y + 5, [text]))
        y += 22
    if hidden:
        text = hidden_ties_text(hidden)
        figure.labels_only.append(Label(0, y + 5, [text], css="portal-figure__muted"))
        y += 22
    figure.height = y
    vertical = sum(tie.vertical for tie in ties)
    figure.description = gettext(
        "Die fünf politischen Ebenen (Europäische Union, Bund, Land, Kreis, Kommune) als "
        "Zeilen, die Dimensionen Sicherheit, Wohlfahrt und gesellschaftlicher "
        "Zusammenhalt als Spalten, in jeder Zelle Akteure des Verzeichnisses. Linien "
        "zeigen die aktuellen Verbindungen zwischen ihnen aus den Netzwerken: "
        "%(vertical)s vertikal zwischen Ebenen (durchgezogen), %(horizontal)s horizontal "
        "auf derselben Ebene (gestrichelt)."
    ) % {"vertical": vertical, "horizontal": len(ties) - vertical}
    return figure


def connect() -> None:
    """Name the multi-level figure as an illustration of thesis 3 ("Das Politikfeld
    Integration ist durch eine hohe inhaltliche und organisatorische Komplexität
    gekennzeichnet"), whose slide it draws (``ActorsConfig.ready()``)."""
    register_illustration(
        "thesis",
        3,
        Illustration(
            _("Politikfeld Integration: horizontale und vertikale Verflechtungen"),
            "actors:multilevel",
            "abbildung-verflechtungen",
        ),
    )
