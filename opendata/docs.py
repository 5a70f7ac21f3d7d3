"""The API's documentation page at /api/: rendered on the server from the OpenAPI
description that drf-spectacular generates (``opendata.openapi.schema``), in the
portal's layout: no script, no style or font from elsewhere, readable without
JavaScript. The description itself is at /api/schema/ (JSON)."""

from __future__ import annotations

import functools

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from core.caching import cache_public_page
from opendata import openapi


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    if schema.get("enum"):
        return f"{kind}: " + ", ".join(str(v) for v in schema["enum"])
    return kind or "object"


@functools.cache
def endpoints() -> list[dict]:
    result = []
    for path, operations in openapi.schema()["paths"].items():
        get = operations["get"]
        answer = get["responses"].get("200", {}).get("content", {}).get("application/json", {})
        target = openapi.ENDPOINTS.get(path)
        result.append(
            {
                "path": path,
                "anchor": path.strip("/").replace("/", "-").replace("{", "").replace("}", ""),
                "summary": get.get("summary", ""),
                "parameters": [
                    {
                        "name": p["name"],
                        "where": "Pfad" if p["in"] == "path" else "Abfrage",
                        "type": _type(p.get("schema", {})),
                        "description": p.get("description", ""),
                    }
                    for p in get.get("parameters", [])
                ],
                "object": target[0] if target else "",
                "is_list": bool(target and target[1]),
                "has_schema": bool(answer),
            }
        )
    return result


@functools.cache
def objects() -> list[dict]:
    schemas = openapi.schema()["components"]["schemas"]
    names = sorted({target for target, _ in openapi.ENDPOINTS.values()} | {"Page", "Error"})
    names += sorted(name for name in schemas if name not in names and name[0].islower())
    return [
        {
            "name": name,
            "description": schemas[name].get("description", ""),
            "fields": [
                {
                    "name": field,
                    "type": _type(spec),
                    "required": field in schemas[name].get("required", []),
                    "description": spec.get("description", ""),
                }
                for field, spec in schemas[name].get("properties", {}).items()
            ],
        }
        for name in names
        if name in schemas
    ]


@method_decorator(cache_public_page(), name="get")
class ApiDocsView(TemplateView):
    template_name = "opendata/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        info = openapi.schema()["info"]
        context.update(info=info, endpoints=endpoints(), objects=objects())
        return context
