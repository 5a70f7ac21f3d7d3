"""Cross-cutting middleware: browser feature policy, the second-factor rule, database faults."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from integration_portal.security import has_second_factor, requires_mfa

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _permissions_policy_header(policy: dict[str, list[str]]) -> str:
    # "camera=()" switches a feature off everywhere, "fullscreen=(self)" allows it for the portal.
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (from ``settings.PERMISSIONS_POLICY``) with every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = _permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _path_without_language(path: str) -> str:
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


class MFARequiredMiddleware:
    """Coordinators, editors and administrators edit only with an activated second factor.

    An account of such a role without an authenticator app is sent to the page that
    sets one up, with a message saying why, whenever it tries to change something:
    any write request (POST, PUT, PATCH, DELETE) outside the account pages and any
    request to the Django admin. Reading stays possible. Because the rule sits here,
    the views of the apps need no code of their own for it.
    """

    #: Paths (without language prefix) where writes are part of signing in or setting up
    #: the second factor, or are no edit of shared data.
    EXEMPT_PREFIXES = ("/konto/", "/i18n/", "/healthz")
    #: Public forms anyone may send (the accessibility feedback of BITV NRW).
    EXEMPT_URL_NAMES = frozenset({"accessibility"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        is_admin = match is not None and "admin" in match.namespaces
        is_write = request.method not in SAFE_METHODS
        if not (is_admin or is_write):
            return None
        if not is_admin:
            if _path_without_language(request.path_info).startswith(self.EXEMPT_PREFIXES):
                return None
            if match is not None and match.url_name in self.EXEMPT_URL_NAMES:
                return None
        if not requires_mfa(request.user) or has_second_factor(request.user):
            return None
        messages.warning(
            request,
            _(
                "Ihre Rolle darf Daten des Portals ändern. Dafür muss Ihr Konto mit einem "
                "zweiten Faktor geschützt sein. Bitte richten Sie jetzt eine "
                "Authenticator-App ein; Ihre Änderung wurde nicht gespeichert."
            )
            if is_write
            else _(
                "Ihre Rolle darf Daten des Portals ändern. Dafür muss Ihr Konto mit einem "
                "zweiten Faktor geschützt sein. Bitte richten Sie jetzt eine Authenticator-App ein."
            ),
        )
        return redirect("mfa_activate_totp")


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page when the database cannot be reached.

    Covers exceptions raised in views and while rendering their templates; errors in
    other middleware reach ``handler500``, which makes the same decision.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OperationalError | InterfaceError):
            from integration_portal.views import database_unavailable

            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable(request)
        return None
