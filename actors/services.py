"""Writes of the actor directory. Views and commands call these; nothing else writes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import caches
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.connection import ConnectionProxy
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from actors import history, importing, search_document
from actors.models import (
    Actor,
    ActorDimension,
    ImportMapping,
    ImportRun,
    ImportRunActor,
    ImportStatus,
    Language,
    RecentSearch,
    SavedSearch,
    TargetGroup,
)
from core import versions
from core.sign_in_cache import account_key


@dataclass
class ImportReport:
    """What an import found and did. ``written`` is False when nothing was saved."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[importing.RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    fatal: str = ""
    written: bool = False
    dry_run: bool = False
    total_rows: int = 0
    #: The record of a written import.
    run: ImportRun | None = None

    @property
    def ok(self) -> bool:
        return not self.fatal and not self.errors


@transaction.atomic
def actors_import(
    *,
    data: bytes,
    skip_invalid: bool = False,
    dry_run: bool = False,
    by=None,
    file_name: str = "",
    columns: list[str] | None = None,
    run: ImportRun | None = None,
) -> ImportReport:
    """Import actors from a CSV or XLSX file (see ``actors.importing`` for the format).

    Validates every row first. Writes nothing if any row is invalid, unless
    ``skip_invalid`` is given, in which case the valid rows are written and the invalid
    ones reported. Rows are matched by slug; a row equal to the stored actor changes
    nothing, so importing the same file twice is a no-op. Columns absent from the file
    leave the corresponding data untouched.

    Every actor created or changed gets a state in its history, by ``by`` (the account
    that imports; none from the command line) with the reason "Import <file name>" (or
    "CSV-Import" without a name). ``columns`` maps the file's columns (see
    ``importing.parse``). A written import is recorded as an ``ImportRun`` (``run``, the
    confirmed preview, or a new one) with each actor it touched and its state before,
    so that it can be undone as a whole (``import_run_undo``).
    """
    parsed = importing.parse(data, columns=columns)
    report = ImportReport(
        errors=parsed.errors,
        notices=parsed.notices,
        fatal=parsed.fatal,
        dry_run=dry_run,
        total_rows=parsed.total_rows,
    )
    if parsed.fatal or (parsed.errors and not skip_invalid) or not parsed.rows:
        return report

    before = _states_before(parsed.rows, by=by)
    reason = import_reason(file_name)
    with search_document.deferred():
        changed = _write_rows(parsed, report, by=by, reason=reason)

    for row in parsed.rows:
        if row.slug in report.created:
            continue
        (report.updated if row.slug in changed else report.unchanged).append(row.slug)

    if dry_run:
        transaction.set_rollback(True)
    else:
        report.written = bool(report.created or report.updated)
        if report.written:
            # bulk_create sends no signals: move the directory's cache version on here.
            versions.bump()
        report.run = _record_run(
            run or ImportRun(user=by, file_name=file_name or "CSV"),
            report,
            before,
            skip_invalid=skip_invalid,
            columns=columns,
        )
    return report


def import_reason(file_name: str) -> str:
    """The change reason of an import's states (a column of 100 characters)."""
    if not file_name:
        return str(IMPORT_REASON)
    return (gettext("Import %(file)s") % {"file": file_name})[:100]


def _states_before(rows, *, by) -> dict[str, tuple[int | None, dict]]:
    """Per stored actor of the file: its newest history state and its dimensions, read
    before the import writes (three queries)."""
    pks = dict(Actor.objects.filter(slug__in=[r.slug for r in rows]).values_list("slug", "pk"))
    newest = dict(
        Actor.history.filter(id__in=pks.values())
        .values("id")
        .annotate(last=Max("history_id"))
        .values_list("id", "last")
    )
    if missing := set(pks.values()) - newest.keys():
        # An actor without a saved state (demo data): save its state first, so that the
        # undo has one to go back to.
        for actor in Actor.objects.filter(pk__in=missing):
            actor._history_user, actor._change_reason = by, gettext("Stand vor dem Import")
            actor.save()
        newest |= dict(
            Actor.history.filter(id__in=missing)
            .values("id")
            .annotate(last=Max("history_id"))
            .values_list("id", "last")
        )
    dimensions: dict[int, dict] = {pk: {} for pk in pks.values()}
    for actor_id, dimension, obligation in ActorDimension.objects.filter(
        actor_id__in=pks.values()
    ).values_list("actor_id", "dimension", "obligation"):
        dimensions[actor_id][dimension] = obligation
    return {slug: (newest.get(pk), dimensions[pk]) for slug, pk in pks.items()}


def _record_run(run, report: ImportReport, before, *, skip_invalid, columns) -> ImportRun:
    """Mark the run applied with its counts and the actors it touched."""
    run.status = ImportStatus.APPLIED
    run.applied_at = timezone.now()
    run.data = b""  # the file holds internal notes: not kept once it is applied
    run.skip_invalid = skip_invalid
    if columns is not None:
        run.columns = columns
    run.created_count = len(report.created)
    run.updated_count = len(report.updated)
    run.unchanged_count = len(report.unchanged)
    run.error_count = len(report.errors)
    run.save()
    touched = dict(
        Actor.objects.filter(slug__in=report.created + report.updated).values_list("slug", "pk")
    )
    after = dict(
        Actor.history.filter(id__in=touched.values())
        .values("id")
        .annotate(last=Max("history_id"))
        .values_list("id", "last")
    )
    ImportRunActor.objects.bulk_create(
        [
            ImportRunActor(
                run=run,
                actor_id=touched[slug],
                slug=slug,
                created=slug in report.created,
                history_before=None if slug in report.created else before[slug][0],
                history_after=after.get(touched[slug]),
                dimensions_before=None if slug in report.created else before[slug][1],
            )
            for slug in report.created + report.updated
        ],
        batch_size=1000,
    )
    return run


#: The change reason of the states an import writes into the actors' history.
IMPORT_REASON = gettext_lazy("CSV-Import")


def _write_rows(parsed, report: ImportReport, *, by=None, reason: str) -> set[str]:
    """Write the parsed rows; the slugs of the existing actors that changed."""
    slugs = [row.slug for row in parsed.rows]
    actors = {
        actor.slug: actor
        for actor in Actor.objects.filter(slug__in=slugs).prefetch_related(
            "dimension_roles", "target_groups", "languages"
        )
    }
    references = [row.parent_slug for row in parsed.rows if row.parent_slug] + [
        row.municipality_slug for row in parsed.rows if row.municipality_slug
    ]
    known = {a.slug: a for a in Actor.objects.filter(slug__in=set(references) - set(actors))}
    changed: set[str] = set()
    new: list[Actor] = []

    for row in parsed.rows:
        # Relations to actors that exist already are written with the row's other values:
        # every save then leaves a state the constraints accept (a local actor moved to
        # the Bund loses its municipality in the same UPDATE). Relations to actors this
        # import creates follow once all of them exist.
        values = dict(row.fields)
        for name, slug in (("parent", row.parent_slug), ("municipality", row.municipality_slug)):
            target = (actors.get(slug) or known.get(slug)) if slug else None
            if slug == "" or target is not None:
                values[f"{name}_id"] = target.pk if target else None
        actor = actors.get(row.slug)
        if actor is None:
            actor = Actor(slug=row.slug, **values)
            new.append(actor)
            actors[row.slug] = actor
            report.created.append(row.slug)
            continue
        differences = {
            name: value for name, value in values.items() if getattr(actor, name) != value
        }
        actor._history_user, actor._change_reason = by, reason
        if differences:
            for name, value in differences.items():
                setattr(actor, name, value)
            actor.save(update_fields=list(differences))
            changed.add(row.slug)

    _create_actors(new, by=by, reason=reason)
    known.update(actors)
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}

    for row in parsed.rows:
        actor = actors[row.slug]
        is_new = row.slug in report.created
        updates = []
        if row.parent_slug is not None:
            parent = known[row.parent_slug] if row.parent_slug else None
            if actor.parent_id != (parent.pk if parent else None):
                actor.parent = parent
                updates.append("parent")
        if row.municipality_slug is not None:
            municipality = known[row.municipality_slug] if row.municipality_slug else None
            if actor.municipality_id != (municipality.pk if municipality else None):
                actor.municipality = municipality
                updates.append("municipality")
        if updates:
            actor.save(update_fields=updates)
            changed.add(row.slug)
        if row.dimensions is not None:
            current = (
                {} if is_new else {r.dimension: r.obligation for r in actor.dimension_roles.all()}
            )
            if current != row.dimensions:
                ActorDimension.objects.filter(actor=actor).delete()
                ActorDimension.objects.bulk_create(
                    ActorDimension(actor=actor, dimension=dimension, obligation=obligation)
                    for dimension, obligation in row.dimensions.items()
                )
                changed.add(row.slug)
        if row.target_groups is not None:
            current = set() if is_new else {g.slug for g in actor.target_groups.all()}
            if current != set(row.target_groups):
                actor.target_groups.set([groups[slug] for slug in row.target_groups])
                changed.add(row.slug)
        if row.languages is not None:
            current = set() if is_new else {lang.code for lang in actor.languages.all()}
            if current != set(row.languages):
                actor.languages.set([languages[code] for code in row.languages])
                changed.add(row.slug)
    return changed


def _create_actors(actors: list[Actor], *, by, reason: str) -> None:
    """Insert the new actors in batches, with their first history state each: a save per
    actor would spend most of a large import in the history's per-save queries. (Their
    target groups and languages follow with ``set()``, which records a state of its own.)"""
    if not actors:
        return
    Actor.objects.bulk_create(actors, batch_size=500)
    Actor.history.bulk_history_create(
        actors, batch_size=500, default_user=by, default_change_reason=reason
    )
    # bulk_create sends no post_save: the search text is scheduled here, and built once
    # with the others' at the end of ``search_document.deferred()``.
    search_document._schedule([actor.pk for actor in actors], "default")


# --- imports in the browser: preview, confirm, undo -----------------------------------


class ImportFailed(Exception):
    """A confirmed import or an undo could not be written; nothing was. The message
    says why, for the person importing."""

    def __init__(self, message: str, slugs: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.slugs = slugs or []


@transaction.atomic
def import_run_start(*, data: bytes, file_name: str, by, skip_invalid: bool) -> ImportRun:
    """Keep an uploaded file for its preview (nothing of the directory changes); also
    deletes the previews nobody confirmed within ``ImportRun.PREVIEW_RETENTION``."""
    ImportRun.objects.filter(
        status=ImportStatus.PREVIEW,
        created_at__lt=timezone.now() - ImportRun.PREVIEW_RETENTION,
    ).delete()
    return ImportRun.objects.create(
        user=by, file_name=file_name[:255], data=data, skip_invalid=skip_invalid
    )


@transaction.atomic
def import_mapping_save(*, run: ImportRun, columns: list[str], by) -> ImportMapping:
    """Use ``columns`` for the run's file and remember them for files with its header."""
    header = importing.read_header(bytes(run.data), columns=columns)
    mapping, _created = ImportMapping.objects.update_or_create(
        header_key=importing.header_key(header.cells),
        defaults={
            "header": header.cells,
            "columns": columns,
            "saved_by": by,
            "saved_at": timezone.now(),
        },
    )
    run.columns = columns
    run.save(update_fields=["columns"])
    return mapping


def import_run_apply(*, run: ImportRun, by, skip_invalid: bool | None = None) -> ImportReport:
    """Write a previewed import, all of it in one transaction or nothing.

    Raises ``ImportFailed`` when the database refuses a write (nothing is written) or
    when the file has invalid rows and they are not to be skipped."""
    if skip_invalid is None:
        skip_invalid = run.skip_invalid
    try:
        with transaction.atomic():
            report = actors_import(
                data=bytes(run.data),
                skip_invalid=skip_invalid,
                by=by,
                file_name=run.file_name,
                columns=run.columns,
                run=run,
            )
    except (DatabaseError, DjangoValidationError) as error:
        raise ImportFailed(
            gettext("Der Import ist fehlgeschlagen; es wurde nichts gespeichert (%(error)s).")
            % {"error": error}
        ) from error
    if report.fatal:
        raise ImportFailed(report.fatal)
    if report.errors and not skip_invalid:
        raise ImportFailed(
            gettext(
                "Nichts gespeichert: die Datei enthält fehlerhafte Zeilen. Korrigieren Sie "
                "die Datei oder wählen Sie, die fehlerhaften Zeilen zu überspringen."
            )
        )
    return report


def undo_reason(run: ImportRun) -> str:
    return (gettext("Import rückgängig gemacht: %(file)s") % {"file": run.file_name})[:100]


@transaction.atomic
def import_run_undo(*, run: ImportRun, by) -> None:
    """Undo an applied import as a whole: the actors it created are deleted, those it
    changed get their state before it back (through their history, as
    ``actor_restore``), with the reason "Import rückgängig gemacht: <file>".

    Refused (``ImportFailed`` with the slugs) when an actor was changed after the
    import, or deleted; then nothing changes."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportStatus.APPLIED:
        raise ImportFailed(gettext("Dieser Import ist nicht (mehr) übernommen."))
    items = list(run.actors.all())
    newest = dict(
        Actor.history.filter(id__in=[i.actor_id for i in items if i.actor_id])
        .values("id")
        .annotate(last=Max("history_id"))
        .values_list("id", "last")
    )
    stale = sorted(
        item.slug
        for item in items
        if item.actor_id is None or newest.get(item.actor_id) != item.history_after
    )
    if stale:
        raise ImportFailed(
            gettext(
                "Der Import kann nicht rückgängig gemacht werden: diese Akteure wurden "
                "danach geändert oder gelöscht: %(slugs)s."
            )
            % {"slugs": ", ".join(stale)},
            stale,
        )
    reason = undo_reason(run)
    try:
        with search_document.deferred():
            for item in items:
                if not item.created:
                    _restore_before(item, by=by, reason=reason)
            _delete_created([i.actor_id for i in items if i.created], by=by, reason=reason)
    except (DatabaseError, DjangoValidationError, ProtectedError) as error:
        raise ImportFailed(
            gettext("Das Rückgängigmachen ist fehlgeschlagen; nichts wurde geändert (%(error)s).")
            % {"error": error}
        ) from error
    run.status = ImportStatus.UNDONE
    run.undone_at = timezone.now()
    run.undone_by = by
    run.save(update_fields=["status", "undone_at", "undone_by"])
    versions.bump()


def _restore_before(item: ImportRunActor, *, by, reason: str) -> None:
    actor = Actor.objects.get(pk=item.actor_id)
    if item.history_before is not None:
        actor = actor_restore(actor=actor, history_id=item.history_before, by=by, reason=reason)
    if item.dimensions_before is not None:
        current = {r.dimension: r.obligation for r in actor.dimension_roles.all()}
        if current != item.dimensions_before:
            ActorDimension.objects.filter(actor=actor).delete()
            ActorDimension.objects.bulk_create(
                ActorDimension(actor=actor, dimension=d, obligation=o)
                for d, o in item.dimensions_before.items()
            )


def _delete_created(pks: list[int], *, by, reason: str) -> None:
    """Delete the actors an import created, those the others point to last."""
    remaining = {actor.pk: actor for actor in Actor.objects.filter(pk__in=pks)}
    while remaining:
        referenced = {
            pk
            for actor in remaining.values()
            for pk in (actor.parent_id, actor.municipality_id)
            if pk in remaining and pk != actor.pk
        }
        leaves = [actor for pk, actor in remaining.items() if pk not in referenced]
        if not leaves:  # a loop (cannot be imported; made by hand): cut it
            leaves = list(remaining.values())
            Actor.objects.filter(pk__in=remaining).update(parent=None)
        for actor in leaves:
            del remaining[actor.pk]
            actor._history_user, actor._change_reason = by, reason
            actor.delete()


# --- the change history: restoring an earlier state of an actor ------------------------


class StaleHistoryError(Exception):
    """The actor was changed after the administrator looked at the state to restore."""


def restore_reason(record) -> str:
    """The change reason of a restore (a column of 100 characters)."""
    when = date_format(timezone.localtime(record.history_date), "SHORT_DATETIME_FORMAT")
    return gettext("Wiederhergestellt aus Stand vom %(date)s") % {"date": when}


@transaction.atomic
def actor_restore(
    *,
    actor: Actor,
    history_id: int,
    by,
    seen_history_id: int | None = None,
    reason: str | None = None,
):
    """Give the actor the fields and target groups and languages of one of its saved
    states again; the restore is itself a new state of the history (by ``by``, with the
    reason "Wiederhergestellt aus Stand vom …").

    The actors keep no version column; the history is their version: ``seen_history_id``
    is the newest saved state the administrator saw when confirming. If the actor was
    saved since, :class:`StaleHistoryError` is raised and nothing changes. The row is
    locked while restoring (``SELECT … FOR UPDATE`` on PostgreSQL).
    """
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    states = Actor.history.filter(id=actor.pk)
    if seen_history_id is not None:
        newest = states.order_by("-history_date", "-history_id").values_list(
            "history_id", flat=True
        )[:1]
        if list(newest) != [seen_history_id]:
            raise StaleHistoryError(actor.pk)
    record = states.exclude(history_type="-").get(history_id=history_id)
    names = history.TRACKED[Actor]
    for name in names:
        attname = Actor._meta.get_field(name).attname
        setattr(actor, attname, getattr(record, attname))
    actor.full_clean(validate_unique=True)
    actor._history_user = by
    actor._change_reason = reason or restore_reason(record)
    actor.save()
    for name in history.TRACKED_M2M[Actor]:
        saved = history.saved_m2m(Actor, name, [record.history_id])[record.history_id]
        current = set(getattr(actor, name).values_list("pk", flat=True))
        if current != set(saved):
            getattr(actor, name).set(saved)
    return actor


# --- an account's searches (personal: shown to the account alone) --------------------

#: Parameters that do not change what a search finds: the page of the results.
SEARCH_IGNORED_PARAMETERS = frozenset({"seite"})
#: A repeated search (the next page of the same results) within this time writes nothing.
SEARCH_REPEAT_WINDOW = datetime.timedelta(minutes=5)
#: Seconds a worker remembers the searches it recorded for an account.
RECORDED_TIMEOUT = int(SEARCH_REPEAT_WINDOW.total_seconds())
#: The last ``RecentSearch.PER_KIND`` searches each account ran of a kind, as this worker
#: recorded them (``search_record``): per worker and of fixed size.
recorded_searches = ConnectionProxy(caches, "recorded-searches")


def search_query(params) -> str:
    """The query string of a search as it is kept: parameters sorted by name, without
    empty values and the page number, so that the same search is the same string."""
    pairs = sorted(
        (key, value.strip())
        for key in params
        if key not in SEARCH_IGNORED_PARAMETERS
        for value in params.getlist(key)
        if value.strip()
    )
    return urlencode(pairs)


def search_record(*, user, kind: str, params, now: datetime.datetime | None = None) -> bool:
    """Remember that ``user`` ran a search of ``kind`` (``SearchKind``) with ``params``.

    One statement in the common case: the search takes its own earlier row (the same
    search again moves its time on) or, once the account has ``RecentSearch.PER_KIND``
    rows of this kind, its oldest one; only an account's first searches of a kind insert
    a row (and trim what two simultaneous first searches may leave beyond the cap). A
    search this worker recorded within ``SEARCH_REPEAT_WINDOW`` (the next page, a
    colleague's link opened twice) runs no query at all, as long as it is still among the
    account's last ``PER_KIND`` searches this worker recorded (searches of the same
    account in other workers meanwhile may have taken its row: the search then shows
    among the recent ones again when it is asked after the window). Queryset writes, no model
    signals: an account's searches are no content (``core.versions``).
    Returns whether the search was kept (an empty or an overlong query string is not).
    """
    query = search_query(params)
    if not query or len(query) > RecentSearch.QUERY_MAX_LENGTH:
        return False
    now = now or timezone.now()
    memo_key = f"{account_key(user.pk)}:{kind}"
    recorded = recorded_searches.get(memo_key, ())
    if any(q == query and abs(now - at) < SEARCH_REPEAT_WINDOW for q, at in recorded):
        return True
    taken = RecentSearch.objects.take_row(user=user, kind=kind, query=query, searched_at=now)
    if not taken:
        own = RecentSearch.objects.filter(user=user, kind=kind)
        RecentSearch.objects.bulk_create(
            [RecentSearch(user=user, kind=kind, query=query, searched_at=now)]
        )
        beyond = own.order_by("-searched_at", "-pk").values_list("pk", flat=True)
        if extra := list(beyond[RecentSearch.PER_KIND :]):
            RecentSearch.objects.filter(pk__in=extra).delete()
    recorded = (*(entry for entry in recorded if entry[0] != query), (query, now))
    recorded_searches.set(memo_key, recorded[-RecentSearch.PER_KIND :], RECORDED_TIMEOUT)
    return True


def searches_trim(*, now: datetime.datetime | None = None) -> int:
    """Delete the recent searches older than ``RecentSearch.RETENTION``; the number deleted."""
    now = now or timezone.now()
    return RecentSearch.objects.filter(searched_at__lt=now - RecentSearch.RETENTION).delete()[0]


def saved_search_create(*, user, name: str, kind: str, query: str) -> SavedSearch:
    """Save a search of ``user`` under ``name`` (the form checked name, number and query)."""
    search = SavedSearch(user=user, name=name, kind=kind, query=query, created_at=timezone.now())
    # A queryset write: no model signal, an account's searches are no content.
    SavedSearch.objects.bulk_create([search])
    return search


def saved_search_delete(*, user, pk: int) -> bool:
    """Delete a saved search of ``user``; False when the account has none with this id."""
    return SavedSearch.objects.filter(user=user, pk=pk).delete()[0] > 0
