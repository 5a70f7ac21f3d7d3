"""Cross-cutting middleware: browser feature policy, the second-factor rule, database faults."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from core.security import (
    SETUP_FIRST_MESSAGE,
    SETUP_RETURN_SESSION_KEY,
    has_second_factor,
    requires_mfa,
    second_factor_setup_forget,
    second_factor_setup_keep,
    session_passed_second_factor,
    view_edits_shared_data,
)
from integration_portal.views import database_unavailable, error_404

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
    """Coordinators, editors and administrators work only in sessions that passed a
    second factor.

    Two rules, both decided here so that no view needs code of its own for them:

    - An account of such a role that has an authenticator app is served only in a
      session whose sign-in included the code (allauth records each step of a sign-in
      in the session). Any other session of it, however it came about, is signed out
      and sent to the sign-in page: every request, reading included, and the account
      pages too (they manage the authenticators).
    - An account of such a role without an authenticator app yet sets one up before it
      works: signing in leads there first (``core.adapters.PortalAccountAdapter``), and
      so does opening an edit page (a view marked with
      ``core.security.EditsSharedDataMixin``) or the Django admin; the page is kept in
      the session and offered again once the app is active. It may read everything
      else meanwhile. A write request (POST, PUT, PATCH, DELETE) outside the account
      pages is refused all the same, as a last line, with a message that says why.
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

    def _is_exempt(self, request: HttpRequest) -> bool:
        if _path_without_language(request.path_info).startswith(self.EXEMPT_PREFIXES):
            return True
        match = request.resolver_match
        return match is not None and match.url_name in self.EXEMPT_URL_NAMES

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not requires_mfa(user):
            return None
        if session_passed_second_factor(request):
            # Past the set-up pages the kept page has served its purpose.
            if SETUP_RETURN_SESSION_KEY in request.session and not self._is_exempt(request):
                second_factor_setup_forget(request)
            return None
        if has_second_factor(user):
            return self._sign_out(request)
        match = request.resolver_match
        is_admin = match is not None and "admin" in match.namespaces
        is_edit_page = is_admin or view_edits_shared_data(view_func)
        is_write = request.method not in SAFE_METHODS
        if not (is_edit_page or is_write):
            return None
        if not is_admin and self._is_exempt(request):
            return None
        if is_edit_page:
            # A write comes from the page's own form: its GET shows that form again.
            second_factor_setup_keep(request, request.get_full_path())
        if is_write:
            message = _(
                "Ihre Änderung wurde nicht gespeichert. Ihre Rolle darf Daten des Portals "
                "ändern; dafür muss Ihr Konto mit einem zweiten Faktor geschützt sein. Bitte "
                "richten Sie jetzt eine Authenticator-App ein und nehmen Sie die Änderung "
                "danach erneut vor."
            )
        else:
            message = SETUP_FIRST_MESSAGE
        messages.warning(request, message)
        return redirect("mfa_activate_totp")

    @staticmethod
    def _sign_out(request: HttpRequest) -> HttpResponse:
        """End a session that never passed the second factor and ask for a full sign-in."""
        logger.warning("Session without second factor signed out (account %s)", request.user.pk)
        next_url = request.get_full_path() if request.method in SAFE_METHODS else "/"
        logout(request)
        messages.warning(
            request,
            _(
                "Bitte melden Sie sich erneut an: Ihr Konto ist mit einem zweiten Faktor "
                "geschützt, und diese Sitzung wurde ohne ihn begonnen."
            ),
        )
        return redirect_to_login(next_url, login_url=reverse("account_login"))


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page when the database cannot be reached, and 404 when
    a request names a number no row can have.

    Covers exceptions raised in views and while rendering their templates; errors in
    other middleware reach ``handler500``, which makes the same decision. The portal's
    own URLs and forms refuse ids beyond the 64-bit range before they reach the database
    (``core/ids.py``); SQLite raises ``OverflowError`` for any such number
    that still gets there (a filter of the Django admin, say): no row has that id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable(request)
        if isinstance(exception, OverflowError):
            logger.info("Number out of range in %s: %s", request.path, exception)
            return error_404(request)
        return None
