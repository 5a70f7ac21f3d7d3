"""The change history of an actor: the actor itself, its contact persons, its
responsibilities and its offers, with their many-to-many fields (target groups,
languages, topics, municipalities).

Read the same way as a network's history (``networks.history``): django-simple-history
stores one row per saved state; the rows of each model are read in one query, the
saved many-to-many rows in one query per field, the names of what they point to in one
query per kind; each row is compared in Python with the previous state of the same
object and turned into a readable entry (who, when, what, old value → new value). The
number of queries does not grow with the number of rows.

Staff only: the entries name accounts and contain internal notes and contact persons.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import (
    Actor,
    ContactPerson,
    Language,
    Offer,
    Responsibility,
    TargetGroup,
    Task,
    Topic,
)

ACTIONS = {
    "+": gettext_lazy("angelegt"),
    "~": gettext_lazy("geändert"),
    "-": gettext_lazy("gelöscht"),
}

#: Fields shown per model; technical and derived fields (id, uuid, search text) are left out.
TRACKED = {
    Actor: [
        "name",
        "short_name",
        "slug",
        "level",
        "is_public",
        "kind",
        "sector",
        "parent",
        "municipality",
        "description",
        "street",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
        "opening_hours",
        "internal_notes",
        "last_verified",
    ],
    ContactPerson: ["name", "function", "phone", "email", "position"],
    Responsibility: [
        "task",
        "for_whole_district",
        "legal_basis",
        "public_note",
        "internal_notes",
        "is_public",
    ],
    Offer: [
        "name",
        "slug",
        "description",
        "for_whole_district",
        "status",
        "fees_description",
        "application_process",
        "url",
        "email",
        "phone",
        "last_verified",
        "is_public",
        "internal_notes",
    ],
}

#: The many-to-many fields whose saved rows are compared too.
TRACKED_M2M = {
    Actor: ["target_groups", "languages"],
    ContactPerson: [],
    Responsibility: ["municipalities"],
    Offer: ["topics", "target_groups", "languages", "municipalities"],
}

#: Models whose names the entries show, and the field that holds the name.
NAMED = {Actor: "name", Task: "name", TargetGroup: "name", Language: "name", Topic: "name"}


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
    #: A saved state of the actor itself, which an administrator may restore.
    restorable: bool = False
    changes: list[Change] = field(default_factory=list)


def m2m_history_model(model, name: str):
    """The model of the saved many-to-many rows of ``model.name`` (one per saved state)."""
    history_model = model.history.model
    return apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_{name}")


def _target_attname(model, name: str) -> str:
    """The column of the saved many-to-many row that names the related object."""
    return f"{model._meta.get_field(name).m2m_reverse_field_name()}_id"


def saved_m2m(model, name: str, history_ids) -> dict[int, frozenset]:
    """history_id → the ids of the related objects saved with that state (one query)."""
    found: dict[int, set] = {history_id: set() for history_id in history_ids}
    if not found:
        return {}
    rows = (
        m2m_history_model(model, name)
        .objects.filter(history_id__in=list(found))
        .values_list("history_id", _target_attname(model, name))
    )
    for history_id, target in rows:
        found[history_id].add(target)
    return {history_id: frozenset(ids) for history_id, ids in found.items()}


def _display(model, name: str, value, names: dict) -> str:
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
        return _("ja") if value else _("nein")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _subject(model, record, names: dict) -> tuple[str, str]:
    if model is Actor:
        return _("Akteur"), record.name
    if model is ContactPerson:
        return _("Ansprechperson"), record.name
    if model is Responsibility:
        return _("Zuständigkeit"), names.get((Task, record.task_id), "")
    return _("Angebot"), record.name


def _entries_for(model, records, m2m: dict, names: dict) -> list[Entry]:
    fields = TRACKED[model]
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
                    old=_display(model, name, old, names) if before is not None else "–",
                    new=_display(model, name, new, names),
                )
            )
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue
        kind, subject = _subject(model, record, names)
        entries.append(
            Entry(
                date=record.history_date,
                user=record.history_user,
                subject_kind=kind,
                subject=subject,
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                history_id=record.history_id,
                restorable=model is Actor and record.history_type != "-",
                changes=changes,
            )
        )
    return entries


def actor_history(actor: Actor) -> list[Entry]:
    """All changes of an actor and of its contact persons, responsibilities and offers,
    newest first. A fixed number of queries: one per model, one per many-to-many field
    that has saved rows to read, one per kind of name."""
    order = ("history_date", "history_id")
    groups = []
    for model in TRACKED:
        lookup = {"id": actor.pk} if model is Actor else {"actor_id": actor.pk}
        records = list(
            model.history.filter(**lookup).select_related("history_user").order_by(*order)
        )
        ids = [record.history_id for record in records]
        m2m = {name: saved_m2m(model, name, ids) for name in TRACKED_M2M[model]}
        groups.append((model, records, m2m))

    wanted: dict = {related: set() for related in NAMED}
    for model, records, m2m in groups:
        for name in TRACKED[model]:
            model_field = model._meta.get_field(name)
            if model_field.is_relation:
                attname = model_field.attname
                wanted[model_field.related_model].update(getattr(r, attname) for r in records)
        for name, saved in m2m.items():
            related = model._meta.get_field(name).related_model
            for ids in saved.values():
                wanted[related].update(ids)
    names: dict = {}
    for related, ids in wanted.items():
        ids.discard(None)
        if ids:
            rows = related._default_manager.filter(pk__in=ids).order_by()
            for pk, name in rows.values_list("pk", NAMED[related]):
                names[(related, pk)] = name

    entries = []
    for model, records, m2m in groups:
        entries.extend(_entries_for(model, records, m2m, names))
    entries.sort(key=lambda entry: (entry.date, entry.history_id), reverse=True)
    return entries
