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
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from actors import multilevel, search, search_document
        from core import versions

        versions.track(self)
        # The multi-level figure illustrates thesis 3 of the history (core/registry.py).
        multilevel.connect()
        # Actor.search_text follows the tasks, offers, target groups, languages and
        # municipality it is built from (actors/search_document.py).
        search_document.connect()
        # SQLite: the typo similarity as an SQL function, and the FTS5 triggers put back
        # after a migration that rebuilt the actors table (docs/search.md).
        connection_created.connect(
            search.register_sqlite_functions, dispatch_uid="actors.search.sqlite_functions"
        )
        post_migrate.connect(
            search.repair_after_migrate, sender=self, dispatch_uid="actors.search.repair"
        )
