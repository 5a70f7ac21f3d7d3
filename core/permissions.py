"""The role policy of the portal, in one place.

Views ask these functions (or use the mixins built on them); templates use the
``can`` template filters. Object-level rules (a coordinator edits only the networks
assigned to them) live here too, so that the same answer is given everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from core.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from core.models import User


def _role(user: User | AnonymousUser) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return user.role


def is_internal(user: User | AnonymousUser) -> bool:
    """Every signed-in account reads the internal directory (contacts, notes, internal networks)."""
    return _role(user) is not None


def is_admin(user: User | AnonymousUser) -> bool:
    return _role(user) == Role.ADMIN


def is_editor(user: User | AnonymousUser) -> bool:
    """Editors (Redaktion) and administrators edit public content."""
    return _role(user) in {Role.EDITOR, Role.ADMIN}


def is_coordinator(user: User | AnonymousUser) -> bool:
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def can_edit_network(user: User | AnonymousUser, network) -> bool:
    """Administrators edit every network; coordinators only those assigned to them."""
    role = _role(user)
    if role == Role.ADMIN:
        return True
    if role != Role.COORDINATOR or network is None:
        return False
    return network.coordinators.filter(pk=user.pk).exists()


class PortalAccessMixin(AccessMixin):
    """The portal's one rule for a refused request: an anonymous visitor is sent to the
    login page, a signed-in account without the right gets 403. Every role mixin is one."""

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied(self.get_permission_denied_message())
        return super().handle_no_permission()


class InternalRequiredMixin(PortalAccessMixin):
    """Signed-in accounts only; anonymous visitors are sent to the login page."""

    def dispatch(self, request, *args, **kwargs):
        if not is_internal(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class EditorRequiredMixin(PortalAccessMixin):
    """Editors and administrators only."""

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class AdminRequiredMixin(PortalAccessMixin):
    """Administrators only (the portal's own pages for them, e.g. the feedback inbox)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_admin(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


# Apps whose content the Redaktion edits in the Django admin (all model permissions).
EDITORIAL_APP_LABELS = frozenset({"timeline"})


class RolePermissionBackend(BaseBackend):
    """Grants editors the model permissions of the editorial apps, from their role.

    The role is the single source of truth: no groups or per-user permissions to keep
    in sync, and an account that stops being an editor loses the rights at once.
    It authenticates nobody; it only answers permission checks.
    """

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if _role(user_obj) != Role.EDITOR:
            return False
        return perm.split(".", 1)[0] in EDITORIAL_APP_LABELS

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return _role(user_obj) == Role.EDITOR and app_label in EDITORIAL_APP_LABELS
