"""The directory as a CSV file for spreadsheet programs.

UTF-8 with byte order mark and semicolons: German Excel opens such a file with a
double click and shows umlauts correctly. The columns are the import's (see
``actors.importing``), so an exported file can be edited and imported again; the
contact persons follow in a last, read-only column. Cells that a spreadsheet would
evaluate as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from actors import codes
from actors.importing import COLUMNS, DELIMITER, FORMULA_START, LIST_SEPARATOR
from actors.models import Actor

BOM = "\ufeff"
HEADER = [*COLUMNS, "ansprechpersonen"]


def escape_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _row(actor: Actor) -> list[str]:
    contacts = " | ".join(
        ", ".join(part for part in (c.name, c.function, c.phone, c.email) if part)
        + (" (Demo)" if c.is_demo else "")
        for c in actor.contact_persons.all()
    )
    values = [
        actor.slug,
        actor.name,
        actor.short_name,
        codes.code_of(codes.LEVEL_CODES, actor.level),
        codes.code_of(codes.KIND_CODES, actor.kind),
        codes.code_of(codes.SECTOR_CODES, actor.sector),
        LIST_SEPARATOR.join(
            f"{codes.code_of(codes.DIMENSION_CODES, role.dimension)}:"
            f"{codes.code_of(codes.OBLIGATION_CODES, role.obligation)}"
            for role in actor.dimension_roles.all()
        ),
        actor.parent.slug if actor.parent else "",
        actor.municipality.slug if actor.municipality else "",
        actor.description,
        LIST_SEPARATOR.join(group.slug for group in actor.target_groups.all()),
        LIST_SEPARATOR.join(language.code for language in actor.languages.all()),
        actor.street,
        actor.postal_code,
        actor.city,
        actor.phone,
        actor.email,
        actor.website,
        actor.opening_hours,
        "ja" if actor.is_public else "nein",
        actor.last_verified.isoformat() if actor.last_verified else "",
        actor.internal_notes,
        contacts,
    ]
    return [escape_cell(value) for value in values]


def actors_csv(actors: Iterable[Actor]) -> str:
    """The CSV text (with BOM) of the given actors, which must prefetch
    ``dimension_roles``, ``target_groups``, ``languages`` and ``contact_persons``."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(HEADER)
    for actor in actors:
        writer.writerow(_row(actor))
    return buffer.getvalue()
