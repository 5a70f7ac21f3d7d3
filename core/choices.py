"""A faster ``get_FOO_display()`` for models whose choice labels are translated.

Django's own implementation builds a hashable copy of all choices on every call, and
hashing a lazily translated label translates it: a field with 25 choices costs 25
``gettext`` calls per ``get_sector_display()``. Twenty directory cards with five such
labels each spent about a third of the page's CPU time there. ``choice_display`` looks
the label up in a dictionary built once per field; the label is still lazy and is
translated once, when rendered, in the language of the request.

Models use it through ``ChoiceDisplayMixin``, which overrides the hook that Django's
``get_FOO_display()`` methods call (``class Actor(ChoiceDisplayMixin, models.Model)``).
"""

from __future__ import annotations

from functools import cache

from django.utils.encoding import force_str


@cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


def choice_display(instance, field) -> str:
    value = getattr(instance, field.attname)
    try:
        label = _labels(field).get(value, value)
    except TypeError:  # an unhashable value (e.g. a list in a JSON field): Django's way
        return force_str(dict(field.flatchoices).get(value, value), strings_only=True)
    return force_str(label, strings_only=True)


class ChoiceDisplayMixin:
    """Model mixin: ``get_FOO_display()`` through ``choice_display``."""

    def _get_FIELD_display(self, field):
        return choice_display(self, field)
