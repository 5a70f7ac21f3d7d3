"""App config of the bottom app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    # The label the accounts and content versions have always had: tables, migrations,
    # content types and permissions of existing databases stay as they are
    # (AUTH_USER_MODEL = "integration_portal.User").
    label = "integration_portal"
    verbose_name = _("Konten und Grundlagen")
    # What this app contributes to the portal-wide registers (core/registry.py).
    privacy_register = "core.privacy"

    def ready(self) -> None:
        from allauth.mfa import signals as mfa_signals

        from core.security import record_new_second_factor

        mfa_signals.authenticator_added.connect(
            record_new_second_factor, dispatch_uid="portal:record-new-second-factor"
        )
