"""App config of the actor directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Akteursverzeichnis")
    # What this app contributes to the portal-wide registers (core/registry.py).
    privacy_register = "actors.privacy"
    keynote_seed = "actors.seed"

    def ready(self):
        from core import versions

        versions.track(self)
