"""App config of the networks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Netzwerke")

    def ready(self):
        from core import versions
        from networks import directory

        directory.connect()
        versions.track(self)
