"""What the portal accepts as typed text: no invisible control or direction characters.

Control characters (an escape sequence such as ``\\x1b[31m`` colours a terminal that
shows a CSV file or a log) and the Unicode characters that override or isolate the
writing direction (U+202A–U+202E, U+2066–U+2069, which make ``exe.txt`` display as
``txt.exe``) have no place in a name, an address or a note. They are refused, never
silently removed, so that nobody's text changes behind their back.

Allowed: tab and line feed everywhere, carriage return in multi-line fields (browsers
send a line break in a textarea as CR LF). The right-to-left and left-to-right *marks*
(U+200E, U+200F) stay allowed: Arabic and Hebrew text needs them and they reorder nothing
beyond themselves.

Every text field also has a limit: no single text may stretch a page over many screens
or fill the database. A field without one of its own (a model ``TextField``, a form
``CharField`` without ``max_length``) gets the default of its kind: ``TEXT_MAX_LENGTH``
for multi-line text, ``LINE_MAX_LENGTH`` for a single line. A longer text is refused
with the limit and the count (``MaxCharactersValidator``); the page gets ``maxlength``,
multi-line fields say the limit in their hint, and ``static/js/text-counter.js`` counts
along where JavaScript runs.

Every text field of every portal form gets both once, through ``PlainTextFormMixin``
(site forms, the import rows) and ``PlainTextAdminMixin`` (every ``ModelAdmin`` and
inline of the Django admin); allauth's forms get the limit through
``TextLengthFormMixin`` (``integration_portal/forms.py``). ``tests/test_text_input.py``
and ``tests/test_text_limits.py`` fail for a form that lacks them.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import formats
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: Unicode bidirectional embedding, override and isolate characters.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Control characters a single-line field accepts; a multi-line one also takes CR.
LINE_CONTROLS = frozenset("\t\n")
TEXT_CONTROLS = frozenset("\t\n\r")

#: The limit of multi-line text without one of its own (descriptions, notes, the
#: history's texts). About four printed pages: six times the longest text of the keynote
#: content (a thesis's explanation, 1,637 characters), and a 20,000-character paste is
#: refused.
TEXT_MAX_LENGTH = 10_000
#: The limit of a single line without one of its own (a cell of the CSV import such as
#: the list of target groups or languages, a web address, a password, a code). Every
#: model ``CharField`` has its own, smaller limit; this one leaves room for a list of
#: every target group and language of a growing directory (all seven target groups of
#: the keynote content take 127 characters) without letting a line fill a screen.
LINE_MAX_LENGTH = 1_000


def grouped_number(value: int) -> str:
    """20000 as „20.000“ (German) or "20,000" (English)."""
    return formats.number_format(value, force_grouping=True)


@deconstructible
class MaxCharactersValidator(MaxLengthValidator):
    """Django's length check with a message that names the limit and the count.

    A line break counts as one character, as the browser counts it against ``maxlength``
    (a textarea sends it as CR LF, two characters): the count in the message is the one
    the person saw while typing."""

    message = _("Höchstens %(limit)s Zeichen, Sie haben %(count)s eingegeben.")

    def clean(self, x) -> int:
        if isinstance(x, str):
            return len(x.replace("\r\n", "\n"))
        return len(x)

    def __call__(self, value) -> None:
        count = self.clean(value)
        if self.compare(count, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit": grouped_number(self.limit_value),
                    "count": grouped_number(count),
                    "limit_value": self.limit_value,
                    "show_value": count,
                    "value": value,
                },
            )


@deconstructible
class PlainTextValidator:
    """Refuses control characters (Unicode category Cc) other than the allowed ones, and
    bidirectional override and isolate characters. NUL is left to Django's own
    ``ProhibitNullCharactersValidator``, which every form ``CharField`` has."""

    control_message = _(
        "Der Text enthält ein unsichtbares Steuerzeichen (%(code)s an Stelle %(position)s). "
        "Bitte entfernen Sie es, zum Beispiel indem Sie den Text neu eintippen statt ihn "
        "einzufügen."
    )
    bidi_message = _(
        "Der Text enthält ein unsichtbares Zeichen, das die Schreibrichtung umkehrt "
        "(%(code)s an Stelle %(position)s). Bitte entfernen Sie es, zum Beispiel indem Sie "
        "den Text neu eintippen statt ihn einzufügen."
    )

    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        allowed = TEXT_CONTROLS if self.multiline else LINE_CONTROLS
        for position, char in enumerate(value, start=1):
            if char in BIDI_CONTROLS:
                message, code = self.bidi_message, "bidi_control"
            elif char != "\x00" and char not in allowed and unicodedata.category(char) == "Cc":
                message, code = self.control_message, "control_character"
            else:
                continue
            raise ValidationError(
                message, code=code, params={"code": f"U+{ord(char):04X}", "position": position}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainTextValidator) and other.multiline == self.multiline


def protect_text_field(field: forms.Field, *, multiline: bool = False) -> forms.Field:
    """Give a form field the plain-text check if it takes text (``CharField`` and its kin:
    e-mail, URL, slug, regex fields). Multi-line when it is shown as a textarea or
    ``multiline`` says so."""
    if isinstance(field, forms.CharField) and not any(
        isinstance(validator, PlainTextValidator) for validator in field.validators
    ):
        multiline = multiline or isinstance(field.widget, forms.Textarea)
        field.validators.append(PlainTextValidator(multiline=multiline))
    return field


def limit_hint(limit: int) -> str:
    """The hint that states a field's limit: „Höchstens 2.000 Zeichen.“"""
    return gettext("Höchstens %(limit)s Zeichen.") % {"limit": grouped_number(limit)}


def model_text_limit(db_field) -> int | None:
    """The limit of a model field: its ``max_length`` or the smallest of its length
    validators (a ``TextField`` may have either), or None."""
    limits = [
        validator.limit_value
        for validator in getattr(db_field, "validators", ())
        if isinstance(validator, MaxLengthValidator) and isinstance(validator.limit_value, int)
    ]
    if getattr(db_field, "max_length", None):
        limits.append(db_field.max_length)
    return min(limits) if limits else None


def limit_text_field(
    field: forms.Field,
    *,
    multiline: bool = False,
    limit: int | None = None,
    hint: bool | None = None,
) -> forms.Field:
    """Give a form field that takes text a limit the server enforces, if it has none, and
    the message with the limit and the count (``MaxCharactersValidator``) instead of
    Django's general one.

    The limit is the smallest of the field's ``max_length``, its length validators and
    ``limit`` (a model field's, see ``model_text_limit``); without any, the default of
    its kind (``TEXT_MAX_LENGTH`` when shown as a textarea or ``multiline``, else
    ``LINE_MAX_LENGTH``). A visible field gets ``maxlength`` in the page. ``hint``: say
    the limit in the field's hint (None: only for a textarea, where the end is not in
    sight). Calling it again changes nothing."""
    if not isinstance(field, forms.CharField):
        return field
    textarea = isinstance(field.widget, forms.Textarea)
    length_checks = [
        validator
        for validator in field.validators
        if type(validator) in (MaxLengthValidator, MaxCharactersValidator)
    ]
    limits = [check.limit_value for check in length_checks if isinstance(check.limit_value, int)]
    limits += [value for value in (field.max_length, limit) if value is not None]
    effective = min(limits) if limits else None
    if effective is None:
        effective = TEXT_MAX_LENGTH if multiline or textarea else LINE_MAX_LENGTH
    field.max_length = effective
    field.validators = [v for v in field.validators if v not in length_checks]
    field.validators.append(MaxCharactersValidator(effective))
    if field.widget.is_hidden:
        return field
    field.widget.attrs["maxlength"] = str(effective)
    if hint if hint is not None else textarea:
        text = limit_hint(effective)
        help_text = str(field.help_text or "")
        if text not in help_text:
            field.help_text = f"{help_text} {text}" if help_text else text
    return field


class TextLengthFormMixin:
    """For forms: every text field has a limit the server enforces (``limit_text_field``),
    a model form's fields the limit of their model field.

    ``multiline_fields`` names fields that take line breaks without being shown as a
    textarea (the cells of an imported CSV file). ``limit_hints``: every visible text
    field says its limit in its hint, not only the multi-line ones.
    """

    multiline_fields: tuple[str, ...] = ()
    limit_hints: bool = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # self.fields holds deep copies of the class's fields: the class stays untouched.
        for name, field in self.fields.items():
            limit_text_field(
                field,
                multiline=name in self.multiline_fields,
                limit=self._model_text_limit(name),
                hint=True if self.limit_hints else None,
            )

    def _model_text_limit(self, name: str) -> int | None:
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is None:
            return None
        try:
            return model_text_limit(model._meta.get_field(name))
        except FieldDoesNotExist:
            return None


class TextLimitsFormMixin(TextLengthFormMixin):
    """For forms whose every visible text field says its limit in its hint
    („Höchstens 2.000 Zeichen.“), single-line ones included: the coordinators' forms."""

    limit_hints = True


class PlainTextFormMixin(TextLengthFormMixin):
    """For forms: every text field refuses control and direction characters, and has a
    limit (``TextLengthFormMixin``).

    ``multiline_fields`` names fields that take line breaks without being shown as a
    textarea (the cells of an imported CSV file).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            protect_text_field(field, multiline=name in self.multiline_fields)


class PlainTextAdminMixin:
    """For ``ModelAdmin`` and inline classes: every text field of their forms refuses
    control and direction characters, and has the limit of its model field or the
    default of its kind."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            limit_text_field(formfield, limit=model_text_limit(db_field))
            protect_text_field(formfield)
        return formfield
