"""Views of the actor directory. Querysets are built in one place per view."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from actors import exporting, extensions, finder, importing, suggest
from actors.charts import directory_charts
from actors.extensions import DETAIL_SECTIONS
from actors.filters import ActorFilterSet, TaskFilterSet, directory_filterset_class
from actors.forms import ActorImportForm, ImportMappingForm, ImportSkipForm
from actors.history import actor_history
from actors.models import (
    Actor,
    ContactPerson,
    Directness,
    ImportRun,
    ImportStatus,
    Offer,
    OfferPlace,
    OpeningHours,
    SavedSearch,
    SearchKind,
    Task,
)
from actors.multilevel import multi_level_figure, multi_level_table
from actors.services import (
    ImportFailed,
    StaleHistoryError,
    actor_restore,
    import_mapping_save,
    import_run_apply,
    import_run_start,
    import_run_undo,
    search_record,
)
from actors.structured_data import actor_json_ld
from core import versions, visibility
from core.caching import CachedSignedInPageMixin, page_cache
from core.pagination import CachedCountListMixin, LazyQuerySet
from core.permissions import AdminRequiredMixin, InternalRequiredMixin, is_admin, is_internal
from core.security import EditsSharedDataMixin

PAGE_SIZE = 20
#: Changes shown on an actor's page (staff only); the rest on its history page.
HISTORY_SECTION_SIZE = 5
HISTORY_PAGE_SIZE = 50
IMPORT_LINK_TIMEOUT = 300


def can_import_actors(user) -> bool:
    """Administrators, and accounts given the permission ``actors.import_actors``."""
    return is_admin(user) or (user.is_authenticated and user.has_perm("actors.import_actors"))


def _shows_import_link(user) -> bool:
    """Whether the directory links to the import; remembered for a few minutes per account
    (asking for the permission costs two queries on every page). The import page itself
    asks ``can_import_actors`` on every request."""
    if not is_internal(user):
        return False
    return page_cache.get_or_set(
        f"actors:import-link:{user.pk}", lambda: can_import_actors(user), IMPORT_LINK_TIMEOUT
    )


class RecordsSearchMixin:
    """Keeps a signed-in account's search among its recent ones (``search_record``: one
    statement, none for a repeat within minutes). Requests without parameters and anonymous visitors' write
    nothing."""

    search_kind: str

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET and request.user.is_authenticated and response.status_code == 200:
            search_record(user=request.user, kind=self.search_kind, params=request.GET)
        return response


class ActorFilterMixin:
    """The filtered directory, shared by the list and the CSV export."""

    def get_filterset(self, queryset) -> ActorFilterSet:
        # With the filters other apps register (actors.extensions).
        filterset_class = directory_filterset_class()
        return filterset_class(self.request.GET or None, queryset=queryset, request=self.request)


class ActorListView(
    RecordsSearchMixin, CachedSignedInPageMixin, ActorFilterMixin, CachedCountListMixin, ListView
):
    search_kind = SearchKind.DIRECTORY
    template_name = "actors/actor_list.html"
    context_object_name = "actors"
    paginate_by = PAGE_SIZE
    page_kwarg = "seite"
    # Counting every actor on each page view cost more than the page: the total is
    # cached per content version, visibility and filters, not per page or sort order.
    count_namespace = "actors:list"
    count_ignore = ("sortierung",)
    # A search at NRW scale ranks thousands of matches (≈ 160 ms on PostgreSQL): its
    # count, form and cards are kept for the next staff member who asks the same, in
    # the bounded ``search`` cache (core/caching.py).
    cache_searches = True

    def get_queryset(self):
        base = Actor.objects.visible_to(self.request.user).for_directory()
        if not self.request.GET:
            # The whole directory, as most visits ask for it: sorted by name, and the
            # filter set (django-filter deep-copies its eleven filters, a tenth of the
            # page's time) built only where the template's cached form is missing.
            self.filterset = SimpleLazyObject(lambda: self.get_filterset(base))
            return base.order_by("name")
        # Built where the rows, the count or the form are needed: not for a page whose
        # count, form and cards come from the cache (``request_variants``).
        self.filterset = filterset = SimpleLazyObject(lambda: self.get_filterset(base))
        return LazyQuerySet(lambda: filterset.qs)

    def filter_form(self):
        # The whole directory (no parameters) is the empty variant of the cache keys.
        return self.filterset.form if self.request.GET else None

    def other_versions(self) -> str:
        """The versions beyond ``directory`` this request reads (the memberships where it
        filters or counts by network; ``actors.extensions``), as a key part: "" for most
        requests, so that a saved membership leaves them in the cache."""
        if not hasattr(self, "_other_versions"):
            names = extensions.directory_versions(self.request)
            self._other_versions = versions.stamp(self.request, *names) if names else ""
        return self._other_versions

    def count_stamp(self) -> str:
        return f"{super().count_stamp()}:{self.other_versions()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        context.update(
            filterset=filterset,
            search_query=self.request_variants().search_query,
            # Built only where the template's cached form has to be rendered.
            filter_form=SimpleLazyObject(lambda: filterset.form),
            # The facets with a count beside each value: counted only where the cached
            # form has to be rendered.
            facets=SimpleLazyObject(lambda: filterset.facets()),
            result_count=context["paginator"].count,
            can_import=SimpleLazyObject(lambda: _shows_import_link(self.request.user)),
            saved_search_name_max_length=SavedSearch.NAME_MAX_LENGTH,
            # Replaces the context processor's value in the keys of the form and the cards.
            memberships_version=self.other_versions(),
            # The directory in numbers (actors.charts), counted only where the cached
            # fragment is missing.
            charts=SimpleLazyObject(lambda: directory_charts(self.request.user)),
        )
        if context["result_count"] == 0 and context["search_query"]:
            # „Meinten Sie …?“, computed only where the cached results are rendered.
            request = self.request
            context["suggestion"] = SimpleLazyObject(
                lambda: suggest.for_directory(
                    request,
                    filterset,
                    internal=is_internal(request.user),
                    version=versions.for_request(request),
                )
            )
        return context


def detail_offers(user, actor: Actor) -> list[Offer]:
    """The offers listed on an actor's page, with what their cards show (one query per
    relation, none of them when the actor has no offers)."""
    return list(
        Offer.objects.visible_to(user)
        .filter(actor=actor)
        .select_related("actor")
        .prefetch_related(
            "topics",
            "target_groups",
            "languages",
            Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place")),
            Prefetch(
                "opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")
            ),
        )
        .order_by("name", "pk")
    )


class ActorDetailView(CachedSignedInPageMixin, DetailView):
    template_name = "actors/actor_detail.html"
    context_object_name = "actor"

    def get_queryset(self):
        # Parent and municipality: shown only if visible (checked in the context below).
        return Actor.objects.visible_to(self.request.user).select_related("parent", "municipality")

    def get_object(self, queryset=None):
        # The actor with parent and municipality, kept under the content version: building
        # this join through the ORM cost more than the rest of a cached page. Not found
        # (or not visible to the viewer) is never cached and stays a 404.
        request = self.request
        visibility = int(is_internal(request.user))
        slug = self.kwargs[self.slug_url_kwarg]
        key = f"actors:detail:{versions.for_request(request)}:{visibility}:{slug}"
        actor = page_cache.get(key)
        if actor is None:
            actor = super().get_object(queryset)
            page_cache.set(key, actor, settings.PORTAL_FRAGMENT_TIMEOUT)
        return actor

    def _with_relations(self, actor: Actor) -> Actor:
        """The actor with everything its page lists, in one query per relation."""
        visible = Actor.objects.visible_to(self.request.user).order_by("name")
        prefetches = [
            "dimension_roles",
            "target_groups",
            "languages",
            Prefetch("children", queryset=visible, to_attr="visible_children"),
            Prefetch("local_actors", queryset=visible, to_attr="visible_local"),
            Prefetch("tasks", queryset=Task.objects.order_by("directness", "position")),
        ]
        if is_internal(self.request.user):
            prefetches.append(Prefetch("contact_persons", queryset=ContactPerson.objects.all()))
        prefetch_related_objects([actor], *prefetches)
        return actor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.object
        internal = is_internal(self.request.user)
        full = SimpleLazyObject(lambda: self._with_relations(actor))
        context.update(
            parent=visibility.shown(self.request.user, actor.parent),
            municipality=visibility.shown(self.request.user, actor.municipality),
            # The page body is a cached fragment (per content version, visibility and
            # language): its relations are fetched only when it has to be rendered.
            full_actor=full,
            contact_persons=SimpleLazyObject(
                lambda: list(full.contact_persons.all()) if internal else []
            ),
            detail_sections=DETAIL_SECTIONS,
            # The body shows the actor's own memberships and links: keyed by their
            # version (core/versions.py), not by that of all memberships.
            memberships_version=SimpleLazyObject(
                lambda: versions.for_request(self.request, versions.memberships_of_actor(actor.pk))
            ),
            # The actor's offers the viewer may see, read only where the body is rendered.
            offers=SimpleLazyObject(lambda: detail_offers(self.request.user, actor)),
            today=timezone.localdate(),
            # schema.org JSON-LD (public actors only), built with the cached body.
            structured_data=functools.partial(
                actor_json_ld, actor, self.request.build_absolute_uri("/")
            ),
        )
        # The change history: staff only, a cached fragment of its own, read when rendered.
        context.update(
            history_entries=SimpleLazyObject(
                lambda: actor_history(actor)[: HISTORY_SECTION_SIZE + 1] if internal else []
            ),
            history_section_size=HISTORY_SECTION_SIZE,
        )
        return context


class ActorHistoryMixin:
    """The actor of the URL, as the viewer may see it (404 otherwise)."""

    def get_actor(self) -> Actor:
        return get_object_or_404(
            Actor.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )


class ActorHistoryView(InternalRequiredMixin, ActorHistoryMixin, TemplateView):
    """Every change of an actor and of its contact persons, responsibilities and
    offers, newest first, 50 a page (``actors.history``: a fixed number of queries)."""

    template_name = "actors/actor_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.get_actor()
        entries = actor_history(actor)
        paginator = Paginator(entries, HISTORY_PAGE_SIZE)
        context.update(
            actor=actor,
            page_obj=paginator.get_page(self.request.GET.get("seite")),
            can_restore=is_admin(self.request.user),
            # The actor's current state: restoring it would change nothing.
            current_history_id=next((e.history_id for e in entries if e.restorable), None),
        )
        return context


class ActorRestoreView(EditsSharedDataMixin, AdminRequiredMixin, ActorHistoryMixin, TemplateView):
    """Administrators restore a saved state of an actor: GET asks for confirmation and
    shows that state, POST restores it (``services.actor_restore``)."""

    template_name = "actors/actor_restore.html"

    def _state(self, actor: Actor):
        for entry in actor_history(actor):
            if entry.restorable and entry.history_id == self.kwargs["history_id"]:
                return entry
        raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.get_actor()
        newest = (
            Actor.history.filter(id=actor.pk)
            .order_by("-history_date", "-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        entry = self._state(actor)
        context.update(actor=actor, entry=entry, entries=[entry], seen=newest)
        return context

    def post(self, request, *args, **kwargs):
        actor = self.get_actor()
        entry = self._state(actor)
        try:
            seen = int(request.POST.get("seen", ""))
        except ValueError:
            seen = -1
        try:
            actor_restore(
                actor=actor, history_id=entry.history_id, by=request.user, seen_history_id=seen
            )
        except StaleHistoryError:
            messages.error(
                request,
                _(
                    "Der Akteur wurde inzwischen geändert. Bitte prüfen Sie den Verlauf "
                    "und stellen Sie den Stand erneut wieder her."
                ),
            )
        except ValidationError as error:
            messages.error(
                request,
                _("Dieser Stand lässt sich nicht wiederherstellen: %(reasons)s")
                % {"reasons": " ".join(error.messages)},
            )
        else:
            messages.success(request, _("Der frühere Stand wurde wiederhergestellt."))
        return redirect("actors:history", slug=actor.slug)


class MultiLevelView(CachedSignedInPageMixin, TemplateView):
    template_name = "actors/multilevel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Built only when the template's cached fragment has to be rendered.
        user = self.request.user
        context["table"] = SimpleLazyObject(
            lambda: multi_level_table(Actor.objects.visible_to(user))
        )
        # The figure of the ties between the levels (actors.multilevel), likewise.
        context["figure_data"] = SimpleLazyObject(lambda: multi_level_figure(user))
        context["today"] = timezone.localdate()
        return context


class TaskCatalogueView(TemplateView):
    template_name = "actors/task_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Actor.objects.visible_to(self.request.user).order_by("name")
        base = Task.objects.prefetch_related(
            Prefetch("responsible_actors", queryset=visible, to_attr="visible_actors")
        ).order_by("position", "name")
        filterset = TaskFilterSet(self.request.GET or None, queryset=base)
        tasks = list(filterset.qs)
        context.update(
            filterset=filterset,
            filter_form=filterset.form,
            sections=[
                (
                    _("Unmittelbare Aufgaben"),
                    "unmittelbar",
                    [t for t in tasks if t.directness == Directness.DIRECT],
                ),
                (
                    _("Mittelbare Aufgaben"),
                    "mittelbar",
                    [t for t in tasks if t.directness == Directness.INDIRECT],
                ),
            ],
            task_count=len(tasks),
        )
        return context


class FinderView(RecordsSearchMixin, CachedSignedInPageMixin, TemplateView):
    """„Wer ist zuständig?“: a question and a municipality, answered on the same page.

    GET only, so that an answer has an address to share; works without JavaScript. The
    answer is a cached fragment per content version, visibility, language and validated
    question (a free-text question in the bounded ``search`` cache); the form's lists and
    the rows chosen are kept under the content version, so a cached answer runs no query."""

    template_name = "actors/finder.html"
    search_kind = SearchKind.FINDER
    # Visitors ask the same questions for the same towns: answers kept whole per worker.
    cache_anonymous_pages = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        version = versions.for_request(request)
        # Built only where the cached form has to be rendered, or the question is new.
        form = SimpleLazyObject(lambda: finder.FinderForm(request.GET or None, version=version))
        question = finder.read_question(request.GET, version, lambda: form)
        # The key part of the cached form and answer (None: invalid, rendered uncached).
        context.update(form=form, answered=False, form_variant=question.variant)
        if question.valid:
            user = request.user
            # The rows behind the validated choices, as the form read them.
            chosen = question.chosen
            municipality = chosen["kommune"]
            if municipality is None:
                return context  # deleted between reading the choices and now
            context.update(
                answered=True,
                municipality=municipality,
                variant=question.variant,
                answer=SimpleLazyObject(
                    lambda: finder.answer(
                        user,
                        municipality,
                        question.text,
                        chosen["thema"],
                        chosen["zielgruppe"],
                        chosen["sprache"],
                    )
                ),
            )
        return context


class ActorExportView(InternalRequiredMixin, ActorFilterMixin, View):
    """The filtered directory as CSV, for signed-in accounts (it holds internal data)."""

    def get(self, request, *args, **kwargs):
        base = (
            Actor.objects.visible_to(request.user)
            .for_directory()
            .prefetch_related("contact_persons")
        )
        actors = self.get_filterset(base).qs
        filename = f"akteure-{timezone.localdate().isoformat()}.csv"
        return exporting.actors_csv_response(actors, filename)


class ImportRightRequiredMixin(InternalRequiredMixin):
    """Signed in (else the login page) and allowed to import (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        if is_internal(request.user) and not can_import_actors(request.user):
            raise PermissionDenied(_("Sie dürfen keine Akteure importieren."))
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ActorImportView(EditsSharedDataMixin, ImportRightRequiredMixin, FormView):
    """Upload a file: it is kept for a preview (or first a mapping of its columns)."""

    template_name = "actors/import.html"
    form_class = ActorImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            header = importing.read_header(data)
        except importing.ImportFileError as error:
            return self.render_to_response(self.get_context_data(form=form, fatal=str(error)))
        run = import_run_start(
            data=data,
            file_name=upload.name or "",
            by=self.request.user,
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
        if header.unknown:
            return redirect("actors:import_mapping", pk=run.pk)
        return redirect("actors:import_preview", pk=run.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_runs"] = ImportRun.objects.recent()[:5]
        return context


class OwnPreviewMixin:
    """The account's own import in preview; any other run is not found (404)."""

    def get_run(self) -> ImportRun:
        return get_object_or_404(
            ImportRun, pk=self.kwargs["pk"], user=self.request.user, status=ImportStatus.PREVIEW
        )


@method_decorator(never_cache, name="dispatch")
class ImportMappingView(EditsSharedDataMixin, ImportRightRequiredMixin, OwnPreviewMixin, FormView):
    """Map the columns of a file whose header the import does not know."""

    template_name = "actors/import_mapping.html"
    form_class = ImportMappingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.run = self.get_run()
        try:
            header = importing.read_header(bytes(self.run.data), columns=self.run.columns)
        except importing.ImportFileError as error:
            raise Http404(str(error)) from None
        self.header = header
        return kwargs | {"header": header.cells, "columns": header.columns}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"run": self.run, "header": self.header}

    def form_valid(self, form):
        import_mapping_save(run=self.run, columns=form.columns, by=self.request.user)
        return redirect("actors:import_preview", pk=self.run.pk)


#: Rows the preview table shows at most (the counts cover all of them).
PREVIEW_ROWS = 500


@method_decorator(never_cache, name="dispatch")
class ImportPreviewView(EditsSharedDataMixin, ImportRightRequiredMixin, OwnPreviewMixin, View):
    """What the import would do, row by row; "Import übernehmen" writes it."""

    template_name = "actors/import_preview.html"

    def get(self, request, *args, **kwargs):
        return self._render(self.get_run())

    def _render(self, run: ImportRun, failure: str = "", status: int = 200):
        parsed = importing.parse(bytes(run.data), columns=run.columns)
        preview = None if parsed.fatal else importing.preview(parsed)
        rows = preview.rows if preview else []
        if len(rows) > PREVIEW_ROWS:
            rows = [r for r in rows if r.status != importing.RowStatus.UNCHANGED or r.duplicates]
        context = {
            "run": run,
            "parsed": parsed,
            "preview": preview,
            "rows": rows[:PREVIEW_ROWS],
            "hidden_rows": (len(preview.rows) - len(rows[:PREVIEW_ROWS])) if preview else 0,
            "failure": failure,
            "skip_form": ImportSkipForm(initial={"skip_invalid": run.skip_invalid}),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        run = self.get_run()
        form = ImportSkipForm(request.POST)
        skip = form.is_valid() and form.cleaned_data["skip_invalid"]
        try:
            report = import_run_apply(run=run, by=request.user, skip_invalid=skip)
        except ImportFailed as failure:
            run.refresh_from_db()
            return self._render(run, failure=failure.message, status=409)
        messages.success(
            request,
            _(
                "Import übernommen: %(created)s neu, %(updated)s geändert, "
                "%(unchanged)s unverändert, %(errors)s fehlerhaft."
            )
            % {
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
                "errors": len(report.errors),
            },
        )
        return redirect("actors:import_runs")


@method_decorator(never_cache, name="dispatch")
class ImportRunListView(ImportRightRequiredMixin, ListView):
    """The recent imports, with their counts and the undo button."""

    template_name = "actors/import_runs.html"
    context_object_name = "runs"

    def get_queryset(self):
        return ImportRun.objects.recent()[:50]


@method_decorator(never_cache, name="dispatch")
class ImportUndoView(EditsSharedDataMixin, ImportRightRequiredMixin, TemplateView):
    """„Import rückgängig machen“: a confirmation, then the undo."""

    template_name = "actors/import_undo.html"

    def get_run(self) -> ImportRun:
        return get_object_or_404(
            ImportRun.objects.recent(), pk=self.kwargs["pk"], status=ImportStatus.APPLIED
        )

    def get_context_data(self, **kwargs):
        run = self.get_run()
        items = run.actors.order_by("slug")
        return super().get_context_data(**kwargs) | {
            "run": run,
            "created": [i.slug for i in items if i.created],
            "changed": [i.slug for i in items if not i.created],
        }

    def post(self, request, *args, **kwargs):
        run = self.get_run()
        try:
            import_run_undo(run=run, by=request.user)
        except ImportFailed as failure:
            context = self.get_context_data(failure=failure)
            return self.render_to_response(context, status=409)
        messages.success(request, _("Der Import wurde rückgängig gemacht."))
        return redirect("actors:import_runs")
