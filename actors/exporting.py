"""The directory as a CSV file for spreadsheet programs.

Written by the portal's one CSV writer (``core.csv_export``: BOM,
semicolons, formulas neutralised). Two header rows: first the German labels
(``Kurzadresse;Name;Kurzname;Ebene…``) for people, then the column names
(``slug;name;kurzname;ebene…``) that the import reads; the import skips the second
header row, and also reads files with only one of them. Values are labels, not codes
(``Kreisangehörige Kommune``, ``Pflichtaufgabe``, target groups and languages by name,
``ja``/``nein``); the import accepts labels and codes. References to other actors
(``uebergeordnet``, ``kommune``) stay slugs: names are not unique. The contact persons
follow in a last, read-only column. The file is always German, whatever the language
of the page it is downloaded from, so that files from different people look alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import override

from actors.importing import COLUMN_LABELS, COLUMNS, LIST_SEPARATOR
from actors.models import Actor
from core.csv_export import csv_response

HEADER = [*COLUMNS, "ansprechpersonen"]


def header_labels() -> list[str]:
    """The first header row: the German labels of the columns."""
    with override("de"):
        return [str(COLUMN_LABELS[column]) for column in HEADER]


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
        actor.get_level_display(),
        actor.get_kind_display(),
        actor.get_sector_display(),
        LIST_SEPARATOR.join(
            f"{role.get_dimension_display()}:{role.get_obligation_display()}"
            for role in actor.dimension_roles.all()
        ),
        actor.parent.slug if actor.parent else "",
        actor.municipality.slug if actor.municipality else "",
        actor.description,
        LIST_SEPARATOR.join(group.name for group in actor.target_groups.all()),
        LIST_SEPARATOR.join(language.name for language in actor.languages.all()),
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


def _rows(actors: Iterable[Actor]):
    yield HEADER
    for actor in actors:
        yield _row(actor)


def actors_csv_response(actors: Iterable[Actor], filename: str):
    """The CSV download of the given actors, which must prefetch ``dimension_roles``,
    ``target_groups``, ``languages`` and ``contact_persons``."""
    with override("de"):
        return csv_response(filename, header_labels(), _rows(actors))
