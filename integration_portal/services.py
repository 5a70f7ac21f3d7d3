"""Writes of the project package: feedback and accounts."""

from __future__ import annotations

import secrets

from django.db import transaction

from integration_portal.models import AccessibilityFeedback, Role, User


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

    Returns the user and whether it was created.
    """
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    email = User.objects.normalize_email(email).strip()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(email=email)
    user.role = role
    if name:
        user.name = name
    # Editors work in the Django admin too; what they may change there is decided by
    # their role (permissions.RolePermissionBackend), not by per-user permissions.
    user.is_staff = role in {Role.ADMIN, Role.EDITOR}
    user.is_superuser = role == Role.ADMIN
    user.is_active = True
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    if networks is not None:
        user.coordinated_networks.set(networks)
    return user, created
