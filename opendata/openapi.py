"""The OpenAPI description of the API (drf-spectacular), with HSDS's schemas.

``postprocess`` (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``) adds every HSDS
object and every object of the portal's profile as a component, cleaned to what
OpenAPI 3.0 knows (HSDS's files carry keys of their tabular form such as ``constraints``),
and points each endpoint's answer at its object: a list at HSDS's list envelope
(``Page``) with ``contents`` of the object, a record at the object itself.
"""

from __future__ import annotations

import functools

from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema

from opendata import profile

KEEP = {
    "type",
    "format",
    "description",
    "title",
    "enum",
    "items",
    "properties",
    "required",
    "example",
}

#: Endpoint (path below /api/hsds) → (object, whether it is a list).
ENDPOINTS = {
    "/api/hsds/organizations": ("organization", True),
    "/api/hsds/organizations/{id}": ("organization", False),
    "/api/hsds/services": ("service", True),
    "/api/hsds/services/{id}": ("service", False),
    "/api/hsds/service_at_locations": ("service_at_location", True),
    "/api/hsds/service_at_locations/{id}": ("service_at_location", False),
    "/api/hsds/taxonomies": ("taxonomy", True),
    "/api/hsds/taxonomies/{id}": ("taxonomy", False),
    "/api/hsds/taxonomy_terms": ("taxonomy_term", True),
    "/api/hsds/taxonomy_terms/{id}": ("taxonomy_term", False),
    "/api/hsds/organization_relationships": ("organization_relationship", True),
    "/api/hsds/networks": ("network", True),
    "/api/hsds/networks/{id}": ("network", False),
    "/api/hsds/memberships": ("membership", True),
    "/api/hsds/responsibilities": ("responsibility", True),
    "/api/hsds/tasks": ("task", True),
}

PAGE = {
    "type": "object",
    "description": "HSDS's paginated list.",
    "properties": {
        "total_items": {"type": "integer", "description": "The number of records in all pages."},
        "total_pages": {"type": "integer", "description": "The number of pages."},
        "page_number": {"type": "integer", "description": "The number of this page."},
        "size": {"type": "integer", "description": "The number of records in this page."},
        "first_page": {"type": "boolean", "description": "Whether this is the first page."},
        "last_page": {"type": "boolean", "description": "Whether this is the last page."},
        "empty": {"type": "boolean", "description": "Whether this page has no records."},
    },
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
    ],
}
ERROR = {
    "type": "object",
    "description": "An error: 400 for a parameter that is unknown or does not fit, 404, 405.",
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "message": {"type": "string"},
        "parameter": {"type": "string", "description": "The parameter at fault (400)."},
    },
    "required": ["status", "error", "message"],
}


def clean(node):
    """A JSON Schema of HSDS as an OpenAPI 3.0 schema object."""
    if isinstance(node, list):
        return [clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = node["$ref"].removesuffix(".json")
        return {"$ref": f"#/components/schemas/{target}"}
    result = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key == "properties":
            result[key] = {name: clean(prop) for name, prop in value.items()}
        elif key == "example":
            result[key] = value if isinstance(value, str) else str(value)
        else:
            result[key] = clean(value)
    return result


def components() -> dict[str, dict]:
    return {name.removesuffix(".json"): clean(doc) for name, doc in profile.schemas().items()}


def postprocess(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(components())
    schemas["Page"] = PAGE
    schemas["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        get = operations.get("get")
        if not get:
            continue
        for status, response in get.get("responses", {}).items():
            if status != "200":
                response["content"] = {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                }
        if path not in ENDPOINTS:
            continue
        name, is_list = ENDPOINTS[path]
        ref = {"$ref": f"#/components/schemas/{name}"}
        schema = (
            {
                "allOf": [
                    {"$ref": "#/components/schemas/Page"},
                    {
                        "type": "object",
                        "properties": {"contents": {"type": "array", "items": ref}},
                    },
                ]
            }
            if is_list
            else ref
        )
        get["responses"]["200"]["content"] = {"application/json": {"schema": schema}}
    result["info"]["x-hsds-version"] = "3.0"
    result["info"]["x-data-license"] = settings.OPEN_DATA["LICENSE_ID"]
    return result


@functools.cache
def schema() -> dict:
    """The whole description, generated once per process (it depends on code alone)."""
    return SchemaGenerator().get_schema(request=None, public=True)


class HsdsAutoSchema(AutoSchema):
    """Operation ids as HSDS lists and records are read: ``organizations_list`` for
    ``/organizations``, ``organizations_retrieve`` for ``/organizations/{id}``. The API's
    views are plain ``APIView``s, whose every GET drf-spectacular would name ``…_retrieve``
    (colliding list and record)."""

    def get_operation_id(self):
        operation_id = super().get_operation_id()
        if self.method == "GET" and "{" not in self.path and operation_id.endswith("_retrieve"):
            return operation_id.removesuffix("_retrieve") + "_list"
        return operation_id
