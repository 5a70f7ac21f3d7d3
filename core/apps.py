"""App config of the bottom app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def sqlite_wal(sender, connection, **kwargs) -> None:
    """``connection_created``: an SQLite database file is put into write-ahead logging
    once (the mode stays with the file); a connection to a file already in it only
    reads the mode, which takes no lock."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    (mode,) = raw.execute("PRAGMA journal_mode").fetchone()
    if mode.lower() not in ("wal", "memory"):
        raw.execute("PRAGMA journal_mode=WAL")


class CoreConfig(AppConfig):
    name = "core"
    # The label the accounts and content versions have always had: tables, migrations,
    # content types and permissions of existing databases stay as they are
    # (AUTH_USER_MODEL = "integration_portal.User").
    label = "integration_portal"
    verbose_name = _("Konten und Grundlagen")
    # What this app contributes to the portal-wide registers (core/registry.py).
    privacy_register = "core.privacy"

    def ready(self) -> None:
        from allauth.mfa import signals as mfa_signals
        from django.contrib.auth import get_user_model
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from core import sign_in_cache
        from core.security import record_new_second_factor

        connection_created.connect(sqlite_wal, dispatch_uid="portal:sqlite-wal")
        user_model = get_user_model()
        for signal in (post_save, post_delete):
            signal.connect(
                sign_in_cache.on_account_changed,
                sender=user_model,
                dispatch_uid=f"portal:forget-account-{signal is post_save}",
            )

        mfa_signals.authenticator_added.connect(
            record_new_second_factor, dispatch_uid="portal:record-new-second-factor"
        )
