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

Every text field of every portal form gets the check once, through
``PlainTextFormMixin`` (site forms, the import rows) and ``PlainTextAdminMixin``
(every ``ModelAdmin`` and inline of the Django admin);
``tests/test_text_input.py`` fails for a form that lacks it.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: Unicode bidirectional embedding, override and isolate characters.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Control characters a single-line field accepts; a multi-line one also takes CR.
LINE_CONTROLS = frozenset("\t\n")
TEXT_CONTROLS = frozenset("\t\n\r")


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


class PlainTextFormMixin:
    """For forms: every text field refuses control and direction characters.

    ``multiline_fields`` names fields that take line breaks without being shown as a
    textarea (the cells of an imported CSV file).
    """

    multiline_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # self.fields holds deep copies of the class's fields: the class stays untouched.
        for name, field in self.fields.items():
            protect_text_field(field, multiline=name in self.multiline_fields)


class PlainTextAdminMixin:
    """For ``ModelAdmin`` and inline classes: every text field of their forms refuses
    control and direction characters."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            protect_text_field(formfield)
        return formfield
