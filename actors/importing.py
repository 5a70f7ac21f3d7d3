"""Reading and validating an actor file (CSV or XLSX). Nothing here writes to the database.

The file format is the export's (see ``actors/exporting.py`` and ``docs/actors.md``):
a CSV file separated by semicolons or commas (detected from the header row), in UTF-8
(with or without BOM) or Windows-1252 (older Excel), or an Excel workbook (XLSX, its
first sheet). The header row holds the column names (``slug;name;ebene…``) or their
German labels (``Kurzadresse;Name;Ebene…``); the export writes both, labels first, and
the second header row is skipped. Values may be the German codes or the labels
(``kommune`` or ``Kreisangehörige Kommune``). A header the import does not know is mapped
column by column (``columns``: the column of each cell, or "" to ignore it), and such a
mapping is kept per header (``ImportMapping``). Every row is validated before anything
is written; each problem is reported with its line number and reason. Broken encodings,
an unclear delimiter or missing columns end in one clear message, never in a traceback.

A row is checked in three steps: its cells (``ActorRowForm``); its references to other
actors (parents and municipalities must exist in the database or the file, and no chain
of parents may lead back to where it started, however long); and the whole actor as it
would be stored, with the model's ``full_clean()`` (fields, ``clean()`` and the database
constraints, whose German messages the report shows). The last two see the stored actors
with the file's values on top: a file without the ``bereich`` column that changes an
actor's ``art`` is checked against the sector stored for it.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_slug
from django.db import models, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from actors import codes
from actors.models import (
    LOCAL_LEVELS,
    SECTORS_BY_KIND,
    Actor,
    ImportMapping,
    Language,
    Level,
    Sector,
    TargetGroup,
)
from core.csv_export import unescape_cell
from core.text_input import PlainTextFormMixin

LIST_SEPARATOR = "|"
MAX_ROWS = 10_000
DELIMITERS = (";", ",")

# Column name → what it holds. Order is the order of the export.
COLUMNS = [
    "slug",
    "name",
    "kurzname",
    "ebene",
    "art",
    "bereich",
    "dimensionen",
    "uebergeordnet",
    "kommune",
    "beschreibung",
    "zielgruppen",
    "sprachen",
    "strasse",
    "plz",
    "ort",
    "telefon",
    "email",
    "website",
    "oeffnungszeiten",
    "oeffentlich",
    "zuletzt_geprueft",
    "interne_notizen",
]
REQUIRED_COLUMNS = ["slug", "name", "ebene", "art"]
# Column → the model field it fills (``slug`` is the key, the list columns fill no field).
FIELD_OF_COLUMN = {
    "name": "name",
    "kurzname": "short_name",
    "ebene": "level",
    "art": "kind",
    "bereich": "sector",
    "uebergeordnet": "parent",
    "kommune": "municipality",
    "beschreibung": "description",
    "strasse": "street",
    "plz": "postal_code",
    "ort": "city",
    "telefon": "phone",
    "email": "email",
    "website": "website",
    "oeffnungszeiten": "opening_hours",
    "oeffentlich": "is_public",
    "zuletzt_geprueft": "last_verified",
    "interne_notizen": "internal_notes",
}
COLUMN_OF_FIELD = {field: column for column, field in FIELD_OF_COLUMN.items()} | {"slug": "slug"}
# Columns of the export the import reads past (contact persons are kept in the admin).
READ_ONLY_COLUMNS = ["ansprechpersonen"]
# Column → its label: the export's first header row; the import reads either.
COLUMN_LABELS = {
    "slug": gettext_lazy("Kurzadresse"),
    "name": gettext_lazy("Name"),
    "kurzname": gettext_lazy("Kurzname"),
    "ebene": gettext_lazy("Ebene"),
    "art": gettext_lazy("Art"),
    "bereich": gettext_lazy("Bereich"),
    "dimensionen": gettext_lazy("Dimensionen"),
    "uebergeordnet": gettext_lazy("Übergeordnet (Kurzadresse)"),
    "kommune": gettext_lazy("Kommune (Kurzadresse)"),
    "beschreibung": gettext_lazy("Beschreibung"),
    "zielgruppen": gettext_lazy("Zielgruppen"),
    "sprachen": gettext_lazy("Sprachen"),
    "strasse": gettext_lazy("Straße und Hausnummer"),
    "plz": gettext_lazy("Postleitzahl"),
    "ort": gettext_lazy("Ort"),
    "telefon": gettext_lazy("Telefon"),
    "email": gettext_lazy("E-Mail-Adresse"),
    "website": gettext_lazy("Internetseite"),
    "oeffnungszeiten": gettext_lazy("Öffnungszeiten"),
    "oeffentlich": gettext_lazy("Öffentlich"),
    "zuletzt_geprueft": gettext_lazy("Zuletzt geprüft"),
    "interne_notizen": gettext_lazy("Interne Notizen"),
    "ansprechpersonen": gettext_lazy("Ansprechpersonen"),
}

YES = {"ja", "j", "yes", "true", "1", "x"}
NO = {"nein", "n", "no", "false", "0"}


@dataclass
class RowError:
    line: int
    message: str
    slug: str = ""


@dataclass
class ParsedRow:
    """One valid row: model field values plus the references resolved at write time."""

    line: int
    slug: str
    fields: dict
    columns: set[str]
    dimensions: dict[str, str] | None
    parent_slug: str | None
    municipality_slug: str | None
    target_groups: list[str] | None
    languages: list[str] | None


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    fatal: str = ""
    notices: list[str] = field(default_factory=list)
    total_rows: int = 0
    header: Header | None = None
    file_format: str = ""


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


class ActorRowForm(PlainTextFormMixin, forms.Form):
    """Validates one CSV row; the columns are the form's fields (German codes). Control and
    direction-override characters are refused as in every form of the portal."""

    multiline_fields = ("beschreibung", "oeffnungszeiten", "interne_notizen")

    slug = forms.CharField(max_length=200, validators=[validate_slug])
    name = forms.CharField(max_length=200)
    kurzname = forms.CharField(max_length=40, required=False)
    ebene = forms.ChoiceField(choices=codes.choices_of(codes.LEVEL_CODES))
    art = forms.ChoiceField(choices=codes.choices_of(codes.KIND_CODES))
    bereich = forms.ChoiceField(choices=codes.choices_of(codes.SECTOR_CODES), required=False)
    dimensionen = forms.CharField(required=False)
    uebergeordnet = forms.CharField(max_length=200, required=False)
    kommune = forms.CharField(max_length=200, required=False)
    beschreibung = forms.CharField(required=False, strip=True)
    zielgruppen = forms.CharField(required=False)
    sprachen = forms.CharField(required=False)
    strasse = forms.CharField(max_length=200, required=False)
    plz = forms.RegexField(regex=r"^\d{5}$", required=False)
    ort = forms.CharField(max_length=100, required=False)
    telefon = forms.CharField(max_length=50, required=False)
    email = forms.EmailField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    oeffnungszeiten = forms.CharField(required=False)
    oeffentlich = forms.CharField(required=False)
    zuletzt_geprueft = forms.CharField(required=False)
    interne_notizen = forms.CharField(required=False)

    def __init__(self, *args, target_groups: set[str], languages: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.known_target_groups = target_groups
        self.known_languages = languages

    def clean_dimensionen(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for part in _split(self.cleaned_data["dimensionen"]):
            dimension, _sep, obligation = part.partition(":")
            dimension, obligation = dimension.strip().lower(), obligation.strip().lower()
            if dimension not in codes.DIMENSION_CODES or obligation not in codes.OBLIGATION_CODES:
                raise ValidationError(
                    _(
                        "„%(part)s“ ist keine gültige Angabe; erwartet z. B. "
                        "„sicherheit:pflicht|zusammenhalt:freiwillig“."
                    ),
                    params={"part": part},
                )
            if codes.DIMENSION_CODES[dimension] in result:
                raise ValidationError(
                    _("Die Dimension „%(dimension)s“ steht doppelt."),
                    params={"dimension": dimension},
                )
            result[codes.DIMENSION_CODES[dimension]] = codes.OBLIGATION_CODES[obligation]
        return result

    def _known(self, column: str, known: set[str], label: str) -> list[str]:
        values = _split(self.cleaned_data[column])
        unknown = [value for value in values if value not in known]
        if unknown:
            raise ValidationError(
                _("Unbekannte %(label)s: %(values)s (bekannt: %(known)s)."),
                params={
                    "label": label,
                    "values": ", ".join(unknown),
                    "known": ", ".join(sorted(known)),
                },
            )
        return values

    def clean_zielgruppen(self) -> list[str]:
        return self._known("zielgruppen", self.known_target_groups, _("Zielgruppe"))

    def clean_sprachen(self) -> list[str]:
        return self._known("sprachen", self.known_languages, _("Sprache"))

    def clean_oeffentlich(self) -> bool:
        value = self.cleaned_data["oeffentlich"].strip().lower()
        if value == "" or value in YES:  # empty: public, the model's default
            return True
        if value in NO:
            return False
        raise ValidationError(_("Erwartet „ja“ oder „nein“."))

    def clean_zuletzt_geprueft(self) -> datetime.date | None:
        value = self.cleaned_data["zuletzt_geprueft"].strip()
        if not value:
            return None
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                date = datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007
            except ValueError:
                continue
            if date > timezone.localdate():
                raise ValidationError(_("Das Prüfdatum darf nicht in der Zukunft liegen."))
            return date
        raise ValidationError(_("Erwartet ein Datum wie 2024-09-19 oder 19.09.2024."))

    def clean(self):
        data = super().clean()
        kind = codes.KIND_CODES.get(data.get("art", ""))
        sector = codes.SECTOR_CODES.get(data.get("bereich") or "")
        if kind and sector and sector not in SECTORS_BY_KIND[kind]:
            self.add_error("bereich", _("Der Bereich passt nicht zur Art des Akteurs."))
        level = codes.LEVEL_CODES.get(data.get("ebene", ""))
        if data.get("kommune") and level and level not in LOCAL_LEVELS:
            self.add_error(
                "kommune",
                _("Eine Kommune kann nur bei Akteuren auf Kreis- oder Gemeindeebene stehen."),
            )
        if data.get("uebergeordnet") and data.get("uebergeordnet") == data.get("slug"):
            self.add_error(
                "uebergeordnet", _("Ein Akteur kann nicht sich selbst übergeordnet sein.")
            )
        return data


class ImportFileError(Exception):
    """The file as a whole cannot be read: the message says what to fix."""


XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    """A file's header row and an iterator over its other rows ``(line, cells)``."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    file_format: str
    notices: list[str] = field(default_factory=list)


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding read: UTF-8 (BOM or not), else Windows-1252."""
    if b"\x00" in data:
        raise ImportFileError(
            _(
                "Die Datei ist keine CSV-Textdatei (sie enthält Binärdaten). Bitte speichern "
                "Sie die Tabelle als „CSV UTF-8 (durch Trennzeichen getrennt)“."
            )
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        try:
            # Older Excel versions save "CSV (Trennzeichen-getrennt)" in Windows-1252.
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise ImportFileError(
                _(
                    "Die Datei ist nicht UTF-8-kodiert (ungültiges Byte an Position "
                    "%(position)s). Bitte speichern Sie sie als „CSV UTF-8 (durch "
                    "Trennzeichen getrennt)“."
                )
                % {"position": error.start + 1}
            ) from None


def _normal(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


def _first_line(text: str) -> str:
    end = re.search(r"[\r\n]", text)
    return text if end is None else text[: end.start()]


def _delimiter(first_line: str) -> str:
    """Semicolon or comma, whichever separates the header row; both → the one that
    splits it into more known column names; a tie is refused as unclear."""
    if not first_line.strip():
        raise ImportFileError(_("Die Datei ist leer; erwartet wird eine Kopfzeile mit Spalten."))
    cells = {}
    for d in DELIMITERS:
        try:
            cells[d] = next(csv.reader([first_line], delimiter=d), [])
        except csv.Error:
            cells[d] = [first_line]
    splits = [d for d in DELIMITERS if len(cells[d]) > 1]
    if len(splits) == 1:
        return splits[0]
    if not splits:
        for candidate, name in (("\t", _("Tabulator")), ("|", _("senkrechter Strich"))):
            if candidate in first_line:
                raise ImportFileError(
                    _(
                        "Die Spalten sind durch %(found)s getrennt; erwartet wird ein "
                        "Semikolon (;) oder ein Komma (,)."
                    )
                    % {"found": name}
                )
        return DELIMITERS[0]
    lookup = header_lookup()
    known = {d: sum(1 for cell in cells[d] if _normal(cell) in lookup) for d in DELIMITERS}
    if known[";"] != known[","]:
        return max(DELIMITERS, key=known.get)
    raise ImportFileError(
        _(
            "Das Trennzeichen ist nicht eindeutig: Die Kopfzeile enthält Semikolons und "
            "Kommas. Bitte speichern Sie die Datei mit Semikolon (;) als Trennzeichen."
        )
    )


def _csv_table(data: bytes) -> Table:
    text, encoding = _decode(data)
    delimiter = _delimiter(_first_line(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ImportFileError(
            _("Die Kopfzeile lässt sich nicht lesen: %(error)s") % {"error": error}
        ) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num
        try:
            for cells in reader:
                start, line = line + 1, reader.line_num
                yield start, cells
        except csv.Error as error:
            raise ImportFileError(
                _("Zeile %(line)s lässt sich nicht lesen: %(error)s")
                % {"line": reader.line_num, "error": error}
            ) from None

    notices = []
    if encoding == "cp1252":
        notices.append(_("Die Datei wurde als Windows-1252 (ältere Excel-Versionen) gelesen."))
    return Table(header=header, rows=rows(), file_format="csv", notices=notices)


def _cell_text(value) -> str:
    """A cell of a workbook as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a postal code typed as a number
    return str(value)


def _xlsx_table(data: bytes) -> Table:
    """The first sheet of a workbook, read row by row (``read_only``: openpyxl streams
    the sheet instead of building it in memory)."""
    import openpyxl  # imported here: only XLSX uploads need it

    unreadable = _(
        "Die Datei ist keine lesbare Excel-Arbeitsmappe (XLSX). Bitte speichern Sie sie "
        "erneut als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV."
    )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        first = next(values, None)
    except Exception:  # noqa: BLE001 - any broken archive: the user gets one message
        raise ImportFileError(unreadable) from None
    if first is None:
        workbook.close()
        raise ImportFileError(_("Die Datei ist leer; erwartet wird eine Kopfzeile mit Spalten."))
    header = [_cell_text(value) for value in first]
    while header and not header[-1].strip():
        header.pop()
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, row in enumerate(values, start=2):
                cells = [_cell_text(value) for value in row]
                if len(cells) > width and not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]
                yield number, cells + [""] * (width - len(cells))
        except Exception:  # noqa: BLE001
            raise ImportFileError(unreadable) from None
        finally:
            workbook.close()

    return Table(header=header, rows=rows(), file_format="xlsx")


def read_table(data: bytes) -> Table:
    """The rows of an uploaded file, CSV or XLSX; raises ``ImportFileError``."""
    if data.startswith(XLSX_MAGIC):
        return _xlsx_table(data)
    return _csv_table(data)


def header_lookup() -> dict[str, str]:
    """Normalised header cell → column: the column names and their German and English
    labels."""
    lookup = {column: column for column in [*COLUMNS, *READ_ONLY_COLUMNS]}
    for language in ("de", "en"):
        with override(language):
            for column, label in COLUMN_LABELS.items():
                lookup.setdefault(_normal(str(label)), column)
    return lookup


def header_key(header: list[str]) -> str:
    """What a saved mapping is found by: the file's header row, normalised."""
    return hashlib.sha256("\x1f".join(_normal(c) for c in header).encode()).hexdigest()


@dataclass
class Header:
    """What the import makes of a header row."""

    cells: list[str]
    columns: list[str]  # per cell: the column, or "" (not read)
    unknown: list[str]  # cells it does not know
    saved_mapping: bool = False


def read_header(data: bytes, *, columns: list[str] | None = None) -> Header:
    """The header of a file and the columns of its cells: as given (``columns``, a
    mapping chosen by hand), as recognised, or by a mapping saved for this header.
    Raises ``ImportFileError``."""
    table = read_table(data)
    _close(table)
    return _header(table.header, columns)


def _close(table: Table) -> None:
    close = getattr(table.rows, "close", None)
    if close:
        close()


def _header(cells: list[str], columns: list[str] | None) -> Header:
    if columns is not None and len(columns) == len(cells):
        return Header(cells=cells, columns=list(columns), unknown=[])
    lookup = header_lookup()
    recognised = [lookup.get(_normal(cell), "") for cell in cells]
    unknown = [
        cell.strip()
        for cell, column in zip(cells, recognised, strict=True)
        if cell.strip() and not column
    ]
    if unknown:
        saved = ImportMapping.objects.filter(header_key=header_key(cells)).first()
        if saved is not None and len(saved.columns) == len(cells):
            return Header(cells=cells, columns=list(saved.columns), unknown=[], saved_mapping=True)
    return Header(cells=cells, columns=recognised, unknown=unknown)


def _is_second_header(cells: list[str], columns: list[str], lookup: dict[str, str]) -> bool:
    """Whether a row repeats the header in the other form (the export's names below its
    labels, or labels below names)."""
    named = [(cell, column) for cell, column in zip(cells, columns, strict=False) if column]
    return bool(named) and all(lookup.get(_normal(cell)) == column for cell, column in named)


class Vocabulary:
    """The values a cell may hold for choices and lists: German codes, and the labels
    in German and English (``kommune``, ``Kreisangehörige Kommune``), as codes."""

    CHOICES = {
        "ebene": codes.LEVEL_CODES,
        "art": codes.KIND_CODES,
        "bereich": codes.SECTOR_CODES,
    }

    def __init__(self):
        self.choices = {column: self._table(table) for column, table in self.CHOICES.items()}
        self.dimensions = self._table(codes.DIMENSION_CODES)
        self.obligations = self._table(codes.OBLIGATION_CODES)
        self.target_groups = {
            _normal(x): slug
            for slug, name in TargetGroup.objects.values_list("slug", "name")
            for x in (slug, name)
        }
        self.languages = {
            _normal(x): code
            for code, name in Language.objects.values_list("code", "name")
            for x in (code, name)
        }

    @staticmethod
    def _table(table: dict) -> dict[str, str]:
        lookup = {code: code for code in table}
        for language in ("de", "en"):
            with override(language):
                for code, member in table.items():
                    lookup.setdefault(_normal(str(member.label)), code)
        return lookup

    def codes_of(self, raw: dict[str, str]) -> dict[str, str]:
        """The row with labels turned into codes; unknown values stay for the form to
        report."""
        out = dict(raw)
        for column, lookup in self.choices.items():
            if column in out:
                out[column] = lookup.get(_normal(out[column]), out[column].strip())
        if "dimensionen" in out:
            parts = []
            for part in _split(out["dimensionen"]):
                dimension, sep, obligation = part.partition(":")
                dimension = self.dimensions.get(_normal(dimension), dimension)
                obligation = self.obligations.get(_normal(obligation), obligation)
                parts.append(f"{dimension}{sep}{obligation}")
            out["dimensionen"] = LIST_SEPARATOR.join(parts)
        for column, lookup in (("zielgruppen", self.target_groups), ("sprachen", self.languages)):
            if column in out:
                out[column] = LIST_SEPARATOR.join(
                    lookup.get(_normal(v), v) for v in _split(out[column])
                )
        return out


def parse(data: bytes, *, columns: list[str] | None = None) -> ParseResult:
    """Read and validate a whole file; never raises for bad input. ``columns``: the
    column of each header cell, as the person importing mapped them."""
    result = ParseResult()
    try:
        table = read_table(data)
    except ImportFileError as error:
        result.fatal = str(error)
        return result
    try:
        _parse_table(table, columns, result)
    except ImportFileError as error:
        result.fatal = str(error)
    finally:
        _close(table)
    return result


def _parse_table(table: Table, columns: list[str] | None, result: ParseResult) -> None:
    header = _header(table.header, columns)
    result.header = header
    result.file_format = table.file_format
    result.notices.extend(table.notices)
    if header.saved_mapping:
        result.notices.append(_("Die gespeicherte Zuordnung der Spalten wurde angewandt."))
    named = [column for column in header.columns if column]
    duplicates = sorted({column for column in named if named.count(column) > 1})
    if duplicates:
        result.fatal = _("Diese Spalten kommen mehrfach vor: %(columns)s.") % {
            "columns": ", ".join(duplicates)
        }
        return
    missing = [column for column in REQUIRED_COLUMNS if column not in named]
    if missing:
        result.fatal = _(
            "Es fehlen Pflichtspalten: %(missing)s. Die Kopfzeile muss mindestens "
            "%(required)s enthalten."
        ) % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        return
    if header.unknown:
        result.notices.append(
            _("Diese Spalten sind unbekannt und werden nicht gelesen: %(columns)s.")
            % {"columns": ", ".join(header.unknown)}
        )
    present = {column for column in named if column in COLUMNS}
    width = len(header.columns)
    lookup = header_lookup()
    vocabulary = Vocabulary()
    target_groups = set(TargetGroup.objects.values_list("slug", flat=True))
    languages = set(Language.objects.values_list("code", flat=True))
    form = ActorRowForm(data={}, target_groups=target_groups, languages=languages)
    seen: dict[str, int] = {}
    first = True
    for start, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        if first:
            first = False
            if _is_second_header(cells, header.columns, lookup):
                continue
        result.total_rows += 1
        if result.total_rows > MAX_ROWS:
            result.fatal = _("Die Datei hat mehr als %(max)s Zeilen.") % {"max": MAX_ROWS}
            return
        if len(cells) != width:
            result.errors.append(
                RowError(
                    start,
                    _("Die Zeile hat %(found)s Felder, die Kopfzeile %(expected)s.")
                    % {"found": len(cells), "expected": width},
                )
            )
            continue
        raw = vocabulary.codes_of(
            {
                column: unescape_cell(cell.strip())
                for column, cell in zip(header.columns, cells, strict=True)
                if column in COLUMNS
            }
        )
        row = _validate_row(start, raw, present, form, result)
        if row is None:
            continue
        if row.slug in seen:
            result.errors.append(
                RowError(
                    start,
                    _("Die Kurzadresse „%(slug)s“ steht schon in Zeile %(line)s.")
                    % {"slug": row.slug, "line": seen[row.slug]},
                    row.slug,
                )
            )
            continue
        seen[row.slug] = start
        result.rows.append(row)
    _check_rows(result)
    if result.total_rows == 0:
        result.fatal = _("Die Datei enthält keine Datenzeilen.")


def _validate_row(line, raw, present, form, result) -> ParsedRow | None:
    # One form for all rows, bound to each row in turn: building a form copies its 22
    # fields, which took a third of a large import's time.
    form.data = {column: raw.get(column, "") for column in COLUMNS}
    form.is_bound = True
    form._errors = None
    if not form.is_valid():
        reasons = [
            f"{column}: {' '.join(errors)}" if column != "__all__" else " ".join(errors)
            for column, errors in form.errors.items()
        ]
        result.errors.append(RowError(line, "; ".join(reasons), raw.get("slug", "")))
        return None
    data = form.cleaned_data
    values = {
        **data,
        "ebene": str(codes.LEVEL_CODES[data["ebene"]]),
        "art": str(codes.KIND_CODES[data["art"]]),
        "bereich": str(codes.SECTOR_CODES.get(data["bereich"], "")),
    }
    fields = {
        field: values[column]
        for column, field in FIELD_OF_COLUMN.items()
        if column in present and column not in ("uebergeordnet", "kommune")
    }
    return ParsedRow(
        line=line,
        slug=data["slug"],
        fields=fields,
        columns=present,
        dimensions={str(k): str(v) for k, v in data["dimensionen"].items()}
        if "dimensionen" in present
        else None,
        parent_slug=data["uebergeordnet"] if "uebergeordnet" in present else None,
        municipality_slug=data["kommune"] if "kommune" in present else None,
        target_groups=data["zielgruppen"] if "zielgruppen" in present else None,
        languages=data["sprachen"] if "sprachen" in present else None,
    )


def _check_rows(result: ParseResult) -> None:
    """Refuse the rows that would break a rule once stored, together with the rest.

    Refusing a row changes what the others see (its actor keeps its stored values, or
    does not come to exist): check again until no row is refused.
    """
    while True:
        while _check_references(result):
            pass
        if not _check_models(result):
            return


def _final_state(rows: list[ParsedRow]) -> dict[str, Actor]:
    """The actors the rows touch, as they would be after the import, by slug.

    Stored actors get the file's values on top, rows for new slugs become unsaved actors.
    Also loaded: the stored actors they point to and, transitively, those actors' parents
    and municipalities, so that every chain can be followed in memory. Parents and
    municipalities are set between these objects as the import would leave them.
    """
    referenced = {row.parent_slug for row in rows if row.parent_slug} | {
        row.municipality_slug for row in rows if row.municipality_slug
    }
    stored: dict[int, Actor] = {}
    batch = list(
        Actor.objects.filter(slug__in={row.slug for row in rows} | referenced).defer(
            "search_vector"
        )
    )
    while batch:
        stored.update((actor.pk, actor) for actor in batch)
        wanted = {
            pk for actor in batch for pk in (actor.parent_id, actor.municipality_id) if pk
        } - stored.keys()
        batch = list(Actor.objects.filter(pk__in=wanted).defer("search_vector")) if wanted else []

    state = {actor.slug: actor for actor in stored.values()}
    for row in rows:
        actor = state.get(row.slug) or Actor(slug=row.slug)
        for name, value in row.fields.items():
            setattr(actor, name, value)
        state[row.slug] = actor
    for actor in stored.values():
        if actor.parent_id in stored:
            actor.parent = stored[actor.parent_id]
        if actor.municipality_id in stored:
            actor.municipality = stored[actor.municipality_id]
    for row in rows:
        actor = state[row.slug]
        if row.parent_slug is not None:
            actor.parent = state.get(row.parent_slug)
        if row.municipality_slug is not None:
            actor.municipality = state.get(row.municipality_slug)
    return state


def _check_references(result: ParseResult) -> bool:
    """Parents and municipalities must exist in the database or in the file; parents
    must not form a loop. Returns whether a row was refused."""
    state = _final_state(result.rows)
    valid_rows = []
    for row in result.rows:
        reasons = []
        actor = state[row.slug]
        if row.parent_slug and row.parent_slug not in state:
            reasons.append(
                _("uebergeordnet: Es gibt keinen Akteur „%(slug)s“.") % {"slug": row.parent_slug}
            )
        elif row.parent_slug and (loop := _parent_loop(actor)):
            reasons.append(
                _("uebergeordnet: Die Zuordnung ergäbe einen Kreis: %(chain)s.")
                % {"chain": " → ".join(loop)}
            )
        if row.municipality_slug:
            target = state.get(row.municipality_slug)
            if target is None:
                reasons.append(
                    _("kommune: Es gibt keine Kommune „%(slug)s“.")
                    % {"slug": row.municipality_slug}
                )
            elif target.level != Level.MUNICIPALITY or target.sector != Sector.LOCAL_AUTHORITY:
                reasons.append(
                    _("kommune: „%(slug)s“ ist keine kreisangehörige Stadt oder Gemeinde.")
                    % {"slug": row.municipality_slug}
                )
        if reasons:
            result.errors.append(RowError(row.line, "; ".join(reasons), row.slug))
        else:
            valid_rows.append(row)
    rejected = len(valid_rows) != len(result.rows)
    result.rows = valid_rows
    result.errors.sort(key=lambda error: error.line)
    return rejected


def _parent_loop(actor: Actor) -> list[str]:
    """The slugs from ``actor`` up its parents and back to the first one met twice, or
    [] if the chain ends. Follows the objects of ``_final_state``, so the chain may run
    through rows of the file and stored actors alike, at any depth."""
    chain, seen = [actor.slug], {id(actor)}
    current = actor.parent
    while current is not None:
        chain.append(current.slug)
        if id(current) in seen:
            return chain
        seen.add(id(current))
        current = current.parent
    return []


def _check_models(result: ParseResult) -> bool:
    """Each actor as it would be stored passes the model's full validation: its fields,
    ``Actor.clean()`` and the database constraints (whose ``violation_error_message`` the
    report shows). Returns whether a row was refused."""
    state = _final_state(result.rows)
    constraints = _ConstraintCheck(slugs=[row.slug for row in result.rows])
    valid_rows = []
    for row in result.rows:
        actor = state[row.slug]
        # A municipality named in the file was checked above as the file leaves it; the
        # field's own check would ask the database, which may not know that yet.
        exclude = {"municipality"} if row.municipality_slug is not None else set()
        errors: dict = {}
        try:
            # The slug is unique by construction: rows are matched to the stored actors
            # by it, and the file's duplicates were refused. full_clean() checks the
            # constraints last, on the fields without errors; so does _ConstraintCheck,
            # only faster for thousands of rows.
            actor.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            constraints.validate(actor, exclude=exclude | (errors.keys() - {NON_FIELD_ERRORS}))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            message = "; ".join(_model_error_reasons(ValidationError(errors), row))
            result.errors.append(RowError(row.line, message, row.slug))
        else:
            valid_rows.append(row)
    rejected = len(valid_rows) != len(result.rows)
    result.rows = valid_rows
    result.errors.sort(key=lambda error: error.line)
    return rejected


class _ConstraintCheck:
    """``Model.validate_constraints()`` for the thousands of actors of one file.

    Django asks the database once per check constraint and actor, which takes a few
    milliseconds each. The answer depends only on the values the constraint reads, so
    it is asked once per distinct set of values, and not at all when these values are
    the stored actor's: the database holds them, so it accepted them.
    """

    def __init__(self, *, slugs: list[str]):
        self.constraints = [
            (model, constraint)
            for model, constraints in Actor(slug="").get_constraints()
            for constraint in constraints
        ]
        self.reads = {
            constraint.name: _fields_read_by(constraint) for _model, constraint in self.constraints
        }
        attnames = {"pk"} | {
            Actor._meta.get_field(name).attname
            for names in self.reads.values()
            for name in names or ()
            if name != "pk"
        }
        self.stored = {
            values.pop("slug"): values
            for values in Actor.objects.filter(slug__in=slugs).values("slug", *attnames)
        }
        self.field_names = {field.name for field in Actor._meta.concrete_fields}
        self.answers: dict[tuple, ValidationError | None] = {}

    def validate(self, actor: Actor, *, exclude: set[str]) -> None:
        errors: dict = {}
        using = router.db_for_write(Actor, instance=actor)
        for model, constraint in self.constraints:
            reads = self.reads[constraint.name]
            if reads is None:  # not a check constraint: Django's way, every time
                answer = self._ask(model, constraint, actor, exclude, using)
            elif reads & exclude:
                continue  # as full_clean(): only fields that passed their own checks
            else:
                values = tuple(_value(actor, name) for name in sorted(reads))
                stored = self.stored.get(actor.slug)
                if stored is not None and values == tuple(
                    _stored_value(stored, name) for name in sorted(reads)
                ):
                    continue
                key = (constraint.name, values)
                if key not in self.answers:
                    # The values the constraint does not read stay out of the check query.
                    others = self.field_names - reads
                    self.answers[key] = self._ask(model, constraint, actor, others, using)
                answer = self.answers[key]
            if answer is not None:
                errors = answer.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _ask(model, constraint, actor, exclude, using) -> ValidationError | None:
        try:
            constraint.validate(model, actor, exclude=exclude, using=using)
        except ValidationError as error:
            return error
        return None


def _fields_read_by(constraint) -> set[str] | None:
    if isinstance(constraint, models.CheckConstraint):
        return set(Q(constraint.condition).referenced_base_fields)
    return None


def _value(actor: Actor, name: str):
    return actor.pk if name == "pk" else getattr(actor, Actor._meta.get_field(name).attname)


def _stored_value(stored: dict, name: str):
    return stored["pk"] if name == "pk" else stored[Actor._meta.get_field(name).attname]


def _model_error_reasons(error: ValidationError, row: ParsedRow) -> list[str]:
    """``column: message`` per field, as the form errors read; a value the file does not
    hold (its column is missing) is marked as the stored one, so that the reader knows
    which column to add."""
    reasons = []
    for name, messages in error.message_dict.items():
        text = " ".join(messages)
        if name == NON_FIELD_ERRORS:
            reasons.append(text)
            continue
        column = COLUMN_OF_FIELD.get(name, name)
        if column not in row.columns:
            column = _("%(column)s (gespeichert, nicht in der Datei)") % {"column": column}
        reasons.append(f"{column}: {text}")
    return reasons


# --- the preview: what a confirmed import would do, row by row ------------------------

#: Names at least this similar (difflib's ratio, after ``comparable_name``) are flagged.
DUPLICATE_RATIO = 0.85
#: Legal forms and similar words that say nothing about which organisation it is.
_LEGAL_FORMS = {"ev", "ggmbh", "gmbh", "mbh", "gbr", "ug", "ag", "kg", "eg", "kdoer", "aor"}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def comparable_name(name: str) -> str:
    """A name reduced for comparison: lowercase, umlauts spelled out, no punctuation,
    no legal forms (``Tafel Musterstadt e.V.`` → ``tafel musterstadt``)."""
    text = name.lower().translate(_UMLAUTS)
    text = re.sub(r"\be\s*\.\s*v\b\.?", " ", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    return " ".join(word for word in words if word not in _LEGAL_FORMS)


class RowStatus:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"


STATUS_LABELS = {
    RowStatus.NEW: gettext_lazy("neu"),
    RowStatus.CHANGED: gettext_lazy("geändert"),
    RowStatus.UNCHANGED: gettext_lazy("unverändert"),
    RowStatus.ERROR: gettext_lazy("fehlerhaft"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class RowPreview:
    line: int
    slug: str
    name: str
    status: str
    changes: list[FieldChange] = field(default_factory=list)
    message: str = ""
    #: Stored actors of the same municipality with a similar name: (name, slug).
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Preview:
    rows: list[RowPreview]
    counts: dict[str, int]
    duplicates: int


def _display(actor_field, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if actor_field.choices:
        return str(dict(actor_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _list_display(values) -> str:
    return ", ".join(sorted(str(v) for v in values)) or "–"


def _dimensions_display(dimensions: dict) -> str:
    return (
        ", ".join(
            f"{codes.DIMENSION_CODES[codes.code_of(codes.DIMENSION_CODES, d)].label}: "
            f"{codes.OBLIGATION_CODES[codes.code_of(codes.OBLIGATION_CODES, o)].label}"
            for d, o in sorted(dimensions.items())
        )
        or "–"
    )


def _row_changes(row: ParsedRow, actor: Actor | None) -> list[FieldChange]:
    """Field, old → new for each value the row changes (all it sets for a new actor)."""
    changes = []
    for name, value in row.fields.items():
        model_field = Actor._meta.get_field(name)
        old = getattr(actor, name) if actor else None
        if actor is None and value in ("", None):
            continue
        if old != value:
            changes.append(
                FieldChange(
                    str(model_field.verbose_name),
                    _display(model_field, old),
                    _display(model_field, value),
                )
            )
    for name, slug in (("parent", row.parent_slug), ("municipality", row.municipality_slug)):
        if slug is None:
            continue
        target = getattr(actor, name) if actor else None
        old = target.slug if target else ""
        if old != slug and (actor or slug):
            label = str(Actor._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label, old or "–", slug or "–"))
    if row.dimensions is not None:
        old = {r.dimension: r.obligation for r in actor.dimension_roles.all()} if actor else {}
        if old != row.dimensions and (actor or row.dimensions):
            changes.append(
                FieldChange(
                    str(COLUMN_LABELS["dimensionen"]),
                    _dimensions_display(old),
                    _dimensions_display(row.dimensions),
                )
            )
    for column, values, attr, key in (
        ("zielgruppen", row.target_groups, "target_groups", "slug"),
        ("sprachen", row.languages, "languages", "code"),
    ):
        if values is None:
            continue
        old = {getattr(x, key) for x in getattr(actor, attr).all()} if actor else set()
        if old != set(values) and (actor or values):
            changes.append(
                FieldChange(str(COLUMN_LABELS[column]), _list_display(old), _list_display(values))
            )
    return changes


def _similar_names(rows: list[ParsedRow], new: set[str]) -> dict[str, list[tuple[str, str]]]:
    """For each new row with a municipality, the stored actors of that municipality
    whose name is similar; the actors of all municipalities in one query."""
    wanted = {row.municipality_slug for row in rows if row.slug in new and row.municipality_slug}
    if not wanted:
        return {}
    by_town: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for town, name, slug in Actor.objects.filter(municipality__slug__in=wanted).values_list(
        "municipality__slug", "name", "slug"
    ):
        by_town[town].append((comparable_name(name), name, slug))
    found: dict[str, list[tuple[str, str]]] = {}
    matcher = difflib.SequenceMatcher(autojunk=False)
    for row in rows:
        if row.slug not in new or not row.municipality_slug:
            continue
        candidates = by_town.get(row.municipality_slug)
        if not candidates:
            continue
        matcher.set_seq2(comparable_name(row.fields.get("name", "")))
        hits = []
        for comparable, name, slug in candidates:
            matcher.set_seq1(comparable)
            if (
                matcher.real_quick_ratio() >= DUPLICATE_RATIO
                and matcher.quick_ratio() >= DUPLICATE_RATIO
                and matcher.ratio() >= DUPLICATE_RATIO
            ):
                hits.append((name, slug))
        if hits:
            found[row.slug] = hits
    return found


def preview(result: ParseResult) -> Preview:
    """What importing the parsed file would do, row by row, without writing: new,
    changed (with the changes), unchanged, or refused (with the reason); new rows
    whose name is similar to a stored actor's of the same municipality are flagged."""
    stored = {
        actor.slug: actor
        for actor in Actor.objects.filter(slug__in=[row.slug for row in result.rows])
        .select_related("parent", "municipality")
        .prefetch_related("dimension_roles", "target_groups", "languages")
        .defer("search_vector")
    }
    new = {row.slug for row in result.rows if row.slug not in stored}
    similar = _similar_names(result.rows, new)
    rows = []
    for row in result.rows:
        actor = stored.get(row.slug)
        changes = _row_changes(row, actor)
        if actor is None:
            status = RowStatus.NEW
        else:
            status = RowStatus.CHANGED if changes else RowStatus.UNCHANGED
        rows.append(
            RowPreview(
                line=row.line,
                slug=row.slug,
                name=row.fields.get("name", actor.name if actor else ""),
                status=status,
                changes=changes if actor else [],
                duplicates=similar.get(row.slug, []),
            )
        )
    rows.extend(
        RowPreview(line=e.line, slug=e.slug, name="", status=RowStatus.ERROR, message=e.message)
        for e in result.errors
    )
    rows.sort(key=lambda r: r.line)
    counts = {status: 0 for status in STATUS_LABELS}
    for row in rows:
        counts[row.status] += 1
    return Preview(rows=rows, counts=counts, duplicates=len(similar))
