"""Writes of the public history: publishing and withdrawing content."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from timeline.models import Status


@transaction.atomic
def content_set_status(*, queryset: QuerySet, status: str) -> int:
    """Publish or withdraw the given periods, events, theses or sources.

    Saves object by object (not ``queryset.update``) so that each change is written to
    the change history with its author and moves the history's content version on (its
    signals, ``core/versions.py``), which the cached public pages are keyed on. Returns
    how many objects changed.
    """
    if status not in Status.values:
        raise ValueError(f"unknown status {status!r}")
    changed = 0
    for obj in queryset.exclude(status=status):
        obj.status = status
        obj.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed
