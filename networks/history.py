"""The change history of a network: the network itself, its memberships and its links.

django-simple-history stores one row per saved state. This module reads the rows of
the three models in three queries; ``core.history.entries_for`` compares each row with
the previous state of the same object and turns the differences into readable entries
(who, when, what, old value → new value).
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor
from core.history import Entry, entries_for
from networks.models import CoordinationLink, Membership, MembershipRole, Network

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


def _subject(model, record, names: dict) -> tuple[str, str]:
    if model is Network:
        return _("Netzwerk"), record.name
    if model is Membership:
        return _("Mitgliedschaft"), names.get((Actor, record.actor_id), "")
    source = names.get((Actor, record.source_id), "")
    target = names.get((Actor, record.target_id), "")
    return _("Verbindung"), f"{source} → {target}"


def _entries_for(model, records, names: dict) -> list[Entry]:
    return entries_for(
        model,
        records,
        fields=TRACKED[model],
        names=names,
        subject=lambda record: _subject(model, record, names),
    )


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
    entries.sort(key=lambda entry: (entry.date, entry.history_id), reverse=True)
    return entries


# ---------------------------------------------------------------------------
# The network on a day, and what changed between two days
#
# Who was a member and which links held on a day comes from the periods (``since`` and
# ``until``, ``TimeBoundedQuerySet.on``). A member's role on a day comes from the history:
# the role of the last saved state of the membership before the end of that day (the
# first saved state, for a membership entered later with an earlier start; the current
# role where there is no history, as for the demo data). The map, its table and the
# change list all read the network through these functions, so they agree for every day.


def day_end(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the portal's time zone."""
    following = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(following)


def role_rows(network_ids, day: datetime.date) -> list[tuple] | None:
    """The saved roles of the memberships of these networks, oldest first (one query), or
    ``None`` when ``day`` is today or later: then every role is the current one."""
    if day >= timezone.localdate():
        return None
    return list(
        Membership.history.filter(network_id__in=list(network_ids))
        .exclude(history_type="-")
        .order_by("history_date", "history_id")
        .values_list("id", "role", "history_date")
    )


def roles_at(rows: list[tuple] | None, day: datetime.date) -> dict[int, str]:
    """Membership id → its role on ``day``, from ``role_rows`` (empty: current roles)."""
    if not rows:
        return {}
    end = day_end(day)
    first: dict[int, str] = {}
    before: dict[int, str] = {}
    for pk, role, when in rows:
        first.setdefault(pk, role)
        if when < end:
            before[pk] = role
    return {**first, **before}


def with_roles(memberships, roles: dict[int, str]) -> list[Membership]:
    """The memberships with the role of the day. They are read-only snapshots: the role
    is set on the instance in memory (so tables and map show it), never saved."""
    memberships = list(memberships)
    for membership in memberships:
        membership.role = roles.get(membership.pk, membership.role)
    return memberships


def memberships_on(memberships, day: datetime.date, network_ids) -> list[Membership]:
    """Of ``memberships`` (already read), those that held on ``day``, each with its role of
    that day (one query for the history when ``day`` is in the past)."""
    held = [m for m in memberships if _holds(m, day)]
    return with_roles(held, roles_at(role_rows(network_ids, day) if held else None, day))


def _holds(record, day: datetime.date) -> bool:
    return record.since <= day and (record.until is None or record.until >= day)


@dataclass
class MemberChange:
    actor: Actor
    role: str  # the role at the end (joined, role changed) or at the start (left)
    date: datetime.date | None  # when it happened, where the data say so
    old_role: str = ""
    membership: Membership | None = None


@dataclass
class LinkChange:
    link: CoordinationLink
    date: datetime.date | None


@dataclass
class NetworkChanges:
    """What changed in a network from the day ``first`` to the day ``last``: the
    difference between the network on those two days, plus what began and ended in
    between (on neither day a part of it)."""

    first: datetime.date
    last: datetime.date
    joined: list[MemberChange] = field(default_factory=list)
    left: list[MemberChange] = field(default_factory=list)
    role_changed: list[MemberChange] = field(default_factory=list)
    between: list[MemberChange] = field(default_factory=list)
    links_added: list[LinkChange] = field(default_factory=list)
    links_ended: list[LinkChange] = field(default_factory=list)
    links_between: list[LinkChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.joined,
                self.left,
                self.role_changed,
                self.between,
                self.links_added,
                self.links_ended,
                self.links_between,
            )
        )


def _role_label(role: str) -> str:
    return str(dict(MembershipRole.choices).get(role, role))


def _by_actor(memberships: list[Membership]) -> dict[int, Membership]:
    """One membership per actor (the latest start, should periods ever overlap)."""
    found: dict[int, Membership] = {}
    for membership in sorted(memberships, key=lambda m: (m.since, m.pk)):
        found[membership.actor_id] = membership
    return found


def _role_change_date(rows, membership_pk: int, first: datetime.date, last: datetime.date):
    """The day of the last saved change of the membership's role between the two days."""
    end_first, end_last = day_end(first), day_end(last)
    previous, changed = None, None
    for pk, role, when in rows or ():
        if pk != membership_pk:
            continue
        if previous is not None and role != previous and end_first <= when < end_last:
            changed = timezone.localdate(when)
        previous = role
    return changed


def network_changes(network: Network, user, first: datetime.date, last: datetime.date):
    """What changed in the network between the two days, as far as the viewer may see
    (``visible_to``: the same rules as the network's page and map). Three queries: the
    memberships and links that held on any day from ``first`` to ``last``, and the saved
    roles (only when ``first`` is in the past)."""
    memberships = list(
        Membership.objects.visible_to(user)
        .filter(network=network)
        .during(first, last)
        .select_related("actor")
        .order_by("actor__name", "since", "pk")
    )
    links = list(
        CoordinationLink.objects.visible_to(user)
        .filter(network=network)
        .during(first, last)
        .select_related("source", "target")
        .order_by("source__name", "kind", "target__name", "pk")
    )
    rows = role_rows([network.pk], first) if memberships else None
    at_first = _by_actor(with_roles_copy(memberships, roles_at(rows, first), first))
    at_last = _by_actor(with_roles_copy(memberships, roles_at(rows, last), last))
    changes = NetworkChanges(first=first, last=last)
    for actor_id, membership in at_last.items():
        before = at_first.get(actor_id)
        if before is None:
            changes.joined.append(
                MemberChange(
                    membership.actor, membership.role_then, membership.since, membership=membership
                )
            )
        elif before.role_then != membership.role_then:
            date = (
                _role_change_date(rows, membership.pk, first, last)
                if before.pk == membership.pk
                else membership.since
            )
            changes.role_changed.append(
                MemberChange(
                    membership.actor,
                    membership.role_then,
                    date,
                    old_role=before.role_then,
                    membership=membership,
                )
            )
    for actor_id, membership in at_first.items():
        if actor_id not in at_last:
            changes.left.append(
                MemberChange(
                    membership.actor, membership.role_then, membership.until, membership=membership
                )
            )
    for membership in memberships:
        if not _holds(membership, first) and not _holds(membership, last):
            changes.between.append(
                MemberChange(
                    membership.actor,
                    _role_label(membership.role),
                    membership.since,
                    membership=membership,
                )
            )
    for link in links:
        then, now = _holds(link, first), _holds(link, last)
        if now and not then:
            changes.links_added.append(LinkChange(link, link.since))
        elif then and not now:
            changes.links_ended.append(LinkChange(link, link.until))
        elif not then and not now:
            changes.links_between.append(LinkChange(link, link.since))
    for entries in (changes.joined, changes.left, changes.role_changed, changes.between):
        entries.sort(key=lambda change: (change.date or last, change.actor.name))
    for entries in (changes.links_added, changes.links_ended, changes.links_between):
        entries.sort(key=lambda change: (change.date or last, change.link.source.name))
    return changes


def with_roles_copy(memberships, roles: dict[int, str], day: datetime.date) -> list[Membership]:
    """The memberships that held on ``day``, each with ``role_then``: the label of its role
    on that day (the instances are shared by both days, so the role is not set on them)."""
    held = []
    for membership in memberships:
        if _holds(membership, day):
            snapshot = copy.copy(membership)
            snapshot.role_then = _role_label(roles.get(membership.pk, membership.role))
            held.append(snapshot)
    return held
