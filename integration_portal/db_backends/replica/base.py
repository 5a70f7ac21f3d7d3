"""PostgreSQL for the read replica, falling back to the primary while the replica is down.

Settings use this backend for the ``replica`` connection when ``DATABASE_REPLICA_URL`` is
set (integration_portal/db_router.py sends the reads of GET requests there). A replica
that stops (maintenance, a crash, a failover that promotes it) must not turn those
requests into errors: they can read from the primary as well, only with more load on it.

- A new connection to the replica that fails (refused, timed out, the server shutting
  down) is made to the primary instead, with the primary's parameters, and this process
  remembers for ``RETRY_SECONDS`` that the replica is down: meanwhile every new
  connection goes to the primary at once, without waiting for the replica to refuse.
- A connection to the primary made that way is closed between two requests once the
  retry time has passed, so that the next request tries the replica again.
- A persistent connection whose replica went away is noticed by Django's health check
  (``CONN_HEALTH_CHECKS``, set for every connection in settings): at the first query of
  a request it is closed and opened anew, which then falls back as above.

A query that is already running when the replica stops fails like any database error;
the requests after it are served.
"""

from __future__ import annotations

import logging
import time

from django.db import connections
from django.db.backends.postgresql import base

#: The connection whose parameters serve while the replica is down.
PRIMARY = "default"
#: Seconds a process reads from the primary after the replica failed, before it tries the
#: replica again. Short: a restarted replica is used again soon; long enough that a dead
#: one costs one failed attempt per process every few seconds, not one per request.
RETRY_SECONDS = 5.0

#: The clock of the retry time (tests replace it).
clock = time.monotonic

logger = logging.getLogger(__name__)

# Per process (module state): every thread and every connection of a worker learns at
# once that the replica is down.
_down_until = 0.0


def replica_down() -> bool:
    """Whether this process currently reads from the primary instead of the replica."""
    return clock() < _down_until


def mark_down() -> None:
    global _down_until  # noqa: PLW0603 - one flag per process, see above
    _down_until = clock() + RETRY_SECONDS


def reset() -> None:
    """Forget a failure: the next connection tries the replica again."""
    global _down_until  # noqa: PLW0603
    _down_until = 0.0


class DatabaseWrapper(base.DatabaseWrapper):
    #: Whether the open connection goes to the primary in place of the replica.
    on_primary = False

    def primary_connection_params(self) -> dict:
        return connections[PRIMARY].get_connection_params()

    def get_new_connection(self, conn_params):
        if replica_down():
            return self._connect_to_primary()
        try:
            connection = super().get_new_connection(conn_params)
        except self.Database.OperationalError as error:
            mark_down()
            logger.warning(
                "Read replica %r unreachable (%s); reading from the primary for %.0f s.",
                self.alias,
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
                RETRY_SECONDS,
            )
            return self._connect_to_primary()
        self.on_primary = False
        return connection

    def _connect_to_primary(self):
        connection = super().get_new_connection(self.primary_connection_params())
        self.on_primary = True
        return connection

    def close_if_unusable_or_obsolete(self):
        # Called between requests: back to the replica once its retry time has passed.
        if self.connection is not None and self.on_primary and not replica_down():
            self.close()
            return
        super().close_if_unusable_or_obsolete()
