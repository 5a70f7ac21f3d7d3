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
        from networks import directory, figures

        # The network section on the actor page and the "Mitglied im Netzwerk" filter of
        # the directory, through the extension points of actors (actors/extensions.py).
        directory.connect()
        # The coordination links as ties of the multi-level figure, the figures of the
        # history's theses, and the networks section of the municipality pages.
        figures.connect()
        versions.track(self)
