"""The data package: everything the HSDS API shows, in one JSON file and as HSDS's
tabular form (one CSV file per object, ``datapackage.json``), in a ZIP.

Written by ``manage.py export_open_data`` (on a schedule or after changes) into
``settings.OPEN_DATA_DIR``; ``/daten/`` offers the files with their date and size. The
records are read page by page with the API's own functions (``opendata.hsds``,
``opendata.relations``), so the package holds exactly what the API shows: public data
only. Files are written under a temporary name and renamed, so a download never gets
half a file.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from opendata import hsds, profile, relations, vocabulary

JSON_NAME = "hsds.json"
ZIP_NAME = "hsds-tabular.zip"
BATCH = 500

#: The tables of the tabular form, in order: object name → CSV file.
TABLES = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "service_at_location": "service_at_locations.csv",
    "address": "addresses.csv",
    "phone": "phones.csv",
    "schedule": "schedules.csv",
    "service_area": "service_areas.csv",
    "language": "languages.csv",
    "accessibility": "accessibility.csv",
    "taxonomy": "taxonomies.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "attribute": "attributes.csv",
    "metadata": "metadata.csv",
    "organization_relationship": "organization_relationships.csv",
    "network": "networks.csv",
    "membership": "memberships.csv",
    "responsibility": "responsibilities.csv",
    "task": "tasks.csv",
}
#: Nested arrays → the object they hold (for the tabular form).
NESTED = {
    "phones": "phone",
    "locations": "location",
    "addresses": "address",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "languages": "language",
    "accessibility": "accessibility",
    "attributes": "attribute",
    "metadata": "metadata",
    "memberships": "membership",
}


def _batches(queryset, build):
    """Every row of the queryset as objects, ``BATCH`` rows per round of queries."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not rows:
            return
        yield from build(rows)
        last = rows[-1].pk


def collect(base_url: str = "") -> dict:
    """The whole public data set as one JSON document."""
    base = (base_url or settings.PORTAL_BASE_URL).rstrip("/")
    return {
        "version": "3.0",
        "profile": f"{base}/api/hsds/profile",
        "generated": timezone.now().replace(microsecond=0).isoformat(),
        "publisher": settings.OPEN_DATA["PUBLISHER"],
        "license": settings.OPEN_DATA["LICENSE_ID"],
        "license_name": settings.OPEN_DATA["LICENSE_NAME"],
        "organizations": list(
            _batches(
                hsds.organization_queryset(hsds.organizations(), full=True),
                lambda rows: hsds.organization_objects(rows, full=True),
            )
        ),
        "services": list(
            _batches(
                hsds.service_queryset(hsds.services(), full=True),
                lambda rows: hsds.service_objects(rows, full=True),
            )
        ),
        "taxonomies": [taxonomy.as_hsds() for taxonomy in vocabulary.TAXONOMIES],
        "taxonomy_terms": vocabulary.all_terms(),
        "organization_relationships": list(
            _batches(relations.relationships(), lambda rows: map(relations.relationship, rows))
        ),
        "networks": list(
            _batches(relations.networks(), lambda rows: relations.network_objects(rows, True))
        ),
        "responsibilities": list(
            _batches(relations.responsibilities(), lambda rows: map(relations.responsibility, rows))
        ),
        "tasks": [relations.task(record) for record in relations.tasks()],
    }


def tables(document: dict) -> dict[str, dict[str, dict]]:
    """The JSON document in HSDS's tabular form: ``{object: {id: flat row}}``."""
    found: dict[str, dict[str, dict]] = {name: {} for name in TABLES}

    def add(name: str, item: dict) -> None:
        row = {}
        for key, value in item.items():
            if key in NESTED and isinstance(value, list):
                for child in value:
                    add(NESTED[key], child)
            elif isinstance(value, dict | list):
                if key == "location":
                    add("location", value)
                continue  # a copy of a record of its own table (organization, term)
            else:
                row[key] = value
        found[name].setdefault(item["id"], row)

    for key, name in (
        ("organizations", "organization"),
        ("services", "service"),
        ("taxonomies", "taxonomy"),
        ("taxonomy_terms", "taxonomy_term"),
        ("organization_relationships", "organization_relationship"),
        ("networks", "network"),
        ("responsibilities", "responsibility"),
        ("tasks", "task"),
    ):
        for item in document[key]:
            add(name, item)
    return found


#: Types that are not a column (nested arrays; a nested copy has no type of its own).
ARRAYS = ("array", "object", None)


def _columns(name: str) -> list[str]:
    properties = profile.schema(name)["properties"]
    return [field for field, spec in properties.items() if spec.get("type") not in ARRAYS]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(name: str, rows: list[dict]) -> str:
    """RFC 4180 CSV (comma, UTF-8, CRLF), the columns of the schema in its order."""
    columns = _columns(name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def _field_type(spec: dict) -> str:
    kind = spec.get("datapackage_type") or spec.get("type", "string")
    return {
        "number": "number",
        "integer": "integer",
        "boolean": "boolean",
        "date": "date",
        "time": "time",
    }.get(kind, "string")


def datapackage(document: dict, present: list[str]) -> dict:
    """Frictionless ``datapackage.json`` of the tabular form."""
    resources = []
    for name in present:
        properties = profile.schema(name)["properties"]
        resources.append(
            {
                "name": name,
                "path": TABLES[name],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": column,
                            "type": _field_type(properties[column]),
                            "description": properties[column].get("description", ""),
                        }
                        for column in _columns(name)
                    ],
                    "primaryKey": "id",
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "integrationsportal-hsds",
        "title": f"{settings.PORTAL_NAME}: Akteure, Angebote, Netzwerke (HSDS 3.0)",
        "version": "3.0",
        "created": document["generated"],
        "homepage": settings.PORTAL_BASE_URL.rstrip("/") + "/daten/",
        "licenses": [
            {
                "name": settings.OPEN_DATA["LICENSE_ID"],
                "title": settings.OPEN_DATA["LICENSE_NAME"],
                "path": settings.OPEN_DATA["LICENSE_TEXT_URL"],
            }
        ],
        "contributors": [{"title": settings.OPEN_DATA["PUBLISHER"], "role": "publisher"}],
        "resources": resources,
    }


def zip_bytes(document: dict) -> bytes:
    rows = tables(document)
    present = [name for name in TABLES if rows[name]]
    buffer = io.BytesIO()
    stamp = datetime.datetime.fromisoformat(document["generated"]).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in present:
            info = zipfile.ZipInfo(TABLES[name], date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, csv_text(name, list(rows[name].values())))
        info = zipfile.ZipInfo("datapackage.json", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(
            info, json.dumps(datapackage(document, present), ensure_ascii=False, indent=2)
        )
    return buffer.getvalue()


def _write(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)  # noqa: S103 - public data, read by the web server
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write(directory: Path | None = None, base_url: str = "") -> dict[str, Path]:
    """Write both files; returns their paths."""
    target = Path(directory or settings.OPEN_DATA_DIR)
    target.mkdir(parents=True, exist_ok=True)
    document = collect(base_url)
    paths = {"json": target / JSON_NAME, "zip": target / ZIP_NAME}
    _write(paths["json"], json.dumps(document, ensure_ascii=False, indent=1).encode())
    _write(paths["zip"], zip_bytes(document))
    return paths


def files(directory: Path | None = None) -> list[dict]:
    """The files offered for download, with their date and size (missing ones left out)."""
    target = Path(directory or settings.OPEN_DATA_DIR)
    found = []
    for key, name in (("zip", ZIP_NAME), ("json", JSON_NAME)):
        path = target / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        found.append(
            {
                "key": key,
                "name": name,
                "path": path,
                "size": stat.st_size,
                "modified": datetime.datetime.fromtimestamp(stat.st_mtime, tz=datetime.UTC),
            }
        )
    return found
