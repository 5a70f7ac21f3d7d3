"""Account security rules that apply across the portal.

Who must protect their account with a second factor, and whether they have done so.
The middleware in ``integration_portal.middleware`` enforces it; the MFA adapter uses it
to stop such accounts from switching their last authenticator off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.mfa.models import Authenticator

from integration_portal.permissions import is_coordinator, is_editor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from integration_portal.models import User

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
