from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StewardshipConfig(AppConfig):
    """Keeping the directory true: review reminders, suggestions from outside, data quality."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "stewardship"
    verbose_name = _("Pflege des Verzeichnisses")
