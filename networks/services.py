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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import Actor
from networks.models import CoordinationLink, Membership, Network, TimeBounded


class StaleVersionError(Exception):
    """The object was changed by someone else after the caller read it."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
        self.current = current


def _record(instance, *, by, reason: str) -> None:
    instance._history_user = by
    instance._change_reason = reason


def _validate(record, *fields: str) -> None:
    """``full_clean()`` on the fields a service sets: their own rules, ``clean()`` and the
    model's constraints on them (the end date not before the start, two different
    actors), each with its message at its field.

    The other fields are left out: the service does not change them (and costs no query
    to prove that the network or actor of a membership exists).
    """
    record.full_clean(exclude={f.name for f in record._meta.concrete_fields} - set(fields))


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
    # Role, a plausible start and the note's length: the same for every actor.
    _validate(
        Membership(network=network, role=role, since=since, note=note), "role", "since", "note"
    )
    clashes = sorted(
        {
            m.actor.name
            for m in Membership.objects.select_related("actor")
            .filter(network=network, actor__in=actors)
            .overlapping(since, None)
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
    current.role, current.since, current.until, current.note = role, since, until, note
    _validate(current, "role", "since", "until", "note")
    # Stricter than the constraint of one open membership per actor: no two periods meet.
    if (
        Membership.objects.filter(network=current.network_id, actor=current.actor_id)
        .exclude(pk=current.pk)
        .overlapping(since, until)
        .exists()
    ):
        raise ValidationError(
            {"since": _("Der Zeitraum überschneidet sich mit einer anderen Mitgliedschaft.")}
        )
    _record(current, by=by, reason=_("Mitgliedschaft geändert"))
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
    link = CoordinationLink(
        source=source,
        target=target,
        kind=kind,
        network=network,
        since=since,
        until=until,
        description=description,
    )
    _validate(link, "source", "target", "kind", "since", "until", "description")
    _record(link, by=by, reason=_("Verbindung angelegt"))
    link.save()
    return link


@transaction.atomic
def network_profile_update(
    *,
    network: Network,
    version: int,
    description: str,
    purpose: str,
    meeting_rhythm: str,
    is_public: bool,
    by,
) -> Network:
    """Change a network's profile (description, purpose, meeting rhythm, public or
    internal), refusing stale versions.

    Making a network internal hides it, its memberships and its links from anonymous
    visitors (the ``visible_to`` querysets). Making it public is refused while it points
    to an internal lead actor or parent network (``Network.clean``); the message is
    reported at ``is_public``, the field the editor changed.
    """
    current = _lock(Network, network.pk, version)
    current.description, current.purpose = description, purpose
    current.meeting_rhythm, current.is_public = meeting_rhythm, is_public
    try:
        _validate(current, "description", "purpose", "meeting_rhythm", "is_public")
    except ValidationError as exc:
        errors = exc.update_error_dict({})
        references = [error for name in ("lead_actor", "parent") for error in errors.pop(name, [])]
        if references:
            errors.setdefault("is_public", []).extend(references)
        raise ValidationError(errors) from exc
    _record(current, by=by, reason=_("Profil geändert"))
    current.save()
    return current


# The history's reason for ending each kind of record.
_END_REASONS = {
    Membership: gettext_lazy("Mitgliedschaft beendet"),
    CoordinationLink: gettext_lazy("Verbindung beendet"),
}


@transaction.atomic
def time_bounded_end(*, record: TimeBounded, version: int, until: datetime.date, by) -> TimeBounded:
    """End a membership or a coordination link on a day, refusing stale versions.

    The record stays in the network's history; nothing is deleted. An end before the
    start is refused by the model's constraint (ValidationError at ``until``).
    """
    current = _lock(type(record), record.pk, version)
    current.until = until
    _validate(current, "since", "until")
    _record(current, by=by, reason=str(_END_REASONS[type(current)]))
    current.save()
    return current
