"""allauth adapters.

Accounts are created by administrators or by invitation, never by sign-up; accounts
that must use a second factor cannot switch their authenticator app off themselves.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _

from integration_portal.security import SECOND_FACTOR_TYPES, requires_mfa


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Ihre Rolle verlangt die Zwei-Faktor-Authentifizierung; sie kann nicht "
            "abgeschaltet werden. Ist Ihr Gerät verloren, wenden Sie sich an die Administration."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Coordinators, editors and administrators keep at least one second factor.

        If the phone is lost, an administrator removes the authenticator in the Django
        admin and the account sets up a new one at its next change.
        """
        if authenticator.type not in SECOND_FACTOR_TYPES or not requires_mfa(authenticator.user):
            return True
        return (
            Authenticator.objects.filter(
                user_id=authenticator.user_id, type__in=SECOND_FACTOR_TYPES
            )
            .exclude(pk=authenticator.pk)
            .exists()
        )
