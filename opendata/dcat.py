"""DCAT-AP.de metadata of the data set and its distributions (``/daten/dcat.ttl``,
``/daten/dcat.jsonld``), ready for GovData's harvester.

One list of statements (``statements``) written out twice: as Turtle and as JSON-LD.
The data set: title and description in German, publisher and contact point (the
operator and its contact address), the licence (``dcatde`` URI of the Datenlizenz
Deutschland – Namensnennung 2.0 by default, settings ``OPEN_DATA``) with the attribution
text, the spatial coverage (the Kreis by its official key), the temporal coverage (from
``TEMPORAL_START`` until today) and the date of the last change. Distributions: the ZIP
of the tabular form, the JSON file (each with size and date once written) and the API.
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.utils import timezone

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


class URI(str):
    pass


class Literal:
    def __init__(self, value, datatype: str = "", language: str = ""):
        self.value, self.datatype, self.language = str(value), datatype, language


def _date(value: datetime.date | datetime.datetime) -> Literal:
    if isinstance(value, datetime.datetime):
        return Literal(value.replace(microsecond=0).isoformat(), "xsd:dateTime")
    return Literal(value.isoformat(), "xsd:date")


def statements(base: str, files: list[dict], modified: datetime.datetime) -> list[tuple]:
    base = base.rstrip("/")
    od = settings.OPEN_DATA
    dataset = URI(f"{base}/daten/#dataset")
    publisher = URI(f"{base}/#publisher")
    contact = URI(f"{base}/daten/#contact")
    period = URI(f"{base}/daten/#period")
    licence = URI(od["LICENSE_URI"])
    attribution = f"{od['PUBLISHER']}, {settings.PORTAL_NAME} ({base}/daten/)"
    triples = [
        (dataset, "rdf:type", URI("dcat:Dataset")),
        (
            dataset,
            "dct:title",
            Literal(
                f"{settings.PORTAL_NAME}: Akteure, Angebote und Netzwerke der Integrationsarbeit",
                language="de",
            ),
        ),
        (
            dataset,
            "dct:description",
            Literal(
                "Öffentliche Daten des Integrationsnetzwerks: Akteure der Integrationsarbeit "
                "auf allen Ebenen, ihre Angebote mit Orten und Öffnungszeiten, die Netzwerke "
                "des Kommunalen Integrationszentrums und des Kommunalen "
                "Integrationsmanagements mit Mitgliedschaften und Verbindungen sowie "
                "Zuständigkeiten, im Format HSDS 3.0 (Open Referral).",
                language="de",
            ),
        ),
        (dataset, "dct:identifier", Literal(f"{base}/daten/")),
        (dataset, "dcat:landingPage", URI(f"{base}/daten/")),
        (dataset, "dct:publisher", publisher),
        (dataset, "dcat:contactPoint", contact),
        (dataset, "dct:license", licence),
        (dataset, "dcatde:licenseAttributionByText", Literal(attribution, language="de")),
        (
            dataset,
            "dct:spatial",
            URI(f"http://dcat-ap.de/def/politicalGeocoding/districtKey/{od['AREA_KEY']}"),
        ),
        (
            dataset,
            "dcatde:politicalGeocodingLevelURI",
            URI("http://dcat-ap.de/def/politicalGeocodingLevel/administrativeDistrict"),
        ),
        (
            dataset,
            "dcatde:politicalGeocodingURI",
            URI(f"http://dcat-ap.de/def/politicalGeocoding/districtKey/{od['AREA_KEY']}"),
        ),
        (dataset, "dct:temporal", period),
        (dataset, "dct:modified", _date(modified)),
        (
            dataset,
            "dct:language",
            URI("http://publications.europa.eu/resource/authority/language/DEU"),
        ),
        (
            dataset,
            "dcat:theme",
            URI("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
        ),
        (
            dataset,
            "dcat:theme",
            URI("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
        ),
        (dataset, "dcat:keyword", Literal("Integration", language="de")),
        (dataset, "dcat:keyword", Literal("Migration", language="de")),
        (dataset, "dcat:keyword", Literal("HSDS", language="de")),
        (period, "rdf:type", URI("dct:PeriodOfTime")),
        (period, "dcat:startDate", _date(datetime.date.fromisoformat(od["TEMPORAL_START"]))),
        (period, "dcat:endDate", _date(timezone.localdate())),
        (publisher, "rdf:type", URI("foaf:Organization")),
        (publisher, "foaf:name", Literal(od["PUBLISHER"], language="de")),
        (contact, "rdf:type", URI("vcard:Organization")),
        (contact, "vcard:fn", Literal(od["PUBLISHER"], language="de")),
        (contact, "vcard:hasEmail", URI(f"mailto:{od['CONTACT_EMAIL']}")),
    ]
    formats = {
        "zip": (
            "ZIP",
            "application/zip",
            "HSDS 3.0, tabellarische Form (CSV je Objekt und datapackage.json)",
        ),
        "json": ("JSON", "application/json", "HSDS 3.0, JSON (alle Objekte verschachtelt)"),
    }
    for file in files:
        name, media_type, title = formats[file["key"]]
        distribution = URI(f"{base}/daten/#{file['key']}")
        url = URI(f"{base}/daten/{file['name']}")
        triples += [
            (dataset, "dcat:distribution", distribution),
            (distribution, "rdf:type", URI("dcat:Distribution")),
            (distribution, "dct:title", Literal(title, language="de")),
            (distribution, "dcat:accessURL", url),
            (distribution, "dcat:downloadURL", url),
            (
                distribution,
                "dct:format",
                URI(f"http://publications.europa.eu/resource/authority/file-type/{name}"),
            ),
            (
                distribution,
                "dcat:mediaType",
                URI(f"https://www.iana.org/assignments/media-types/{media_type}"),
            ),
            (distribution, "dcat:byteSize", Literal(file["size"], "xsd:nonNegativeInteger")),
            (distribution, "dct:modified", _date(file["modified"])),
            (distribution, "dct:license", licence),
            (distribution, "dcatde:licenseAttributionByText", Literal(attribution, language="de")),
        ]
    api = URI(f"{base}/daten/#api")
    triples += [
        (dataset, "dcat:distribution", api),
        (api, "rdf:type", URI("dcat:Distribution")),
        (api, "dct:title", Literal("HSDS-3.0-Schnittstelle (lesend, JSON)", language="de")),
        (api, "dcat:accessURL", URI(f"{base}/api/hsds/")),
        (api, "dct:format", URI("http://publications.europa.eu/resource/authority/file-type/JSON")),
        (api, "dct:conformsTo", URI("https://docs.openreferral.org/en/latest/hsds/")),
        (api, "foaf:page", URI(f"{base}/api/")),
        (api, "dct:license", licence),
    ]
    return triples


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return (
        PREFIXES[prefix] + local
        if prefix in PREFIXES and not name.startswith(("http", "mailto"))
        else name
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _term(value) -> str:
    if isinstance(value, URI):
        prefix = value.partition(":")[0]
        if prefix in PREFIXES and not value.startswith("http"):
            return str(value)
        return f"<{value}>"
    text = f'"{_escape(value.value)}"'
    if value.language:
        return f"{text}@{value.language}"
    if value.datatype:
        return f"{text}^^{value.datatype}"
    return text


def turtle(triples: list[tuple]) -> str:
    lines = [f"@prefix {prefix}: <{uri}> ." for prefix, uri in PREFIXES.items()]
    subjects: dict[str, list] = {}
    for subject, predicate, obj in triples:
        subjects.setdefault(subject, []).append((predicate, obj))
    for subject, pairs in subjects.items():
        lines.append("")
        body = " ;\n    ".join(
            f"{'a' if predicate == 'rdf:type' else predicate} {_term(obj)}"
            for predicate, obj in pairs
        )
        lines.append(f"<{subject}>\n    {body} .")
    return "\n".join(lines) + "\n"


def jsonld(triples: list[tuple]) -> str:
    nodes: dict[str, dict] = {}
    for subject, predicate, obj in triples:
        node = nodes.setdefault(subject, {"@id": str(subject)})
        if predicate == "rdf:type":
            node.setdefault("@type", []).append(str(obj))
            continue
        if isinstance(obj, URI):
            value = {"@id": _expand(obj)}
        else:
            value = {"@value": obj.value}
            if obj.language:
                value["@language"] = obj.language
            elif obj.datatype:
                value["@type"] = obj.datatype
        node.setdefault(predicate, []).append(value)
    context = {prefix: uri for prefix, uri in PREFIXES.items() if prefix != "rdf"}
    return json.dumps(
        {"@context": context, "@graph": list(nodes.values())}, ensure_ascii=False, indent=2
    )
