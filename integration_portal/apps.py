"""App config for the project package, which owns accounts, roles and the site pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    verbose_name = _("Portal")
