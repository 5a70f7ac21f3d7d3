"""Forms of the Redaktion's editorial area (``timeline.editorial``).

One form per kind of content, over the fields a draft may change (``timeline.editing``).
They validate with the model's own rules (``clean()``, constraints) on a copy of the
content, never on the published row, and are never saved themselves: the view hands
their values to ``services.revision_save``. Every text says its limit and refuses a
longer one with the limit and the count; line breaks arrive as LF, so a textarea sent
back untouched equals what is stored.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import ids
from core.text_input import PlainTextFormMixin, TextLimitsFormMixin
from timeline.editing import BY_MODEL, normalized
from timeline.models import (
    FOCUS_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    PUBLISH_NOTE_MAX_LENGTH,
    Event,
    Period,
    Quote,
    Source,
    Thesis,
)


class LineBreakTextField(forms.CharField):
    """A multi-line text whose line breaks arrive as LF, whatever the browser sent."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalized(value) if isinstance(value, str) else value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _rows(limit: int | None) -> int:
    if limit is None or limit <= FOCUS_MAX_LENGTH:
        return 3
    return 14 if limit >= LONG_TEXT_MAX_LENGTH else 7


def formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """The form field of a model field in the editorial forms."""
    if isinstance(db_field, models.TextField):
        kwargs.setdefault("form_class", LineBreakTextField)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": _rows(db_field.max_length)}))
    elif isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ids.ModelChoiceField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("widget", DateInput)
    return db_field.formfield(**kwargs)


#: A textarea grows with its text up to this many rows (then it scrolls).
MAX_ROWS = 24


class EditorialForm(TextLimitsFormMixin, PlainTextFormMixin, forms.ModelForm):
    """The fields of a draft, with the draft's version the editor saw (0: no draft yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    class Meta:
        formfield_callback = formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea):
                # Show the whole text where it fits: a line per line and per 70 characters.
                text = str(self.initial.get(name) or "")
                needed = sum(1 + len(line) // 70 for line in text.splitlines()) + 1
                rows = int(field.widget.attrs.get("rows", 3))
                field.widget.attrs["rows"] = min(MAX_ROWS, max(rows, needed))


# The fields of each kind, in their order on the page, come from the registry
# (timeline/editing.py).


class PeriodForm(EditorialForm):
    class Meta(EditorialForm.Meta):
        model = Period
        fields = list(BY_MODEL[Period].fields)


class EventForm(EditorialForm):
    class Meta(EditorialForm.Meta):
        model = Event
        fields = list(BY_MODEL[Event].fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = Period.objects.order_by("position", "start_year")


class ThesisForm(EditorialForm):
    class Meta(EditorialForm.Meta):
        model = Thesis
        fields = list(BY_MODEL[Thesis].fields)


class QuoteForm(EditorialForm):
    class Meta(EditorialForm.Meta):
        model = Quote
        fields = list(BY_MODEL[Quote].fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thesis"].queryset = Thesis.objects.order_by("number")
        self.fields["source"].queryset = Source.objects.order_by("authors", "year", "key")


class SourceForm(EditorialForm):
    class Meta(EditorialForm.Meta):
        model = Source
        fields = list(BY_MODEL[Source].fields)


# New content: the fields set once (its address or number) come first.


SLUG_HINT = _(
    "Teil der Adresse, bleibt danach fest: Kleinbuchstaben, Ziffern und Bindestriche, "
    "z. B. „{example}“."
)


class PeriodCreateForm(PeriodForm):
    class Meta(PeriodForm.Meta):
        fields = ["slug", *PeriodForm.Meta.fields]
        help_texts = {"slug": format_lazy(SLUG_HINT, example="2020er")}


class EventCreateForm(EventForm):
    class Meta(EventForm.Meta):
        fields = ["slug", *EventForm.Meta.fields]
        help_texts = {"slug": format_lazy(SLUG_HINT, example="anwerbestopp-1973")}


class ThesisCreateForm(ThesisForm):
    class Meta(ThesisForm.Meta):
        fields = ["number", *ThesisForm.Meta.fields]
        help_texts = {"number": _("Die Stelle der These in der Reihe; jede Nummer nur einmal.")}


class SourceCreateForm(SourceForm):
    class Meta(SourceForm.Meta):
        fields = ["key", *SourceForm.Meta.fields]
        help_texts = {"key": format_lazy(SLUG_HINT, example="bommes-2018")}


EDIT_FORMS: dict[type[models.Model], type[EditorialForm]] = {
    Period: PeriodForm,
    Event: EventForm,
    Thesis: ThesisForm,
    Quote: QuoteForm,
    Source: SourceForm,
}
CREATE_FORMS: dict[type[models.Model], type[EditorialForm]] = {
    Period: PeriodCreateForm,
    Event: EventCreateForm,
    Thesis: ThesisCreateForm,
    Source: SourceCreateForm,
}


class VersionForm(forms.Form):
    """The draft's version the editor saw, for discarding and restoring."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PublishForm(TextLimitsFormMixin, PlainTextFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Notiz zur Veröffentlichung"),
        max_length=PUBLISH_NOTE_MAX_LENGTH,
        help_text=_("Was sich ändert, z. B. „Tippfehler korrigiert“. Steht in den Versionen."),
        error_messages={"required": _("Bitte schreiben Sie kurz, was sich ändert.")},
    )
