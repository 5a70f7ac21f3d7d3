"""Writes of the project package: feedback and accounts.

Changes to a feedback message use optimistic locking: the caller passes the ``version``
its form was read at; the row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
serialises writers anyway) and compared, and :class:`StaleVersionError` carries the
current row if someone saved in between.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AccessibilityFeedback, Role, User, normalize_account_email


@transaction.atomic
def feedback_receive(
    *, page_url: str, message: str, name: str, email: str
) -> AccessibilityFeedback:
    """Store one accessibility feedback message and give it a reference for the receipt."""
    while True:
        reference = "BF-" + secrets.token_hex(4).upper()
        if not AccessibilityFeedback.objects.filter(reference=reference).exists():
            break
    return AccessibilityFeedback.objects.create(
        reference=reference, page_url=page_url, message=message, name=name, email=email
    )


class StaleVersionError(Exception):
    """The object was changed by someone else after the caller read it."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def feedback_update(
    *, feedback: AccessibilityFeedback, version: int, status: str, answer_note: str, by: User
) -> AccessibilityFeedback:
    """Set status and answer note of a feedback message, with who and when, refusing a
    change based on a stale version. The history records the change and its author."""
    current = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    if current.version != version:
        raise StaleVersionError(current)
    current.status, current.answer_note = status, answer_note
    # The fields' own rules (a known status, the note's length); the others are not
    # changed here and cost no query to check.
    current.full_clean(
        exclude={f.name for f in current._meta.concrete_fields} - {"status", "answer_note"}
    )
    current.handled_by, current.handled_at = by, timezone.now()
    current._history_user = by
    current._change_reason = _("Bearbeitung geändert")
    current.save()
    return current


@transaction.atomic
def user_provision(
    *,
    email: str,
    role: str,
    networks: list | None = None,
    password: str | None = None,
    name: str = "",
) -> tuple[User, bool]:
    """Create or update an account with a role; coordinators get their networks assigned.

    The address is stored in lower case (``normalize_account_email``); a password must
    pass the password rules (``AUTH_PASSWORD_VALIDATORS``), else ``ValidationError`` is
    raised and nothing is written. Returns the user and whether it was created.
    """
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    email = normalize_account_email(email)
    user = _account_for(email)
    created = user is None
    if created:
        user = User(email=email)
    user.email = email
    user.role = role
    if name:
        user.name = name
    if password is not None:
        # After email and name are set: the similarity rule compares the password with them.
        password_validation.validate_password(password, user)
    # Editors work in the Django admin too; what they may change there is decided by
    # their role (permissions.RolePermissionBackend), not by per-user permissions.
    user.is_staff = role in {Role.ADMIN, Role.EDITOR}
    user.is_superuser = role == Role.ADMIN
    user.is_active = True
    if password is not None:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    if networks is not None:
        user.coordinated_networks.set(networks)
    return user, created


def _account_for(email: str) -> User | None:
    """The account of a (normalised) address, also one stored with capitals before
    addresses were normalised. Two such accounts that differ only in case are not merged
    silently: an administrator decides (migration 0004 reports them)."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise ValidationError(
            _(
                "Es gibt mehrere Konten, deren Adresse sich von %(email)s nur in der Groß- "
                "und Kleinschreibung unterscheidet. Bitte bereinigen Sie sie zuerst."
            ),
            code="ambiguous_email",
            params={"email": email},
        )
    return matches[0] if matches else None
