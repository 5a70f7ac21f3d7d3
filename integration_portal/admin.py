"""The Django admin (``/verwaltung/``) behind the portal's one sign-in.

Django's own admin login would check the password alone: it is replaced by allauth's
sign-in, which asks for the second factor and applies the rate limits, and returns to
the admin afterwards. The authenticators of allauth are shown without their secrets.
"""

from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin

from core.models import AccountChange, User
from core.text_input import PlainTextAdminMixin

admin.site.login = secure_admin_login(admin.site.login)

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Who has which second factor, and since when; an administrator can remove one
    (a lost phone). The stored secrets (TOTP key, recovery-code seed) never appear: not
    in the list, not on the detail page, not in a form."""

    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type", "created_at", "last_used_at")
    search_fields = ("user__email", "user__name")
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields
    list_select_related = ("user",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Viewing stays possible (ModelAdmin asks has_view_permission); nothing is editable.
        return False


class AccountChangeInline(admin.TabularInline):
    """Who changed the account's role or access, and when (read only)."""

    model = AccountChange
    fk_name = "account"
    fields = ("at", "action", "role", "networks", "by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-at", "-pk")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    """The accounts, for completeness. Inviting, changing a role and deactivating happen on
    the portal's own pages (``/mein-bereich/konten/``), which record who did it and check
    that nobody locks themselves out; here only the name can be corrected, and nothing is
    added or deleted. The password hash never appears."""

    list_display = ("email", "name", "role", "is_active", "last_login", "date_joined")
    list_filter = ("role", "is_active")
    search_fields = ("email", "name")
    ordering = ("email",)
    fields = ("email", "name", "role", "is_active", "last_login", "date_joined", "version")
    readonly_fields = ("email", "role", "is_active", "last_login", "date_joined", "version")
    inlines = [AccountChangeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
