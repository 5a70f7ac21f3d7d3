"""Factories for accounts and feedback."""

import time

import factory
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from core.models import AccessibilityFeedback, Role, User
from core.security import requires_mfa

#: Base32 secret of the authenticator app of every test account that needs one.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_activate(user: User, secret: str = TEST_TOTP_SECRET) -> Authenticator:
    """Give an account an activated authenticator app (as if it had scanned the QR code)."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def totp_code(secret: str = TEST_TOTP_SECRET, *, at: float | None = None) -> str:
    """The six-digit code the authenticator app shows now (or at the Unix time ``at``).

    "Now" is taken early enough in its 30-second period that the server still accepts
    the code when the request arrives (the portal allows no clock tolerance): within the
    last few seconds of a period it waits for the next one, so no test fails at a
    period boundary.
    """
    period = app_settings.TOTP_PERIOD
    if at is None:
        remaining = period - time.time() % period
        if remaining < SAFETY_SECONDS:
            time.sleep(remaining + 0.1)
        at = time.time()
    return format_hotp_value(hotp_value(secret, int(at) // period))


#: Seconds before the end of a TOTP period in which ``totp_code`` waits for the next one.
SAFETY_SECONDS = 5


class UserFactory(factory.django.DjangoModelFactory):
    """An account; coordinators, editors and administrators come with an authenticator app.

    ``UserFactory(role="coordinator", mfa=False)`` makes one that has not set it up yet.
    """

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    role = Role.STAFF
    password = factory.django.Password("test-password-123")

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if not create:
            return
        wanted = requires_mfa(obj) if extracted is None else extracted
        if wanted:
            totp_activate(obj)


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityFeedback

    reference = factory.Sequence(lambda n: f"BF-{n:08X}")
    message = "Der Kontrast der Fußzeile ist zu schwach."
