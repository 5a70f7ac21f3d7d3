"""The data package (export_open_data), its validity, the import round trip, /daten/ and
DCAT-AP.de."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from actors.models import (
    Actor,
    ActorDimension,
    ContactPerson,
    Dimension,
    Directness,
    Language,
    MunicipalTaskType,
    Obligation,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Responsibility,
    TargetGroup,
    Task,
    Topic,
)
from actors.tests.factories import TaskFactory
from networks.models import CoordinationLink, Membership, Network
from opendata import export, profile
from opendata.tests.conftest import MARK

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(settings, tmp_path, world, internal):
    # A task of the catalogue that no responsibility uses, with every field filled.
    TaskFactory(
        slug="einbuergerung-beratung",
        name="Beratung zur Einbürgerung",
        description="Vor dem Antrag.",
        directness=Directness.INDIRECT,
        obligation=Obligation.VOLUNTARY,
        municipal_task_type=MunicipalTaskType.VOLUNTARY_SELF_GOVERNMENT,
        dimension=Dimension.COHESION,
        legal_basis="§ 10 StAG",
        keywords="Pass, Staatsangehörigkeit",
        position=7,
    )
    settings.OPEN_DATA_DIR = tmp_path
    call_command("export_open_data", stdout=io.StringIO())
    return tmp_path


def _typed(value: str, spec: dict):
    kind = spec.get("type")
    if kind == "boolean":
        return value == "true"
    if kind == "number":
        return float(value)
    if kind == "integer":
        return int(value)
    return value


def test_every_file_of_the_package_is_valid_and_public(package):
    document = json.loads((package / export.JSON_NAME).read_text())
    raw = (package / export.JSON_NAME).read_text() + str(
        zipfile.ZipFile(package / export.ZIP_NAME).read("organizations.csv")
    )
    assert MARK not in raw
    for key, name in (
        ("organizations", "organization"),
        ("services", "service"),
        ("networks", "network"),
        ("organization_relationships", "organization_relationship"),
        ("responsibilities", "responsibility"),
        ("tasks", "task"),
        ("taxonomy_terms", "taxonomy_term"),
    ):
        assert document[key], key
        for item in document[key]:
            assert not profile.errors(name, item), (name, item)
    with zipfile.ZipFile(package / export.ZIP_NAME) as archive:
        datapackage = json.loads(archive.read("datapackage.json"))
        assert datapackage["licenses"][0]["name"] == "dl-de/by-2-0"
        names = {resource["name"]: resource["path"] for resource in datapackage["resources"]}
        assert {"organization", "service", "location", "schedule", "address"} <= set(names)
        for name, path in names.items():
            text = archive.read(path).decode()
            assert MARK not in text, path
            rows = list(csv.DictReader(io.StringIO(text)))
            assert rows, path
            properties = profile.schema(name)["properties"]
            required = profile.schema(name).get("required", [])
            for row in rows:
                # An empty cell is an absent value, or an empty text where one is required.
                item = {
                    k: _typed(v, properties[k]) for k, v in row.items() if v != "" or k in required
                }
                # The tabular form has no nested arrays; the rest must be valid.
                assert not profile.errors(name, item), (path, row)


def _wipe() -> None:
    for model in (Responsibility, OpeningHours, OfferPlace, Offer, Place, CoordinationLink):
        model.objects.all().delete()
    Membership.objects.all().delete()
    Network.objects.update(parent=None)
    Network.objects.all().delete()
    ContactPerson.objects.all().delete()
    ActorDimension.objects.all().delete()
    Actor.objects.update(parent=None, municipality=None)
    Actor.objects.all().delete()
    for model in (Task, Topic, TargetGroup, Language):
        model.objects.all().delete()


def test_the_package_imported_into_an_empty_database_gives_the_same_public_records(
    package, settings, tmp_path_factory
):
    first = json.loads((package / export.JSON_NAME).read_text())
    _wipe()
    assert not Actor.objects.exists()
    out = io.StringIO()
    call_command("import_hsds", str(package / export.JSON_NAME), stdout=out)
    assert "angelegt" in out.getvalue()
    settings.OPEN_DATA_DIR = tmp_path_factory.mktemp("again")
    call_command("export_open_data", stdout=io.StringIO())
    second = json.loads((settings.OPEN_DATA_DIR / export.JSON_NAME).read_text())
    for key in (
        "organizations",
        "services",
        "networks",
        "organization_relationships",
        "responsibilities",
        "tasks",
        "taxonomies",
    ):
        for a, b in zip(second[key], first[key], strict=True):
            assert a == b, (
                key,
                [(k, a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)],
            )
    assert second["tasks"] == first["tasks"]
    # Every task of the catalogue, also those no responsibility uses.
    assert {t["id"] for t in first["tasks"]} > {r["task_id"] for r in first["responsibilities"]}

    def terms(document):  # the order of topics (their position) is not in the package
        return sorted(document["taxonomy_terms"], key=lambda term: term["id"])

    assert terms(second) == terms(first)
    # Importing again creates nothing.
    out = io.StringIO()
    call_command("import_hsds", str(package / export.JSON_NAME), stdout=out)
    assert out.getvalue() == ""


def test_the_data_page_offers_the_files_with_date_and_size(client, package):
    html = client.get("/daten/").content.decode()
    assert "dl-de/by-2-0" in html and "Datenlizenz Deutschland" in html
    assert "hsds-tabular.zip" in html and "Stand " in html
    response = client.get("/daten/hsds-tabular.zip")
    assert response.status_code == 200 and response["Last-Modified"]
    assert client.get("/en/daten/").status_code == 200


def test_without_a_package_the_page_says_so_and_downloads_are_404(client, settings, tmp_path, db):
    settings.OPEN_DATA_DIR = tmp_path
    assert "bald hier bereit" in client.get("/daten/").content.decode()
    assert client.get("/daten/hsds.json").status_code == 404


def test_dcat_names_licence_publisher_area_time_and_distributions(client, package):
    ttl = client.get("/daten/dcat.ttl")
    assert ttl["Content-Type"].startswith("text/turtle")
    text = ttl.content.decode()
    for expected in (
        "<http://dcat-ap.de/def/licenses/dl-by-de/2.0>",
        "districtKey/05370",
        "dcat:startDate",
        "dct:modified",
        "dcat:contactPoint",
        "hsds-tabular.zip",
        "dcat:byteSize",
    ):
        assert expected in text, expected
    data = json.loads(client.get("/daten/dcat.jsonld").content)
    types = [node.get("@type") for node in data["@graph"]]
    assert ["dcat:Dataset"] in types and types.count(["dcat:Distribution"]) == 3
