"""The data quality of the directory: which entries lack what, counted and listed.

Each check (``CHECKS``) is one condition on a base queryset of its model, written once
and used twice: as the filter of the check's list page and as a filtered ``Count`` in
the aggregate that counts every check of that model in one query. So the number on the
overview and the rows of the list can never disagree.

The overview costs four aggregate queries (actors, offers, networks, likely duplicates),
whatever the size of the directory, and is kept in the page cache under the directory's
content version (``core/versions.py``) and the day (reviews fall due at midnight): a
repeated request reads no aggregate, any edit of an actor, offer or network counts
afresh. The link check (``stewardship/web_links.py``) writes with ``update()`` and moves
the version on itself.

Internal entries count as well: the page is for signed-in staff. Discontinued offers
(``OfferStatus.DEFUNCT``) are left out of every offer check: nobody needs to review or
reach them.

Likely duplicates are actors with the same name (lower case, without surrounding
spaces) in the same member municipality (or both without one), found with a window
function over the actors in SQL on both databases. Near-duplicates spelt differently
("Caritas-Verband" / "Caritasverband") are what the preview of the actor import
finds, not this check. On SQLite ``lower()`` lowers ASCII letters
only, so "Ämter" and "ämter" count as different there; PostgreSQL lowers them all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Offer, OfferPlace, OfferStatus, OpeningHours, WebsiteStatus
from core import versions
from core.caching import page_cache
from networks.models import Membership, MembershipRole, Network

#: Seconds the counts stay in the cache; the key carries the content version and the
#: day, so this only bounds the memory of counts nobody asks for again.
COUNTS_TIMEOUT = 60 * 60

ACTOR, OFFER, NETWORK, DUPLICATE = "actor", "offer", "network", "duplicate"


@dataclass(frozen=True)
class Check:
    """One question about the data: its address, its words, and its condition."""

    slug: str
    label: str
    kind: str  # ACTOR, OFFER, NETWORK or DUPLICATE: the base queryset and the list's columns
    condition: Callable[[datetime.date], Q]
    detail: str = ""  # which extra column the list shows: "review", "website" or ""


# --- the bases: what each kind of check looks at ----------------------------------------


def actors() -> QuerySet:
    return Actor.objects.with_review_due()


def offers() -> QuerySet:
    return Offer.objects.exclude(status=OfferStatus.DEFUNCT).with_review_due()


def networks() -> QuerySet:
    return Network.objects.all()


def duplicates() -> QuerySet:
    """Actors that share their normalised name and municipality with another actor."""
    return Actor.objects.annotate(
        normalised_name=Lower(Trim("name")),
        namesakes=Window(Count("pk"), partition_by=[Lower(Trim("name")), F("municipality")]),
    ).filter(namesakes__gt=1)


BASES = {ACTOR: actors, OFFER: offers, NETWORK: networks, DUPLICATE: duplicates}


# --- the conditions ---------------------------------------------------------------------


def _review_due(today: datetime.date) -> Q:
    # ``ReviewQuerySetMixin.review_due`` as a condition on the annotated base.
    return Q(last_verified__isnull=True) | Q(review_due__lte=today)


def _actor_without_contact(today: datetime.date) -> Q:
    return Q(phone="", email="", website="", street="")


def _offer_without_contact(today: datetime.date) -> Q:
    return Q(url="", email="", phone="")


def _actor_without_owner(today: datetime.date) -> Q:
    return Q(owner__isnull=True)


def _offer_without_owner(today: datetime.date) -> Q:
    # Nobody keeps it: neither the offer's own owner nor its actor's.
    return Q(owner__isnull=True, actor__owner__isnull=True)


def _without_hours(today: datetime.date) -> Q:
    return ~Q(Exists(OpeningHours.objects.filter(offer=OuterRef("pk"))))


def _without_place(today: datetime.date) -> Q:
    return ~Q(Exists(OfferPlace.objects.filter(offer=OuterRef("pk"))))


def _without_coordination(today: datetime.date) -> Q:
    coordination = Membership.objects.current(on=today).filter(
        network=OuterRef("pk"), role=MembershipRole.COORDINATION
    )
    return ~Q(Exists(coordination))


def _without_members(today: datetime.date) -> Q:
    return ~Q(Exists(Membership.objects.current(on=today).filter(network=OuterRef("pk"))))


def _website_broken(today: datetime.date) -> Q:
    return Q(website_status=WebsiteStatus.BROKEN)


def _all(today: datetime.date) -> Q:
    return Q()


CHECKS: tuple[Check, ...] = (
    Check(
        "akteure-pruefung-faellig",
        _("Akteure, deren Prüfung fällig ist"),
        ACTOR,
        _review_due,
        "review",
    ),
    Check(
        "angebote-pruefung-faellig",
        _("Angebote, deren Prüfung fällig ist"),
        OFFER,
        _review_due,
        "review",
    ),
    Check(
        "akteure-ohne-kontakt",
        _(
            "Akteure ohne öffentlichen Kontakt (kein Telefon, keine E-Mail, keine Internetseite, keine Anschrift)"
        ),
        ACTOR,
        _actor_without_contact,
    ),
    Check(
        "angebote-ohne-kontakt",
        _("Angebote ohne Kontakt (keine Internetseite, keine E-Mail, kein Telefon)"),
        OFFER,
        _offer_without_contact,
    ),
    Check(
        "akteure-ohne-verantwortliche",
        _("Akteure ohne verantwortliches Konto"),
        ACTOR,
        _actor_without_owner,
    ),
    Check(
        "angebote-ohne-verantwortliche",
        _("Angebote ohne verantwortliches Konto (auch nicht beim Anbieter)"),
        OFFER,
        _offer_without_owner,
    ),
    Check(
        "angebote-ohne-oeffnungszeiten",
        _("Angebote ohne Öffnungszeiten"),
        OFFER,
        _without_hours,
    ),
    Check("angebote-ohne-ort", _("Angebote ohne Ort"), OFFER, _without_place),
    Check(
        "netzwerke-ohne-koordination",
        _("Netzwerke ohne aktuelle Koordination"),
        NETWORK,
        _without_coordination,
    ),
    Check(
        "netzwerke-ohne-mitglieder",
        _("Netzwerke ohne aktuelle Mitglieder"),
        NETWORK,
        _without_members,
    ),
    Check(
        "moegliche-dubletten",
        _("Mögliche Dubletten (gleicher Name in derselben Kommune)"),
        DUPLICATE,
        _all,
    ),
    Check(
        "akteure-internetseite-nicht-erreichbar",
        _("Akteure mit nicht erreichbarer Internetseite"),
        ACTOR,
        _website_broken,
        "website",
    ),
    Check(
        "angebote-internetseite-nicht-erreichbar",
        _("Angebote mit nicht erreichbarer Internetseite"),
        OFFER,
        _website_broken,
        "website",
    ),
)

BY_SLUG = {check.slug: check for check in CHECKS}

#: The headings of the overview, in order, and the kinds of check under each.
GROUPS = (
    (_("Akteure"), (ACTOR, DUPLICATE)),
    (_("Angebote"), (OFFER,)),
    (_("Netzwerke"), (NETWORK,)),
)


def check_queryset(check: Check, today: datetime.date | None = None) -> QuerySet:
    """The entries that fail the check (unordered; the list view orders and joins)."""
    today = today or timezone.localdate()
    return BASES[check.kind]().filter(check.condition(today))


def compute_counts(today: datetime.date | None = None) -> dict[str, int]:
    """Every check's count, in four queries (one aggregate per model, one for duplicates)."""
    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    for kind in (ACTOR, OFFER, NETWORK):
        checks = [check for check in CHECKS if check.kind == kind]
        counts.update(
            BASES[kind]().aggregate(
                **{
                    check.slug.replace("-", "_"): Count("pk", filter=check.condition(today))
                    for check in checks
                }
            )
        )
    counts = {key.replace("_", "-"): value for key, value in counts.items()}
    for check in CHECKS:
        if check.kind == DUPLICATE:
            counts[check.slug] = check_queryset(check, today).count()
    return counts


def counts(request=None, today: datetime.date | None = None) -> dict[str, int]:
    """``compute_counts``, kept under the content versions of the directory and the
    memberships (some checks ask for networks' members) and the day."""
    today = today or timezone.localdate()
    names = (versions.DIRECTORY, versions.MEMBERSHIPS)
    version = (
        versions.stamp(request, *names)
        if request is not None
        else ".".join(str(versions.current(name)) for name in names)
    )
    key = f"stewardship:quality-counts:{version}:{today.isoformat()}"
    value = page_cache.get(key)
    if value is None:
        value = compute_counts(today)
        page_cache.set(key, value, COUNTS_TIMEOUT)
    return value
