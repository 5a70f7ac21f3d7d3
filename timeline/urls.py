"""URLs of the timeline app: /geschichte/ … (English under /en/geschichte/ …)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from core.caching import cache_public_page
from timeline import views
from timeline.apps import CONTENT_VERSION

app_name = "timeline"


def public(view_class):
    """Served from the page cache to anonymous visitors, keyed on the history's version."""
    cache = cache_public_page(versions=(CONTENT_VERSION,), variant=view_class.cache_variant)
    return cache(view_class.as_view())


def preview(view_class):
    return never_cache(view_class.as_view(preview=True))


urlpatterns = [
    path("", public(views.OverviewView), name="overview"),
    path("thesen/", public(views.ThesesView), name="theses"),
    path("literatur/", public(views.BibliographyView), name="bibliography"),
    path("zeitleiste.json", public(views.TimelineJsonView), name="timelinejs"),
    path("ereignisse.ics", public(views.CalendarView), name="calendar"),
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
