"""App config of the public history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Geschichte")

    def ready(self) -> None:
        from timeline import signals  # noqa: F401 - connects the cache invalidation
