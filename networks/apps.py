"""App config of the networks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Netzwerke")
    # What this app contributes to the portal-wide registers (core/registry.py).
    privacy_register = "networks.privacy"
    keynote_seed = "networks.seed"

    def ready(self):
        from core import versions
        from networks import directory

        directory.connect()
        versions.track(self)
