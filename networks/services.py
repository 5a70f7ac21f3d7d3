"""Every write to networks, memberships and coordination links goes through here.

Functions are keyword-only and atomic. ``by`` is the account that makes the change; it
is written into the history (django-simple-history's ``_history_user``), so the
history names the person also outside a web request (commands, seed, tests).

Optimistic locking: callers pass the ``version`` they based their change on. The row
is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises writers anyway)
and compared; if someone saved in between, :class:`StaleVersionError` carries the
current object so the caller can show its values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from actors.models import Actor
from networks.models import CoordinationLink, Membership, Network


class StaleVersionError(Exception):
    """The object was changed by someone else after the caller read it."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
        self.current = current


def _record(instance, *, by, reason: str) -> None:
    instance._history_user = by
    instance._change_reason = reason


def _check_period(since: datetime.date, until: datetime.date | None) -> None:
    if until is not None and until < since:
        raise ValidationError({"until": _("Das Enddatum darf nicht vor dem Beginn liegen.")})


def _overlapping(
    *,
    network: Network,
    actor: Actor,
    since: datetime.date,
    until: datetime.date | None,
    exclude_pk: int | None = None,
):
    """Memberships of the same actor in the same network whose period meets the given one."""
    qs = Membership.objects.filter(network=network, actor=actor).filter(
        Q(until__isnull=True) | Q(until__gte=since)
    )
    if until is not None:
        qs = qs.filter(since__lte=until)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs


@transaction.atomic
def membership_add(
    *,
    network: Network,
    actors: Iterable[Actor],
    role: str,
    since: datetime.date,
    note: str = "",
    by,
) -> list[Membership]:
    """Add one or several actors to a network with the same role and start date.

    Refuses (ValidationError, nothing written) if any actor already has a membership
    whose period overlaps the new one.
    """
    actors = list(actors)
    if not actors:
        raise ValidationError(_("Bitte wählen Sie mindestens einen Akteur aus."))
    clashes = sorted(
        {
            m.actor.name
            for m in Membership.objects.select_related("actor")
            .filter(network=network, actor__in=actors)
            .filter(Q(until__isnull=True) | Q(until__gte=since))
        }
    )
    if clashes:
        raise ValidationError(
            _("Bereits Mitglied in diesem Zeitraum: %(names)s") % {"names": ", ".join(clashes)},
            code="overlap",
        )
    created = []
    for actor in actors:
        membership = Membership(network=network, actor=actor, role=role, since=since, note=note)
        _record(membership, by=by, reason=_("Mitglied aufgenommen"))
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError as exc:
            # A concurrent request added the same actor between our check and the insert.
            raise ValidationError(
                _("Bereits Mitglied in diesem Zeitraum: %(names)s") % {"names": actor.name},
                code="overlap",
            ) from exc
        created.append(membership)
    return created


def _lock(model, pk: int, version: int):
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != version:
        raise StaleVersionError(current)
    return current


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    version: int,
    role: str,
    since: datetime.date,
    until: datetime.date | None,
    note: str,
    by,
) -> Membership:
    """Change role, period and note of a membership, refusing stale versions."""
    current = _lock(Membership, membership.pk, version)
    _check_period(since, until)
    if _overlapping(
        network=current.network,
        actor=current.actor,
        since=since,
        until=until,
        exclude_pk=current.pk,
    ).exists():
        raise ValidationError(
            {"since": _("Der Zeitraum überschneidet sich mit einer anderen Mitgliedschaft.")}
        )
    current.role, current.since, current.until, current.note = role, since, until, note
    _record(current, by=by, reason=_("Mitgliedschaft geändert"))
    current.save()
    return current


@transaction.atomic
def membership_end(*, membership: Membership, version: int, until: datetime.date, by) -> Membership:
    """End a membership on a day. It stays in the network's history; nothing is deleted."""
    current = _lock(Membership, membership.pk, version)
    _check_period(current.since, until)
    current.until = until
    _record(current, by=by, reason=_("Mitgliedschaft beendet"))
    current.save()
    return current


@transaction.atomic
def link_add(
    *,
    source: Actor,
    target: Actor,
    kind: str,
    since: datetime.date,
    until: datetime.date | None = None,
    network: Network | None = None,
    description: str = "",
    by,
) -> CoordinationLink:
    """Record that two actors work together, optionally in the context of a network."""
    if source.pk == target.pk:
        raise ValidationError({"target": _("Eine Verbindung braucht zwei verschiedene Akteure.")})
    _check_period(since, until)
    link = CoordinationLink(
        source=source,
        target=target,
        kind=kind,
        network=network,
        since=since,
        until=until,
        description=description,
    )
    _record(link, by=by, reason=_("Verbindung angelegt"))
    link.save()
    return link


@transaction.atomic
def link_end(*, link: CoordinationLink, version: int, until: datetime.date, by) -> CoordinationLink:
    """End a coordination link on a day; like memberships, links are never deleted."""
    current = _lock(CoordinationLink, link.pk, version)
    _check_period(current.since, until)
    current.until = until
    _record(current, by=by, reason=_("Verbindung beendet"))
    current.save()
    return current
