"""URLs of the timeline app: /geschichte/ … (English under /en/geschichte/ …)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from timeline import views
from timeline.caching import cached_public_page

app_name = "timeline"


def public(view_class):
    return cached_public_page(view_class.as_view(), variant=view_class.cache_variant)


def preview(view_class):
    return never_cache(view_class.as_view(preview=True))


urlpatterns = [
    path("", public(views.OverviewView), name="overview"),
    path("thesen/", public(views.ThesesView), name="theses"),
    path("literatur/", public(views.BibliographyView), name="bibliography"),
    # Drafts, for editors only; the fixed segments come before the period slugs.
    path("vorschau/", preview(views.OverviewView), name="preview_overview"),
    path("vorschau/thesen/", preview(views.ThesesView), name="preview_theses"),
    path("vorschau/literatur/", preview(views.BibliographyView), name="preview_bibliography"),
    path("vorschau/<slug:slug>/", preview(views.PeriodView), name="preview_period"),
    path(
        "vorschau/<slug:slug>/leichte-sprache/",
        preview(views.PeriodEasyView),
        name="preview_period_easy",
    ),
    path("<slug:slug>/", public(views.PeriodView), name="period"),
    path("<slug:slug>/leichte-sprache/", public(views.PeriodEasyView), name="period_easy"),
]
