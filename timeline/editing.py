"""What the Redaktion edits in the portal, per kind of content, and how its values compare.

Each kind (period, event, thesis, quote, source) names the fields a draft may change, in
the order the form shows them, and which translations rest on which German text: the
English title of a period on its German title, the Leichte-Sprache summary on the German
summary and focus, the plain-English summary on the Leichte-Sprache one. When a
publication changes a German text but not a translation resting on it, that translation
is flagged "veraltet" (``services``).

Drafts keep values as JSON (``Revision.changes``): foreign keys as ids, dates as ISO
strings. Two texts are the same when they differ only in line endings or surrounding
white space: a browser sends every line break of a textarea as CR LF and the form strips
the ends, so an untouched field must never count as a change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from timeline.models import ContentKind, Event, Period, Publishable, Quote, Source, Thesis

ENGLISH = _("Englisch")
EASY = _("Leichte Sprache")
EASY_ENGLISH = _("Einfaches Englisch")


@dataclass(frozen=True)
class Translation:
    """A text that renders German ``sources`` for another audience."""

    field: str
    sources: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class EditableKind:
    kind: str
    #: The URL segment below /redaktion/ (German, plural).
    segment: str
    model: type[models.Model]
    #: Fields a draft may change, in the order of the form.
    fields: tuple[str, ...]
    #: Fields set once, when the content is created (its address or number).
    create_fields: tuple[str, ...]
    translations: tuple[Translation, ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.verbose_name

    @property
    def label_plural(self) -> str:
        return self.model._meta.verbose_name_plural

    @property
    def publishable(self) -> bool:
        """Whether the content has its own draft/published state (a quote has none: it is
        public with its thesis)."""
        return issubclass(self.model, Publishable)

    def translation(self, field: str) -> Translation | None:
        return next((t for t in self.translations if t.field == field), None)

    def translations_of(self, source: str) -> list[Translation]:
        return [t for t in self.translations if source in t.sources]

    def german_fields(self) -> tuple[str, ...]:
        translated = {t.field for t in self.translations}
        return tuple(name for name in self.fields if name not in translated)


KINDS: tuple[EditableKind, ...] = (
    EditableKind(
        kind=ContentKind.PERIOD,
        segment="zeitabschnitte",
        model=Period,
        fields=(
            "title",
            "start_year",
            "end_year",
            "position",
            "focus",
            "summary",
            "title_en",
            "focus_en",
            "summary_en",
            "easy_summary",
            "easy_summary_en",
        ),
        create_fields=("slug",),
        translations=(
            Translation("title_en", ("title",), ENGLISH),
            Translation("focus_en", ("focus",), ENGLISH),
            Translation("summary_en", ("summary",), ENGLISH),
            Translation("easy_summary", ("summary", "focus"), EASY),
            Translation("easy_summary_en", ("easy_summary",), EASY_ENGLISH),
        ),
    ),
    EditableKind(
        kind=ContentKind.EVENT,
        segment="ereignisse",
        model=Event,
        fields=("period", "year", "date", "level", "kind", "title", "text", "title_en", "text_en"),
        create_fields=("slug",),
        translations=(
            Translation("title_en", ("title",), ENGLISH),
            Translation("text_en", ("text",), ENGLISH),
        ),
    ),
    EditableKind(
        kind=ContentKind.THESIS,
        segment="thesen",
        model=Thesis,
        fields=("title", "explanation", "title_en", "explanation_en"),
        create_fields=("number",),
        translations=(
            Translation("title_en", ("title",), ENGLISH),
            Translation("explanation_en", ("explanation",), ENGLISH),
        ),
    ),
    EditableKind(
        kind=ContentKind.QUOTE,
        segment="zitate",
        model=Quote,
        fields=("thesis", "position", "text", "source", "pages", "translation_en"),
        create_fields=(),
        translations=(Translation("translation_en", ("text",), ENGLISH),),
    ),
    EditableKind(
        kind=ContentKind.SOURCE,
        segment="quellen",
        model=Source,
        fields=(
            "short_citation",
            "authors",
            "year",
            "citation",
            "url",
            "accessed",
            "in_keynote_bibliography",
            "is_recommendation",
            "note",
            "note_en",
        ),
        create_fields=("key",),
        translations=(Translation("note_en", ("note",), ENGLISH),),
    ),
)

BY_KIND = {spec.kind: spec for spec in KINDS}
BY_SEGMENT = {spec.segment: spec for spec in KINDS}
BY_MODEL = {spec.model: spec for spec in KINDS}


# --- values -----------------------------------------------------------------------------


def _model_field(model, name: str) -> models.Field:
    return model._meta.get_field(name)


def to_json(model_field: models.Field, value):
    """A Python value of a model field (or a form's cleaned value) as a JSON value."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return normalized(value)
    return value


def from_json(model_field: models.Field, value):
    """A JSON value back as the Python value of the model field (ids for relations)."""
    if value is None:
        return None
    if model_field.is_relation:
        return int(value)
    return model_field.to_python(value)


def normalized(value: str) -> str:
    """Line breaks as LF, no white space at the ends: what a text field means."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def same(a, b) -> bool:
    """Whether two JSON values of a field mean the same (empty text and none are alike)."""
    if isinstance(a, str) or isinstance(b, str):
        return normalized(a or "") == normalized(b or "")
    return a == b


def values_of(obj: models.Model, fields) -> dict:
    """The object's values of the fields, as JSON values."""
    values = {}
    for name in fields:
        model_field = _model_field(type(obj), name)
        raw = getattr(obj, model_field.attname)
        values[name] = to_json(model_field, raw)
    return values


def apply_values(obj: models.Model, values: dict) -> None:
    """Set JSON values on the object (not saved)."""
    for name, value in values.items():
        model_field = _model_field(type(obj), name)
        setattr(obj, model_field.attname, from_json(model_field, value))
        if model_field.is_relation and model_field.is_cached(obj):
            # Forget the related object loaded for the old id.
            model_field.delete_cached_value(obj)


def differences(old: dict, new: dict) -> list[str]:
    """The fields whose values differ, in the order of ``new``."""
    return [name for name, value in new.items() if not same(old.get(name), value)]


GENERAL = _("Angaben")
GERMAN = _("Deutsch (Ausgangstext)")


def sections(spec: EditableKind) -> list[tuple[str, list[str]]]:
    """The form's fields in groups: the facts, the German texts the translations rest on,
    then one group per language of the translations."""
    translated = {t.field: t for t in spec.translations}
    sources = {source for t in spec.translations for source in t.sources}
    general, german = str(GENERAL), str(GERMAN)
    groups: dict[str, list[str]] = {general: [], german: []}
    for name in spec.fields:
        if name in translated:
            groups.setdefault(str(translated[name].language), []).append(name)
        elif name in sources:
            groups[german].append(name)
        else:
            groups[general].append(name)
    return [(label, names) for label, names in groups.items() if names]


def object_label(obj: models.Model) -> str:
    """How the Redaktion's pages name an object: a quote by its thesis and place (its
    text is long), everything else as it names itself."""
    if isinstance(obj, Quote):
        return _("These %(number)s, Zitat %(position)s (%(source)s)") % {
            "number": obj.thesis.number,
            "position": obj.position,
            "source": obj.label,
        }
    return str(obj)


def detached_copy(obj: models.Model) -> models.Model:
    """A copy of a saved object that forms and previews may change: never saved (the
    views hand values to the services), but validated as the object it copies."""
    copy = type(obj)(**{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})
    copy._state.adding = False
    copy._state.db = obj._state.db
    return copy


def with_changes(obj: models.Model, changes: dict) -> models.Model:
    """A detached copy of the object with a draft's changes applied."""
    copy = detached_copy(obj)
    apply_values(copy, changes)
    return copy
