"""Signed-in requests without a database query for the session or the account.

Every request of a signed-in person needs their session and their account. Read from the
database, that is two queries, and `make bench` measured them as half the time of a
cached page for staff. Both are kept in the ``sessions`` cache (settings, "Cache"):

- The session: Django's ``cached_db`` engine writes every session to the database and
  to the cache, reads it from the cache and falls back to the database when the cache
  has lost it. A sign-out deletes it from both, so it ends at once for every worker.
- The account: ``ModelBackend`` and ``AuthenticationBackend`` below read the account of
  a session from the cache, filled on the first read. Any save or deletion of an
  account removes its entry (at once and again when the transaction commits), so a
  changed role, a deactivation or a new password (which ends the other sessions) count
  from the next request on. ``TIMEOUT`` bounds how long an entry can outlive a change
  made past the ORM (an SQL ``UPDATE`` by hand); a restore empties the cache.

The ``sessions`` cache must be shared by every process that serves the portal, or a
sign-out in one worker would not reach the others: Redis when ``REDIS_URL`` is set
(required for several app servers), else files in a directory of the one machine.
"""

from __future__ import annotations

import hashlib

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.connection import ConnectionProxy
from django.utils.functional import cached_property

#: Sessions and the accounts signed in with them; shared by all workers.
sessions_cache = ConnectionProxy(caches, "sessions")

#: Seconds an account stays cached. A change through the ORM removes it at once.
TIMEOUT = 120


class _AccountFields:
    """The account's columns, and a fingerprint of them for the keys: an entry written by
    an earlier version of the model is never read as this one."""

    @cached_property
    def names(self) -> list[str]:
        return [field.attname for field in get_user_model()._meta.concrete_fields]

    @cached_property
    def fingerprint(self) -> str:
        return hashlib.sha256(",".join(self.names).encode()).hexdigest()[:12]


_fields = _AccountFields()


def account_key(user_id) -> str:
    """The cache key of an account, per database (two portals, or the test databases of
    parallel test runs, may share the cache)."""
    database = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    return f"account:{database}:{_fields.fingerprint}:{user_id}"


def forget_account(user_id) -> None:
    """Remove an account from the cache, now and when the current transaction commits
    (a worker that read the old row in between must not keep it)."""
    key = account_key(user_id)
    sessions_cache.delete(key)
    transaction.on_commit(lambda: sessions_cache.delete(key))


def on_account_changed(sender, instance, **kwargs) -> None:
    """``post_save`` and ``post_delete`` of the user model."""
    if instance.pk is not None:
        forget_account(instance.pk)


def clear() -> None:
    """Empty the cache: every session is read from the database again (after a restore)."""
    sessions_cache.clear()


class CachedAccountMixin:
    """``get_user`` of a session from the cache; the backend's own lookup on a miss."""

    def get_user(self, user_id):
        key = account_key(user_id)
        cached = sessions_cache.get(key)
        if cached is not None:
            database, values = cached
            return get_user_model().from_db(database, _fields.names, values)
        user = super().get_user(user_id)
        if user is not None:
            values = [getattr(user, name) for name in _fields.names]
            sessions_cache.set(key, (user._state.db, values), TIMEOUT)
        return user


class ModelBackend(CachedAccountMixin, DjangoModelBackend):
    """Django's backend (passwords, permissions) with the cached account."""


class AuthenticationBackend(CachedAccountMixin, AllauthBackend):
    """allauth's backend (sign-in by e-mail address) with the cached account."""
