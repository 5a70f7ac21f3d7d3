"""URLs of the member municipalities' pages (mounted at /kommunen/)."""

from django.urls import path

from actors import municipalities

app_name = "municipalities"

urlpatterns = [
    path("", municipalities.MunicipalityListView.as_view(), name="list"),
    path("<slug:slug>/", municipalities.MunicipalityDetailView.as_view(), name="detail"),
]
