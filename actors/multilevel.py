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
from django.utils.translation import gettext_lazy as _

from actors import codes
from actors.models import ActorDimension, Dimension, Level

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
