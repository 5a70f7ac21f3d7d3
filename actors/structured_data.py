"""schema.org JSON-LD of an actor's public page (``core.structured_data`` writes it).

Public data only, whoever looks: an actor that is not public gets none at all (its
page is shown to signed-in staff alone); of a public actor only what its public page
shows anyone (name, description, address, phone, e-mail, website, opening hours) and
its public offers as ``makesOffer`` (offers have no page of their own). Never contact
persons, internal notes or internal offers.

Public bodies are ``GovernmentOrganization`` and their offers ``GovernmentService``;
everyone else is an ``Organization`` offering a ``Service``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch

from actors.choices import Kind, Sector
from actors.models import Actor, Offer, OfferStatus, OpeningHours

SCHEMA = "https://schema.org"

#: Sectors outside the kinds "Politik" and "Verwaltung" that are public bodies too.
PUBLIC_SECTORS = frozenset(
    {
        Sector.LEGISLATURE,
        Sector.EXECUTIVE,
        Sector.JOBCENTER,
        Sector.POLICE,
        Sector.FEDERAL_OFFICE,
    }
)

_DAYS = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}


def is_public_body(actor: Actor) -> bool:
    """Whether the actor is a public body (an authority, council or office of the EU,
    the Bund, the Land, the Kreis or a municipality)."""
    return actor.kind in (Kind.POLITICS, Kind.ADMINISTRATION) or actor.sector in PUBLIC_SECTORS


def _absolute(base: str, path: str) -> str:
    return f"{base.rstrip('/')}{path}"


def _address(street: str, postal_code: str, city: str) -> dict | None:
    if not (street or postal_code or city):
        return None
    address = {"@type": "PostalAddress", "addressCountry": "DE", "addressRegion": "NW"}
    if street:
        address["streetAddress"] = street
    if postal_code:
        address["postalCode"] = postal_code
    if city:
        address["addressLocality"] = city
    return address


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def organization_reference(actor: Actor, base: str) -> dict:
    """A short node of a public actor: type, id, name, URL (for ``provider``, ``member``)."""
    url = _absolute(base, actor.get_absolute_url())
    return {
        "@type": "GovernmentOrganization" if is_public_body(actor) else "Organization",
        "@id": f"{url}#organisation",
        "name": actor.name,
        "url": url,
    }


def hours_specification(hours: OpeningHours) -> dict | None:
    """An ``OpeningHoursSpecification`` of one opening time (by appointment: none)."""
    if hours.by_appointment_only or not (hours.opens_at and hours.closes_at):
        return None
    return {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": f"{SCHEMA}/{_DAYS[hours.weekday]}",
        "opens": hours.opens_at.strftime("%H:%M"),
        "closes": hours.closes_at.strftime("%H:%M"),
    }


def service(offer: Offer, provider: dict, base: str) -> dict:
    """The ``Service`` of a public offer (relations prefetched by ``public_offers``)."""
    if offer.for_whole_district:
        area = [{"@type": "AdministrativeArea", "name": settings.OPEN_DATA["AREA_NAME"]}]
    else:
        area = [
            {"@type": "AdministrativeArea", "name": municipality.name}
            for municipality in offer.municipalities.all()
            if municipality.is_public
        ]
    hours = [
        spec for spec in (hours_specification(item) for item in offer.opening_hours.all()) if spec
    ]
    government = provider["@type"] == "GovernmentOrganization"
    return _compact(
        {
            "@type": "GovernmentService" if government else "Service",
            "name": offer.name,
            "description": offer.description,
            "url": offer.url,
            "provider": provider,
            "areaServed": area,
            "availableLanguage": [
                {"@type": "Language", "name": language.name, "alternateName": language.code}
                for language in offer.languages.all()
            ],
            "hoursAvailable": hours,
            "serviceType": ", ".join(topic.name for topic in offer.topics.all()),
        }
    )


def public_offers(actor: Actor) -> list[Offer]:
    """The actor's public offers with what their JSON-LD needs, in one query per
    relation."""
    return list(
        Offer.objects.public()
        .filter(actor=actor, status=OfferStatus.ACTIVE)
        .prefetch_related(
            "languages",
            "topics",
            "municipalities",
            Prefetch(
                "opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")
            ),
        )
        .order_by("name", "pk")
    )


def actor_json_ld(actor: Actor, base: str) -> dict | None:
    """The JSON-LD of a public actor's page; ``None`` for an actor that is not public."""
    if not actor.is_public:
        return None
    reference = organization_reference(actor, base)
    data = {
        "@context": SCHEMA,
        **reference,
        "alternateName": actor.short_name,
        "description": actor.description,
        "address": _address(actor.street, actor.postal_code, actor.city),
        "telephone": actor.phone,
        "email": actor.email,
        "sameAs": [actor.website] if actor.website else [],
        "areaServed": actor.municipality.name
        if actor.municipality_id and actor.municipality.is_public
        else None,
        "parentOrganization": organization_reference(actor.parent, base)
        if actor.parent_id and actor.parent.is_public
        else None,
        "makesOffer": [
            {"@type": "Offer", "itemOffered": service(offer, reference, base)}
            for offer in public_offers(actor)
        ],
    }
    return _compact(data)
