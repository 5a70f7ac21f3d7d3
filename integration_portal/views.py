"""Site pages: start page, legal pages, accessibility statement, health check, errors."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from integration_portal import services
from integration_portal.forms import AccessibilityFeedbackForm


class HomeView(TemplateView):
    template_name = "pages/home.html"


class ImprintView(TemplateView):
    template_name = "pages/impressum.html"


class PrivacyView(TemplateView):
    template_name = "pages/datenschutz.html"


class AccessibilityView(FormView):
    """The Erklärung zur Barrierefreiheit with its feedback form."""

    template_name = "pages/barrierefreiheit.html"
    form_class = AccessibilityFeedbackForm

    def form_valid(self, form):
        feedback = services.feedback_receive(**form.cleaned_data)
        self.request.session["feedback_reference"] = feedback.reference
        return redirect(reverse("accessibility_receipt"))


def accessibility_receipt(request: HttpRequest) -> HttpResponse:
    reference = request.session.pop("feedback_reference", None)
    if reference is None:
        messages.info(request, _("Es liegt keine neue Rückmeldung zur Bestätigung vor."))
        return redirect(reverse("accessibility"))
    return render(request, "pages/barrierefreiheit_danke.html", {"reference": reference})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
def ceiling(request: HttpRequest) -> HttpResponse:
    """A fixed response through the full middleware stack: the ceiling that `make bench`
    compares every page with. No database, no template. Off (404) unless PORTAL_BENCH is set.
    """
    if not settings.PORTAL_BENCH:
        raise Http404
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without request context: the database may be the reason for the error.
    return render(request, "500.html", status=500)
