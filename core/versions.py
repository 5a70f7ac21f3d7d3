"""Content versions: the portal's one way to make anything it caches exact.

Everything the portal caches for more than one request carries the current value of a
version kept in the database (``ContentVersion``) in its key: whole public pages
(``caching.cache_public_page``), rendered fragments (``{% fragment_cache %}``), counts
(``pagination``) and data (the actor, the network map data). Every save, delete or change
of a many-to-many relation of a tracked app moves its version on in the same
transaction. So a change — a new name, an actor made internal, a member who left, a
period withdrawn — shows on the next request in every worker and on every app server,
even with the per-process memory cache, and nothing private or withdrawn outlives its
change in a cache. Nothing is ever deleted from a cache to invalidate it: entries under
an old version are simply never asked for again and expire.

Versions, one per kind of content (each app names its own in ``ready()``; today):

- ``directory``: actors and networks (an actor's page shows its networks, a network's
  page its actors);
- ``memberships``: who is a member of which network, and the coordination links
  (``content_version_name`` of those models). A coordinator saves memberships many
  times a day; were they part of ``directory``, each save would make every cached
  directory page, count and search stale. Pages that show memberships or links (the
  actor and network pages, the map data, the municipality pages, the directory where it
  filters or counts by network) carry both versions in their keys;
- ``timeline``: the public history.

Reading a version is one indexed single-row query (by primary key), at most once per
request and name (``for_request``). On PostgreSQL a worker keeps the values it has read
and asks again only when they change: a trigger on the versions table (migration
``0006``) sends ``NOTIFY portal_content_version`` with every change, PostgreSQL delivers
it at commit to every worker that listens (``Listener``: one extra connection per
process), and a worker checks its socket for such news, without a round trip, before it
answers from what it kept. So a page served whole from the cache costs no query at all,
and stays exact in every worker on every server: what a worker keeps is dropped as soon
as the announcement of a committed change arrives, right after the commit (a fraction
of a millisecond on one host; like a request that was already running). Inside a transaction (a
write, every test) and where listening is not possible (SQLite, a lost connection) the
version is read with the query each time. Bulk writes that bypass signals (``bulk_create``,
``QuerySet.update()``, raw SQL, a restored backup, the demo data) call ``bump()``
themselves. The value is a timestamp (``time.time_ns()``): it also says when the content
last changed (``Last-Modified`` of the cached public pages).
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.db import DatabaseError, connections, router
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.models import ContentVersion

# Actors and networks share one version: an actor's page shows its networks, a
# network's page shows its actors.
DIRECTORY = "directory"
# Memberships and coordination links: saved often, shown by fewer pages.
MEMBERSHIPS = "memberships"
#: Separates a version's name from the part it covers (``scoped``).
SCOPE_SEPARATOR = ":"

#: The names ``track()`` was called with (``bump_all`` moves each of them on).
_tracked: set[str] = {DIRECTORY, MEMBERSHIPS}


#: The channel of the trigger of migration ``0006`` (PostgreSQL).
CHANNEL = "portal_content_version"

logger = logging.getLogger(__name__)


def _read(alias: str, name: str) -> int:
    # Plain SQL: read on every page of the directory, where building the ORM query cost
    # several times the query itself.
    meta = ContentVersion._meta
    connection = connections[alias]
    quote = connection.ops.quote_name
    sql = f"SELECT {quote('value')} FROM {quote(meta.db_table)} WHERE {quote('key')} = %s"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [name])
        row = cursor.fetchone()
    return row[0] if row else 0


def _read_all(alias: str, parts: list[str]) -> dict[str, int]:
    """Every version of a whole kind of content (a handful of rows) and the versions of
    the ``parts`` named (``scoped``; there is a row per actor or network once changed),
    in one query."""
    meta = ContentVersion._meta
    connection = connections[alias]
    quote = connection.ops.quote_name
    # Only placeholders and quoted names of this module go into the statement.
    sql = (
        f"SELECT {quote('key')}, {quote('value')} FROM {quote(meta.db_table)} "  # noqa: S608  # nosec B608
        f"WHERE {quote('key')} NOT LIKE %s"
    )
    if parts:
        sql += f" OR {quote('key')} IN ({', '.join(['%s'] * len(parts))})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [f"%{SCOPE_SEPARATOR}%", *parts])
        return dict(cursor.fetchall())


class Listener:
    """The versions this process has read, kept until PostgreSQL announces a change.

    One connection of its own per process (opened on first use, again after a fork or a
    lost connection) listens on ``CHANNEL``. ``get`` first takes any notifications
    waiting on that connection's socket (no round trip: ``poll()`` reads what has
    arrived) and forgets the versions they name; a version it still knows is current,
    because its change would have been announced by the commit that made it. Listening
    starts before the first value is kept, so no change can slip between the two.
    """

    #: Seconds to read each time after listening failed, before trying again.
    RETRY_AFTER = 5.0

    def __init__(self, alias: str = "default"):
        self.alias = alias
        self.lock = threading.Lock()
        self.pid = None
        self.connection = None
        self.values: dict[str, int] = {}
        self.retry_at = 0.0

    def _connect(self):
        wrapper = connections[self.alias]
        raw = wrapper.get_new_connection(wrapper.get_connection_params())
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        return raw

    def close(self) -> None:
        with self.lock:
            self._drop()

    def _drop(self) -> None:
        if self.connection is not None and self.pid == os.getpid():
            try:
                self.connection.close()
            except DatabaseError:  # pragma: no cover - closing a broken connection
                pass
        self.connection = None
        self.values.clear()

    def _news(self) -> bool:
        """Take the waiting notifications; ``False`` where listening is not possible."""
        if self.pid != os.getpid():
            # A forked worker must not share its parent's socket.
            self.connection = None
            self.values.clear()
            self.pid = os.getpid()
        if self.connection is None and time.monotonic() < self.retry_at:
            return False
        try:
            if self.connection is None:
                self.connection = self._connect()
            self.connection.poll()
        except Exception:  # noqa: BLE001 - any failure: read from the database instead
            logger.warning("Listening for content versions failed; reading each time.")
            self._drop()
            self.retry_at = time.monotonic() + self.RETRY_AFTER
            return False
        notifies = self.connection.notifies
        while notifies:
            self.values.pop(notifies.pop().payload, None)
        return True

    def get(self, name: str) -> int:
        with self.lock:
            if not self._news():
                return _read(self.alias, name)
            if name not in self.values:
                self.values[name] = _read(self.alias, name)
            return self.values[name]


_listener = Listener()


def _listening(alias: str) -> bool:
    """Whether kept values may answer: on the primary (a replica may not have replayed
    an announced change yet), with psycopg2 (whose ``poll()`` is used), outside a
    transaction (whose own uncommitted changes are announced only at its commit)."""
    connection = connections[alias]
    return (
        alias == _listener.alias
        and connection.vendor == "postgresql"
        and connection.Database.__name__ == "psycopg2"
        and not connection.in_atomic_block
    )


def current(name: str = DIRECTORY) -> int:
    """The version now (0 where the database has none yet)."""
    alias = router.db_for_read(ContentVersion)
    if _listening(alias):
        return _listener.get(name)
    return _read(alias, name)


def for_request(request, name: str = DIRECTORY) -> int:
    """``current(name)``, read at most once per request."""
    return _for_request(request, (name,))[name]


def stamp(request, *names: str) -> str:
    """One key part for content that shows what several versions cover."""
    values = _for_request(request, names)
    return ".".join(str(values[name]) for name in names)


def stamp_all(request) -> str:
    """One key part for what may show any content (a whole page): the version of every
    whole kind of content. A change of a part (``scoped``) moves its whole kind on too."""
    return stamp(request, *sorted(_tracked))


def _for_request(request, names) -> dict[str, int]:
    memo = request.__dict__.setdefault("_content_versions", {})
    missing = [name for name in names if name not in memo]
    if missing:
        alias = router.db_for_read(ContentVersion)
        if _listening(alias):
            for name in missing:
                memo[name] = _listener.get(name)
        else:
            # Where each read is a query, one query reads the versions of every whole
            # kind of content and the parts asked for: a page that shows what several
            # cover (the directory and an actor's memberships) reads one row set. Values
            # read before in this request stay as they were.
            values = _read_all(alias, [name for name in missing if SCOPE_SEPARATOR in name])
            for key in _tracked.union(missing):
                memo.setdefault(key, values.get(key, 0))
    return memo


def bump(name: str = DIRECTORY, *, using: str = "default") -> None:
    """Move the version on: every fragment cached under the old value is stale."""
    # A timestamp, not a counter: a restored backup or a recreated database never
    # brings back a value under which a shared cache still holds other content.
    value = time.time_ns()
    versions = ContentVersion.objects.using(using)
    if not versions.filter(key=name).update(value=value):
        versions.update_or_create(key=name, defaults={"value": value})


def bump_all(*, using: str = "default") -> None:
    """Move every version on (after writes that may touch any content: a restore)."""
    # Those of parts too (one row per actor or network once changed): one statement.
    ContentVersion.objects.using(using).update(value=time.time_ns())
    for name in sorted(_tracked):
        bump(name, using=using)


def scoped(name: str, part: str) -> str:
    """The version of one part of what ``name`` covers, e.g. one actor's memberships."""
    return f"{name}{SCOPE_SEPARATOR}{part}"


def memberships_of_actor(actor_pk: int) -> str:
    """The version of one actor's memberships and links (its page shows them)."""
    return scoped(MEMBERSHIPS, f"actor{SCOPE_SEPARATOR}{actor_pk}")


def memberships_of_network(network_pk: int) -> str:
    """The version of one network's memberships and links."""
    return scoped(MEMBERSHIPS, f"network{SCOPE_SEPARATOR}{network_pk}")


class ScopedVersions:
    """A model whose changes also move the versions of the parts they belong to
    (``content_version_keys()``: e.g. a membership, those of its actor and its network),
    before and after the change: a membership moved to another actor changes both pages.
    A page of one actor then stays cached while other actors' memberships change."""

    def content_version_keys(self) -> tuple[str, ...]:
        raise NotImplementedError

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_version_keys = instance.content_version_keys()
        return instance

    def touched_version_keys(self) -> set[str]:
        return {*self.content_version_keys(), *getattr(self, "_loaded_version_keys", ())}


def track(app_config, name: str = DIRECTORY) -> None:
    """Bump ``name`` on every change to a model of the app (called in ``ready()``); a
    model with ``content_version_name`` moves that version on instead."""
    _tracked.add(name)

    def bumper(version: str):
        def changed(sender, instance=None, **kwargs):
            if kwargs.get("action", "post_").startswith("post_"):
                bump(version)
                if isinstance(instance, ScopedVersions):
                    for key in sorted(instance.touched_version_keys()):
                        bump(key)

        return changed

    for model in app_config.get_models(include_auto_created=True):
        if not getattr(model, "tracks_content_version", True):
            # An account's own data (e.g. its saved searches) is no content of any page.
            continue
        if getattr(model, "instance_type", None) is not None:
            # A history record (django-simple-history) is written with the change it
            # records, whose own signal has moved the version on already.
            continue
        version = getattr(model, "content_version_name", name)
        _tracked.add(version)
        changed = bumper(version)
        uid = f"content-version:{version}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")
        m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":m2m")
