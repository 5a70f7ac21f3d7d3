"""The portal's HSDS profile as objects: coordination links (``organization_relationship``),
networks with their memberships (``network``, ``membership``), responsibilities
(``responsibility``) and the task catalogue they refer to (``task``). Public data only: links between public actors outside internal
networks, public networks, memberships of public actors in public networks, public
responsibilities of public actors; never an internal note. A fixed number of queries per
page, as in ``opendata.hsds``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

from actors.codes import DIMENSION_CODES, DIRECTNESS_CODES, OBLIGATION_CODES, code_of
from actors.models import Actor, Responsibility, Task
from networks.models import CoordinationLink, Membership, Network
from opendata import hsds, ids

HISTORY_ACTIONS = {"+": "create", "~": "update", "-": "delete"}
#: The newest history entries a network's metadata shows.
HISTORY_LIMIT = 20


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _period(record) -> dict:
    return {
        "start_date": _day(record.since),
        "end_date": _day(record.until),
        "current": record.is_current,
    }


# --- querysets -------------------------------------------------------------------------


def relationships() -> QuerySet:
    return (
        CoordinationLink.objects.filter(source__is_public=True, target__is_public=True)
        .filter(Q(network__isnull=True) | Q(network__is_public=True))
        .select_related("source", "target", "network")
        .order_by("source__name", "kind", "target__name", "pk")
    )


def networks() -> QuerySet:
    return Network.objects.public().select_related("parent", "lead_actor").order_by("name", "pk")


def memberships() -> QuerySet:
    return (
        Membership.objects.filter(actor__is_public=True, network__is_public=True)
        .select_related("actor", "network")
        .order_by("network__name", "network_id", "actor__name", "-since", "pk")
    )


def responsibilities() -> QuerySet:
    return (
        Responsibility.objects.public()
        .select_related("task", "actor")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Actor.objects.public().order_by("name", "pk").only("uuid", "name"),
            )
        )
        .order_by("task__position", "task__name", "actor__name", "pk")
    )


def tasks() -> QuerySet:
    """The whole task catalogue (public: it is the keynote's, without internal fields)."""
    return Task.objects.order_by("directness", "position", "pk")


# --- objects ------------------------------------------------------------------------------


def relationship(link: CoordinationLink) -> dict:
    data = {
        "id": str(link.uuid),
        "organization_id": str(link.source.uuid),
        "related_organization_id": str(link.target.uuid),
        "relationship_type": link.kind,
        "relationship_type_label": str(link.get_kind_display()),
        "direction": "directed",
        "network_id": str(link.network.uuid) if link.network_id else "",
        "description": link.description,
        **_period(link),
    }
    return hsds._drop_empty(data, keep=("current",))


def membership(record: Membership) -> dict:
    data = {
        "id": str(record.uuid),
        "network_id": str(record.network.uuid),
        "organization_id": str(record.actor.uuid),
        "role": record.role,
        "role_label": str(record.get_role_display()),
        **_period(record),
    }
    return hsds._drop_empty(data, keep=("current",))


def network(record: Network, members: list[Membership] | None = None, history=()) -> dict:
    parent, lead = record.parent, record.lead_actor
    data = {
        "id": str(record.uuid),
        "name": record.name,
        "description": record.description,
        "purpose": record.purpose,
        "meeting_rhythm": record.meeting_rhythm,
        "network_type": record.kind,
        "network_type_label": str(record.get_kind_display()),
        "programme": record.programme,
        "legal_basis": str(record.get_legal_basis_display()),
        "field_of_work": str(record.get_field_of_work_display()) if record.field_of_work else "",
        "parent_network_id": str(parent.uuid) if parent and parent.is_public else "",
        "lead_organization_id": str(lead.uuid) if lead and lead.is_public else "",
        "uri": hsds._portal_url(record.get_absolute_url()),
    }
    if members is not None:
        data["memberships"] = [membership(m) for m in members]
    if history:
        data["metadata"] = [
            {
                "id": ids.child(record.uuid, f"metadata:{entry.history_id}"),
                "resource_id": str(record.uuid),
                "resource_type": "network",
                "last_action_date": timezone.localtime(entry.history_date).date().isoformat(),
                "last_action_type": HISTORY_ACTIONS.get(entry.history_type, "update"),
                "field_name": "",
                "previous_value": "",
                "replacement_value": "",
                "updated_by": settings.PORTAL_OPERATOR,
            }
            for entry in history
        ]
    return hsds._drop_empty(data, keep=("description",))


def network_objects(rows: list[Network], full: bool) -> list[dict]:
    if not full:
        return [network(row) for row in rows]
    members = (
        Membership.objects.filter(network__in=rows, actor__is_public=True)
        .select_related("actor", "network")
        .order_by("actor__name", "-since", "pk")
    )
    by_network: dict[int, list[Membership]] = {row.pk: [] for row in rows}
    for record in members:
        by_network[record.network_id].append(record)
    return [network(row, by_network[row.pk]) for row in rows]


def network_detail(record: Network) -> dict:
    """The whole network: its public memberships and the dates of its changes (three
    queries: memberships, history; the network itself by the caller)."""
    members = list(
        Membership.objects.filter(network=record, actor__is_public=True)
        .select_related("actor", "network")
        .order_by("actor__name", "-since", "pk")
    )
    history = list(
        record.history.order_by("-history_date", "-history_id").only(
            "history_id", "history_date", "history_type"
        )[:HISTORY_LIMIT]
    )
    return network(record, members, history)


def responsibility(record: Responsibility) -> dict:
    task = record.task
    municipalities = list(record.municipalities.all())
    with translation.override("de"):
        data = {
            "id": str(record.uuid),
            "task_id": str(task.uuid),
            "task_name": task.name,
            "organization_id": str(record.actor.uuid),
            "area_type": "district" if record.for_whole_district else "municipalities",
            "area_name": (
                hsds.area_name()
                if record.for_whole_district
                else ", ".join(m.name for m in municipalities)
            ),
            "municipality_organization_ids": [str(m.uuid) for m in municipalities],
            "obligation": code_of(OBLIGATION_CODES, task.obligation),
            "obligation_label": str(task.get_obligation_display()),
            "directness": code_of(DIRECTNESS_CODES, task.directness),
            "directness_label": str(task.get_directness_display()),
            "municipal_task_type": (
                str(task.get_municipal_task_type_display()) if task.municipal_task_type else ""
            ),
            "legal_basis": record.effective_legal_basis,
            "note": record.public_note,
        }
    return hsds._drop_empty(data)


def task(record: Task) -> dict:
    with translation.override("de"):
        data = {
            "id": str(record.uuid),
            "code": record.slug,
            "name": record.name,
            "description": record.description,
            "obligation": code_of(OBLIGATION_CODES, record.obligation),
            "obligation_label": str(record.get_obligation_display()),
            "directness": code_of(DIRECTNESS_CODES, record.directness),
            "directness_label": str(record.get_directness_display()),
            "municipal_task_type": (
                str(record.get_municipal_task_type_display()) if record.municipal_task_type else ""
            ),
            "policy_dimension": code_of(DIMENSION_CODES, record.dimension)
            if record.dimension
            else "",
            "legal_basis": record.legal_basis,
            "keywords": record.keywords,
            "position": record.position,
        }
    return hsds._drop_empty(data)
