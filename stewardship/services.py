"""Writes of the stewardship app, one function per action (keyword-only, atomic)."""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from actors.models import Actor, Offer, OfferStatus
from core.services import StaleVersionError
from stewardship.models import Suggestion, SuggestionKind, SuggestionStatus, public_values

# --- review reminders ------------------------------------------------------------------


class ReviewChangedError(Exception):
    """The entry's review date changed since the reminder was sent: its link was used."""


#: The reason recorded in the change history for a confirmation through a reminder.
REVIEW_CONFIRM_REASON = gettext_lazy("Geprüft über den Link der Erinnerung")

_UNSET = object()


@transaction.atomic
def entry_review_confirm(
    *,
    entry: Actor | Offer,
    by,
    today: datetime.date | None = None,
    seen_last_verified=_UNSET,
) -> Actor | Offer:
    """Record that ``by`` checked the entry (actor or offer) and its data is still true:
    ``last_verified`` becomes today, ``last_verified_by`` the account; a new state of the
    change history by that account ("Geprüft über den Link der Erinnerung").

    ``seen_last_verified`` is the review date the reminder was sent with: when it
    changed meanwhile (the link was used, or someone else checked the entry),
    ``ReviewChangedError`` is raised and nothing is written. The row is locked while
    checking (``SELECT … FOR UPDATE`` on PostgreSQL), so a link works once even when it
    is sent twice at the same moment.
    """
    model = type(entry)
    entry = model.objects.select_for_update().get(pk=entry.pk)
    if seen_last_verified is not _UNSET and entry.last_verified != seen_last_verified:
        raise ReviewChangedError(entry.pk)
    entry.last_verified = today or timezone.localdate()
    entry.last_verified_by = by
    entry._history_user = by
    entry._change_reason = str(REVIEW_CONFIRM_REASON)
    entry.save()
    return entry


# --- suggestions from outside ----------------------------------------------------------

logger = logging.getLogger(__name__)

#: The change history's reason column holds 100 characters.
CHANGE_REASON_MAX_LENGTH = 100


class SuggestionHandledError(Exception):
    """The suggestion was accepted or rejected already: it is handled only once."""

    def __init__(self, current: Suggestion):
        super().__init__(f"Suggestion {current.pk} is {current.status}")
        self.current = current


@transaction.atomic
def suggestion_submit(
    *,
    kind: str,
    actor: Actor,
    offer: Offer | None = None,
    proposed: dict[str, str],
    base: dict[str, str],
    comment: str = "",
    proposer_name: str = "",
    proposer_email: str = "",
    may_credit: bool = False,
) -> Suggestion:
    """Store a suggestion from outside (the form checked it: public entry, changed
    fields of the whitelist only, limits). Nothing of it reaches a public page."""
    suggestion = Suggestion(
        kind=kind,
        actor=actor,
        offer=offer,
        proposed=proposed,
        base=base,
        comment=comment,
        proposer_name=proposer_name,
        proposer_email=proposer_email,
        may_credit=may_credit and bool(proposer_name),
    )
    suggestion._change_reason = gettext("Vorschlag eingegangen")
    suggestion.save()
    return suggestion


def suggestion_change_reason(suggestion: Suggestion) -> str:
    """The change reason: "Vorschlag Nr. 12", "von <name>" only where the proposer agreed."""
    reason = gettext("Vorschlag Nr. %(number)s") % {"number": suggestion.pk}
    if suggestion.may_credit and suggestion.proposer_name:
        reason = gettext("%(reason)s von %(name)s") % {
            "reason": reason,
            "name": suggestion.proposer_name,
        }
    return reason[:CHANGE_REASON_MAX_LENGTH]


def _suggestion_locked(suggestion: Suggestion, version: int | None) -> Suggestion:
    current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if current.status != SuggestionStatus.NEW:
        raise SuggestionHandledError(current)
    if version is not None and current.version != version:
        raise StaleVersionError(current)
    return current


def _unique_offer_slug(name: str) -> str:
    base = slugify(name)[:180].strip("-") or "angebot"
    slug, number = base, 2
    while Offer.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def suggestion_accept(
    *, suggestion: Suggestion, by, values: dict[str, str] | None = None, version: int | None = None
) -> Suggestion:
    """Apply a suggestion: its proposed values, or ``values`` as the staff edited them
    (fields of the whitelist only). A correction changes the actor or offer; a new offer
    is created public and active for the actor (for its municipality, or for the whole
    Kreis when it names none), with a slug from its name. Either way a new state of the
    entry's history by ``by`` ("Vorschlag Nr. N", "von <name>" if the proposer agreed),
    ``last_verified`` today and ``last_verified_by`` ``by``.

    Refuses a suggestion handled already (:class:`SuggestionHandledError`) and, with
    ``version``, one changed since the caller read it (``StaleVersionError``); a value
    the entry's field refuses raises ``ValidationError`` and nothing is written. The
    proposer is told by mail once committed, if they left an address.
    """
    current = _suggestion_locked(suggestion, version)
    names = current.field_names
    chosen = current.proposed if values is None else values
    applied = {name: str(value) for name, value in chosen.items() if name in names}
    reason = suggestion_change_reason(current)
    today = timezone.localdate()
    if current.kind == SuggestionKind.NEW_OFFER:
        actor = current.actor
        entry = Offer(
            actor=actor,
            status=OfferStatus.ACTIVE,
            is_public=True,
            for_whole_district=actor.municipality_id is None,
            slug=_unique_offer_slug(applied.get("name", "")),
            **applied,
        )
    else:
        model = current.entry_model
        entry = model.objects.select_for_update().get(pk=current.entry.pk)
        applied = {
            name: value
            for name, value in applied.items()
            if value != public_values(entry, (name,))[name]
        }
        for name, value in applied.items():
            setattr(entry, name, value)
    # The fields' own rules (length, address formats, a name): the others are untouched.
    entry.clean_fields(exclude=[f.name for f in entry._meta.fields if f.name not in names])
    entry.last_verified, entry.last_verified_by = today, by
    entry._history_user, entry._change_reason = by, reason
    entry.save()
    if current.kind == SuggestionKind.NEW_OFFER:
        if entry.actor.municipality_id is not None:
            entry.municipalities.set([entry.actor.municipality_id])
        current.offer = entry
    current.status = SuggestionStatus.ACCEPTED
    current.applied = applied
    current.handled_by, current.handled_at = by, timezone.now()
    current._history_user = by
    current._change_reason = gettext("Übernommen")
    current.save()
    _suggestion_tell_proposer_on_commit(current)
    return current


@transaction.atomic
def suggestion_reject(
    *, suggestion: Suggestion, by, reason: str, version: int | None = None
) -> Suggestion:
    """Turn a suggestion down with a reason (required; it is mailed to the proposer if
    they left an address). Refuses a suggestion handled already and a stale version."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"rejection_reason": gettext("Bitte geben Sie einen Grund für die Ablehnung an.")}
        )
    current = _suggestion_locked(suggestion, version)
    current.status = SuggestionStatus.REJECTED
    current.rejection_reason = reason
    current.full_clean(
        exclude={f.name for f in current._meta.concrete_fields} - {"rejection_reason"}
    )
    current.handled_by, current.handled_at = by, timezone.now()
    current._history_user = by
    current._change_reason = gettext("Abgelehnt")
    current.save()
    _suggestion_tell_proposer_on_commit(current)
    return current


def suggestion_contacts_erase(*, now: datetime.datetime | None = None) -> int:
    """Erase the proposer's name and address of suggestions handled more than
    ``Suggestion.CONTACT_RETENTION`` ago (the history never held them); the number
    of suggestions erased. A queryset write: the handling's history stays as it is."""
    return Suggestion.objects.contacts_expired(now=now).update(
        proposer_name="", proposer_email="", may_credit=False
    )


def _suggestion_tell_proposer_on_commit(suggestion: Suggestion) -> None:
    if suggestion.proposer_email:
        transaction.on_commit(partial(suggestion_tell_proposer, suggestion=suggestion))


def suggestion_tell_proposer(*, suggestion: Suggestion) -> None:
    """Mail the proposer (in German, the portal's language) that their suggestion was
    taken over or turned down, with the reason. A failing mail server loses nothing: the
    failure is logged with the suggestion's number, never the address."""
    name = "accepted" if suggestion.status == SuggestionStatus.ACCEPTED else "rejected"
    try:
        with translation.override(settings.LANGUAGE_CODE):
            context = {"portal_name": settings.PORTAL_NAME, "suggestion": suggestion}
            subject = render_to_string(f"stewardship/suggestion/mail/{name}_subject.txt", context)
            body = render_to_string(f"stewardship/suggestion/mail/{name}_body.txt", context)
        EmailMessage(
            " ".join(subject.split()),
            body.strip(),
            to=[suggestion.proposer_email],
            reply_to=[settings.PORTAL_CONTACT_EMAIL],
        ).send(fail_silently=False)
    except Exception:
        logger.exception("Suggestion %s: the %s e-mail could not be sent.", suggestion.pk, name)
