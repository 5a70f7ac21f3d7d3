"""Account security rules that apply across the portal.

Who must protect their account with a second factor, whether they have done so, and
whether the session at hand passed it. The middleware in ``integration_portal.middleware``
enforces it; the MFA adapter uses it to stop such accounts from switching their last
authenticator off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

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
