"""App config of the project package: settings, URLs, site pages and the commands that
span the apps. It sits on top: it may use every app, and no app imports it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationPortalConfig(AppConfig):
    name = "integration_portal"
    # "integration_portal" is the label of the bottom app (core/apps.py).
    label = "portal"
    verbose_name = _("Portal")
