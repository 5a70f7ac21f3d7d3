"""URLs of the data-quality pages (``stewardship/quality_views.py``)."""

from django.urls import path

from stewardship import quality_views

urlpatterns = [
    path(
        "mein-bereich/datenqualitaet/",
        quality_views.QualityOverviewView.as_view(),
        name="quality",
    ),
    path(
        "mein-bereich/datenqualitaet/<slug:check>/",
        quality_views.QualityListView.as_view(),
        name="quality_list",
    ),
]
