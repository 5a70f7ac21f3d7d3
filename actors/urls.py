"""URLs of the actor directory: German paths, English names."""

from django.urls import path

from actors import views
from core import ids  # noqa: F401 - registers the <id:…> converter
from core.caching import cache_public_page, no_query_daily_variant
from core.versions import DIRECTORY, MEMBERSHIPS

# What an anonymous visitor sees of the directory's bare list and of an actor's page is
# the same for every visitor on a day: served whole from the page cache, keyed by the
# versions of the actors and of the memberships (the page lists the actor's networks).
public_page = cache_public_page(versions=(DIRECTORY, MEMBERSHIPS), variant=no_query_daily_variant)

app_name = "actors"

urlpatterns = [
    path("", public_page(views.ActorListView.as_view()), name="list"),
    path("mehrebenen/", views.MultiLevelView.as_view(), name="multilevel"),
    path("aufgaben/", views.TaskCatalogueView.as_view(), name="tasks"),
    path("export.csv", views.ActorExportView.as_view(), name="export"),
    path("import/", views.ActorImportView.as_view(), name="import"),
    path("import/verlauf/", views.ImportRunListView.as_view(), name="import_runs"),
    path("import/<id:pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("import/<id:pk>/zuordnung/", views.ImportMappingView.as_view(), name="import_mapping"),
    path("import/<id:pk>/rueckgaengig/", views.ImportUndoView.as_view(), name="import_undo"),
    path("<slug:slug>/", public_page(views.ActorDetailView.as_view()), name="detail"),
    path("<slug:slug>/verlauf/", views.ActorHistoryView.as_view(), name="history"),
    path(
        "<slug:slug>/verlauf/<id:history_id>/wiederherstellen/",
        views.ActorRestoreView.as_view(),
        name="restore",
    ),
]
