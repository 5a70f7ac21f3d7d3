"""The change history of an actor: the actor itself, its contact persons, its
responsibilities and its offers, with their many-to-many fields (target groups,
languages, topics, municipalities).

Read as every history of the portal is (``core.history.entries_for``): the rows of each
model in one query, the saved many-to-many rows in one query per field, the names of
what they point to in one query per kind; each row compared in Python with the previous
state of the same object (who, when, what, old value → new value). The number of
queries does not grow with the number of rows.

Staff only: the entries name accounts and contain internal notes and contact persons.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

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
from core.history import Entry, entries_for, saved_m2m
from core.models import User

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
        "owner",
        "review_interval_months",
        "last_verified",
        "last_verified_by",
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
        "last_verified_by",
        "owner",
        "review_interval_months",
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
NAMED = {
    Actor: "name",
    Task: "name",
    TargetGroup: "name",
    Language: "name",
    Topic: "name",
    User: "name",
}


def _subject(model, record, names: dict) -> tuple[str, str]:
    if model is Actor:
        return _("Akteur"), record.name
    if model is ContactPerson:
        return _("Ansprechperson"), record.name
    if model is Responsibility:
        return _("Zuständigkeit"), names.get((Task, record.task_id), "")
    return _("Angebot"), record.name


def _entries_for(model, records, m2m: dict, names: dict) -> list[Entry]:
    return entries_for(
        model,
        records,
        fields=TRACKED[model],
        names=names,
        subject=lambda record: _subject(model, record, names),
        m2m=m2m,
        restorable=model is Actor,
    )


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
