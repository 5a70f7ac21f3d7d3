"""Reading and validating an actor CSV file. Nothing here writes to the database.

The file format is the export's (see ``actors/exporting.py`` and ``docs/actors.md``):
UTF-8 (with or without BOM), semicolon-separated, one header row with German column
names. Every row is validated before anything is written; each problem is reported
with its line number and reason. Broken encodings, a wrong delimiter or missing
columns end in one clear message, never in a traceback.

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
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_slug
from django.db import models, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from actors import codes
from actors.models import LOCAL_LEVELS, SECTORS_BY_KIND, Actor, Language, Level, Sector, TargetGroup
from core.csv_export import DELIMITER, unescape_cell
from core.text_input import PlainTextFormMixin

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
    _check_rows(result)
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
