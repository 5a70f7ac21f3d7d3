"""Account security rules that apply across the portal.

Who must protect their account with a second factor, whether they have done so, and
whether the session at hand passed it. The middleware in ``integration_portal.middleware``
enforces it; the MFA adapter uses it to stop such accounts from switching their last
authenticator off.

An account that must have an authenticator app but has none yet sets it up before it
works: right after signing in and before any edit page is shown. The page it wanted is
kept in the session (``second_factor_setup_keep``) and offered once the app is active.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core.permissions import is_coordinator, is_editor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from core.models import User

#: Authenticators that count as a second factor. Recovery codes alone are a fallback,
#: not a factor one signs in with every day.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def requires_mfa(user: User | AnonymousUser) -> bool:
    """Coordinators, editors and administrators change shared data: they need a second factor."""
    return is_coordinator(user) or is_editor(user)


def has_second_factor(user: User | AnonymousUser) -> bool:
    """Whether the account has an activated authenticator app (or security key)."""
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def needs_second_factor_setup(user: User | AnonymousUser) -> bool:
    """Whether the account must set up an authenticator app before it may edit."""
    return requires_mfa(user) and not has_second_factor(user)


class EditsSharedDataMixin:
    """Marks a view whose form changes data of the portal that others read.

    Such a page is shown only to accounts that may save it: an account that must use a
    second factor but has none yet is sent to set one up first and comes back here
    afterwards (``MFARequiredMiddleware``), so it never fills in a form it cannot save.
    """

    edits_shared_data = True


def view_edits_shared_data(view_func) -> bool:
    """Whether a resolved view is marked with ``EditsSharedDataMixin``."""
    view_class = getattr(view_func, "view_class", None)
    return bool(getattr(view_class, "edits_shared_data", False))


#: Why an account is sent to set up its authenticator app (after signing in, on an edit page).
SETUP_FIRST_MESSAGE = _(
    "Ihre Rolle darf Daten des Portals ändern. Dafür muss Ihr Konto mit einem zweiten "
    "Faktor geschützt sein. Bitte richten Sie jetzt eine Authenticator-App ein; danach "
    "geht es weiter zu der Seite, die Sie aufrufen wollten."
)

#: The page an account is sent back to once its authenticator app is set up.
SETUP_RETURN_SESSION_KEY = "portal_second_factor_setup_return"


def _is_local_url(request, url: str) -> bool:
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def second_factor_setup_keep(request, url: str | None) -> None:
    """Keep the page to return to after the set-up; a URL of another site is never kept."""
    if url and _is_local_url(request, url):
        request.session[SETUP_RETURN_SESSION_KEY] = url


def second_factor_setup_return(request) -> str | None:
    """The page kept by ``second_factor_setup_keep``, if any (checked again on the way out)."""
    url = request.session.get(SETUP_RETURN_SESSION_KEY)
    if isinstance(url, str) and _is_local_url(request, url):
        return url
    return None


def second_factor_setup_forget(request) -> None:
    request.session.pop(SETUP_RETURN_SESSION_KEY, None)


def session_passed_second_factor(request) -> bool:
    """Whether this session's sign-in included a second factor.

    allauth keeps a record of each authentication step of the session (password, code
    of the authenticator app, security key) for the account signed in; an account that
    merely *has* an authenticator proves nothing about the session in front of us.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def record_new_second_factor(sender, request, user, authenticator, **kwargs) -> None:
    """An authenticator app set up in this session counts as the session's second factor.

    Setting it up asked for the password again and for a valid code of the new app, so
    the person has shown both factors; without this record the rule above would sign
    them out straight after the set-up. (Receiver of allauth's ``authenticator_added``.)
    """
    if request is None or authenticator.type not in SECOND_FACTOR_TYPES:
        return
    if request.user.is_authenticated and request.user.pk == user.pk:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
