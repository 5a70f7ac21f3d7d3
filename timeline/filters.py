"""Validated filters of the timeline overview (GET parameters ``ebene`` and ``art``)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from timeline.models import Event, EventKind, Level


class EventFilter(django_filters.FilterSet):
    """Unknown values make the form invalid; invalid filters are ignored, never a 500."""

    ebene = django_filters.ChoiceFilter(
        field_name="level",
        choices=Level.choices,
        label=_("Ebene"),
        empty_label=_("Alle Ebenen"),
    )
    art = django_filters.ChoiceFilter(
        field_name="kind",
        choices=EventKind.choices,
        label=_("Art"),
        empty_label=_("Alle Arten"),
    )

    class Meta:
        model = Event
        fields: list[str] = []

    @property
    def is_active(self) -> bool:
        """Whether a valid filter value narrows the list."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(self.form.cleaned_data.get(name) for name in ("ebene", "art"))
