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

- ``directory``: actors and networks (one version: an actor's page shows its networks,
  a network's page shows its actors);
- ``timeline``: the public history.

Reading a version is one indexed single-row query (by primary key), at most once per
request and name (``for_request``); a page served whole from the cache costs that query
and nothing else. Bulk writes that bypass signals (``bulk_create``,
``QuerySet.update()``, raw SQL, a restored backup, the demo data) call ``bump()``
themselves. The value is a timestamp (``time.time_ns()``): it also says when the content
last changed (``Last-Modified`` of the cached public pages).
"""

from __future__ import annotations

import time

from django.db import connections, router
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.models import ContentVersion

# Actors and networks share one version: an actor's page shows its networks, a
# network's page shows its actors.
DIRECTORY = "directory"

#: The names ``track()`` was called with (``bump_all`` moves each of them on).
_tracked: set[str] = {DIRECTORY}


def current(name: str = DIRECTORY) -> int:
    """The version now (0 where the database has none yet)."""
    # Plain SQL: read on every page of the directory, where building the ORM query cost
    # several times the query itself.
    meta = ContentVersion._meta
    connection = connections[router.db_for_read(ContentVersion)]
    quote = connection.ops.quote_name
    sql = f"SELECT {quote('value')} FROM {quote(meta.db_table)} WHERE {quote('key')} = %s"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [name])
        row = cursor.fetchone()
    return row[0] if row else 0


def for_request(request, name: str = DIRECTORY) -> int:
    """``current(name)``, read at most once per request."""
    memo = request.__dict__.setdefault("_content_versions", {})
    if name not in memo:
        memo[name] = current(name)
    return memo[name]


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
    names = _tracked | set(ContentVersion.objects.using(using).values_list("key", flat=True))
    for name in sorted(names):
        bump(name, using=using)


def track(app_config, name: str = DIRECTORY) -> None:
    """Bump ``name`` on every change to a model of the app (called in ``ready()``)."""
    _tracked.add(name)

    def changed(sender, **kwargs):
        if kwargs.get("action", "post_").startswith("post_"):
            bump(name)

    for model in app_config.get_models(include_auto_created=True):
        if getattr(model, "instance_type", None) is not None:
            # A history record (django-simple-history) is written with the change it
            # records, whose own signal has moved the version on already.
            continue
        uid = f"content-version:{name}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")
        m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":m2m")
