"""What an actor is found by beyond its own name and description: ``Actor.search_text``.

The directory's search (``actors/search.py``) indexes four texts of an actor: name, short
name, description and this one, built from what belongs to the actor in other tables,
in words a visitor may type:

- the tasks it carries out: tasks of the keynote's catalogue it is named for, and public
  responsibilities (``Responsibility``), each with the task's everyday words
  (``Task.keywords``);
- its public offers that still exist: name, description, topics, target groups and
  languages;
- its own target groups and languages;
- the municipality it works in (so "Sprachkurs Erkelenz" finds the offers' actor there).

Only what every visitor may see goes in (the text is one public column): internal
responsibilities, internal or discontinued offers and contact persons stay out. Staff
find contact persons by a condition of their own (``SearchBackend.staff_condition``).

The text is derived data, written with ``QuerySet.update`` (no history entry, no
signal): :func:`refresh` rebuilds it for given actors in a fixed number of queries, the
signal handlers of :func:`connect` call it whenever one of those rows changes, and bulk
writers (seeding, the import) wrap their work in :func:`deferred` to rebuild once at the
end. The database keeps the index in step with the column (the generated ``tsvector``
on PostgreSQL, the FTS5 triggers on SQLite).
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as global_apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

BATCH_SIZE = 1000
# Bound on the text of one actor (an actor with hundreds of offers stays searchable by
# the first of them; the index and the rank do not grow without limit).
MAX_LENGTH = 20_000

_state = threading.local()


def _lines(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(text.strip() for text in texts if text and text.strip()))


def documents(actor_ids: Iterable[int], using: str = "default", apps=global_apps) -> dict:
    """``{actor id: search text}`` of the given actors, in seven queries whatever their
    number. ``apps``: the registry (a migration passes its historical one)."""
    ids = list(actor_ids)
    Actor = apps.get_model("actors", "Actor")
    Task = apps.get_model("actors", "Task")
    Responsibility = apps.get_model("actors", "Responsibility")
    Offer = apps.get_model("actors", "Offer")
    parts: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return {}

    actors = Actor.objects.using(using).filter(pk__in=ids)
    for pk, municipality, city in actors.values_list("pk", "municipality__name", "city"):
        parts[pk] += [municipality or "", city]
    for pk, group in actors.filter(target_groups__isnull=False).values_list(
        "pk", "target_groups__name"
    ):
        parts[pk].append(group)
    for pk, language in actors.filter(languages__isnull=False).values_list("pk", "languages__name"):
        parts[pk].append(language)

    through = Task.responsible_actors.through.objects.using(using)
    catalogue = through.filter(actor_id__in=ids).values_list(
        "actor_id", "task__name", "task__keywords"
    )
    recorded = (
        Responsibility.objects.using(using)
        .filter(actor_id__in=ids, is_public=True)
        .values_list("actor_id", "task__name", "task__keywords")
    )
    for query in (catalogue, recorded):
        for pk, name, keywords in query:
            parts[pk] += [name, (keywords or "").replace(",", " ")]

    offers = (
        Offer.objects.using(using)
        .filter(actor_id__in=ids, is_public=True)
        .exclude(status="defunct")
        .order_by("actor_id", "name", "pk")
    )
    for pk, name, description in offers.values_list("actor_id", "name", "description"):
        parts[pk] += [name, description]
    for relation in ("topics__name", "target_groups__name", "languages__name"):
        field = relation.split("__")[0]
        related = offers.filter(**{f"{field}__isnull": False}).values_list("actor_id", relation)
        for pk, value in related:
            parts[pk].append(value)
    return {pk: "\n".join(_lines(parts.get(pk, ())))[:MAX_LENGTH] for pk in ids}


def refresh(actor_ids: Iterable[int] | None = None, using: str = "default", apps=global_apps):
    """Rebuild the search text of the given actors (``None``: of every actor); writes only
    the rows whose text changed. Returns how many it wrote."""
    Actor = apps.get_model("actors", "Actor")
    if actor_ids is None:
        actor_ids = Actor.objects.using(using).values_list("pk", flat=True).order_by("pk")
    ids = sorted(set(actor_ids))
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        texts = documents(batch, using=using, apps=apps)
        current = dict(
            Actor.objects.using(using).filter(pk__in=batch).values_list("pk", "search_text")
        )
        changed = [
            Actor(pk=pk, search_text=text)
            for pk, text in texts.items()
            if pk in current and current[pk] != text
        ]
        # One UPDATE per batch; no save(), so no signal and no history entry.
        Actor.objects.using(using).bulk_update(changed, ["search_text"])
        written += len(changed)
    return written


@contextlib.contextmanager
def deferred(using: str = "default"):
    """Collect the actors whose text would be rebuilt and rebuild them once, at the end
    (bulk writes: seeding, the import). Nested blocks rebuild at the outermost end."""
    pending = getattr(_state, "pending", None)
    if pending is not None:
        yield
        return
    _state.pending = set()
    try:
        yield
        collected = _state.pending
    finally:
        _state.pending = None
    refresh(collected, using=using)


def _schedule(actor_ids: Iterable[int], using: str) -> None:
    ids = {pk for pk in actor_ids if pk is not None}
    if not ids:
        return
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(ids)
    else:
        refresh(ids, using=using)


# --- Keeping the text in step ----------------------------------------------------------


def _actor_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    ids = [instance.pk]
    if instance.municipality_id is None:
        # A municipality's name is in the text of the actors working there.
        ids += (
            sender.objects.using(using).filter(municipality=instance).values_list("pk", flat=True)
        )
    _schedule(ids, using)


def _actor_id_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        _schedule([instance.actor_id, getattr(instance, "_search_previous_actor", None)], using)


def _remember_previous_actor(sender, instance, raw=False, using="default", **kwargs):
    """An offer or responsibility moved to another actor leaves the old one's text."""
    if raw or instance.pk is None:
        return
    previous = sender.objects.using(using).filter(pk=instance.pk).values_list("actor_id", flat=True)
    instance._search_previous_actor = next(iter(previous), None)


def _task_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    Responsibility = global_apps.get_model("actors", "Responsibility")
    catalogue = instance.responsible_actors.through.objects.using(using).filter(task=instance)
    recorded = Responsibility.objects.using(using).filter(task=instance)
    _schedule(
        [
            *catalogue.values_list("actor_id", flat=True),
            *recorded.values_list("actor_id", flat=True),
        ],
        using,
    )


def _name_saved(sender, instance, raw=False, created=False, **kwargs):
    """A target group, language or topic renamed: the actors and offers naming it
    (their related names ``actors`` and ``offers``; a topic has offers only)."""
    if raw or created:
        return
    ids = set(instance.offers.values_list("actor_id", flat=True))
    if hasattr(instance, "actors"):
        ids |= set(instance.actors.values_list("pk", flat=True))
    _schedule(ids, instance._state.db)


def _other_side(through, instance) -> str:
    for field in through._meta.get_fields():
        related = getattr(field, "related_model", None)
        if related is not None and isinstance(instance, related):
            return field.name
    raise LookupError(through)


def _m2m_handler(linked: str, actor_lookup: str):
    """A handler of ``m2m_changed`` for a relation whose one side is ``linked`` (an
    ``Actor`` or an ``Offer``); ``actor_lookup``: the actor's id in a row of the through
    table. From the other side, ``pk_set`` holds the linked rows; a clear from the other
    side is read before it happens."""

    def handler(sender, instance, action, pk_set, using="default", **kwargs):
        if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
            return
        model = global_apps.get_model("actors", linked)
        is_actor = linked == "Actor"
        if isinstance(instance, model):
            _schedule([instance.pk if is_actor else instance.actor_id], using)
        elif action == "pre_clear":
            rows = sender.objects.using(using).filter(**{_other_side(sender, instance): instance})
            instance._search_cleared = list(rows.values_list(actor_lookup, flat=True))
        elif action == "post_clear":
            _schedule(getattr(instance, "_search_cleared", []), using)
        elif is_actor:
            _schedule(pk_set or (), using)
        else:
            rows = model.objects.using(using).filter(pk__in=pk_set or ())
            _schedule(rows.values_list("actor_id", flat=True), using)

    return handler


# Actor.target_groups, Actor.languages, Task.responsible_actors; the offers' relations.
_m2m_of_actor = _m2m_handler("Actor", "actor_id")
_m2m_of_offer = _m2m_handler("Offer", "offer__actor_id")


def connect() -> None:
    """Called by ``ActorsConfig.ready()``."""
    get = global_apps.get_model
    Actor, Task, Responsibility, Offer = (
        get("actors", name) for name in ("Actor", "Task", "Responsibility", "Offer")
    )
    uid = "actors.search_document."
    post_save.connect(_actor_saved, sender=Actor, dispatch_uid=uid + "actor")
    for model in (Offer, Responsibility):
        name = model._meta.model_name
        pre_save.connect(_remember_previous_actor, sender=model, dispatch_uid=uid + "pre" + name)
        post_save.connect(_actor_id_saved, sender=model, dispatch_uid=uid + "save" + name)
        post_delete.connect(_actor_id_saved, sender=model, dispatch_uid=uid + "delete" + name)
    post_save.connect(_task_saved, sender=Task, dispatch_uid=uid + "task")
    for name in ("TargetGroup", "Language", "Topic"):
        post_save.connect(_name_saved, sender=get("actors", name), dispatch_uid=uid + name)
    for through in (
        Actor.target_groups.through,
        Actor.languages.through,
        Task.responsible_actors.through,
    ):
        m2m_changed.connect(_m2m_of_actor, sender=through, dispatch_uid=uid + through.__name__)
    for through in (Offer.topics.through, Offer.target_groups.through, Offer.languages.through):
        m2m_changed.connect(_m2m_of_offer, sender=through, dispatch_uid=uid + through.__name__)
