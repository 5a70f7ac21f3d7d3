"""App config of the public history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Geschichte")
    # What this app contributes to the portal-wide registers (core/registry.py).
    keynote_seed = "timeline.seed"
    sitemaps = "timeline.sitemaps"

    def ready(self) -> None:
        from timeline import signals  # noqa: F401 - connects the cache invalidation
