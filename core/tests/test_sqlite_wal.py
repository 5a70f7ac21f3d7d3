"""The SQLite database of `make run` works in write-ahead logging: readers go on while
someone writes."""

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


@pytest.mark.django_db
@pytest.mark.skipif(settings.DATABASE_IS_POSTGRES, reason="SQLite only")
def test_a_new_database_file_is_put_into_write_ahead_logging_at_its_first_connection(tmp_path):
    settings_dict = {**connections.settings[DEFAULT_DB_ALIAS], "NAME": str(tmp_path / "new.db")}
    wrapper = connections[DEFAULT_DB_ALIAS].__class__(settings_dict, alias="wal-check")
    try:
        wrapper.ensure_connection()
        (mode,) = wrapper.connection.execute("PRAGMA journal_mode").fetchone()
        assert mode == "wal"
        # The next connection to the same file finds it so without asking for a change.
        again = connections[DEFAULT_DB_ALIAS].__class__(settings_dict, alias="wal-again")
        again.ensure_connection()
        assert again.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        again.close()
    finally:
        wrapper.close()
