"""The read-only HSDS 3.0 API at ``/api/hsds/`` (Django REST framework).

Anonymous and read-only: no authentication class (no session is read, so no CSRF
token is needed and a signed-in visitor gets the same public data), JSON only, GET and
HEAD only (anything else is a 405 in the API's error format). Every answer is built from
the public querysets of ``opendata.hsds`` in a fixed number of queries per page.

Caching, as the portal's public pages (``core.caching.cache_public_page``): an answer
is kept under the ``directory`` content version (actors and networks; every change
moves it on) and its checked parameters, and sent with ``ETag``, ``Last-Modified``
(the time of the last change of the directory) and ``Cache-Control: public, no-cache``
(clients may keep it and ask again with ``If-None-Match``: a 304 while nothing changed).
Free-text searches and dates are kept in the bounded ``search`` cache. Refused
requests (400) and unknown records (404) are never cached.

Errors are HSDS-style JSON: ``{"status": 400, "error": "Bad Request", "message": "…",
"parameter": "per_page"}``; a malformed UUID is a 400, an unknown or internal one a 404.
"""

from __future__ import annotations

import json
import math
from http import HTTPStatus

from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from actors.search import fold
from core import versions
from core.caching import cache_public_page
from opendata import hsds, ids, profile, relations, vocabulary
from opendata.access import limited, open_for_reuse
from opendata.params import FILTERS, LIST, BadRequest, Params, parse

HSDS_VERSION = "3.0"

# --- errors --------------------------------------------------------------------------------


def error_body(status_code: int, message: str, parameter: str | None = None) -> dict:
    body = {
        "status": status_code,
        "error": HTTPStatus(status_code).phrase,
        "message": message,
    }
    if parameter:
        body["parameter"] = parameter
    return body


class NotFound(exceptions.NotFound):
    pass


def exception_handler(exc, context):
    """DRF's errors in the API's format (400 for ``BadRequest``)."""
    if isinstance(exc, BadRequest):
        return Response(error_body(400, exc.message, exc.parameter), status=400)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.MethodNotAllowed):
        message = "The API is read-only: only GET and HEAD are allowed."
    elif isinstance(exc, NotFound):
        message = str(exc.detail)
    else:
        message = HTTPStatus(response.status_code).phrase
    response.data = error_body(response.status_code, message)
    return response


# --- caching ---------------------------------------------------------------------------------


def _variant_of(allowed: tuple[str, ...]):
    def variant(request) -> str | None:
        try:
            return parse(request.GET, allowed).variant()
        except BadRequest:
            return None

    return variant


def cached(view_class, allowed: tuple[str, ...] | None = None):
    """The view of an endpoint, cached as the portal's public pages are (see above)."""
    allowed = view_class.allowed if allowed is None else allowed
    view = view_class.as_view()
    variant = _variant_of(allowed) if allowed else (lambda request: "" if not request.GET else None)
    view = cache_public_page(versions=(versions.DIRECTORY, versions.MEMBERSHIPS), variant=variant)(
        view
    )
    # CORS outermost, so that a page of another site can read a 429 too.
    return open_for_reuse(limited(view))


# --- shared ------------------------------------------------------------------------------------


def envelope(params: Params, total: int, contents: list) -> dict:
    """HSDS's paginated list."""
    total_pages = math.ceil(total / params.per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def page_of(queryset, params: Params, build) -> dict:
    """One page of a queryset as HSDS objects: a count, the page and ``build``'s
    queries, whatever the number of rows."""
    total = queryset.count()
    start = (params.page - 1) * params.per_page
    rows = list(queryset[start : start + params.per_page]) if start < total else []
    return envelope(params, total, build(rows))


def page_of_list(items: list, params: Params) -> dict:
    start = (params.page - 1) * params.per_page
    return envelope(params, len(items), items[start : start + params.per_page])


def _uuid_or_400(value: str) -> str:
    parsed = ids.parse(value)
    if parsed is None:
        raise BadRequest(
            "The id must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.", "id"
        )
    return str(parsed)


def _found(obj, kind: str):
    if obj is None:
        raise NotFound(f"No public {kind} with this id.")
    return obj


PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1 (default 1)."),
    OpenApiParameter(
        "per_page",
        OpenApiTypes.INT,
        description="Results per page, 1 to 200 (default 50).",
    ),
    OpenApiParameter("format", OpenApiTypes.STR, enum=["json"], description="Only json."),
]
FILTER_PARAMETERS = [
    OpenApiParameter(
        "search",
        OpenApiTypes.STR,
        description=(
            "Full-text search, as the portal's directory searches (German stemming, "
            "compound words, typos; at most 200 characters)."
        ),
    ),
    OpenApiParameter(
        "taxonomy_term_id",
        OpenApiTypes.UUID,
        description="Only records with this taxonomy term (see /taxonomy_terms).",
    ),
    OpenApiParameter(
        "modified_after",
        OpenApiTypes.STR,
        description=(
            "ISO 8601 date or date-time: only records whose data was last changed or "
            "verified on or after that day."
        ),
    ),
]
FULL_PARAMETER = OpenApiParameter(
    "full", OpenApiTypes.BOOL, description="true: fully nested objects (default false)."
)
ERRORS = {
    400: OpenApiResponse(description="A parameter is unknown or does not fit (see message)."),
    404: OpenApiResponse(description="No public record with this id."),
}


def _json_response(description: str):
    return {200: OpenApiResponse(response=OpenApiTypes.OBJECT, description=description), **ERRORS}


class HsdsView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    allowed: tuple[str, ...] = ()

    def params(self, request) -> Params:
        return parse(request.GET, self.allowed)

    def finalize_response(self, request, response, *args, **kwargs):
        translation.activate("de")  # the data is German whatever the client prefers
        return super().finalize_response(request, response, *args, **kwargs)


# --- endpoints ---------------------------------------------------------------------------------


class ApiRootView(HsdsView):
    @extend_schema(
        summary="Information about this API and its relationship with HSDS",
        responses=_json_response("HSDS version, profile and OpenAPI description."),
        tags=["HSDS"],
    )
    def get(self, request):
        self.params(request)
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": request.build_absolute_uri(reverse("opendata:profile")),
                "openapi_url": request.build_absolute_uri(reverse("opendata:schema")),
            }
        )


class OrganizationListView(HsdsView):
    allowed = (*LIST, *FILTERS, "full")

    @extend_schema(
        summary="Paginated list of organizations (the public actors)",
        parameters=[*FILTER_PARAMETERS, FULL_PARAMETER, *PAGE_PARAMETERS],
        responses=_json_response("HSDS list envelope of organizations."),
        tags=["HSDS"],
    )
    def get(self, request):
        params = self.params(request)
        queryset = hsds.organizations()
        if params.taxonomy_term_id:
            queryset = queryset.filter(hsds.organization_term_condition(params.taxonomy_term_id))
        if params.modified_after:
            queryset = queryset.filter(hsds.modified_condition(params.modified_after))
        if params.search:
            queryset = hsds.search_organizations(queryset, params.search)
        queryset = hsds.organization_queryset(queryset, params.full)
        return Response(
            page_of(queryset, params, lambda rows: hsds.organization_objects(rows, params.full))
        )


class OrganizationDetailView(HsdsView):
    @extend_schema(
        summary="A fully nested organization with its services",
        responses=_json_response("HSDS organization."),
        tags=["HSDS"],
    )
    def get(self, request, id):  # noqa: A002 - the HSDS name of the parameter
        self.params(request)
        uid = _uuid_or_400(id)
        queryset = hsds.organization_queryset(hsds.organizations().filter(uuid=uid), full=True)
        actor = _found(queryset.first(), "organization")
        data = hsds.organization_full(actor)
        data["services"] = hsds.organization_services(actor)
        return Response(data)


class ServiceListView(HsdsView):
    allowed = (*LIST, *FILTERS, "organization_id", "full")

    @extend_schema(
        summary="Paginated list of services (the public offers)",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "organization_id", OpenApiTypes.UUID, description="Only this organization's."
            ),
            FULL_PARAMETER,
            *PAGE_PARAMETERS,
        ],
        responses=_json_response("HSDS list envelope of services."),
        tags=["HSDS"],
    )
    def get(self, request):
        params = self.params(request)
        queryset = hsds.services()
        if params.organization_id:
            queryset = queryset.filter(actor__uuid=params.organization_id)
        if params.taxonomy_term_id:
            queryset = queryset.filter(hsds.service_term_condition(params.taxonomy_term_id))
        if params.modified_after:
            queryset = queryset.filter(hsds.modified_condition(params.modified_after))
        if params.search:
            queryset = hsds.search_services(queryset, params.search)
        queryset = hsds.service_queryset(queryset, params.full)
        return Response(
            page_of(queryset, params, lambda rows: hsds.service_objects(rows, params.full))
        )


class ServiceDetailView(HsdsView):
    @extend_schema(
        summary="A fully nested service",
        responses=_json_response("HSDS service."),
        tags=["HSDS"],
    )
    def get(self, request, id):  # noqa: A002
        self.params(request)
        uid = _uuid_or_400(id)
        queryset = hsds.service_queryset(hsds.services().filter(uuid=uid), full=True)
        return Response(hsds.service_full(_found(queryset.first(), "service")))


class ServiceAtLocationListView(HsdsView):
    allowed = (*LIST, *FILTERS, "organization_id", "full")

    @extend_schema(
        summary="Paginated list of services at locations (offers at their places)",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "organization_id", OpenApiTypes.UUID, description="Only this organization's."
            ),
            FULL_PARAMETER,
            *PAGE_PARAMETERS,
        ],
        responses=_json_response("HSDS list envelope of service_at_location."),
        tags=["HSDS"],
    )
    def get(self, request):
        params = self.params(request)
        queryset = hsds.service_at_locations()
        if params.organization_id:
            queryset = queryset.filter(offer__actor__uuid=params.organization_id)
        if params.taxonomy_term_id:
            queryset = queryset.filter(
                hsds.service_term_condition(params.taxonomy_term_id, prefix="offer__")
            )
        if params.modified_after:
            queryset = queryset.filter(
                hsds.modified_condition(params.modified_after, "offer__last_verified")
            )
        if params.search:
            queryset = hsds.search_services(queryset, params.search, field="offer__actor")
        queryset = hsds.service_at_location_queryset(queryset)
        return Response(page_of(queryset, params, hsds.service_at_location_objects))


class ServiceAtLocationDetailView(HsdsView):
    @extend_schema(
        summary="A service at a location, with its location and schedules",
        responses=_json_response("HSDS service_at_location."),
        tags=["HSDS"],
    )
    def get(self, request, id):  # noqa: A002
        self.params(request)
        uid = _uuid_or_400(id)
        queryset = hsds.service_at_location_queryset(hsds.service_at_locations().filter(uuid=uid))
        row = _found(queryset.first(), "service_at_location")
        return Response(hsds.service_at_location_objects([row])[0])


def _matches(text: str, *fields: str) -> bool:
    needle = fold(text)
    return any(needle in fold(value or "") for value in fields)


class TaxonomyListView(HsdsView):
    allowed = (*LIST, "search")

    @extend_schema(
        summary="Paginated list of taxonomies",
        parameters=[FILTER_PARAMETERS[0], *PAGE_PARAMETERS],
        responses=_json_response("HSDS list envelope of taxonomies."),
        tags=["HSDS"],
    )
    def get(self, request):
        params = self.params(request)
        items = [t.as_hsds() for t in vocabulary.TAXONOMIES]
        if params.search:
            items = [t for t in items if _matches(params.search, t["name"], t["description"])]
        return Response(page_of_list(items, params))


class TaxonomyDetailView(HsdsView):
    @extend_schema(summary="A taxonomy", responses=_json_response("HSDS taxonomy."), tags=["HSDS"])
    def get(self, request, id):  # noqa: A002
        self.params(request)
        uid = _uuid_or_400(id)
        return Response(_found(vocabulary.BY_ID.get(uid), "taxonomy").as_hsds())


class TaxonomyTermListView(HsdsView):
    allowed = (*LIST, "search", "taxonomy_id")

    @extend_schema(
        summary="Paginated list of taxonomy terms",
        parameters=[
            FILTER_PARAMETERS[0],
            OpenApiParameter(
                "taxonomy_id", OpenApiTypes.UUID, description="Only the terms of this taxonomy."
            ),
            *PAGE_PARAMETERS,
        ],
        responses=_json_response("HSDS list envelope of taxonomy terms."),
        tags=["HSDS"],
    )
    def get(self, request):
        params = self.params(request)
        items = vocabulary.all_terms()
        if params.taxonomy_id:
            items = [t for t in items if t["taxonomy_id"] == params.taxonomy_id]
        if params.search:
            items = [
                t for t in items if _matches(params.search, t["name"], t["code"], t["description"])
            ]
        return Response(page_of_list(items, params))


class TaxonomyTermDetailView(HsdsView):
    @extend_schema(
        summary="A taxonomy term", responses=_json_response("HSDS taxonomy term."), tags=["HSDS"]
    )
    def get(self, request, id):  # noqa: A002
        self.params(request)
        uid = _uuid_or_400(id)
        term = next((t for t in vocabulary.all_terms() if t["id"] == uid), None)
        return Response(_found(term, "taxonomy term"))


def not_found(request, *args, **kwargs):
    """Any other address below /api/hsds/: a 404 in the API's format."""
    body = error_body(404, "No such endpoint. See the OpenAPI description at /api/schema/.")
    return HttpResponse(
        json.dumps(body), status=status.HTTP_404_NOT_FOUND, content_type="application/json"
    )


class ProfileView(HsdsView):
    @extend_schema(
        summary="The portal's HSDS profile (JSON Merge Patches and schemas of its own)",
        responses=_json_response("The profile document."),
        tags=["Profile"],
    )
    def get(self, request):
        self.params(request)
        return Response(
            profile.document(
                profile_url=request.build_absolute_uri(reverse("opendata:profile")),
                docs_url=request.build_absolute_uri(reverse("opendata:docs")) + "#profil",
            )
        )


# --- the profile's objects ----------------------------------------------------------------

ORGANIZATION_PARAMETER = OpenApiParameter(
    "organization_id", OpenApiTypes.UUID, description="Only those of this organization."
)


class RelationshipListView(HsdsView):
    allowed = (*LIST, "organization_id")

    @extend_schema(
        summary="Coordination links between organizations (profile: organization_relationship)",
        parameters=[ORGANIZATION_PARAMETER, *PAGE_PARAMETERS],
        responses=_json_response("List envelope of organization_relationship."),
        tags=["Profile"],
    )
    def get(self, request):
        params = self.params(request)
        queryset = relations.relationships()
        if params.organization_id:
            queryset = queryset.filter(
                Q(source__uuid=params.organization_id) | Q(target__uuid=params.organization_id)
            )
        return Response(
            page_of(queryset, params, lambda rows: [relations.relationship(r) for r in rows])
        )


class NetworkListView(HsdsView):
    allowed = (*LIST, "full")

    @extend_schema(
        summary="Networks of the KI and the KIM (profile: network)",
        parameters=[FULL_PARAMETER, *PAGE_PARAMETERS],
        responses=_json_response("List envelope of network."),
        tags=["Profile"],
    )
    def get(self, request):
        params = self.params(request)
        return Response(
            page_of(
                relations.networks(),
                params,
                lambda rows: relations.network_objects(rows, params.full),
            )
        )


class NetworkDetailView(HsdsView):
    @extend_schema(
        summary="A network with its memberships and the dates of its changes",
        responses=_json_response("Profile object network."),
        tags=["Profile"],
    )
    def get(self, request, id):  # noqa: A002
        self.params(request)
        uid = _uuid_or_400(id)
        record = _found(relations.networks().filter(uuid=uid).first(), "network")
        return Response(relations.network_detail(record))


class MembershipListView(HsdsView):
    allowed = (*LIST, "organization_id")

    @extend_schema(
        summary="Memberships of organizations in networks, current and former (profile)",
        parameters=[ORGANIZATION_PARAMETER, *PAGE_PARAMETERS],
        responses=_json_response("List envelope of membership."),
        tags=["Profile"],
    )
    def get(self, request):
        params = self.params(request)
        queryset = relations.memberships()
        if params.organization_id:
            queryset = queryset.filter(actor__uuid=params.organization_id)
        return Response(
            page_of(queryset, params, lambda rows: [relations.membership(r) for r in rows])
        )


class ResponsibilityListView(HsdsView):
    allowed = (*LIST, "organization_id", "taxonomy_term_id")

    @extend_schema(
        summary="Who is responsible for which task in which area (profile: responsibility)",
        parameters=[
            ORGANIZATION_PARAMETER,
            OpenApiParameter(
                "taxonomy_term_id",
                OpenApiTypes.UUID,
                description="Only this task (a term of the taxonomy 'aufgabe').",
            ),
            *PAGE_PARAMETERS,
        ],
        responses=_json_response("List envelope of responsibility."),
        tags=["Profile"],
    )
    def get(self, request):
        params = self.params(request)
        queryset = relations.responsibilities()
        if params.organization_id:
            queryset = queryset.filter(actor__uuid=params.organization_id)
        if params.taxonomy_term_id:
            queryset = queryset.filter(task__uuid=params.taxonomy_term_id)
        return Response(
            page_of(queryset, params, lambda rows: [relations.responsibility(r) for r in rows])
        )


class TaskListView(HsdsView):
    allowed = LIST

    @extend_schema(
        summary="The task catalogue: obligation, relation to integration, legal basis (profile)",
        parameters=[*PAGE_PARAMETERS],
        responses=_json_response("List envelope of task."),
        tags=["Profile"],
    )
    def get(self, request):
        params = self.params(request)
        return Response(
            page_of(relations.tasks(), params, lambda rows: [relations.task(r) for r in rows])
        )
