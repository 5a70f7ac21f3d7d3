"""HSDS 3.0 and the portal's HSDS profile: the schemas, the profile document, validation.

``schemas/hsds-3.0/`` holds the HSDS schemas unchanged (CC BY-SA 4.0); ``schemas/profile/``
holds the profile: JSON Merge Patches (RFC 7396) of HSDS schemas (a file with the name
of an HSDS schema) and the schemas of the objects HSDS lacks (organization_relationship,
network, membership, responsibility, task). ``schema(name)`` is an HSDS schema with the
profile's patch applied; ``validator(name)`` checks an object against it, resolving the
``$ref``\\ s between the files (``"items": {"$ref": "phone.json"}``).
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
HSDS_DIR = SCHEMA_DIR / "hsds-3.0"
PROFILE_DIR = SCHEMA_DIR / "profile"
#: The base of the schemas' addresses (their ``$ref`` are relative file names).
BASE_URI = "https://schemas.integrationsportal.invalid/hsds-3.0/"

PROFILE_NAME = "integrationsportal"
PROFILE_TITLE = "HSDS-Profil des Integrationsportals"
PROFILE_OBJECTS = ("organization_relationship", "network", "membership", "responsibility", "task")


def merge_patch(target, patch):
    """RFC 7396: ``patch`` applied to ``target`` (neither is changed)."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def hsds_schemas() -> dict[str, dict]:
    """The unchanged HSDS schemas by file name (compiled ones left out)."""
    return {
        path.name: _read(path)
        for path in sorted(HSDS_DIR.glob("*.json"))
        if not path.name.startswith("compiled-")
    }


@functools.cache
def profile_files() -> dict[str, dict]:
    return {path.name: _read(path) for path in sorted(PROFILE_DIR.glob("*.json"))}


@functools.cache
def schemas() -> dict[str, dict]:
    """Every schema with the profile applied: HSDS's (patched where the profile has a
    patch) and the profile's own objects."""
    result = dict(hsds_schemas())
    for name, document in profile_files().items():
        result[name] = merge_patch(result[name], document) if name in result else document
    return result


def schema(name: str) -> dict:
    """One schema by object name (``"organization"``) or file name."""
    return schemas()[name if name.endswith(".json") else f"{name}.json"]


@functools.cache
def _registry() -> Registry:
    return Registry().with_resources(
        (BASE_URI + name, Resource.from_contents(document, default_specification=DRAFT202012))
        for name, document in schemas().items()
    )


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A validator of the object (HSDS with the profile), formats checked (uuid,
    email, date-time)."""
    file_name = name if name.endswith(".json") else f"{name}.json"
    document = {**schemas()[file_name], "$id": BASE_URI + file_name}
    return Draft202012Validator(document, registry=_registry(), format_checker=FormatChecker())


def errors(name: str, instance) -> list[str]:
    """What is wrong with ``instance`` as the object ``name`` (empty: valid)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(object)'}: {error.message}"
        for error in validator(name).iter_errors(instance)
    ]


def document(profile_url: str = "", docs_url: str = "") -> dict:
    """The profile as served at its URL (the ``profile`` of the API's ``/``)."""
    files = profile_files()
    return {
        "name": PROFILE_NAME,
        "title": PROFILE_TITLE,
        "hsds_version": "3.0",
        "uri": profile_url,
        "documentation": docs_url,
        "publisher": settings.OPEN_DATA["PUBLISHER"],
        "license": "CC-BY-SA-4.0",
        "description": (
            "Extensions of HSDS 3.0 for the integration network of a German Kreis: "
            "coordination links between organizations (organization_relationship), "
            "coordination networks and their members (network, membership) and who is "
            "responsible for which task in which area (responsibility), with the task "
            "catalogue (task: obligation, relation to integration, legal basis). 'patches' are "
            "JSON Merge Patches (RFC 7396) of the HSDS schemas of the same name; "
            "'schemas' are the profile's own objects. Level, kind, sector, policy "
            "dimensions, topics, target groups and languages are taxonomies "
            "(/taxonomies)."
        ),
        "patches": {name: doc for name, doc in files.items() if name in hsds_schemas()},
        "schemas": {name: doc for name, doc in files.items() if name not in hsds_schemas()},
    }
