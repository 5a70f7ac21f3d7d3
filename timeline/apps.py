"""App config of the public history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The content version of the history (core/versions.py): its pages are cached under it.
CONTENT_VERSION = "timeline"


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Geschichte")
    # What this app contributes to the portal-wide registers (core/registry.py).
    keynote_seed = "timeline.seed"
    sitemaps = "timeline.sitemaps"

    def ready(self) -> None:
        from core import versions

        # Every save, delete and many-to-many change of the history's content moves its
        # version on; the cached public pages carry it in their keys (timeline/urls.py).
        versions.track(self, CONTENT_VERSION)
