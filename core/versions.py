"""Content versions: the key part that makes cached fragments of the directory exact.

Pages of the directory and the networks are cached as rendered fragments (the result
list, an actor's page, the multi-level table, a network's tables). Their cache keys
carry the current value of a version kept in the database (``ContentVersion``); every
save, delete or change of a many-to-many relation of a tracked app moves that version
on in the same transaction. So a change — a new name, an actor made internal, a member
who left — shows on the next request in every worker and on every app server, even
with the per-process memory cache, and nothing private outlives its change in a cache.

Reading the version is one indexed single-row query per request. Bulk writes that
bypass signals (``bulk_create``, ``QuerySet.update()``/``delete()``, the demo data)
call ``bump()`` themselves.
"""

from __future__ import annotations

import time

from django.db import connections, router
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.models import ContentVersion

# Actors and networks share one version: an actor's page shows its networks, a
# network's page shows its actors.
DIRECTORY = "directory"


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


def track(app_config, name: str = DIRECTORY) -> None:
    """Bump ``name`` on every change to a model of the app (called in ``ready()``)."""

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
