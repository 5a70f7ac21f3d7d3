"""Reads from a PostgreSQL read replica, opt-in via ``DATABASE_REPLICA_URL``.

With the variable set, settings add a second connection ``replica`` and this router.
Only what is safe to read from a copy that lags a little goes there: GET and HEAD
requests of visitors who have not just changed something. Everything else uses the
primary (``default``):

- every write, and every read in a POST/PUT/PATCH/DELETE request (services read and
  lock rows inside their transactions);
- every read for a few seconds after that visitor's last write (a cookie set by
  ``PinPrimaryMiddleware``), so that people see their own change at once;
- everything outside a request: management commands, migrations, the shell.

While the replica is down its connection goes to the primary instead, for a few seconds
at a time (``integration_portal/db_backends/replica``): the reads of GET requests are then
served by the primary, without errors. docs/cluster.md shows it on real servers.

Without ``DATABASE_REPLICA_URL`` neither the router nor the middleware is installed.
"""

from __future__ import annotations

import contextvars

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "portal_primary"
# Seconds the primary keeps serving a visitor after a write; longer than the replica's
# usual lag (streaming replication on one network: well under a second).
PIN_SECONDS = 10

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("use_replica", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both connections hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PinPrimaryMiddleware:
    """Decide per request whether its reads may go to the replica."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in self.SAFE_METHODS
        token = _use_replica.set(safe and PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _use_replica.reset(token)
        if not safe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
