"""App config for the project package, which owns accounts, roles and the site pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from allauth.mfa import signals as mfa_signals

        from integration_portal.security import record_new_second_factor

        mfa_signals.authenticator_added.connect(
            record_new_second_factor, dispatch_uid="portal:record-new-second-factor"
        )
