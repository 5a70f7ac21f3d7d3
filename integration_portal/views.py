"""Site pages: start page, legal pages, accessibility statement, health check, errors."""

from __future__ import annotations

import sys

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from core import privacy, ratelimits
from core.caching import cache_public_page
from core.permissions import InternalRequiredMixin
from integration_portal.forms import AccessibilityFeedbackForm
from integration_portal.services import feedback_submit

# The start page and the legal pages are the same for every anonymous visitor and show
# no content of the database: no content version in their keys, no query when cached.


@method_decorator(cache_public_page(), name="dispatch")
class HomeView(TemplateView):
    template_name = "pages/home.html"


@method_decorator(cache_public_page(), name="dispatch")
class ImprintView(TemplateView):
    template_name = "pages/impressum.html"


@method_decorator(cache_public_page(), name="dispatch")
class PrivacyView(TemplateView):
    template_name = "pages/datenschutz.html"


class PrivacyRegisterView(InternalRequiredMixin, TemplateView):
    """For staff: which personal data the portal stores, why, and for how long."""

    template_name = "pages/datenschutz_intern.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(register=privacy.register(), **kwargs)


class AccessibilityView(FormView):
    """The Erklärung zur Barrierefreiheit with its feedback form."""

    template_name = "pages/barrierefreiheit.html"
    form_class = AccessibilityFeedbackForm

    def form_valid(self, form):
        if not ratelimits.consume(self.request, action="feedback", rates=ratelimits.FEEDBACK_RATES):
            # The form comes back with what was typed, so nothing is lost by waiting.
            form.add_error(
                None,
                _(
                    "Sie haben in kurzer Zeit sehr viele Rückmeldungen gesendet. Bitte warten "
                    "Sie einige Minuten und senden Sie Ihre Nachricht dann noch einmal."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        feedback = feedback_submit(
            **form.cleaned_data, site_url=self.request.build_absolute_uri("/")
        )
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


def _standalone_page(template_name: str, status: int) -> HttpResponse:
    # Rendered without the request's context processors: they read the session and the
    # user, and the database may be the very reason for the error.
    html = loader.get_template(template_name).render({"LANGUAGE_CODE": get_language() or "de"})
    return HttpResponse(html, status=status)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 page while the database cannot be reached; the client may retry in a minute."""
    response = _standalone_page("503.html", status=503)
    response["Retry-After"] = "60"
    return response


def error_500(request: HttpRequest) -> HttpResponse:
    # Called inside Django's exception handling, so the error is still at hand: a lost
    # database connection (also raised from middleware, e.g. loading the session) is a
    # temporary outage, not a defect, and gets the 503 page.
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return _standalone_page("500.html", status=500)
