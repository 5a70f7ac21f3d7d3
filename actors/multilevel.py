"""The keynote's table "Integrationspolitik im politischen Mehrebenensystem", from data.

Rows are the keynote's political levels: Bund, Länder, Kommunen (the Kreis and its
municipalities together), with the EU above them once an actor there has a dimension.
Columns are the three policy dimensions. Each cell lists the actors that work in that
dimension, each marked mandatory or voluntary; the footer states what a column's
tasks are as a rule (the more frequent obligation in it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from actors.models import ActorDimension, Dimension, Level

ROWS = [
    ("eu", _("Europäische Union"), (Level.EU,)),
    ("federal", _("Bund"), (Level.FEDERAL,)),
    ("state", _("Länder"), (Level.STATE,)),
    ("local", _("Kommunen"), (Level.DISTRICT, Level.MUNICIPALITY)),
]
# The keynote's table has no EU row; it appears only when the data fills it.
OPTIONAL_ROWS = {"eu"}


@dataclass
class Cell:
    dimension: str
    entries: list[ActorDimension] = field(default_factory=list)


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


def multi_level_table(actors) -> MultiLevelTable:
    """Build the table for the given actor queryset (e.g. ``visible_to(user)``). One query."""
    roles = list(
        ActorDimension.objects.filter(actor__in=actors)
        .select_related("actor")
        .order_by("actor__name")
    )
    row_of_level = {level: key for key, _label, levels in ROWS for level in levels}
    grid: dict[tuple[str, str], list[ActorDimension]] = {}
    obligations: dict[str, Counter] = {dimension: Counter() for dimension in Dimension.values}
    for role in roles:
        grid.setdefault((row_of_level[role.actor.level], role.dimension), []).append(role)
        obligations[role.dimension][role.obligation] += 1

    rows = []
    for key, label, _levels in ROWS:
        cells = [Cell(d, grid.get((key, d), [])) for d in Dimension.values]
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
