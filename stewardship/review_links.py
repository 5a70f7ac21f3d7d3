"""The signed links of a review reminder: "Stimmt noch" and "Ändern".

A link carries the kind and primary key of the entry in its path and a token signed with
the portal's secret (``django.core.signing``, a salt of its own): the entry's kind and
primary key, the owner who was reminded and the entry's ``last_verified`` when the mail
was sent. The signature bears its time; a link is valid for
``settings.PORTAL_REVIEW_LINK_DAYS`` days.

A link works once: once the entry has been confirmed (or anyone changed its
``last_verified`` since the mail was sent) its token no longer matches and it is refused
as used. It is refused as invalid when the signature does not match, the token names
another entry than the path, or the entry is gone.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import translation

from actors.models import Actor, Offer
from stewardship.reviews import effective_owner

SALT = "stewardship.review-link"

#: The kind of an entry as the token names it, and as the URL does.
KIND_OF_MODEL = {Actor: "actor", Offer: "offer"}
URL_KIND = {"actor": "akteur", "offer": "angebot"}
KIND_OF_URL = {url: kind for kind, url in URL_KIND.items()}
MODEL_OF_KIND = {kind: model for model, kind in KIND_OF_MODEL.items()}


class LinkInvalid(Exception):
    """Tampered with, or for another entry than the path names, or the entry is gone (404)."""


class LinkExpired(Exception):
    """Older than ``PORTAL_REVIEW_LINK_DAYS`` (410)."""


class LinkUsed(Exception):
    """The entry was confirmed (or its review date changed) since the mail was sent, or
    the reminded account may no longer act for it (410)."""


@dataclasses.dataclass(frozen=True)
class ReviewLink:
    """A checked link: the entry and the account it was sent to."""

    entry: Actor | Offer
    owner: object
    last_verified: datetime.date | None


def kind_of(entry: Actor | Offer) -> str:
    return KIND_OF_MODEL[type(entry)]


def make_token(entry: Actor | Offer, owner) -> str:
    payload = {
        "k": kind_of(entry),
        "p": entry.pk,
        "o": owner.pk,
        "v": entry.last_verified.isoformat() if entry.last_verified else None,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def link_urls(entry: Actor | Offer, owner) -> dict[str, str]:
    """The absolute "Stimmt noch" (``confirm``) and "Ändern" (``edit``) links of an entry."""
    kwargs = {
        "kind": URL_KIND[kind_of(entry)],
        "pk": entry.pk,
        "token": make_token(entry, owner),
    }
    base = settings.PORTAL_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "confirm": base + reverse("stewardship:review_confirm", kwargs=kwargs),
            "edit": base + reverse("stewardship:review_edit", kwargs=kwargs),
        }


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.PORTAL_REVIEW_LINK_DAYS)


def check(url_kind: str, pk: int, token: str, *, once: bool = True) -> ReviewLink:
    """The entry and owner of a link, or ``LinkInvalid`` / ``LinkExpired`` / ``LinkUsed``.

    ``once=False`` (the "Ändern" link, which only leads to the sign-in and the admin
    page) skips the questions of a link that works once: whether the entry was checked
    since, and whether the reminded account still keeps it.
    """
    kind = KIND_OF_URL.get(url_kind)
    if kind is None:
        raise LinkInvalid
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict) or payload.get("k") != kind or payload.get("p") != pk:
        raise LinkInvalid
    model = MODEL_OF_KIND[kind]
    entries = model.objects.select_related(*(["actor__owner"] if model is Offer else []), "owner")
    entry = entries.filter(pk=pk).first()
    if entry is None:
        raise LinkInvalid
    owner = get_user_model().objects.filter(pk=payload.get("o"), is_active=True).first()
    if not once:
        return ReviewLink(entry=entry, owner=owner, last_verified=entry.last_verified)
    sent = payload.get("v")
    current = entry.last_verified.isoformat() if entry.last_verified else None
    if sent != current:
        raise LinkUsed
    current_owner = effective_owner(entry)
    if owner is None or current_owner is None or current_owner.pk != owner.pk:
        raise LinkUsed
    return ReviewLink(entry=entry, owner=owner, last_verified=entry.last_verified)
