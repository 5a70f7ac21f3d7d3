"""Import of the JSON data package (``export_open_data``) into a database: the
``import_hsds`` command. Records are matched by their UUID: a record that exists is left
as it is (create-only, as the seeding), a missing one is created with the UUID of the
package, so that exporting the imported database gives the same package again.

What the package does not carry is not invented: imported actors and offers are public,
without contact persons or notes; slugs come from the portal addresses in the package
(``uri``) or from the names.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils.text import slugify

from actors import search_document
from actors.codes import DIMENSION_CODES, DIRECTNESS_CODES, OBLIGATION_CODES
from actors.models import (
    Actor,
    ActorDimension,
    Language,
    MunicipalTaskType,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Responsibility,
    TargetGroup,
    Task,
    Topic,
    Weekday,
)
from networks.models import CoordinationLink, LegalBasis, Membership, Network
from opendata import hsds, vocabulary

DAYS = {day.ical: day.value for day in Weekday}


class ImportProblem(Exception):
    pass


def _slug_of(uri: str, fallback: str, taken: set[str]) -> str:
    parts = [part for part in (uri or "").split("/") if part]
    slug = parts[-1] if parts else slugify(fallback)[:180] or "eintrag"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _date(value: str | None):
    return datetime.date.fromisoformat(value) if value else None


def _time(value: str | None):
    return datetime.time.fromisoformat(value) if value else None


def _label_value(choices, label: str) -> str:
    for value, text in choices:
        if str(text) == label:
            return value
    return ""


class Importer:
    def __init__(self, document: dict):
        if document.get("version") != "3.0":
            raise ImportProblem("Kein HSDS-3.0-Datenpaket (version fehlt oder ist nicht 3.0).")
        self.document = document
        self.counts: dict[str, int] = defaultdict(int)
        self.terms = {term["id"]: term for term in document.get("taxonomy_terms", [])}

    def _get_or_create(self, model, uid: str, **fields):
        obj = model.objects.filter(uuid=uid).first()
        if obj is None:
            obj = model.objects.create(uuid=uid, **fields)
            self.counts[model._meta.verbose_name_plural] += 1
        return obj

    def lookups(self) -> None:
        self.by_uuid: dict[str, object] = {}
        taxonomy = {t.id: t for t in vocabulary.TAXONOMIES}
        for term in self.terms.values():
            kind = taxonomy.get(term["taxonomy_id"])
            if kind is vocabulary.TOPIC:
                obj = self._get_or_create(Topic, term["id"], slug=term["code"], name=term["name"])
            elif kind is vocabulary.TARGET_GROUP:
                obj = self._get_or_create(
                    TargetGroup, term["id"], slug=term["code"], name=term["name"]
                )
            elif kind is vocabulary.LANGUAGE:
                obj = self._get_or_create(
                    Language, term["id"], code=term["code"], name=term["name"]
                )
            else:
                continue
            self.by_uuid[term["id"]] = obj

    def actors(self) -> None:
        taken = set(Actor.objects.values_list("slug", flat=True))
        organizations = self.document.get("organizations", [])
        self.actors_by_uuid = {}
        for org in organizations:
            existing = Actor.objects.filter(uuid=org["id"]).first()
            if existing is not None:
                self.actors_by_uuid[org["id"]] = existing
                continue
            fixed = {}
            extras = []
            for attribute in org.get("attributes", []):
                term_id = attribute["taxonomy_term_id"]
                if term_id in hsds.FIXED_TERMS:
                    fixed.setdefault(hsds.FIXED_TERMS[term_id][0], []).append(
                        (hsds.FIXED_TERMS[term_id][1], attribute.get("value", ""))
                    )
                else:
                    extras.append(term_id)
            location = (org.get("locations") or [{}])[0]
            address = (location.get("addresses") or [{}])[0]
            schedule = (location.get("schedules") or [{}])[0]
            actor = Actor.objects.create(
                uuid=org["id"],
                name=org["name"],
                short_name=org.get("alternate_name", ""),
                slug=_slug_of(org.get("uri", ""), org["name"], taken),
                level=fixed["ebene"][0][0],
                kind=fixed["art"][0][0],
                sector=fixed.get("bereich", [("", "")])[0][0],
                description=org.get("description", ""),
                email=org.get("email", ""),
                website=org.get("website", ""),
                phone=(org.get("phones") or [{}])[0].get("number", ""),
                street=address.get("address_1", ""),
                postal_code=address.get("postal_code", ""),
                city=address.get("city", ""),
                opening_hours=schedule.get("description", ""),
                last_verified=_date(
                    next(
                        (
                            m["last_action_date"]
                            for m in org.get("metadata", [])
                            if m["last_action_type"] == "verified"
                        ),
                        None,
                    )
                ),
                is_demo=vocabulary.DEMO_TERM_ID in extras,
            )
            self.counts["Akteure"] += 1
            for dimension, label in fixed.get("politikdimension", []):
                obligation = "mandatory" if label.startswith("Pflicht") else "voluntary"
                ActorDimension.objects.create(
                    actor=actor, dimension=dimension, obligation=obligation
                )
            groups = [
                self.by_uuid[t] for t in extras if isinstance(self.by_uuid.get(t), TargetGroup)
            ]
            languages = [
                self.by_uuid[t] for t in extras if isinstance(self.by_uuid.get(t), Language)
            ]
            actor.target_groups.set(groups)
            actor.languages.set(languages)
            self.actors_by_uuid[org["id"]] = actor
        # Parents and municipalities once every actor exists.
        for org in organizations:
            actor = self.actors_by_uuid[org["id"]]
            changed = []
            parent = self.actors_by_uuid.get(org.get("parent_organization_id", ""))
            if parent is not None and actor.parent_id is None:
                actor.parent = parent
                changed.append("parent")
            municipality = self.actors_by_uuid.get(org.get("municipality_organization_id", ""))
            if municipality is not None and actor.municipality_id is None:
                actor.municipality = municipality
                changed.append("municipality")
            if changed:
                actor.save(update_fields=changed)

    def offers(self) -> None:
        taken = set(Offer.objects.values_list("slug", flat=True))
        for service in self.document.get("services", []):
            if Offer.objects.filter(uuid=service["id"]).exists():
                continue
            areas = service.get("service_areas", [])
            whole = any("municipality_organization_id" not in area for area in areas)
            offer = Offer.objects.create(
                uuid=service["id"],
                actor=self.actors_by_uuid[service["organization_id"]],
                name=service["name"],
                slug=_slug_of("", f"{service['name']}-{service['id'][:8]}", taken),
                description=service.get("description", ""),
                status=service["status"],
                url=service.get("url", ""),
                email=service.get("email", ""),
                phone=(service.get("phones") or [{}])[0].get("number", ""),
                application_process=service.get("application_process", ""),
                fees_description=service.get("fees_description", ""),
                last_verified=_date(service.get("assured_date")),
                for_whole_district=whole,
                is_demo=any(
                    a["taxonomy_term_id"] == vocabulary.DEMO_TERM_ID
                    for a in service.get("attributes", [])
                ),
            )
            self.counts["Angebote"] += 1
            if not whole:
                uris = {area.get("uri", "") for area in areas}
                offer.municipalities.set(
                    [
                        a
                        for a in self.actors_by_uuid.values()
                        if a.get_absolute_url()
                        and any(uri.endswith(a.get_absolute_url()) for uri in uris if uri)
                    ]
                )
            terms = [a["taxonomy_term_id"] for a in service.get("attributes", [])]
            offer.topics.set(
                [self.by_uuid[t] for t in terms if isinstance(self.by_uuid.get(t), Topic)]
            )
            offer.target_groups.set(
                [self.by_uuid[t] for t in terms if isinstance(self.by_uuid.get(t), TargetGroup)]
            )
            codes = [language["code"] for language in service.get("languages", [])]
            offer.languages.set(Language.objects.filter(code__in=codes))
            for at in service.get("service_at_locations", []):
                loc = at["location"]
                address = (loc.get("addresses") or [{}])[0]
                place = Place.objects.filter(uuid=loc["id"]).first() or Place.objects.create(
                    uuid=loc["id"],
                    name=loc["name"],
                    street=address.get("address_1", ""),
                    postal_code=address.get("postal_code", ""),
                    city=address.get("city", ""),
                    accessibility=(loc.get("accessibility") or [{}])[0].get("description", ""),
                    is_demo=offer.is_demo,
                )
                offer_place = OfferPlace.objects.create(
                    uuid=at["id"], offer=offer, place=place, description=at.get("description", "")
                )
                for hours in at.get("schedules", []):
                    if hours.get("service_at_location_id") == at["id"]:
                        self._hours(offer, hours, offer_place)
            for hours in service.get("schedules", []):
                self._hours(offer, hours, None)

    def _hours(self, offer, hours: dict, offer_place) -> None:
        if OpeningHours.objects.filter(uuid=hours["id"]).exists():
            return
        OpeningHours.objects.create(
            uuid=hours["id"],
            offer=offer,
            offer_place=offer_place,
            weekday=DAYS[hours["byday"]],
            opens_at=_time(hours.get("opens_at")),
            closes_at=_time(hours.get("closes_at")),
            by_appointment_only=bool(hours.get("attending_type")),
            description=hours.get("description", ""),
        )

    def networks(self) -> None:
        taken = set(Network.objects.values_list("slug", flat=True))
        networks = {}
        for data in self.document.get("networks", []):
            network = Network.objects.filter(uuid=data["id"]).first()
            if network is None:
                network = Network.objects.create(
                    uuid=data["id"],
                    name=data["name"],
                    slug=_slug_of(data.get("uri", ""), data["name"], taken),
                    kind=data["network_type"],
                    programme=data["programme"],
                    legal_basis=_label_value(LegalBasis.choices, data.get("legal_basis", ""))
                    or LegalBasis.NONE,
                    description=data.get("description", ""),
                    purpose=data.get("purpose", ""),
                    meeting_rhythm=data.get("meeting_rhythm", ""),
                    lead_actor=self.actors_by_uuid.get(data.get("lead_organization_id", "")),
                )
                self.counts["Netzwerke"] += 1
                for member in data.get("memberships", []):
                    Membership.objects.create(
                        uuid=member["id"],
                        network=network,
                        actor=self.actors_by_uuid[member["organization_id"]],
                        role=member["role"],
                        since=_date(member["start_date"]),
                        until=_date(member.get("end_date")),
                    )
            networks[data["id"]] = (network, data)
        for network, data in networks.values():
            parent = networks.get(data.get("parent_network_id", ""))
            if parent and network.parent_id is None:
                network.parent = parent[0]
                network.save()
        for link in self.document.get("organization_relationships", []):
            if CoordinationLink.objects.filter(uuid=link["id"]).exists():
                continue
            CoordinationLink.objects.create(
                uuid=link["id"],
                source=self.actors_by_uuid[link["organization_id"]],
                target=self.actors_by_uuid[link["related_organization_id"]],
                kind=link["relationship_type"],
                network=networks[link["network_id"]][0] if link.get("network_id") else None,
                description=link.get("description", ""),
                since=_date(link["start_date"]),
                until=_date(link.get("end_date")),
            )

    def tasks(self) -> None:
        """The task catalogue (the profile's ``task``), the tasks no responsibility uses
        too. A package without it (older exports) gets its tasks from the
        responsibilities."""
        for data in self.document.get("tasks", []):
            if Task.objects.filter(uuid=data["id"]).exists():
                continue
            Task.objects.create(
                uuid=data["id"],
                name=data["name"],
                slug=data["code"],
                description=data.get("description", ""),
                obligation=OBLIGATION_CODES[data["obligation"]],
                directness=DIRECTNESS_CODES[data["directness"]],
                municipal_task_type=_label_value(
                    MunicipalTaskType.choices, data.get("municipal_task_type", "")
                ),
                dimension=DIMENSION_CODES.get(data.get("policy_dimension", ""), ""),
                legal_basis=data.get("legal_basis", ""),
                keywords=data.get("keywords", ""),
                position=data.get("position", 0),
            )
            self.counts["Aufgaben"] += 1

    def responsibilities(self) -> None:
        for data in self.document.get("responsibilities", []):
            if Responsibility.objects.filter(uuid=data["id"]).exists():
                continue
            task = Task.objects.filter(uuid=data["task_id"]).first()
            if task is None:
                term = self.terms[data["task_id"]]
                task = Task.objects.create(
                    uuid=data["task_id"],
                    name=data["task_name"],
                    slug=term["code"],
                    description="" if term["description"] == term["name"] else term["description"],
                    obligation=OBLIGATION_CODES[data["obligation"]],
                    directness=DIRECTNESS_CODES[data["directness"]],
                    municipal_task_type=_label_value(
                        MunicipalTaskType.choices, data.get("municipal_task_type", "")
                    ),
                    legal_basis=data.get("legal_basis", ""),
                )
            record = Responsibility.objects.create(
                uuid=data["id"],
                task=task,
                actor=self.actors_by_uuid[data["organization_id"]],
                for_whole_district=data["area_type"] == "district",
                legal_basis=""
                if data.get("legal_basis", "") == task.legal_basis
                else data.get("legal_basis", ""),
                public_note=data.get("note", ""),
            )
            record.municipalities.set(
                [self.actors_by_uuid[m] for m in data.get("municipality_organization_ids", [])]
            )

    def run(self) -> dict[str, int]:
        with transaction.atomic(), search_document.deferred():
            self.lookups()
            self.actors()
            self.offers()
            self.networks()
            self.tasks()
            self.responsibilities()
        return dict(self.counts)
