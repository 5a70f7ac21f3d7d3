"""The Django admin (``/verwaltung/``) behind the portal's one sign-in.

Django's own admin login would check the password alone: it is replaced by allauth's
sign-in, which asks for the second factor and applies the rate limits, and returns to
the admin afterwards. The authenticators of allauth are shown without their secrets.
"""

from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin

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
