"""URLs of the open data: the HSDS API, its OpenAPI description and documentation."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from opendata import api, docs
from opendata.access import limited, open_for_reuse

app_name = "opendata"

urlpatterns = [
    path("hsds/", api.cached(api.ApiRootView), name="root"),
    path("hsds/organizations", api.cached(api.OrganizationListView), name="organizations"),
    path(
        "hsds/organizations/<str:id>",
        api.cached(api.OrganizationDetailView),
        name="organization",
    ),
    path("hsds/services", api.cached(api.ServiceListView), name="services"),
    path("hsds/services/<str:id>", api.cached(api.ServiceDetailView), name="service"),
    path(
        "hsds/service_at_locations",
        api.cached(api.ServiceAtLocationListView),
        name="service_at_locations",
    ),
    path(
        "hsds/service_at_locations/<str:id>",
        api.cached(api.ServiceAtLocationDetailView),
        name="service_at_location",
    ),
    path("hsds/taxonomies", api.cached(api.TaxonomyListView), name="taxonomies"),
    path("hsds/taxonomies/<str:id>", api.cached(api.TaxonomyDetailView), name="taxonomy"),
    path("hsds/taxonomy_terms", api.cached(api.TaxonomyTermListView), name="taxonomy_terms"),
    path(
        "hsds/taxonomy_terms/<str:id>",
        api.cached(api.TaxonomyTermDetailView),
        name="taxonomy_term",
    ),
    path("hsds/profile", api.cached(api.ProfileView), name="profile"),
    # The profile's own objects.
    path(
        "hsds/organization_relationships",
        api.cached(api.RelationshipListView),
        name="organization_relationships",
    ),
    path("hsds/networks", api.cached(api.NetworkListView), name="networks"),
    path("hsds/networks/<str:id>", api.cached(api.NetworkDetailView), name="network"),
    path("hsds/memberships", api.cached(api.MembershipListView), name="memberships"),
    path("hsds/responsibilities", api.cached(api.ResponsibilityListView), name="responsibilities"),
    path("hsds/tasks", api.cached(api.TaskListView), name="tasks"),
    re_path(r"^hsds/(?P<rest>.+)$", open_for_reuse(limited(api.not_found)), name="not_found"),
    path(
        "schema/",
        open_for_reuse(limited(SpectacularJSONAPIView.as_view())),
        name="schema",
    ),
    path("", limited(docs.ApiDocsView.as_view()), name="docs"),
]
