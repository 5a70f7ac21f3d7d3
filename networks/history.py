"""The change history of a network: the network itself, its memberships and its links.

django-simple-history stores one row per saved state. This module reads the rows of
the three models in three queries, compares each row with the previous state of the
same object in Python and turns the differences into readable entries (who, when,
what, old value → new value).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import Actor
from networks.models import CoordinationLink, Membership, Network

ACTIONS = {
    "+": gettext_lazy("angelegt"),
    "~": gettext_lazy("geändert"),
    "-": gettext_lazy("gelöscht"),
}

# Fields shown in the history per model; technical fields (id, version) are left out.
TRACKED = {
    Network: [
        "name",
        "slug",
        "kind",
        "programme",
        "legal_basis",
        "field_of_work",
        "parent",
        "lead_actor",
        "description",
        "purpose",
        "meeting_rhythm",
        "internal_note",
        "is_public",
    ],
    Membership: ["actor", "role", "since", "until", "note"],
    CoordinationLink: ["source", "kind", "target", "since", "until", "description"],
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
    changes: list[Change] = field(default_factory=list)


def _display(model, name: str, value, names: dict) -> str:
    if value is None or value == "":
        return "–"
    model_field = model._meta.get_field(name)
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
    if model is Network:
        return _("Netzwerk"), record.name
    if model is Membership:
        return _("Mitgliedschaft"), names.get((Actor, record.actor_id), "")
    source = names.get((Actor, record.source_id), "")
    target = names.get((Actor, record.target_id), "")
    return _("Verbindung"), f"{source} → {target}"


def _entries_for(model, records, names: dict) -> list[Entry]:
    fields = TRACKED[model]
    attnames = {name: model._meta.get_field(name).attname for name in fields}
    previous: dict[int, object] = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        changes = []
        for name in fields:
            new = getattr(record, attnames[name])
            old = getattr(before, attnames[name]) if before is not None else None
            if before is None and record.history_type == "+":
                if new in (None, ""):
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
                changes=changes,
            )
        )
    return entries


def network_history(network: Network) -> list[Entry]:
    """All changes of a network, newest first (three queries for the records, one for names)."""
    order = ("history_date", "history_id")
    groups = [
        (
            Network,
            list(
                Network.history.filter(id=network.pk)
                .select_related("history_user")
                .order_by(*order)
            ),
        ),
        (
            Membership,
            list(
                Membership.history.filter(network_id=network.pk)
                .select_related("history_user")
                .order_by(*order)
            ),
        ),
        (
            CoordinationLink,
            list(
                CoordinationLink.history.filter(network_id=network.pk)
                .select_related("history_user")
                .order_by(*order)
            ),
        ),
    ]
    actor_ids, network_ids = set(), set()
    for model, records in groups:
        for record in records:
            if model is Network:
                actor_ids.add(record.lead_actor_id)
                network_ids.add(record.parent_id)
            elif model is Membership:
                actor_ids.add(record.actor_id)
            else:
                actor_ids.update((record.source_id, record.target_id))
    names: dict = {}
    for pk, name in Actor.objects.filter(pk__in=actor_ids - {None}).values_list("pk", "name"):
        names[(Actor, pk)] = name
    for pk, name in Network.objects.filter(pk__in=network_ids - {None}).values_list("pk", "name"):
        names[(Network, pk)] = name
    entries = []
    for model, records in groups:
        entries.extend(_entries_for(model, records, names))
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries
