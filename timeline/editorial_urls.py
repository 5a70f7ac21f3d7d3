"""URLs of the Redaktion's editorial area: /redaktion/ … (``timeline.editorial``).

``<kind>`` is the German plural of a kind of content (``zeitabschnitte``, ``ereignisse``,
``thesen``, ``zitate``, ``quellen``; ``timeline.editing.KINDS``).
"""

from django.urls import path

from core import ids  # noqa: F401 - registers the <id:…> converter
from timeline import editorial

app_name = "editorial"

urlpatterns = [
    path("", editorial.OverviewView.as_view(), name="overview"),
    path("<slug:kind>/neu/", editorial.CreateView.as_view(), name="create"),
    path("<slug:kind>/<id:pk>/", editorial.EditView.as_view(), name="edit"),
    path(
        "<slug:kind>/<id:pk>/veroeffentlichen/",
        editorial.PublishView.as_view(),
        name="publish",
    ),
    path("<slug:kind>/<id:pk>/verwerfen/", editorial.DiscardView.as_view(), name="discard"),
    path("<slug:kind>/<id:pk>/vorschau/", editorial.PreviewView.as_view(), name="preview"),
    path("<slug:kind>/<id:pk>/versionen/", editorial.VersionsView.as_view(), name="versions"),
    path(
        "<slug:kind>/<id:pk>/versionen/<id:history_id>/wiederherstellen/",
        editorial.RestoreView.as_view(),
        name="restore",
    ),
    path(
        "<slug:kind>/<id:pk>/uebersetzungen/<slug:field>/aktuell/",
        editorial.TranslationConfirmView.as_view(),
        name="translation_confirm",
    ),
]
