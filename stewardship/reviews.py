"""Who is reminded of which review: the due entries of each owner.

An entry's *effective owner* is its ``owner``; an offer without an owner falls back to
its actor's owner. Only active accounts with an e-mail address are reminded
(``due_by_owner``); entries without an effective owner are not mailed (the data quality
page counts them). Entries are due as ``ReviewQuerySetMixin.review_due`` says; offers
that were discontinued (``defunct``) are not reviewed any more.

Both questions are answered in a fixed number of queries (one for actors, one for
offers), whatever the number of owners and entries.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db.models import Q
from django.utils import timezone

from actors.models import Actor, Offer, OfferStatus


@dataclasses.dataclass
class DueEntries:
    """The actors and offers one owner is asked to review."""

    actors: list[Actor] = dataclasses.field(default_factory=list)
    offers: list[Offer] = dataclasses.field(default_factory=list)

    def __len__(self) -> int:
        return len(self.actors) + len(self.offers)

    def __bool__(self) -> bool:
        return bool(self.actors or self.offers)


def effective_owner(entry: Actor | Offer):
    """The account that keeps the entry true: its owner, for an offer without one its
    actor's owner; ``None`` when nobody does."""
    if entry.owner_id is not None or isinstance(entry, Actor):
        return entry.owner
    return entry.actor.owner


def _reachable(prefix: str) -> Q:
    """The account at ``prefix`` (a path to a user) can be mailed: active, with an address."""
    return Q(**{f"{prefix}__is_active": True}) & ~Q(**{f"{prefix}__email": ""})


def _due_offers(today: datetime.date):
    return Offer.objects.review_due(today).exclude(status=OfferStatus.DEFUNCT)


def due_actors_owned_by(user, today: datetime.date | None = None):
    """The actors due for review whose effective owner is ``user``."""
    return Actor.objects.review_due(today).filter(owner=user).order_by("name", "pk")


def due_offers_owned_by(user, today: datetime.date | None = None):
    """The offers due for review whose effective owner is ``user`` (their own owner, or
    their actor's when they have none)."""
    today = today or timezone.localdate()
    owned = Q(owner=user) | Q(owner__isnull=True, actor__owner=user)
    return _due_offers(today).filter(owned).select_related("actor").order_by("name", "pk")


def due_for(user, today: datetime.date | None = None) -> DueEntries:
    """The entries ``user`` is asked to review ("Meine fälligen Prüfungen"), in two
    queries; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return DueEntries()
    return DueEntries(
        actors=list(due_actors_owned_by(user, today)),
        offers=list(due_offers_owned_by(user, today)),
    )


def due_by_owner(today: datetime.date | None = None) -> dict:
    """Every owner who can be reminded, with the entries due for them: ``{user:
    DueEntries}``, owners ordered by e-mail address, entries by name. Two queries.

    Owners that are inactive or have no e-mail address are left out, and so are their
    entries (an offer whose own owner cannot be mailed does not fall back to its
    actor's owner: it has an owner, who has to be reachable again).
    """
    today = today or timezone.localdate()
    actors = (
        Actor.objects.review_due(today)
        .filter(_reachable("owner"))
        .select_related("owner")
        .order_by("name", "pk")
    )
    offers = (
        _due_offers(today)
        .filter(
            (Q(owner__isnull=False) & _reachable("owner"))
            | (Q(owner__isnull=True) & _reachable("actor__owner"))
        )
        .select_related("owner", "actor__owner")
        .order_by("name", "pk")
    )
    by_pk: dict[int, DueEntries] = {}
    owners: dict[int, object] = {}
    for actor in actors:
        owners.setdefault(actor.owner_id, actor.owner)
        by_pk.setdefault(actor.owner_id, DueEntries()).actors.append(actor)
    for offer in offers:
        owner = effective_owner(offer)
        owners.setdefault(owner.pk, owner)
        by_pk.setdefault(owner.pk, DueEntries()).offers.append(offer)
    ordered = sorted(owners.values(), key=lambda user: (user.email, user.pk))
    return {owner: by_pk[owner.pk] for owner in ordered}
