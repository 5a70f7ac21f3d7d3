"""The portal's public data as HSDS 3.0 objects: plain functions, no framework.

Querysets (``organizations``, ``services``, ``service_at_locations``) start from the
portal's own public querysets (``Actor.objects.public()``, ``Offer.objects.public()``):
whoever asks, nothing internal is ever read — no contact persons, no internal notes, no
internal actors, offers or networks, no discontinued offers. A public record that points
to an internal one (a parent organisation, a municipality made internal later) leaves
the pointer out.

The ``*_objects`` functions turn one page of records into HSDS objects in a fixed
number of queries, however many records the page has: the related rows are read once
per page (``prefetch_related``), never per record.

Mapping (field by field in docs/opendata.md):

- actor → ``organization``: ``short_name`` → ``alternate_name``, ``parent`` →
  ``parent_organization_id``, public phone → ``phones``, address and opening hours →
  one ``location``; level, kind, sector, policy dimensions (value: Pflicht/freiwillig),
  target groups, languages and the demo flag → ``attributes``; ``last_verified`` →
  ``metadata`` (``last_action_type`` "verified");
- offer → ``service``; its places → ``service_at_location`` with their ``location`` and
  ``address``; opening hours → ``schedule``; languages → ``language``; municipalities
  served (or the whole Kreis) → ``service_area``; topics, target groups and the demo
  flag → ``attributes``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation

from actors.models import (
    Actor,
    ActorDimension,
    Dimension,
    Kind,
    Level,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Sector,
    Weekday,
)
from opendata import ids, vocabulary
from opendata.vocabulary import (
    DEMO_TERM_ID,
    DIMENSION,
    KIND,
    LEVEL,
    SECTOR,
    fixed_term_id,
)

# --- querysets ------------------------------------------------------------------------


def organizations() -> QuerySet:
    """Public actors, by name."""
    return Actor.objects.public().order_by("name", "pk")


def services() -> QuerySet:
    """Public offers of public actors that still exist (active or paused), by name."""
    return Offer.objects.public().order_by("name", "pk")


def service_at_locations() -> QuerySet:
    """The places of the public offers."""
    return OfferPlace.objects.filter(offer__in=Offer.objects.public().values("pk")).order_by(
        "offer__name", "offer_id", "pk"
    )


def locations() -> QuerySet:
    """The places of the public offers (a place without a public offer is not shown)."""
    used = OfferPlace.objects.filter(offer__in=Offer.objects.public().values("pk"))
    return Place.objects.filter(pk__in=used.values("place")).order_by("name", "pk")


# --- filters (AND-combined by the API) -----------------------------------------------


def search_organizations(queryset: QuerySet, text: str) -> QuerySet:
    """The directory's own search (``Actor.objects.search``, the same on PostgreSQL and
    SQLite), best first; never by contact persons."""
    return queryset.search(text).order_by("-search_rank", "name", "pk")


def _matching_actor_ids(text: str) -> QuerySet:
    return Actor.objects.public().search(text).values("pk")


def search_services(queryset: QuerySet, text: str, field: str = "actor") -> QuerySet:
    """Offers of the actors the directory's search finds for the text (the actors are
    found by their offers' names, descriptions, topics, target groups and languages
    too)."""
    return queryset.filter(**{f"{field}__in": _matching_actor_ids(text)})


#: Term id -> (taxonomy code, stored value) of the fixed vocabularies of the actors.
FIXED_TERMS: dict[str, tuple[str, str]] = {
    fixed_term_id(taxonomy, value): (taxonomy.code, value)
    for taxonomy, choices in (
        (LEVEL, Level.values),
        (KIND, Kind.values),
        (SECTOR, Sector.values),
        (DIMENSION, Dimension.values),
    )
    for value in choices
}


def organization_term_condition(term_id: str) -> Q:
    """Actors described by the taxonomy term (any taxonomy; an unknown term: none)."""
    fixed = FIXED_TERMS.get(term_id)
    if fixed is not None:
        taxonomy, value = fixed
        if taxonomy == DIMENSION.code:
            return Q(pk__in=ActorDimension.objects.filter(dimension=value).values("actor"))
        return Q(**{{"ebene": "level", "art": "kind", "bereich": "sector"}[taxonomy]: value})
    if term_id == DEMO_TERM_ID:
        return Q(is_demo=True)
    through_groups = Actor.target_groups.through.objects.filter(targetgroup__uuid=term_id)
    through_languages = Actor.languages.through.objects.filter(language__uuid=term_id)
    return Q(pk__in=through_groups.values("actor")) | Q(pk__in=through_languages.values("actor"))


def service_term_condition(term_id: str, prefix: str = "") -> Q:
    """Offers described by the taxonomy term: topic, target group, language, demo flag;
    a term of the actors' vocabularies (level, kind …) finds the offers of such actors."""
    key = f"{prefix}pk__in" if prefix else "pk__in"
    if term_id == DEMO_TERM_ID:
        return Q(**{f"{prefix}is_demo": True})
    if term_id in FIXED_TERMS:
        actors = Actor.objects.filter(organization_term_condition(term_id)).values("pk")
        return Q(**{f"{prefix}actor__in": actors})
    through = Offer.topics.through.objects.filter(topic__uuid=term_id).values("offer")
    groups = Offer.target_groups.through.objects.filter(targetgroup__uuid=term_id).values("offer")
    langs = Offer.languages.through.objects.filter(language__uuid=term_id).values("offer")
    return Q(**{key: through}) | Q(**{key: groups}) | Q(**{key: langs})


def modified_condition(since: datetime.date, field: str = "last_verified") -> Q:
    """Records whose data was last changed (checked by the editors: ``last_verified``)
    on or after the day. The portal keeps no time of the last edit of actors and offers
    yet; their verification date is the date of their data."""
    return Q(**{f"{field}__gte": since})


# --- shared pieces ----------------------------------------------------------------------


def _portal_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def area_name() -> str:
    return settings.OPEN_DATA["AREA_NAME"]


def _attribute(link_id, link_entity: str, link_type: str, term: dict, value: str = "") -> dict:
    attribute = {
        "id": ids.child(link_id, f"attribute:{link_type}:{term['id']}"),
        "link_id": str(link_id),
        "link_type": link_type,
        "link_entity": link_entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value:
        attribute["value"] = value
    return attribute


def _fixed_terms_by_id() -> dict[str, dict]:
    return {term["id"]: term for term in vocabulary.fixed_terms()}


def _metadata(resource_id, resource_type: str, verified: datetime.date | None) -> list[dict]:
    """The history of a record as far as the portal keeps it: the day its data was last
    checked. ``updated_by`` names the operator, never a person."""
    if verified is None:
        return []
    return [
        {
            "id": ids.child(resource_id, "metadata:verified"),
            "resource_id": str(resource_id),
            "resource_type": resource_type,
            "last_action_date": verified.isoformat(),
            "last_action_type": "verified",
            "field_name": "",
            "previous_value": "",
            "replacement_value": "",
            "updated_by": settings.PORTAL_OPERATOR,
        }
    ]


def _address(location_id, parent_id, street: str, postal_code: str, city: str) -> list[dict]:
    if not (street or postal_code or city):
        return []
    return [
        {
            "id": ids.child(parent_id, "address"),
            "location_id": str(location_id),
            "address_1": street,
            "city": city,
            "region": area_name(),
            "state_province": "NW",
            "postal_code": postal_code,
            "country": "DE",
            "address_type": "physical",
        }
    ]


def _drop_empty(data: dict, keep: tuple[str, ...] = ()) -> dict:
    """Leave out empty optional strings and lists (HSDS: absent rather than empty)."""
    return {
        key: value
        for key, value in data.items()
        if key in keep or not (value is None or value == "" or value == [])
    }


# --- organizations ------------------------------------------------------------------------


def organization_queryset(queryset: QuerySet, full: bool) -> QuerySet:
    queryset = queryset.select_related("parent")
    if full:
        queryset = queryset.select_related("municipality").prefetch_related(
            "dimension_roles", "target_groups", "languages"
        )
    return queryset


def organization_basic(actor: Actor) -> dict:
    """The one-to-one fields of an organisation (HSDS ``organization_list``)."""
    parent = actor.parent if actor.parent_id else None
    data = {
        "id": str(actor.uuid),
        "name": actor.name,
        "alternate_name": actor.short_name,
        "description": actor.description,
        "email": actor.email,
        "website": actor.website,
        "uri": _portal_url(actor.get_absolute_url()),
        "parent_organization_id": str(parent.uuid) if parent and parent.is_public else None,
    }
    return _drop_empty(data, keep=("description",))


def organization_full(actor: Actor, fixed_terms: dict[str, dict] | None = None) -> dict:
    """The whole organisation: phones, its location, attributes, metadata. Needs the
    relations of ``organization_queryset(…, full=True)``."""
    terms = fixed_terms if fixed_terms is not None else _fixed_terms_by_id()
    data = organization_basic(actor)
    uid = actor.uuid
    if actor.phone:
        data["phones"] = [
            {"id": ids.child(uid, "phone"), "organization_id": str(uid), "number": actor.phone}
        ]
    location_id = ids.child(uid, "location")
    location = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": str(uid),
        "name": actor.name,
        "addresses": _address(location_id, uid, actor.street, actor.postal_code, actor.city),
    }
    if actor.opening_hours:
        location["schedules"] = [
            {
                "id": ids.child(uid, "schedule"),
                "location_id": location_id,
                "description": actor.opening_hours,
            }
        ]
    if location["addresses"] or actor.opening_hours:
        data["locations"] = [_drop_empty(location)]
    attributes = [
        _attribute(uid, "organization", "level", terms[fixed_term_id(LEVEL, actor.level)]),
        _attribute(uid, "organization", "kind", terms[fixed_term_id(KIND, actor.kind)]),
    ]
    if actor.sector:
        term = terms[fixed_term_id(SECTOR, actor.sector)]
        attributes.append(_attribute(uid, "organization", "sector", term))
    with translation.override("de"):
        for role in actor.dimension_roles.all():
            term = terms[fixed_term_id(DIMENSION, role.dimension)]
            obligation = str(role.get_obligation_display())
            attributes.append(
                _attribute(uid, "organization", "policy_dimension", term, value=obligation)
            )
    for group in actor.target_groups.all():
        attributes.append(
            _attribute(uid, "organization", "target_group", vocabulary.target_group_term(group))
        )
    for language in actor.languages.all():
        attributes.append(
            _attribute(uid, "organization", "language", vocabulary.language_term(language))
        )
    if actor.is_demo:
        attributes.append(_attribute(uid, "organization", "origin", terms[DEMO_TERM_ID]))
    data["attributes"] = attributes
    data["metadata"] = _metadata(uid, "organization", actor.last_verified)
    municipality = actor.municipality if actor.municipality_id else None
    if municipality is not None and municipality.is_public:
        data["municipality_organization_id"] = str(municipality.uuid)  # our profile
    return _drop_empty(data, keep=("description",))


def organization_objects(actors: list[Actor], full: bool) -> list[dict]:
    if not full:
        return [organization_basic(actor) for actor in actors]
    terms = _fixed_terms_by_id()
    return [organization_full(actor, terms) for actor in actors]


def organization_services(actor: Actor) -> list[dict]:
    """The organisation's services as the HSDS organisation lists them: id, name,
    status, description (one query)."""
    offers = Offer.objects.public().filter(actor=actor).order_by("name", "pk")
    return [
        _drop_empty(
            {
                "id": str(offer.uuid),
                "organization_id": str(actor.uuid),
                "name": offer.name,
                "description": offer.description,
                "status": offer.status,
            }
        )
        for offer in offers.only("uuid", "name", "description", "status")
    ]


# --- services -----------------------------------------------------------------------


def _places_prefetch() -> Prefetch:
    return Prefetch(
        "offer_places",
        queryset=OfferPlace.objects.select_related("place").order_by("pk"),
    )


def service_queryset(queryset: QuerySet, full: bool) -> QuerySet:
    queryset = queryset.select_related("actor")
    if full:
        # The nested organization names its parent.
        queryset = queryset.select_related("actor__parent").prefetch_related(
            "topics",
            "target_groups",
            "languages",
            Prefetch(
                "municipalities",
                queryset=Actor.objects.public().order_by("name", "pk").only("uuid", "name", "slug"),
            ),
            _places_prefetch(),
            Prefetch(
                "opening_hours",
                queryset=OpeningHours.objects.order_by("weekday", "opens_at", "pk"),
            ),
        )
    return queryset


def service_basic(offer: Offer) -> dict:
    """The one-to-one fields of a service (HSDS ``service_list``)."""
    data = {
        "id": str(offer.uuid),
        "organization_id": str(offer.actor.uuid),
        "name": offer.name,
        "description": offer.description,
        "url": offer.url,
        "email": offer.email,
        "status": offer.status,
        "application_process": offer.application_process,
        "fees_description": offer.fees_description,
        "assured_date": offer.last_verified.isoformat() if offer.last_verified else "",
    }
    return _drop_empty(data)


def schedule(hours: OpeningHours, service_uuid, service_at_location_id=None) -> dict:
    """Opening hours as an HSDS ``schedule``: weekly, on one day, from … until."""
    data = {
        "id": str(hours.uuid),
        "service_id": str(service_uuid),
        "service_at_location_id": str(service_at_location_id) if service_at_location_id else "",
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": Weekday(hours.weekday).ical,
        "opens_at": f"{hours.opens_at:%H:%M}" if hours.opens_at else "",
        "closes_at": f"{hours.closes_at:%H:%M}" if hours.closes_at else "",
        "attending_type": "nach Terminvereinbarung" if hours.by_appointment_only else "",
        "description": hours.description,
    }
    return _drop_empty(data)


def location(place: Place) -> dict:
    """A place as an HSDS ``location`` with its ``address`` and ``accessibility``."""
    uid = place.uuid
    data = {
        "id": str(uid),
        "location_type": "physical",
        "name": place.name,
        "addresses": _address(uid, uid, place.street, place.postal_code, place.city),
    }
    if place.accessibility:
        data["accessibility"] = [
            {
                "id": ids.child(uid, "accessibility"),
                "location_id": str(uid),
                "description": place.accessibility,
            }
        ]
    return _drop_empty(data)


def service_at_location(offer_place: OfferPlace, offer: Offer, hours=()) -> dict:
    data = {
        "id": str(offer_place.uuid),
        "service_id": str(offer.uuid),
        "location_id": str(offer_place.place.uuid),
        "description": offer_place.description,
        "location": location(offer_place.place),
        # The hours of this place, and those of the offer at all its places (which name
        # no place: the same schedule as in the service's own list).
        "schedules": [
            schedule(h, offer.uuid, offer_place.uuid if h.offer_place_id else None) for h in hours
        ],
    }
    return _drop_empty(data)


def service_areas(offer: Offer) -> list[dict]:
    """The whole Kreis, or one area per (public) municipality served."""
    if offer.for_whole_district:
        return [
            {
                "id": ids.child(offer.uuid, "service_area:district"),
                "service_id": str(offer.uuid),
                "name": area_name(),
                "description": f"Für den ganzen {area_name()}",
                "extent_type": "name",
            }
        ]
    return [
        {
            "id": ids.child(offer.uuid, f"service_area:{municipality.uuid}"),
            "service_id": str(offer.uuid),
            "name": municipality.name,
            "description": municipality.name,
            "extent_type": "name",
            "uri": _portal_url(municipality.get_absolute_url()),
            "municipality_organization_id": str(municipality.uuid),  # our profile
        }
        for municipality in offer.municipalities.all()
    ]


def service_full(offer: Offer, terms: dict[str, dict] | None = None) -> dict:
    """The whole service. Needs the relations of ``service_queryset(…, full=True)``."""
    terms = terms if terms is not None else _fixed_terms_by_id()
    data = service_basic(offer)
    uid = offer.uuid
    groups = list(offer.target_groups.all())
    if groups:
        data["eligibility_description"] = ", ".join(group.name for group in groups)
    if offer.phone:
        data["phones"] = [
            {"id": ids.child(uid, "phone"), "service_id": str(uid), "number": offer.phone}
        ]
    all_hours = list(offer.opening_hours.all())
    data["schedules"] = [schedule(h, uid) for h in all_hours if h.offer_place_id is None]
    data["service_areas"] = service_areas(offer)
    data["service_at_locations"] = [
        service_at_location(at, offer, [h for h in all_hours if h.offer_place_id in (None, at.pk)])
        for at in offer.offer_places.all()
    ]
    data["languages"] = [
        {
            "id": ids.child(uid, f"language:{language.code}"),
            "service_id": str(uid),
            "name": language.name,
            "code": language.code,
        }
        for language in offer.languages.all()
    ]
    data["organization"] = organization_basic(offer.actor)
    attributes = [
        _attribute(uid, "service", "topic", vocabulary.topic_term(topic))
        for topic in offer.topics.all()
    ]
    attributes += [
        _attribute(uid, "service", "target_group", vocabulary.target_group_term(group))
        for group in groups
    ]
    if offer.is_demo:
        attributes.append(_attribute(uid, "service", "origin", terms[DEMO_TERM_ID]))
    data["attributes"] = attributes
    data["metadata"] = _metadata(uid, "service", offer.last_verified)
    return _drop_empty(data)


def service_objects(offers: list[Offer], full: bool) -> list[dict]:
    if not full:
        return [service_basic(offer) for offer in offers]
    terms = _fixed_terms_by_id()
    return [service_full(offer, terms) for offer in offers]


# --- service at location --------------------------------------------------------------


def service_at_location_queryset(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("offer", "place").prefetch_related(
        Prefetch(
            "offer__opening_hours",
            queryset=OpeningHours.objects.order_by("weekday", "opens_at", "pk"),
        )
    )


def service_at_location_objects(rows: list[OfferPlace]) -> list[dict]:
    return [
        service_at_location(
            row,
            row.offer,
            [h for h in row.offer.opening_hours.all() if h.offer_place_id in (None, row.pk)],
        )
        for row in rows
    ]
