"""Reading and validating an actor CSV file. Nothing here writes to the database.

The file format is the export's (see ``actors/exporting.py`` and ``docs/actors.md``):
UTF-8 (with or without BOM), semicolon-separated, one header row with German column
names. Every row is validated before anything is written; each problem is reported
with its line number and reason. Broken encodings, a wrong delimiter or missing
columns end in one clear message, never in a traceback.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext as _

from actors import codes
from actors.models import LOCAL_LEVELS, SECTORS_BY_KIND, Actor, Language, Level, Sector, TargetGroup

DELIMITER = ";"
LIST_SEPARATOR = "|"
MAX_ROWS = 5000

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
# Columns of the export the import reads past (contact persons are kept in the admin).
READ_ONLY_COLUMNS = ["ansprechpersonen"]

YES = {"ja", "j", "yes", "true", "1", "x"}
NO = {"nein", "n", "no", "false", "0"}

# Characters that make spreadsheet programs evaluate a cell; the export prefixes such
# values with an apostrophe (CSV injection), the import removes it again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unescape_cell(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


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


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


class ActorRowForm(forms.Form):
    """Validates one CSV row; the columns are the form's fields (German codes)."""

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


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ImportFileError(
            _(
                "Die Datei ist keine CSV-Textdatei (sie enthält Binärdaten). Bitte speichern "
                "Sie die Tabelle als „CSV UTF-8 (durch Trennzeichen getrennt)“."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "Die Datei ist nicht UTF-8-kodiert (ungültiges Byte an Position %(position)s). "
                "Bitte speichern Sie sie als „CSV UTF-8 (durch Trennzeichen getrennt)“."
            )
            % {"position": error.start + 1}
        ) from None


class ImportFileError(Exception):
    """The file as a whole cannot be read: the message says what to fix."""


def _check_delimiter(text: str) -> None:
    first_line = text.splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise ImportFileError(_("Die Datei ist leer; erwartet wird eine Kopfzeile mit Spalten."))
    if DELIMITER not in first_line:
        for candidate, name in (
            (",", _("Komma")),
            ("\t", _("Tabulator")),
            ("|", _("senkrechter Strich")),
        ):
            if candidate in first_line:
                raise ImportFileError(
                    _(
                        "Die Spalten sind durch %(found)s getrennt; erwartet wird ein "
                        "Semikolon (;), wie es Excel beim Speichern als CSV verwendet."
                    )
                    % {"found": name}
                )


def parse(data: bytes) -> ParseResult:
    """Read and validate a whole file; never raises for bad input."""
    result = ParseResult()
    try:
        text = _decode(data)
        _check_delimiter(text)
    except ImportFileError as error:
        result.fatal = str(error)
        return result

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except (StopIteration, csv.Error) as error:
        result.fatal = _("Die Kopfzeile lässt sich nicht lesen: %(error)s") % {"error": error}
        return result
    duplicates = sorted({column for column in header if header.count(column) > 1 and column})
    if duplicates:
        result.fatal = _("Diese Spalten kommen mehrfach vor: %(columns)s.") % {
            "columns": ", ".join(duplicates)
        }
        return result
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        result.fatal = _(
            "Es fehlen Pflichtspalten: %(missing)s. Die Kopfzeile muss mindestens "
            "%(required)s enthalten."
        ) % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        return result
    unknown = [c for c in header if c and c not in COLUMNS and c not in READ_ONLY_COLUMNS]
    if unknown:
        result.notices.append(
            _("Diese Spalten sind unbekannt und werden nicht gelesen: %(columns)s.")
            % {"columns": ", ".join(unknown)}
        )
    present = {column for column in header if column in COLUMNS}

    target_groups = set(TargetGroup.objects.values_list("slug", flat=True))
    languages = set(Language.objects.values_list("code", flat=True))
    seen: dict[str, int] = {}
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            result.total_rows += 1
            if result.total_rows > MAX_ROWS:
                result.fatal = _("Die Datei hat mehr als %(max)s Zeilen.") % {"max": MAX_ROWS}
                return result
            if len(cells) != len(header):
                result.errors.append(
                    RowError(
                        start,
                        _("Die Zeile hat %(found)s Felder, die Kopfzeile %(expected)s.")
                        % {"found": len(cells), "expected": len(header)},
                    )
                )
                continue
            raw = {
                column: unescape_cell(cell.strip())
                for column, cell in zip(header, cells, strict=True)
                if column in COLUMNS
            }
            row = _validate_row(start, raw, present, target_groups, languages, result)
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
    except csv.Error as error:
        result.fatal = _("Zeile %(line)s lässt sich nicht lesen: %(error)s") % {
            "line": reader.line_num,
            "error": error,
        }
        return result
    # A row may point at another row that turns out invalid: check until nothing changes.
    while _check_references(result):
        pass
    if result.total_rows == 0:
        result.fatal = _("Die Datei enthält keine Datenzeilen.")
    return result


def _validate_row(line, raw, present, target_groups, languages, result) -> ParsedRow | None:
    form = ActorRowForm(
        data={column: raw.get(column, "") for column in COLUMNS},
        target_groups=target_groups,
        languages=languages,
    )
    if not form.is_valid():
        reasons = [
            f"{column}: {' '.join(errors)}" if column != "__all__" else " ".join(errors)
            for column, errors in form.errors.items()
        ]
        result.errors.append(RowError(line, "; ".join(reasons), raw.get("slug", "")))
        return None
    data = form.cleaned_data
    mapping = {
        "name": ("name", data["name"]),
        "kurzname": ("short_name", data["kurzname"]),
        "ebene": ("level", str(codes.LEVEL_CODES[data["ebene"]])),
        "art": ("kind", str(codes.KIND_CODES[data["art"]])),
        "bereich": ("sector", str(codes.SECTOR_CODES.get(data["bereich"], ""))),
        "beschreibung": ("description", data["beschreibung"]),
        "strasse": ("street", data["strasse"]),
        "plz": ("postal_code", data["plz"]),
        "ort": ("city", data["ort"]),
        "telefon": ("phone", data["telefon"]),
        "email": ("email", data["email"]),
        "website": ("website", data["website"]),
        "oeffnungszeiten": ("opening_hours", data["oeffnungszeiten"]),
        "oeffentlich": ("is_public", data["oeffentlich"]),
        "zuletzt_geprueft": ("last_verified", data["zuletzt_geprueft"]),
        "interne_notizen": ("internal_notes", data["interne_notizen"]),
    }
    fields = {name: value for column, (name, value) in mapping.items() if column in present}
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


def _check_references(result: ParseResult) -> bool:
    """Parents and municipalities must exist in the database or in the file.

    Returns whether a row was rejected.
    """
    in_file = {row.slug: row for row in result.rows}
    referenced = {row.parent_slug for row in result.rows if row.parent_slug} | {
        row.municipality_slug for row in result.rows if row.municipality_slug
    }
    existing = {
        actor["slug"]: actor
        for actor in Actor.objects.filter(slug__in=referenced).values(
            "slug", "level", "sector", "parent__slug"
        )
    }
    parent_of = {slug: actor["parent__slug"] for slug, actor in existing.items()}
    parent_of.update(
        {row.slug: row.parent_slug for row in result.rows if row.parent_slug is not None}
    )

    valid_rows = []
    for row in result.rows:
        reasons = []
        if row.parent_slug and row.parent_slug not in in_file and row.parent_slug not in existing:
            reasons.append(
                _("uebergeordnet: Es gibt keinen Akteur „%(slug)s“.") % {"slug": row.parent_slug}
            )
        elif row.parent_slug and _has_cycle(row.slug, parent_of):
            reasons.append(_("uebergeordnet: Die Zuordnung ergäbe einen Kreis."))
        if row.municipality_slug:
            target = in_file.get(row.municipality_slug)
            if target is not None:
                level, sector = target.fields.get("level"), target.fields.get("sector")
            elif row.municipality_slug in existing:
                level = existing[row.municipality_slug]["level"]
                sector = existing[row.municipality_slug]["sector"]
            else:
                level = sector = None
            if level is None:
                reasons.append(
                    _("kommune: Es gibt keine Kommune „%(slug)s“.")
                    % {"slug": row.municipality_slug}
                )
            elif level != Level.MUNICIPALITY or sector != Sector.LOCAL_AUTHORITY:
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


def _has_cycle(slug: str, parent_of: dict[str, str | None]) -> bool:
    seen = {slug}
    current = parent_of.get(slug)
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parent_of.get(current)
    return False
