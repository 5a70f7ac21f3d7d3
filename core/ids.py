"""Database ids that come from a request: refused before a query when no row can have them.

Every table's id is a signed 64-bit integer (``BigAutoField``). A larger number in a URL
or a form cannot name a row, and SQLite does not even accept it as a query parameter
("Python int too large to convert to SQLite INTEGER", a 500). Django 5 already turns an
out-of-range ``pk=…`` into "no such row"; ``pk__in=[…]``, which the multiple-choice
fields use, still reaches the database.

- ``<id:pk>`` in a URL pattern matches ids in range only; any other number is a 404.
  Importing this module registers the converter (once per process).
- :class:`ModelChoiceField` and :class:`ModelMultipleChoiceField` answer an
  out-of-range id with the field's usual "not a valid choice" error, without a query.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import register_converter

ID_MIN = -(2**63)
ID_MAX = 2**63 - 1


def in_range(value: object) -> bool:
    """Whether ``value`` is no integer at all (left to the field to refuse) or one the
    database can hold."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return True
    return ID_MIN <= number <= ID_MAX


class IdConverter:
    """Like ``<int:…>``, but only for numbers an id can have."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > ID_MAX:
            raise ValueError(value)  # the resolver tries the next pattern, ending in a 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")


class _IdRangeMixin:
    """For model choice fields whose values are integer keys (the default, by pk)."""

    def _values_are_integer_keys(self) -> bool:
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        return isinstance(key, models.IntegerField)

    def _refuse_out_of_range(self, values) -> None:
        if not self._values_are_integer_keys():
            return
        for value in values:
            if not isinstance(value, models.Model) and not in_range(value):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )


class ModelChoiceField(_IdRangeMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._refuse_out_of_range([value])
        return super().to_python(value)


class ModelMultipleChoiceField(_IdRangeMixin, forms.ModelMultipleChoiceField):
    def clean(self, value):
        if isinstance(value, list | tuple):
            self._refuse_out_of_range(value)
        return super().clean(value)
