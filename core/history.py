"""django-simple-history with many-to-many fields recorded from both sides.

``HistoricalRecords(m2m_fields=[…])`` saves the related rows with each state of the
model that declares the field. django-simple-history records a change made from that
side (``actor.languages.add(arabic)``); a change made from the other side
(``arabic.actors.add(actor)``, ``arabic.actors.clear()``) reaches it with the other
object as the instance. Here such a change becomes a new state of every object of the
declaring model it touched, as a change from its own side would. A restore writes rows
back without new states (``rows_restored``).

Below: reading the history (``entries_for``), shared by the actors' and the networks'
history pages.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy
from simple_history.models import HistoricalRecords as BaseHistoricalRecords

_loading = threading.local()


@contextlib.contextmanager
def rows_restored():
    """Rows written back as they were (a restore from a backup: ``loaddata``) make no
    new state: Django saves them raw, which the history already skips, but sets their
    many-to-many fields through the ordinary managers, which would record a change."""
    _loading.active = True
    try:
        yield
    finally:
        _loading.active = False


class HistoricalRecords(BaseHistoricalRecords):
    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if getattr(_loading, "active", False):
            return None
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if hasattr(instance, "skip_history_when_saving"):
            return None
        model = kwargs["model"]  # the declaring model: the instance is on the other side
        using = kwargs.get("using")
        if action == "pre_clear":
            # ``post_clear`` names no objects: remember them before they are gone.
            cleared = getattr(instance, "_history_cleared", {})
            related = model._default_manager.using(using).filter(**{attr: instance})
            cleared[attr] = set(related.values_list("pk", flat=True))
            instance._history_cleared = cleared
            return None
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", {}).pop(attr, set())
        elif action not in ("post_add", "post_remove"):
            return None
        for obj in model._default_manager.using(using).filter(pk__in=pk_set or ()):
            self.create_historical_record(obj, "~")
        return None


# --- reading the history: saved states turned into readable entries ---------------------
#
# django-simple-history stores one row per saved state. An app reads the rows of each of
# its models in one query (and the saved many-to-many rows in one query per field, the
# names of what they point to in one query per kind), and ``entries_for`` compares each
# row in Python with the previous state of the same object: who, when, what, old value →
# new value. The number of queries does not grow with the number of rows.

ACTIONS = {
    "+": gettext_lazy("angelegt"),
    "~": gettext_lazy("geändert"),
    "-": gettext_lazy("gelöscht"),
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    date: datetime.datetime
    user: object
    subject_kind: str
    subject: str
    action: str
    reason: str
    history_id: int
    #: A saved state that an administrator may restore (where the app offers it).
    restorable: bool = False
    changes: list[Change] = field(default_factory=list)


def m2m_history_model(model, name: str):
    """The model of the saved many-to-many rows of ``model.name`` (one per saved state)."""
    history_model = model.history.model
    return apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_{name}")


def saved_m2m(model, name: str, history_ids) -> dict[int, frozenset]:
    """history_id → the ids of the related objects saved with that state (one query)."""
    found: dict[int, set] = {history_id: set() for history_id in history_ids}
    if not found:
        return {}
    target = f"{model._meta.get_field(name).m2m_reverse_field_name()}_id"
    rows = (
        m2m_history_model(model, name)
        .objects.filter(history_id__in=list(found))
        .values_list("history_id", target)
    )
    for history_id, related in rows:
        found[history_id].add(related)
    return {history_id: frozenset(ids) for history_id, ids in found.items()}


def display_value(model, name: str, value, names: dict) -> str:
    """A saved value in words: choices by their label, relations by the name in ``names``
    (``{(model, pk): name}``), many-to-many fields as a sorted list, dates short."""
    if value is None or value == "":
        return "–"
    model_field = model._meta.get_field(name)
    if model_field.many_to_many:
        related = model_field.related_model
        labels = sorted(names.get((related, pk), f"#{pk}") for pk in value)
        return ", ".join(labels) if labels else "–"
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nein")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def entries_for(
    model,
    records,
    *,
    fields: list[str],
    names: dict,
    subject: Callable[[object], tuple[str, str]],
    m2m: dict | None = None,
    restorable: bool = False,
) -> list[Entry]:
    """The entries of ``records`` (saved states of ``model``, oldest first): for each, the
    ``fields`` (and the many-to-many fields of ``m2m``: ``{name: saved_m2m(...)}``) that
    differ from the previous state of the same object. A save that changed none of them
    is left out. ``subject(record)`` gives the entry's kind and subject in words."""
    m2m = m2m or {}
    attnames = {name: model._meta.get_field(name).attname for name in fields}
    previous: dict[int, object] = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        values = [(name, getattr(record, attnames[name])) for name in fields]
        values += [(name, m2m[name].get(record.history_id, frozenset())) for name in m2m]
        for name, new in values:
            if before is None:
                old = None
            elif name in m2m:
                old = m2m[name].get(before.history_id, frozenset())
            else:
                old = getattr(before, attnames[name])
            if before is None and record.history_type == "+":
                if new in (None, "", frozenset()):
                    continue
            elif old == new:
                continue
            changes.append(
                Change(
                    label=str(model._meta.get_field(name).verbose_name),
                    old=display_value(model, name, old, names) if before is not None else "–",
                    new=display_value(model, name, new, names),
                )
            )
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue
        kind, text = subject(record)
        entries.append(
            Entry(
                date=record.history_date,
                user=record.history_user,
                subject_kind=kind,
                subject=text,
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                history_id=record.history_id,
                restorable=restorable and record.history_type != "-",
                changes=changes,
            )
        )
    return entries
