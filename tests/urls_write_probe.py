"""The portal's URLs plus one probe view that writes, to prove the second-factor rule
holds for every write route without depending on a particular app's forms."""

from django.http import HttpResponse
from django.urls import path

from core.models import AccessibilityFeedback
from integration_portal.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def write_probe(request):
    if request.method == "POST":
        AccessibilityFeedback.objects.create(reference="BF-PROBE", message="written by probe")
        return HttpResponse("written")
    return HttpResponse("form")


urlpatterns = [*urlpatterns, path("probe/schreiben/", write_probe, name="write_probe")]
