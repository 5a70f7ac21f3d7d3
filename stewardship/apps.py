from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    """Keeping the directory true: review reminders, suggestions from outside, data quality."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "stewardship"
    verbose_name = _("Pflege des Verzeichnisses")
    # What this app contributes to the portal-wide registers (core/registry.py).
    privacy_register = "stewardship.privacy"

    def ready(self):
        from actors.extensions import register_detail_section

        # The links "Änderung vorschlagen" on every public actor's page.
        register_detail_section("stewardship/suggestion/actor_section.html")
