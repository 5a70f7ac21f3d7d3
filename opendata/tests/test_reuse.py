"""Reuse of the open data: rate limit and CORS of /api/ and the files of /daten/, the
validity of every file of the package for the keynote's data, and no internal marker in
any package file, JSON-LD block or feed of the history."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from actors.models import Actor
from core import ratelimits
from networks.models import Network
from opendata import export, profile
from opendata.tests.conftest import MARK

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


# --- rate limit ---------------------------------------------------------------------------


@pytest.fixture
def limit(settings, monkeypatch):
    """Three requests a minute; the clock stands at 10 seconds into a window."""
    settings.PORTAL_OPEN_DATA_RATE_LIMIT = "3/60"
    now = {"t": 1_800_000_010.0}
    monkeypatch.setattr(ratelimits, "clock", lambda: now["t"])
    return now


def test_too_many_api_requests_from_one_address_get_a_429_with_retry_after(client, world, limit):
    for _ in range(3):
        assert client.get("/api/hsds/organizations").status_code == 200
    refused = client.get("/api/hsds/organizations")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"
    assert refused["Access-Control-Allow-Origin"] == "*"
    body = json.loads(refused.content)
    assert body["status"] == 429 and body["error"] == "Too Many Requests"
    assert "50 seconds" in body["message"]
    # Another address is not affected; the next window lets the first one in again.
    assert client.get("/api/hsds/organizations", REMOTE_ADDR="192.0.2.7").status_code == 200
    limit["t"] += 50
    assert client.get("/api/hsds/organizations").status_code == 200


def test_the_downloads_and_the_api_share_the_limit(client, world, limit, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    call_command("export_open_data", stdout=io.StringIO())
    assert client.get("/daten/hsds.json").status_code == 200
    assert client.get("/daten/dcat.ttl").status_code == 200
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/daten/hsds-tabular.zip").status_code == 429
    # The page itself is not limited.
    assert client.get("/daten/").status_code == 200


def test_ipv6_clients_count_per_64_network(client, world, limit):
    for suffix in ("1", "2", "3"):
        assert client.get("/api/hsds/", REMOTE_ADDR=f"2001:db8::{suffix}").status_code == 200
    assert client.get("/api/hsds/", REMOTE_ADDR="2001:db8::4").status_code == 429
    assert client.get("/api/hsds/", REMOTE_ADDR="2001:db8:1::1").status_code == 200


def test_no_limit_when_the_setting_is_empty(client, world, settings):
    settings.PORTAL_OPEN_DATA_RATE_LIMIT = ""
    assert all(client.get("/api/hsds/").status_code == 200 for _ in range(5))


def test_rates_are_read_from_the_setting():
    assert ratelimits.parse_rates("120/60, 3000/3600") == (
        ratelimits.Rate(120, 60),
        ratelimits.Rate(3000, 3600),
    )
    assert ratelimits.parse_rates("") == ()
    with pytest.raises(ValueError):
        ratelimits.parse_rates("0/60")


@pytest.mark.parametrize("value", ["120", "0/60", "120/60;10/1", "viele"])
def test_a_malformed_rate_setting_stops_the_start(value):
    result = subprocess.run(
        [sys.executable, "-c", "import integration_portal.settings"],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PORTAL_OPEN_DATA_RATE_LIMIT": value},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "PORTAL_OPEN_DATA_RATE_LIMIT must be uses/seconds" in result.stderr


# --- CORS and caching ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/api/hsds/organizations", "/api/schema/", "/daten/dcat.ttl", "/daten/dcat.jsonld"]
)
def test_reading_is_open_to_other_sites_writing_is_refused_without_cors(client, world, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.head(url)["Access-Control-Allow-Origin"] == "*"
    for method in ("post", "put", "patch", "delete"):
        refused = getattr(client, method)(url, HTTP_ORIGIN="https://example.org")
        assert refused.status_code == 405, (method, url)
        assert "Access-Control-Allow-Origin" not in refused, (method, url)
        assert "Access-Control-Allow-Methods" not in refused, (method, url)


def test_a_preflight_allows_reading_only(client, world):
    response = client.options(
        "/api/hsds/services",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_an_unchanged_api_answer_is_a_304(client, world):
    first = client.get("/api/hsds/services")
    assert first["Cache-Control"] == "public, no-cache"
    again = client.get("/api/hsds/services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


# --- the data package of the keynote's data -----------------------------------------------

DOCUMENT_LISTS = {
    "organizations": "organization",
    "services": "service",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organization_relationships": "organization_relationship",
    "networks": "network",
    "responsibilities": "responsibility",
    "tasks": "task",
}


def _cell(value: str, field: dict, spec: dict):
    """A CSV cell as the datapackage field types it."""
    kind = field["type"]
    if kind == "boolean":
        assert value in ("true", "false"), (field, value)
        return value == "true"
    if kind == "number":
        return float(value) if spec.get("type") == "number" else int(value)
    if kind == "integer":
        return int(value)
    if kind == "date":
        datetime.date.fromisoformat(value)
    if kind == "time":
        datetime.time.fromisoformat(value)
    return value


def assert_valid_package(directory) -> None:
    """hsds.json and every CSV and datapackage.json of the tabular ZIP, checked against
    HSDS 3.0 with the portal's profile applied."""
    document = json.loads((directory / export.JSON_NAME).read_text())
    assert document["version"] == "3.0"
    for key, name in DOCUMENT_LISTS.items():
        for item in document[key]:
            assert not profile.errors(name, item), (name, item, profile.errors(name, item))
    with zipfile.ZipFile(directory / export.ZIP_NAME) as archive:
        datapackage = json.loads(archive.read("datapackage.json"))
        assert datapackage["profile"] == "tabular-data-package"
        assert datapackage["licenses"] and datapackage["resources"]
        assert set(archive.namelist()) == {"datapackage.json"} | {
            resource["path"] for resource in datapackage["resources"]
        }
        for resource in datapackage["resources"]:
            name = resource["name"]
            schema = profile.schema(name)
            fields = {field["name"]: field for field in resource["schema"]["fields"]}
            # Every field is a column of the HSDS object (with the profile applied).
            assert set(fields) <= set(schema["properties"]), name
            raw = archive.read(resource["path"])
            assert b"\r\n" in raw  # RFC 4180
            rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
            assert rows, name
            assert list(rows[0]) == list(fields), name  # columns as declared
            ids = [row["id"] for row in rows]
            assert len(ids) == len(set(ids)), name  # the primary key
            required = schema.get("required", [])
            for row in rows:
                item = {
                    column: _cell(value, fields[column], schema["properties"][column])
                    for column, value in row.items()
                    if value != "" or column in required
                }
                assert not profile.errors(name, item), (name, row, profile.errors(name, item))


def test_every_file_of_the_package_of_the_keynote_is_valid_hsds(keynote, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    call_command("export_open_data", stdout=io.StringIO())
    document = json.loads((tmp_path / export.JSON_NAME).read_text())
    assert document["organizations"] and document["networks"] and document["responsibilities"]
    assert_valid_package(tmp_path)


# --- markers: package, JSON-LD, feeds -----------------------------------------------------


def test_no_internal_marker_in_the_package_or_the_json_ld(
    client, world, internal, settings, tmp_path, staff_user
):
    """(The history's feeds carry no draft: timeline/tests/test_feeds.py; the site-wide
    crawl in tests/test_no_internal_data_in_public.py follows their links.)"""
    settings.OPEN_DATA_DIR = tmp_path
    call_command("export_open_data", stdout=io.StringIO())
    assert_valid_package(tmp_path)

    texts = {export.JSON_NAME: (tmp_path / export.JSON_NAME).read_text()}
    with zipfile.ZipFile(tmp_path / export.ZIP_NAME) as archive:
        texts.update({name: archive.read(name).decode() for name in archive.namelist()})
    for url in ("/daten/hsds.json", "/daten/dcat.ttl", "/daten/dcat.jsonld"):
        texts[url] = b"".join(client.get(url)).decode()

    pages = [a.get_absolute_url() for a in Actor.objects.all()]
    pages += [n.get_absolute_url() for n in Network.objects.all()]
    blocks = []
    for signed_in in (False, True):
        if signed_in:
            client.force_login(staff_user)
        for url in pages:
            response = client.get(url)
            if response.status_code == 200:
                blocks += LD.findall(response.content.decode())
    assert len(blocks) >= 4  # public actors and networks, seen twice
    texts.update({f"json-ld {i}": block for i, block in enumerate(blocks)})

    leaks = [where for where, text in texts.items() if MARK in text]
    assert not leaks, leaks
    for marker in internal.values():
        assert not any(marker in text for text in texts.values()), marker
