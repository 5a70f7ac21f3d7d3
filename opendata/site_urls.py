"""URLs of the open data page ``/daten/``: the page, the downloads, the DCAT-AP.de
metadata (German paths; English under /en/)."""

from django.urls import path

from opendata import export, views

app_name = "daten"

urlpatterns = [
    path("", views.DataPageView.as_view(), name="page"),
    path(export.ZIP_NAME, views.DownloadView.as_view(key="zip"), name="download_zip"),
    path(export.JSON_NAME, views.DownloadView.as_view(key="json"), name="download_json"),
    path("dcat.ttl", views.DcatView.as_view(kind="ttl"), name="dcat_ttl"),
    path("dcat.jsonld", views.DcatView.as_view(kind="jsonld"), name="dcat_jsonld"),
]
