"""Writes of the project package: feedback and accounts.

Accounts are invited, given another role and deactivated or reactivated by these
functions only, each with who and when (``AccountChange``); the administrators' changes
use the same optimistic locking as feedback (``User.version``).

Changes to a feedback message use optimistic locking: the caller passes the ``version``
its form was read at; the row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
serialises writers anyway) and compared, and :class:`StaleVersionError` carries the
current row if someone saved in between.
"""

from __future__ import annotations

import secrets

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import (
    AccessibilityFeedback,
    AccountChange,
    Role,
    User,
    normalize_account_email,
)


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
    _role_apply(user, role)
    user.is_active = True
    if not created:
        user.version += 1
    if password is not None:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    if networks is not None:
        user.coordinated_networks.set(networks)
    return user, created


def _role_apply(user: User, role: str) -> None:
    """Set a role and the Django flags that follow from it."""
    user.role = role
    # Editors work in the Django admin too; what they may change there is decided by
    # their role (permissions.RolePermissionBackend), not by per-user permissions.
    user.is_staff = role in {Role.ADMIN, Role.EDITOR}
    user.is_superuser = role == Role.ADMIN


def _network_names(user: User) -> str:
    return ", ".join(sorted(str(network) for network in user.coordinated_networks.all()))


def _account_change_record(*, account: User, action: str, by: User | None) -> AccountChange:
    return AccountChange.objects.create(
        account=account,
        action=action,
        role=account.role,
        networks=_network_names(account) if account.role == Role.COORDINATOR else "",
        by=by,
    )


class AccountExistsError(ValidationError):
    """An invitation to an address that already has an account."""


@transaction.atomic
def account_invite(
    *, email: str, role: str, networks: list | None = None, name: str = "", by: User
) -> User:
    """Create an account without a usable password for an invitation, with who and when.

    Networks are kept for coordinators only. An address that has an account already
    (in any case) raises :class:`AccountExistsError`; nothing is written. The mail with
    the link to set the password is sent by the caller once this has been committed.
    """
    if _account_for(normalize_account_email(email)) is not None:
        raise AccountExistsError(
            _("Für diese E-Mail-Adresse gibt es bereits ein Konto."), code="exists"
        )
    user, _created = user_provision(
        email=email,
        role=role,
        networks=list(networks or []) if role == Role.COORDINATOR else None,
        name=name,
    )
    _account_change_record(account=user, action=AccountChange.Action.INVITED, by=by)
    return user


def account_invitation_send(*, account: User, site_url: str) -> None:
    """E-mail the invitation: the portal, the role, and a link with which the person sets
    their password. The link is allauth's password-reset link (as ``portal_user``
    prints it): it expires after ``PASSWORD_RESET_TIMEOUT`` and once it has been used.
    In the portal's language; errors of the mail backend reach the caller."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(account),
                "key": default_token_generator.make_token(account),
            },
        )
        context = {
            "portal_name": settings.PORTAL_NAME,
            "account": account,
            "role": account.get_role_display(),
            "link": site_url.rstrip("/") + path,
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "login_url": site_url.rstrip("/") + reverse("account_login"),
        }
        subject = render_to_string("accounts_admin/mail/invitation_subject.txt", context)
        body = render_to_string("accounts_admin/mail/invitation_body.txt", context).strip()
    EmailMessage(
        " ".join(subject.split()),
        body,
        to=[account.email],
        reply_to=[settings.PORTAL_CONTACT_EMAIL],
    ).send(fail_silently=False)


@transaction.atomic
def account_invitation_record_resent(*, account: User, by: User) -> AccountChange:
    """Record that the invitation of an account was sent again."""
    return _account_change_record(
        account=account, action=AccountChange.Action.INVITATION_RESENT, by=by
    )


def _account_locked(account: User, version: int) -> User:
    current = User.objects.select_for_update().get(pk=account.pk)
    if current.version != version:
        raise StaleVersionError(current)
    return current


@transaction.atomic
def account_role_change(
    *, account: User, version: int, role: str, networks: list | None = None, by: User
) -> User:
    """Give an account another role (and a coordinator their networks), refusing a change
    based on a stale version. An administrator cannot take the role from themselves.
    Other roles than coordinator coordinate no network. Counts from the next request on
    (the sign-in cache forgets the account when it is saved)."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    current = _account_locked(account, version)
    if current.pk == by.pk and role != current.role:
        raise ValidationError(
            _(
                "Sie können Ihre eigene Rolle nicht ändern. Bitten Sie eine andere Person "
                "mit der Rolle Administration darum."
            ),
            code="own_role",
        )
    before = (current.role, {n.pk for n in current.coordinated_networks.all()})
    wanted = {n.pk for n in networks or []} if role == Role.COORDINATOR else set()
    if before == (role, wanted):
        return current
    _role_apply(current, role)
    current.version += 1
    current.save()
    current.coordinated_networks.set(list(networks or []) if role == Role.COORDINATOR else [])
    _account_change_record(account=current, action=AccountChange.Action.ROLE_CHANGED, by=by)
    return current


@transaction.atomic
def account_active_set(*, account: User, version: int, active: bool, by: User) -> User:
    """Deactivate or reactivate an account, refusing a change based on a stale version.

    A deactivated account cannot sign in, and its open sessions end with their next
    request (the authentication backends accept active accounts only). Nothing is
    deleted. An administrator cannot deactivate themselves."""
    current = _account_locked(account, version)
    if current.pk == by.pk and not active:
        raise ValidationError(
            _(
                "Sie können Ihr eigenes Konto nicht deaktivieren. Bitten Sie eine andere "
                "Person mit der Rolle Administration darum."
            ),
            code="own_account",
        )
    if current.is_active == active:
        return current
    current.is_active = active
    current.version += 1
    current.save()
    action = AccountChange.Action.REACTIVATED if active else AccountChange.Action.DEACTIVATED
    _account_change_record(account=current, action=action, by=by)
    return current


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
