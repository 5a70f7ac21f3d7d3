"""URLs of the networks app (mounted at /netzwerke/).

Fixed pages come before ``<slug>/``; their paths are reserved as network slugs
(``networks.models.RESERVED_SLUGS``) so that no network can hide them. Ids are
``<id:…>``: a number no row can have is a 404 before any query (``core.ids``).
"""

from django.urls import path

from core import ids  # noqa: F401 - registers the <id:…> converter
from networks import figure_views, views

app_name = "networks"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="list"),
    path("karte/", views.OverviewMapView.as_view(), name="overview_map"),
    path("karte/daten.json", views.overview_map_data, name="overview_map_data"),
    path("kommunales-integrationszentrum/", views.KiView.as_view(), name="ki"),
    path("kommunales-integrationsmanagement/", views.KimView.as_view(), name="kim"),
    # The keynote's figures drawn from the network data (networks/figures.py): two path
    # segments, so that no network's slug can hide them.
    path("abbildungen/ki-rollen/", figure_views.KiRolesView.as_view(), name="figure_ki_roles"),
    path(
        "abbildungen/kim-bausteine/", figure_views.KimBodiesView.as_view(), name="figure_kim_bodies"
    ),
    path(
        "abbildungen/vernetzung/",
        figure_views.LocalNetworkingView.as_view(),
        name="figure_local_networking",
    ),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="detail"),
    path("<slug:slug>/karte/", views.NetworkMapView.as_view(), name="map"),
    path("<slug:slug>/karte/daten.json", views.NetworkMapDataView.as_view(), name="map_data"),
    path("<slug:slug>/verlauf/", views.NetworkHistoryView.as_view(), name="history"),
    path("<slug:slug>/aenderungen/", views.NetworkChangesView.as_view(), name="changes"),
    path("<slug:slug>/mitglieder.csv", views.NetworkExportView.as_view(), name="export"),
    path("<slug:slug>/verteiler.csv", views.NetworkMailingListView.as_view(), name="mailing_list"),
    path("<slug:slug>/profil/", views.NetworkProfileEditView.as_view(), name="profile_edit"),
    path("<slug:slug>/mitglieder/", views.MembersEditView.as_view(), name="members"),
    path(
        "<slug:slug>/mitglieder/<id:pk>/",
        views.MembershipEditView.as_view(),
        name="membership_edit",
    ),
    path(
        "<slug:slug>/mitglieder/<id:pk>/beenden/",
        views.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path(
        "<slug:slug>/akteure/vorschlaege.json",
        views.ActorSuggestionsView.as_view(),
        name="actor_suggestions",
    ),
    path("<slug:slug>/verbindungen/neu/", views.LinkAddView.as_view(), name="link_add"),
    path(
        "<slug:slug>/verbindungen/<id:pk>/beenden/",
        views.LinkEndView.as_view(),
        name="link_end",
    ),
]
