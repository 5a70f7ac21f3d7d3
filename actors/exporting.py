"""The directory as a CSV file for spreadsheet programs.

Written by the portal's one CSV writer (``core.csv_export``: BOM,
semicolons, formulas neutralised). The columns are the import's (see
``actors.importing``), so an exported file can be edited and imported again; the
contact persons follow in a last, read-only column.
"""

from __future__ import annotations

from collections.abc import Iterable

from actors import codes
from actors.importing import COLUMNS, LIST_SEPARATOR
from actors.models import Actor
from core.csv_export import csv_response

HEADER = [*COLUMNS, "ansprechpersonen"]


def _row(actor: Actor) -> list[str]:
    contacts = " | ".join(
        ", ".join(part for part in (c.name, c.function, c.phone, c.email) if part)
        + (" (Demo)" if c.is_demo else "")
        for c in actor.contact_persons.all()
    )
    return [
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


def actors_csv_response(actors: Iterable[Actor], filename: str):
    """The CSV download of the given actors, which must prefetch ``dimension_roles``,
    ``target_groups``, ``languages`` and ``contact_persons``."""
    return csv_response(filename, HEADER, (_row(actor) for actor in actors))
