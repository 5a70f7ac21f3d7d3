"""Synthetic demo offers (Angebote) with places and opening hours (``seed_demo``).

Built on the regions that ``devdata.demo_actors`` returns: every member municipality of
a Kreis gets a few local offers (a migration counselling service, a language café,
homework help, social counselling in the town hall, family counselling) at a place in
that municipality, and every Kreis or kreisfreie Stadt gets the offers that serve all
of it (Migrationserstberatung, Jugendmigrationsdienst, VHS-Integrationskurs,
Ehrenamtskoordination, Wohnraumberatung) at a place in its seat. Providers are the
region's offices and welfare associations (the anchors of ``demo_actors``); where the
scale cut one off, the municipality itself offers it.

Invented and marked as such: every offer and place carries ``is_demo`` and "(Beispiel)"
in its name, addresses are on example.org, no phone number and no postal code is made
up, no person is named. Deterministic for a given seed; dates count back from the day of
generation. Written with ``bulk_create``; ``seed_demo`` moves the content version on.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from actors import seed
from actors.models import (
    Actor,
    Language,
    Offer,
    OfferPlace,
    OfferStatus,
    OpeningHours,
    Place,
    TargetGroup,
    Topic,
    Weekday,
)
from devdata.demo_actors import BATCH_SIZE, STREETS, Region, municipality_anchor, raw_delete

Progress = Callable[[str, int, int], None]

T = datetime.time
MO, TU, WE, TH, FR = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
)
# Opening hours by pattern: (weekday, opens at, closes at, by appointment only).
HOURS: dict[str, tuple[tuple[int, T | None, T | None, bool], ...]] = {
    "office": (
        *((day, T(8, 30), T(12), False) for day in (MO, TU, WE, TH, FR)),
        (TH, T(14), T(17, 30), False),
    ),
    "consultation": ((TU, T(9), T(12), False), (TH, None, None, True)),
    "appointment": ((MO, None, None, True), (WE, None, None, True)),
    "afternoon": ((WE, T(15), T(17), False),),
    "homework": ((MO, T(14), T(16), False), (WE, T(14), T(16), False)),
    "course": tuple((day, T(8, 30), T(11, 45), False) for day in (MO, TU, WE, TH)),
    "evening": ((TU, T(17), T(19), False), (TH, T(10), T(12), True)),
}


@dataclass(frozen=True)
class Template:
    """An offer to be generated: its name, who may provide it, what it is about."""

    name: str  # "{place}" or "{region}"
    providers: tuple[str, ...]  # anchors of demo_actors, in order of preference
    topics: tuple[str, ...]
    target_groups: tuple[str, ...]
    hours: str
    description: str
    application_process: str
    fees_description: str = "Kostenlos."
    languages: int = 2  # at most this many languages besides German
    share: float = 1.0  # the share of municipalities that have it


LOCAL_OFFERS = (
    Template(
        "Migrationsberatung {place} (Beispiel)",
        ("welfare:Caritas", "welfare:Diakonie", "welfare:AWO"),
        ("ankommen-aufenthalt", "beratung"),
        ("erwachsene-zugewanderte", "neuzugewanderte"),
        "consultation",
        "Beratung zu Aufenthalt, Leistungen, Sprache und Arbeit für Zugewanderte in {place}.",
        "Offene Sprechstunde am Dienstag; sonst Termin nach Vereinbarung per E-Mail.",
        languages=3,
    ),
    Template(
        "Sprachcafé {place} (Beispiel)",
        ("vhs", "welfare:DRK", "welfare:Paritätische"),
        ("sprache", "engagement"),
        ("neuzugewanderte", "ehrenamtliche"),
        "afternoon",
        "Deutsch sprechen üben bei Kaffee und Tee, begleitet von Ehrenamtlichen, in {place}.",
        "Ohne Anmeldung, einfach vorbeikommen.",
        share=0.8,
    ),
    Template(
        "Hausaufgabenhilfe {place} (Beispiel)",
        ("welfare:AWO", "welfare:Paritätische", "welfare:Caritas"),
        ("kita-schule", "familie"),
        ("kinder-und-jugendliche",),
        "homework",
        "Ehrenamtliche helfen Schulkindern in {place} bei den Hausaufgaben.",
        "Anmeldung durch die Eltern beim Träger; Plätze nach Reihenfolge der Anmeldung.",
        share=0.6,
    ),
    Template(
        "Sozialberatung im Rathaus {place} (Beispiel)",
        (),  # the municipality itself
        ("wohnen", "beratung", "ankommen-aufenthalt"),
        ("gefluechtete", "geduldete"),
        "office",
        "Beratung zu Unterbringung, Leistungen nach dem Asylbewerberleistungsgesetz und "
        "Wohnungssuche für Geflüchtete in {place}.",
        "Während der Öffnungszeiten im Bürgerbüro; Unterlagen zum Aufenthalt mitbringen.",
        languages=1,
        share=0.7,
    ),
    Template(
        "Familienberatung {place} (Beispiel)",
        ("jugendamt", "welfare:Diakonie"),
        ("familie", "gesundheit"),
        ("kinder-und-jugendliche", "erwachsene-zugewanderte"),
        "appointment",
        "Beratung für Eltern in {place}: Erziehung, Gesundheit der Kinder, Frühe Hilfen.",
        "Nur nach Terminvereinbarung; Dolmetschende werden auf Wunsch hinzugezogen.",
        share=0.5,
    ),
)
DISTRICT_OFFERS = (
    Template(
        "Migrationserstberatung für Erwachsene {region} (Beispiel)",
        ("welfare:Caritas", "welfare:Diakonie", "welfare:AWO"),
        ("ankommen-aufenthalt", "beratung", "arbeit-ausbildung"),
        ("erwachsene-zugewanderte", "neuzugewanderte"),
        "consultation",
        "Begleitung in den ersten Jahren nach der Ankunft: Aufenthalt, Integrationskurs, "
        "Anerkennung von Abschlüssen, Arbeit.",
        "Termin nach Vereinbarung per E-Mail; offene Sprechstunde am Dienstag.",
        languages=3,
    ),
    Template(
        "Jugendmigrationsdienst {region} (Beispiel)",
        ("welfare:Diakonie", "welfare:Caritas", "jugendamt"),
        ("beratung", "kita-schule", "arbeit-ausbildung"),
        ("kinder-und-jugendliche", "neuzugewanderte"),
        "evening",
        "Beratung für junge Zugewanderte von 12 bis 27 Jahren: Schule, Ausbildung, Beruf.",
        "Offene Sprechstunde am Dienstagabend; sonst Termin nach Vereinbarung.",
        languages=3,
    ),
    Template(
        "VHS-Integrationskurs {region} (Beispiel)",
        ("vhs",),
        ("sprache",),
        ("erwachsene-zugewanderte", "neuzugewanderte"),
        "course",
        "Sprachkurs und Orientierungskurs bis zum Niveau B1, mit Abschlussprüfung.",
        "Anmeldung in der Volkshochschule; Einstufungstest vor Kursbeginn.",
        fees_description="Kostenbeitrag je Unterrichtsstunde; Befreiung auf Antrag möglich.",
        languages=0,
    ),
    Template(
        "Ehrenamtskoordination {region} (Beispiel)",
        ("ki",),
        ("engagement",),
        ("ehrenamtliche",),
        "appointment",
        "Vermittlung und Begleitung von Ehrenamtlichen: Sprachpatenschaften, "
        "Begegnungscafés, Begleitung zu Ämtern.",
        "Erstgespräch nach Terminvereinbarung.",
        languages=0,
    ),
    Template(
        "Wohnraumberatung {region} (Beispiel)",
        ("sozialamt", "welfare:DRK"),
        ("wohnen", "beratung"),
        ("gefluechtete", "erwachsene-zugewanderte"),
        "consultation",
        "Hilfe bei der Wohnungssuche, bei Mietverträgen und beim Auszug aus der Unterkunft.",
        "Termin nach Vereinbarung; Unterlagen zu Einkommen und Aufenthalt mitbringen.",
        languages=2,
    ),
)
ACCESSIBILITY = (
    "Stufenloser Zugang, Aufzug und barrierefreies WC.",
    "Eingang mit Rampe; das WC ist nicht barrierefrei.",
    "Zwei Stufen am Eingang; Hilfe auf Anfrage.",
    "",
)
INTERNAL_NOTES = (
    "Räume werden über das Sekretariat gebucht.",
    "Förderung läuft zum Jahresende aus; Verlängerung beantragt.",
    "Angaben zuletzt per E-Mail bestätigt.",
)


@dataclass
class _Planned:
    """An offer to be written, with its place and what goes into its related tables."""

    offer: Offer
    place: Place
    template: Template
    municipalities: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    offer_place: OfferPlace | None = field(default=None)


class _Generator:
    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng = rng
        self.today = today
        self.slugs = set(Offer.objects.values_list("slug", flat=True))
        self.planned: list[_Planned] = []
        self.places: list[Place] = []

    def slug(self, name: str) -> str:
        base = slugify(name)[:180].strip("-") or "angebot"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def place(self, name: str, city: str, municipality_id: int | None) -> Place:
        rng = self.rng
        place = Place(
            name=name,
            street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            city=city,
            municipality_id=municipality_id,
            accessibility=rng.choice(ACCESSIBILITY),
            is_demo=True,
        )
        self.places.append(place)
        return place

    def offer(
        self,
        template: Template,
        *,
        provider: int,
        public_provider: bool,
        place: Place,
        municipalities: tuple[int, ...],
        names: dict[str, str],
    ) -> None:
        rng = self.rng
        name = template.name.format(**names)[:200]
        slug = self.slug(name)
        roll = rng.random()
        status = (
            OfferStatus.DEFUNCT
            if roll < 0.03
            else OfferStatus.INACTIVE
            if roll < 0.08
            else OfferStatus.ACTIVE
        )
        others = [code for code in seed.LANGUAGES if code != "de"]
        extra = rng.randint(0, template.languages) if template.languages else 0
        offer = Offer(
            actor_id=provider,
            name=name,
            slug=slug,
            description=template.description.format(**names),
            for_whole_district=not municipalities,
            status=status,
            fees_description=template.fees_description,
            application_process=template.application_process,
            url=f"https://example.org/angebote/{slug}",
            email=f"{slug[:56].rstrip('-')}@example.org",
            last_verified=self.today - datetime.timedelta(days=rng.randint(0, 540)),
            is_public=public_provider and rng.random() < 0.95,
            internal_notes=rng.choice(INTERNAL_NOTES) if rng.random() < 0.15 else "",
            is_demo=True,
        )
        self.planned.append(
            _Planned(
                offer,
                place,
                template,
                municipalities=municipalities,
                languages=("de", *rng.sample(others, k=min(extra, len(others)))),
            )
        )

    def region(self, region: Region, public: set[int]) -> None:
        anchors, rng = region.anchors, self.rng
        municipalities = [
            (place, anchors[municipality_anchor(place)])
            for place in region.places
            if municipality_anchor(place) in anchors
        ]

        def provider(template: Template, fallback: int | None) -> int | None:
            found = [anchors[key] for key in template.providers if key in anchors]
            return found[0] if found else fallback

        for place, municipality in municipalities:
            local = self.place(f"Begegnungszentrum {place} (Beispiel)", place, municipality)
            for template in LOCAL_OFFERS:
                if rng.random() >= template.share:
                    continue
                area = [municipality]
                if rng.random() < 0.2 and len(municipalities) > 1:
                    neighbour = rng.choice(municipalities)[1]
                    if neighbour != municipality:
                        area.append(neighbour)
                by = provider(template, municipality)
                self.offer(
                    template,
                    provider=by,
                    public_provider=by in public,
                    place=local,
                    municipalities=tuple(area),
                    names={"place": place},
                )

        seat = region.name if region.is_city else region.places[0]
        seat_municipality = dict(municipalities).get(seat)
        fallback = seat_municipality or anchors.get("ki")
        if fallback is None and not any(
            key in anchors for template in DISTRICT_OFFERS for key in template.providers
        ):
            return  # the scale cut off every provider of the region
        centre = self.place(f"Beratungszentrum {seat} (Beispiel)", seat, seat_municipality)
        for template in DISTRICT_OFFERS:
            by = provider(template, fallback)
            if by is None:
                continue
            self.offer(
                template,
                provider=by,
                public_provider=by in public,
                place=centre,
                municipalities=(),
                names={"region": region.name},
            )


def generate(*, rng: random.Random, regions: list[Region], progress: Progress) -> dict[str, int]:
    """Write the demo offers of ``regions``; return what was written, by German label."""
    generator = _Generator(rng, timezone.localdate())
    providers = {pk for region in regions for pk in region.anchors.values()}
    public = set(
        Actor.objects.filter(pk__in=providers, is_public=True).values_list("pk", flat=True)
    )
    for region in regions:
        generator.region(region, public)
    planned = generator.planned
    used = {id(p.place) for p in planned}
    places = [place for place in generator.places if id(place) in used]
    Place.objects.bulk_create(places, batch_size=BATCH_SIZE)
    total = len(planned)
    for start in range(0, total, BATCH_SIZE):
        batch = planned[start : start + BATCH_SIZE]
        Offer.objects.bulk_create([p.offer for p in batch], batch_size=BATCH_SIZE)
        progress("Angebote", start + len(batch), total)
    _write_related(planned, rng, progress)
    return {"Angebote": total, "Orte": len(places)}


def _write_related(planned: list[_Planned], rng: random.Random, progress: Progress) -> None:
    topics = dict(Topic.objects.values_list("slug", "pk"))
    groups = dict(TargetGroup.objects.values_list("slug", "pk"))
    languages = dict(Language.objects.values_list("code", "pk"))
    through = {
        "topics": Offer.topics.through,
        "groups": Offer.target_groups.through,
        "languages": Offer.languages.through,
        "area": Offer.municipalities.through,
    }
    rows: dict[type, list] = {model: [] for model in through.values()}
    offer_places = []
    for item in planned:
        pk = item.offer.pk
        rows[through["topics"]] += [
            through["topics"](offer_id=pk, topic_id=topics[slug])
            for slug in item.template.topics
            if slug in topics
        ]
        rows[through["groups"]] += [
            through["groups"](offer_id=pk, targetgroup_id=groups[slug])
            for slug in item.template.target_groups
            if slug in groups
        ]
        rows[through["languages"]] += [
            through["languages"](offer_id=pk, language_id=languages[code])
            for code in item.languages
            if code in languages
        ]
        rows[through["area"]] += [
            through["area"](offer_id=pk, actor_id=municipality)
            for municipality in item.municipalities
        ]
        item.offer_place = OfferPlace(offer_id=pk, place_id=item.place.pk)
        offer_places.append(item.offer_place)
    for model, objects in rows.items():
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    OfferPlace.objects.bulk_create(offer_places, batch_size=BATCH_SIZE)
    hours = []
    for item in planned:
        # Hours at the offer's one place; now and then a note for the day.
        for weekday, opens_at, closes_at, by_appointment_only in HOURS[item.template.hours]:
            hours.append(
                OpeningHours(
                    offer_id=item.offer.pk,
                    offer_place_id=item.offer_place.pk,
                    weekday=weekday,
                    opens_at=opens_at,
                    closes_at=closes_at,
                    by_appointment_only=by_appointment_only,
                    description="In den Schulferien geschlossen." if rng.random() < 0.1 else "",
                )
            )
    OpeningHours.objects.bulk_create(hours, batch_size=BATCH_SIZE)
    progress("Orte und Öffnungszeiten", len(hours), len(hours))


def demo_offers():
    return Offer.objects.filter(is_demo=True)


def clear() -> dict[str, int]:
    """Remove the demo offers and places, and every offer of a demo actor; offers and
    places that are not demo data lose their ties to demo municipalities and places."""
    offers = Offer.objects.filter(Q(is_demo=True) | Q(actor__is_demo=True))
    demo_places = Place.objects.filter(is_demo=True)
    at_demo = OfferPlace.objects.filter(Q(offer__in=offers) | Q(place__in=demo_places))
    raw_delete(OpeningHours.objects.filter(Q(offer__in=offers) | Q(offer_place__in=at_demo)))
    raw_delete(at_demo)
    for model in (
        Offer.topics.through,
        Offer.target_groups.through,
        Offer.languages.through,
        Offer.municipalities.through,
    ):
        raw_delete(model.objects.filter(offer__in=offers))
    raw_delete(Offer.municipalities.through.objects.filter(actor__is_demo=True))
    counts = {"Angebote": raw_delete(offers)}
    Place.objects.filter(is_demo=False, municipality__is_demo=True).update(municipality=None)
    counts["Orte"] = raw_delete(demo_places)
    return counts
