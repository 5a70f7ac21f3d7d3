"""URLs of the open data page ``/daten/``: the page, the downloads, the DCAT-AP.de
metadata (German paths; English under /en/)."""

from django.urls import path

from opendata import export, views
from opendata.access import limited, open_for_reuse


def _file(view):
    """A file of the data set: rate-limited, readable from any web page (GET)."""
    return open_for_reuse(limited(view))


app_name = "daten"

urlpatterns = [
    path("", views.DataPageView.as_view(), name="page"),
    path(export.ZIP_NAME, _file(views.DownloadView.as_view(key="zip")), name="download_zip"),
    path(export.JSON_NAME, _file(views.DownloadView.as_view(key="json")), name="download_json"),
    path("dcat.ttl", _file(views.DcatView.as_view(kind="ttl")), name="dcat_ttl"),
    path("dcat.jsonld", _file(views.DcatView.as_view(kind="jsonld")), name="dcat_jsonld"),
]
