"""The open data page ``/daten/``: what the data is, its licence and how to cite it, the
downloads with date and size, and the DCAT-AP.de metadata."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.http import http_date
from django.views import View
from django.views.generic import TemplateView

from core import versions
from opendata import dcat, export


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _modified(request) -> datetime.datetime:
    """When the directory's content last changed (its content versions are times)."""
    stamp = max(
        versions.for_request(request, versions.DIRECTORY),
        versions.for_request(request, versions.MEMBERSHIPS),
    )
    if stamp:
        return datetime.datetime.fromtimestamp(stamp / 1e9, tz=datetime.UTC)
    return timezone.now()


class DataPageView(TemplateView):
    template_name = "opendata/data_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            files=export.files(),
            open_data=settings.OPEN_DATA,
            citation=(
                f"{settings.OPEN_DATA['PUBLISHER']}: {settings.PORTAL_NAME}, offene Daten "
                f"(HSDS 3.0), {_base(self.request)}/daten/, abgerufen am {today:%d.%m.%Y}. "
                f"Lizenz: {settings.OPEN_DATA['LICENSE_NAME']} "
                f"({settings.OPEN_DATA['LICENSE_ID']})."
            ),
        )
        return context


class DownloadView(View):
    """A file of the data package, with its date (``Last-Modified``); 404 until written."""

    key = ""

    def get(self, request):
        found = {file["key"]: file for file in export.files()}.get(self.key)
        if found is None:
            raise Http404("Das Datenpaket wurde noch nicht erzeugt.")
        response = FileResponse(
            found["path"].open("rb"), as_attachment=True, filename=found["name"]
        )
        response["Last-Modified"] = http_date(found["modified"].timestamp())
        return response


class DcatView(View):
    """DCAT-AP.de of the data set, as Turtle or JSON-LD."""

    kind = "ttl"

    def get(self, request):
        triples = dcat.statements(_base(request), export.files(), _modified(request))
        if self.kind == "ttl":
            response = HttpResponse(dcat.turtle(triples), content_type="text/turtle; charset=utf-8")
        else:
            response = HttpResponse(dcat.jsonld(triples), content_type="application/ld+json")
        return response
