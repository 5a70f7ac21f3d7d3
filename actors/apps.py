"""App config of the actor directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Akteursverzeichnis")

    def ready(self):
        from core import versions

        versions.track(self)
