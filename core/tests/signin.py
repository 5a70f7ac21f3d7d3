"""Signed-in test clients, as allauth leaves a session after a complete sign-in.

``force_login`` alone makes a session that passed no factor at all; the portal signs
such a session out when the account has an authenticator app
(``MFARequiredMiddleware``). ``PortalClient.force_login`` therefore also writes the
records that allauth writes when a person enters password and code, for accounts that
have an app; ``force_login_password_only`` keeps the bare session, for the tests that
prove such a session gets nowhere.
"""

from __future__ import annotations

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.test import Client

from core.security import SECOND_FACTOR_TYPES

#: allauth's session key naming the account that the records belong to.
_RECORDS_USER_KEY = "account_authentication_methods_user"


def record_complete_sign_in(session, user) -> None:
    """Write allauth's records of a password-and-code sign-in of ``user`` into ``session``."""
    authenticator = Authenticator.objects.filter(
        user_id=user.pk, type__in=SECOND_FACTOR_TYPES
    ).first()
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if authenticator is not None:
        records.append(
            {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type}
        )
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_RECORDS_USER_KEY] = str(user.pk)
    session.save()


class PortalClient(Client):
    """A test client whose ``force_login`` stands for a complete sign-in."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        record_complete_sign_in(session, user)

    def force_login_password_only(self, user, backend=None):
        """A session that passed the password but never the second factor."""
        super().force_login(user, backend)
