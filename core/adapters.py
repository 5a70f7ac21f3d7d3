"""allauth adapters.

Accounts are created by administrators or by invitation, never by sign-up; an account
that must use a second factor but has none yet is led to set up its authenticator app
right after signing in, and the page it wanted is kept for afterwards; accounts that
must use a second factor cannot switch their authenticator app off themselves; the
secrets of the second factors (TOTP key, recovery-code seed) are stored encrypted.
"""

from __future__ import annotations

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_login_redirect_url
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.security import (
    SECOND_FACTOR_TYPES,
    SETUP_FIRST_MESSAGE,
    needs_second_factor_setup,
    requires_mfa,
    second_factor_setup_keep,
)


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def post_login(self, request, user, *, redirect_url, signup, **kwargs):
        """Lead an account that must use a second factor but has none to its set-up first.

        The page it would have gone to (the ``next`` of the sign-in, which allauth has
        already checked to be a page of the portal, or the login redirect) is kept in the
        session; the recovery-codes page shown after the set-up leads back to it.
        """
        if needs_second_factor_setup(user):
            second_factor_setup_keep(
                request, get_login_redirect_url(request, redirect_url, signup=signup)
            )
            messages.warning(request, SETUP_FIRST_MESSAGE)
            redirect_url = reverse("mfa_activate_totp")
        return super().post_login(request, user, redirect_url=redirect_url, signup=signup, **kwargs)


#: Marks a secret encrypted by ``PortalMFAAdapter``; rows written before encryption was
#: switched on hold the plain secret (migration 0003 encrypts them).
ENCRYPTED_PREFIX = "fernet:"


def _fernet() -> MultiFernet:
    """Fernet (AES-128-CBC with HMAC-SHA256) over the keys of ``MFA_ENCRYPTION_KEYS``.

    The first key encrypts; every key decrypts, so a key is rotated by putting the new
    one first and keeping the old one behind it (secrets written before stay readable).
    Any passphrase works: SHA-256 turns it into a Fernet key.
    """
    keys = [
        Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))
        for key in settings.MFA_ENCRYPTION_KEYS
    ]
    return MultiFernet(keys)


def encrypt_secret(text: str) -> str:
    return ENCRYPTED_PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt_secret(stored: str) -> str:
    if not stored.startswith(ENCRYPTED_PREFIX):
        return stored
    return _fernet().decrypt(stored.removeprefix(ENCRYPTED_PREFIX).encode()).decode()


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Ihre Rolle verlangt die Zwei-Faktor-Authentifizierung; sie kann nicht "
            "abgeschaltet werden. Ist Ihr Gerät verloren, wenden Sie sich an die Administration."
        ),
    }

    def encrypt(self, text: str) -> str:
        """Secrets are stored encrypted with a key from the environment, so a copy of the
        database (a backup, a dump for support) does not hand out anyone's second factor."""
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Coordinators, editors and administrators keep at least one second factor.

        If the phone is lost, an administrator removes the authenticator in the Django
        admin and the account sets up a new one at its next sign-in.
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
