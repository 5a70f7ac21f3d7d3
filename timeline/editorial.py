"""The Redaktion's editorial area at ``/redaktion/``: the history edited in the portal.

Editors (and administrators) change periods, events, theses, quotes and sources through
a draft while the published version stays live: "Entwurf speichern" writes only the
draft, "Vorschau" shows the public page with the draft applied (only to editors, never
cached, ``noindex``), "Veröffentlichen" applies it with a note, "Versionen" lists the
earlier states with who, when, the note and what changed, and takes one back as a draft.
English and Leichte-Sprache texts whose German source changed after them are flagged
"veraltet" here and in „Mein Bereich“ until they are updated or confirmed.

Every view writes through ``timeline.services``; every list runs a fixed number of
queries (pinned in ``timeline/tests/test_editorial.py``).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from core.permissions import EditorRequiredMixin
from core.security import EditsSharedDataMixin
from timeline import services
from timeline.editing import (
    BY_SEGMENT,
    KINDS,
    EditableKind,
    object_label,
    same,
    sections,
    to_json,
    values_of,
    with_changes,
)
from timeline.forms import CREATE_FORMS, EDIT_FORMS, PublishForm, VersionForm
from timeline.models import (
    Event,
    Period,
    Quote,
    Revision,
    Source,
    Status,
    Thesis,
    TranslationFlag,
)
from timeline.views import BibliographyView, PeriodEasyView, PeriodView, ThesesView

#: Earlier versions listed per object, newest first.
VERSIONS_SHOWN = 50
#: The Leichte-Sprache page of a period in the preview: ``?ansicht=leichte-sprache``.
EASY_VIEW = "leichte-sprache"

_RELATED = {Event: ("period",), Quote: ("thesis", "source")}


def _spec(segment: str) -> EditableKind:
    spec = BY_SEGMENT.get(segment)
    if spec is None:
        raise Http404(_("Diese Art von Inhalt gibt es nicht."))
    return spec


def _object(spec: EditableKind, pk: int) -> models.Model:
    related = _RELATED.get(spec.model, ())
    obj = spec.model.objects.select_related(*related).filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Diesen Eintrag gibt es nicht."))
    return obj


def edit_url(spec: EditableKind, pk: int) -> str:
    return reverse("editorial:edit", kwargs={"kind": spec.segment, "pk": pk})


def is_public(obj: models.Model) -> bool:
    """Whether visitors see the object now (a quote is public with its thesis)."""
    if isinstance(obj, Quote):
        return obj.thesis.is_published
    if isinstance(obj, Event):
        return obj.is_published and obj.period.is_published
    return obj.is_published


def public_anchor(obj: models.Model) -> str:
    """Where on its public page the object stands (``#ereignis-…``), or nothing."""
    url = obj.get_absolute_url()
    return url[url.index("#") :] if "#" in url else ""


@method_decorator(never_cache, name="dispatch")
class EditorialPage(EditorRequiredMixin, TemplateView):
    """Editors and administrators only (anonymous visitors sign in, others get 403);
    never cached: the pages show drafts."""


class ObjectMixin(EditorRequiredMixin):
    """The kind and the object of the URL, its open draft and its outdated translations."""

    @cached_property
    def spec(self) -> EditableKind:
        return _spec(self.kwargs["kind"])

    @cached_property
    def object(self) -> models.Model:
        return _object(self.spec, self.kwargs["pk"])

    @cached_property
    def draft(self) -> Revision | None:
        return (
            Revision.objects.open()
            .of(self.spec.kind, self.object.pk)
            .select_related("updated_by")
            .first()
        )

    @cached_property
    def flags(self) -> list[TranslationFlag]:
        return list(
            TranslationFlag.objects.open()
            .filter(kind=self.spec.kind, object_id=self.object.pk)
            .select_related("flagged_by")
        )

    @property
    def draft_version(self) -> int:
        return self.draft.version if self.draft else 0

    def drafted(self) -> models.Model:
        """The object as its draft would make it (a copy; the object itself if no draft)."""
        return with_changes(self.object, self.draft.changes) if self.draft else self.object

    def edit_url(self) -> str:
        return edit_url(self.spec, self.object.pk)

    def object_urls(self) -> dict:
        spec, pk = self.spec, self.object.pk
        kwargs = {"kind": spec.segment, "pk": pk}
        preview = reverse("editorial:preview", kwargs=kwargs)
        with translation.override("en"):
            preview_en = reverse("editorial:preview", kwargs=kwargs)
        drafted = self.drafted()
        anchor = public_anchor(drafted)
        urls = {
            "edit": self.edit_url(),
            "versions": reverse("editorial:versions", kwargs=kwargs),
            "preview": preview + anchor,
            "preview_en": preview_en + anchor,
            "public": self.object.get_absolute_url() if is_public(self.object) else "",
        }
        if isinstance(drafted, Period) and drafted.easy_summary.strip():
            urls["preview_easy"] = f"{preview}?ansicht={EASY_VIEW}"
        return urls

    def flag_rows(self) -> list[dict]:
        rows = []
        for flag in self.flags:
            spec_translation = self.spec.translation(flag.field)
            if spec_translation is None:
                continue
            model = self.spec.model
            rows.append(
                {
                    "flag": flag,
                    "label": model._meta.get_field(flag.field).verbose_name,
                    "language": spec_translation.language,
                    "sources": ", ".join(
                        str(model._meta.get_field(name).verbose_name)
                        for name in spec_translation.sources
                    ),
                    "confirm_url": reverse(
                        "editorial:translation_confirm",
                        kwargs={
                            "kind": self.spec.segment,
                            "pk": self.object.pk,
                            "field": flag.field,
                        },
                    ),
                }
            )
        return rows


# --- the overview ---------------------------------------------------------------------


@dataclass
class ItemRow:
    label: str
    url: str
    status: str
    is_draft: bool
    has_changes: bool
    changes_by: object
    changes_at: datetime.datetime | None
    outdated: int


def _overview_querysets():
    return {
        Period: Period.objects.order_by("position", "start_year"),
        Event: Event.objects.select_related("period").order_by(
            "period__position", models.F("year").asc(nulls_last=True), "date", "slug"
        ),
        Thesis: Thesis.objects.order_by("number"),
        Quote: Quote.objects.select_related("thesis", "source").order_by(
            "thesis__number", "position"
        ),
        Source: Source.objects.order_by("authors", "year", "key"),
    }


def overview_groups() -> list[dict]:
    """Every kind with all its entries, their status, open draft and outdated
    translations: one query per kind, one for the drafts and one for the flags."""
    drafts = {
        (draft.kind, draft.object_id): draft
        for draft in Revision.objects.open().select_related("updated_by")
    }
    outdated = Counter(TranslationFlag.objects.open().values_list("kind", "object_id"))
    querysets = _overview_querysets()
    groups = []
    for spec in KINDS:
        items = []
        for obj in querysets[spec.model]:
            draft = drafts.get((spec.kind, obj.pk))
            is_draft = spec.publishable and obj.status == Status.DRAFT
            label = object_label(obj)
            if isinstance(obj, Event):
                label = f"{label} ({obj.period.title})"
            items.append(
                ItemRow(
                    label=label,
                    url=edit_url(spec, obj.pk),
                    status=_("Entwurf") if is_draft else _("Veröffentlicht"),
                    is_draft=is_draft,
                    has_changes=draft is not None,
                    changes_by=draft.updated_by if draft else None,
                    changes_at=draft.updated_at if draft else None,
                    outdated=outdated.get((spec.kind, obj.pk), 0),
                )
            )
        groups.append(
            {
                "spec": spec,
                "id": spec.segment,
                "items": items,
                "create_url": reverse("editorial:create", kwargs={"kind": spec.segment})
                if spec.publishable
                else "",
                "open_drafts": sum(item.has_changes for item in items),
                "outdated": sum(item.outdated for item in items),
            }
        )
    return groups


class OverviewView(EditorialPage):
    template_name = "timeline/editorial/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(groups=overview_groups(), **kwargs)


# --- editing ----------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class EditView(EditsSharedDataMixin, ObjectMixin, FormView):
    """The draft of one object: the form over the published values with the draft's
    changes, the outdated translations, and the buttons to preview, publish or discard."""

    template_name = "timeline/editorial/edit.html"
    #: Whether a POST carries the draft form (the publish view's POST does not).
    posts_draft = True

    def get_form_class(self):
        return EDIT_FORMS[self.spec.model]

    def get_form_kwargs(self):
        kwargs = {
            "initial": {"version": self.draft_version},
            "instance": self.drafted_copy(),
            "prefix": None,
        }
        if self.request.method == "POST" and self.posts_draft:
            kwargs.update(data=self.request.POST)
        return kwargs

    def drafted_copy(self) -> models.Model:
        return with_changes(self.object, self.draft.changes if self.draft else {})

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "publish_form", PublishForm(initial={"version": self.draft_version}, prefix="p")
        )
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        draft = self.draft
        changed = set(draft.changes) if draft else set()
        flagged = {row["flag"].field: row for row in self.flag_rows()}
        live = values_of(self.object, changed)
        moved_on = {
            name: live[name]
            for name in changed
            if not same(live[name], draft.base.get(name))
            and not same(live[name], draft.changes[name])
        }
        groups = []
        for legend, names in sections(self.spec):
            rows = []
            for name in names:
                rows.append(
                    {
                        "field": form[name],
                        "changed": name in changed,
                        "flag": flagged.get(name),
                        "moved_on": self._display(name, moved_on[name])
                        if name in moved_on
                        else None,
                    }
                )
            groups.append({"legend": legend, "rows": rows})
        is_draft = self.spec.publishable and self.object.status == Status.DRAFT
        return super().get_context_data(
            spec=self.spec,
            object=self.object,
            title=object_label(self.object),
            draft=draft,
            changed_labels=[
                self.spec.model._meta.get_field(name).verbose_name
                for name in self.spec.fields
                if name in changed
            ],
            groups=groups,
            flags=list(flagged.values()),
            is_draft=is_draft,
            can_publish=draft is not None or is_draft,
            discard_form=VersionForm(initial={"version": self.draft_version}, prefix="d"),
            urls=self.object_urls(),
            **kwargs,
        )

    def _display(self, name: str, value) -> str:
        return display_value(self.spec.model, name, value, {})

    def form_valid(self, form):
        values = {
            name: to_json(self.spec.model._meta.get_field(name), form.cleaned_data[name])
            for name in self.spec.fields
        }
        try:
            result = services.revision_save(
                obj=self.object,
                values=values,
                version=form.cleaned_data["version"],
                by=self.request.user,
            )
        except services.StaleDraftError:
            return self.stale(form)
        if result is services.SaveResult.UNCHANGED:
            messages.info(
                self.request,
                _("Keine Änderung: Die Werte sind die gespeicherten. Es wurde nichts gespeichert."),
            )
        elif result is services.SaveResult.EMPTIED:
            messages.info(
                self.request,
                _(
                    "Alle Felder entsprechen wieder der veröffentlichten Fassung; der Entwurf "
                    "wurde geschlossen."
                ),
            )
        else:
            messages.success(
                self.request,
                _(
                    "Entwurf gespeichert. Die öffentliche Seite zeigt weiterhin die "
                    "veröffentlichte Fassung, bis Sie den Entwurf veröffentlichen."
                ),
            )
        return redirect(self.edit_url())

    def stale(self, form):
        """Someone saved the draft in between: nothing is saved; the form keeps the input
        on top of the draft's new version, so that a second save is deliberate."""
        self.__dict__.pop("draft", None)
        data = self.request.POST.copy()
        data["version"] = str(self.draft_version)
        form = self.get_form_class()(data=data, instance=self.drafted_copy())
        form.is_valid()
        messages.error(
            self.request,
            _(
                "Jemand anderes hat diesen Entwurf gespeichert, nachdem Sie ihn geöffnet haben. "
                "Ihre Änderung wurde nicht übernommen. Der gespeicherte Entwurf steht unter "
                "„Aktuell gespeicherter Entwurf“; prüfen Sie Ihre Eingaben und speichern Sie "
                "erneut, wenn sie noch gelten."
            ),
        )
        context = self.get_context_data(form=form, conflict=self.conflict_rows())
        return self.render_to_response(context, status=409)

    def conflict_rows(self) -> list[dict]:
        if self.draft is None:
            return []
        model = self.spec.model
        return [
            {
                "label": model._meta.get_field(name).verbose_name,
                "value": display_value(model, name, value, {}),
            }
            for name, value in self.draft.changes.items()
        ]

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PublishView(EditView):
    """Publish the draft with a note; errors are shown on the edit page."""

    http_method_names = ["post"]
    posts_draft = False

    def post(self, request, *args, **kwargs):
        publish_form = PublishForm(request.POST, prefix="p")
        if not publish_form.is_valid():
            return self.render_to_response(
                self.get_context_data(publish_form=publish_form), status=400
            )
        try:
            changed = services.content_publish(
                obj=self.object,
                version=publish_form.cleaned_data["version"],
                note=publish_form.cleaned_data["note"],
                by=request.user,
            )
        except services.StaleDraftError:
            self.__dict__.pop("draft", None)
            publish_form = PublishForm(initial={"version": self.draft_version}, prefix="p")
            publish_form.is_bound = False
            messages.error(
                request,
                _(
                    "Der Entwurf wurde geändert, nachdem Sie ihn geöffnet haben. Prüfen Sie "
                    "ihn in der Vorschau und veröffentlichen Sie ihn dann."
                ),
            )
            return self.render_to_response(
                self.get_context_data(publish_form=publish_form), status=409
            )
        except ValidationError as exc:
            for message in _validation_messages(self.spec.model, exc):
                publish_form.add_error(None, message)
            return self.render_to_response(
                self.get_context_data(publish_form=publish_form), status=400
            )
        if changed is None:
            messages.info(
                request,
                _(
                    "Keine Änderung: Der Entwurf entspricht der veröffentlichten Fassung. Er "
                    "wurde geschlossen; es wurde nichts veröffentlicht."
                ),
            )
            return redirect(self.edit_url())
        messages.success(
            request,
            _("Veröffentlicht. Die öffentliche Seite zeigt ab sofort die neue Fassung."),
        )
        self.__dict__.pop("flags", None)
        outdated = [str(row["label"]) for row in self.flag_rows()]
        if outdated:
            messages.warning(
                request,
                _("Veraltet, bis sie aktualisiert oder bestätigt sind: %(fields)s.")
                % {"fields": ", ".join(outdated)},
            )
        return redirect(self.edit_url())


def _validation_messages(model, exc: ValidationError) -> list[str]:
    """A model's validation errors as sentences, each with the label of its field."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    found = []
    for name, errors in exc.error_dict.items():
        for error in errors:
            for message in error.messages:
                try:
                    label = model._meta.get_field(name).verbose_name
                except FieldDoesNotExist:  # NON_FIELD_ERRORS
                    found.append(message)
                else:
                    found.append(f"{label}: {message}")
    return found


@method_decorator(never_cache, name="dispatch")
class DiscardView(EditsSharedDataMixin, ObjectMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = VersionForm(request.POST, prefix="d")
        if not form.is_valid():
            messages.error(request, _("Der Entwurf ließ sich nicht verwerfen. Bitte erneut."))
            return redirect(self.edit_url())
        try:
            discarded = services.revision_discard(
                obj=self.object, version=form.cleaned_data["version"], by=request.user
            )
        except services.StaleDraftError:
            messages.error(
                request,
                _(
                    "Der Entwurf wurde geändert, nachdem Sie ihn geöffnet haben. Er wurde nicht "
                    "verworfen; prüfen Sie ihn."
                ),
            )
            return redirect(self.edit_url())
        if discarded:
            messages.success(
                request,
                _("Entwurf verworfen. Es gilt die veröffentlichte Fassung."),
            )
        else:
            messages.info(request, _("Es gibt keinen Entwurf."))
        return redirect(self.edit_url())


@method_decorator(never_cache, name="dispatch")
class TranslationConfirmView(EditsSharedDataMixin, ObjectMixin, View):
    """An editor confirms that a flagged translation still fits its German text."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        name = kwargs["field"]
        if self.spec.translation(name) is None:
            raise Http404
        if services.translation_confirm(obj=self.object, field=name, by=request.user):
            label = self.spec.model._meta.get_field(name).verbose_name
            messages.success(
                request,
                _("„%(field)s“ ist als noch aktuell bestätigt.") % {"field": label},
            )
        else:
            messages.info(request, _("Diese Übersetzung ist nicht als veraltet markiert."))
        return redirect(self.edit_url())


# --- new content --------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class CreateView(EditsSharedDataMixin, EditorRequiredMixin, FormView):
    """New content, created as a draft: not public until it is published."""

    template_name = "timeline/editorial/create.html"

    @cached_property
    def spec(self) -> EditableKind:
        spec = _spec(self.kwargs["kind"])
        if spec.model not in CREATE_FORMS:
            raise Http404
        return spec

    def get_form_class(self):
        return CREATE_FORMS[self.spec.model]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.spec.model(status=Status.DRAFT)
        return kwargs

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        create = [form[name] for name in self.spec.create_fields]
        groups = [
            {"legend": legend, "rows": [{"field": form[name]} for name in names]}
            for legend, names in sections(self.spec)
        ]
        return super().get_context_data(spec=self.spec, create=create, groups=groups, **kwargs)

    def form_valid(self, form):
        names = (*self.spec.create_fields, *self.spec.fields)
        values = {
            name: to_json(self.spec.model._meta.get_field(name), form.cleaned_data[name])
            for name in names
        }
        try:
            obj = services.content_create(spec=self.spec, values=values, by=self.request.user)
        except ValidationError as exc:
            for message in _validation_messages(self.spec.model, exc):
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Als Entwurf angelegt. Er ist nicht öffentlich, bis Sie ihn veröffentlichen; "
                "die Vorschau zeigt, wie er aussehen wird."
            ),
        )
        return redirect(edit_url(self.spec, obj.pk))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- earlier versions ----------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    #: None for the first state, which has nothing before it.
    old: str | None
    new: str
    #: A word diff of longer texts: (``equal`` | ``delete`` | ``insert``, text).
    segments: list[tuple[str, str]] | None = None


@dataclass
class VersionRow:
    history_id: int
    date: datetime.datetime
    user: object
    reason: str
    action: str
    is_current: bool
    restore_url: str
    changes: list[FieldChange] = field(default_factory=list)


ACTIONS = {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}
_WORDS = re.compile(r"(\s+)")


#: Unchanged text longer than this is shortened to its ends around a change.
CONTEXT_CHARS = 160


def _shortened(text: str, *, first: bool, last: bool) -> str:
    """Unchanged text between changes, cut to the words next to them."""
    if len(text) <= 2 * CONTEXT_CHARS:
        return text
    head = "" if first else text[:CONTEXT_CHARS].rsplit(" ", 1)[0] + " "
    tail = "" if last else " " + text[-CONTEXT_CHARS:].split(" ", 1)[-1]
    return f"{head}…{tail}"


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """What changed between two texts, word by word; long unchanged stretches shortened."""
    a, b = _WORDS.split(old), _WORDS.split(new)
    segments = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            text = "".join(a[i1:i2])
            first, last = index == 0, index == len(opcodes) - 1
            segments.append(("equal", _shortened(text, first=first, last=last)))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


def display_value(model, name: str, value, names: dict) -> str:
    """A JSON value of a field as people read it."""
    if value is None or value == "":
        return "–"
    model_field = model._meta.get_field(name)
    if model_field.is_relation:
        return names.get((model_field.related_model, value)) or f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(model_field, models.DateField):
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return str(value)


def _related_names(spec: EditableKind, states: list[dict]) -> dict:
    """Names of the related objects the states point to: one query per relation."""
    names = {}
    for name in spec.fields:
        model_field = spec.model._meta.get_field(name)
        if not model_field.is_relation:
            continue
        ids = {state[name] for state in states if state.get(name) is not None}
        related = model_field.related_model
        for obj in related.objects.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    return names


def version_rows(spec: EditableKind, obj) -> tuple[list[VersionRow], bool]:
    """The latest states of the object from its change history, newest first, each with
    what changed against the state before: one query for the history, one per relation."""
    records = list(
        spec.model.history.filter(id=obj.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: VERSIONS_SHOWN + 1]
    )
    more = len(records) > VERSIONS_SHOWN
    states = [values_of(record, spec.fields) for record in records]
    names = _related_names(spec, states)
    model = spec.model
    rows = []
    for index, record in enumerate(records[:VERSIONS_SHOWN]):
        state = states[index]
        before = states[index + 1] if index + 1 < len(states) else {}
        changes = []
        for name in spec.fields:
            if before and same(before.get(name), state.get(name)):
                continue
            if not before and state.get(name) in (None, ""):
                continue
            old = display_value(model, name, before.get(name), names) if before else None
            new = display_value(model, name, state.get(name), names)
            model_field = model._meta.get_field(name)
            segments = None
            if isinstance(model_field, models.TextField) and before:
                segments = word_diff(before.get(name) or "", state.get(name) or "")
            changes.append(
                FieldChange(label=model_field.verbose_name, old=old, new=new, segments=segments)
            )
        rows.append(
            VersionRow(
                history_id=record.history_id,
                date=record.history_date,
                user=record.history_user,
                reason=record.history_change_reason or "",
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                is_current=index == 0,
                restore_url=reverse(
                    "editorial:restore",
                    kwargs={
                        "kind": spec.segment,
                        "pk": obj.pk,
                        "history_id": record.history_id,
                    },
                ),
                changes=changes,
            )
        )
    return rows, more


@method_decorator(never_cache, name="dispatch")
class VersionsView(ObjectMixin, TemplateView):
    template_name = "timeline/editorial/versions.html"

    def get_context_data(self, **kwargs):
        rows, more = version_rows(self.spec, self.object)
        return super().get_context_data(
            spec=self.spec,
            object=self.object,
            title=object_label(self.object),
            draft=self.draft,
            rows=rows,
            more=more,
            shown=VERSIONS_SHOWN,
            restore_form=VersionForm(initial={"version": self.draft_version}),
            urls=self.object_urls(),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class RestoreView(EditsSharedDataMixin, ObjectMixin, View):
    """Take an earlier version as the draft (``services.revision_restore``)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = (
            self.spec.model.history.filter(id=self.object.pk, history_id=kwargs["history_id"])
            .order_by()
            .first()
        )
        if record is None:
            raise Http404
        form = VersionForm(request.POST)
        versions_url = reverse(
            "editorial:versions", kwargs={"kind": self.spec.segment, "pk": self.object.pk}
        )
        if not form.is_valid():
            messages.error(request, _("Die Fassung ließ sich nicht übernehmen. Bitte erneut."))
            return redirect(versions_url)
        try:
            result = services.revision_restore(
                obj=self.object,
                record=record,
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.StaleDraftError:
            messages.error(
                request,
                _(
                    "Der Entwurf wurde geändert, nachdem Sie die Versionen geöffnet haben. Es "
                    "wurde nichts übernommen; bitte prüfen Sie den Entwurf."
                ),
            )
            return redirect(versions_url)
        when = date_format(record.history_date, "SHORT_DATETIME_FORMAT")
        if result is services.SaveResult.SAVED:
            messages.success(
                request,
                _(
                    "Die Fassung vom %(when)s ist jetzt der Entwurf. Prüfen Sie die Vorschau "
                    "und veröffentlichen Sie sie mit einer Notiz."
                )
                % {"when": when},
            )
            return redirect(self.edit_url())
        messages.info(
            request,
            _("Keine Änderung: Die Fassung vom %(when)s ist die veröffentlichte.") % {"when": when},
        )
        return redirect(self.edit_url())


# --- the preview --------------------------------------------------------------------------


class RevisionPreviewMixin(EditorRequiredMixin):
    """The public page with one object's draft applied, as visitors would see it once it
    is published: only published content besides it, the object marked as published,
    a banner that says so, never cached, ``noindex``."""

    noindex = True

    @cached_property
    def spec(self) -> EditableKind:
        return _spec(self.kwargs["kind"])

    @cached_property
    def original(self) -> models.Model:
        return _object(self.spec, self.kwargs["pk"])

    @cached_property
    def draft(self) -> Revision | None:
        return Revision.objects.open().of(self.spec.kind, self.original.pk).first()

    @cached_property
    def target(self) -> models.Model:
        target = with_changes(self.original, self.draft.changes if self.draft else {})
        if self.spec.publishable:
            target.status = Status.PUBLISHED
        return target

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            revision_preview=True,
            revision_draft=self.draft,
            revision_edit_url=edit_url(self.spec, self.original.pk),
            revision_is_public=is_public(self.original),
        )
        return context


def _event_order(event: Event):
    return (event.year is None, event.year or 0, event.date or datetime.date.min, event.slug)


class PeriodRevisionPreview(RevisionPreviewMixin, PeriodView):
    """A period's page with the draft of the period or of one of its events."""

    @cached_property
    def period(self) -> Period:
        if isinstance(self.target, Period):
            return self.target
        return Period.objects.get(pk=self.target.period_id)

    def get_period(self) -> Period:
        return self.period

    def get_events(self, period):
        events = super().get_events(period)
        if isinstance(self.target, Event):
            events = [event for event in events if event.pk != self.target.pk]
            if self.target.period_id == period.pk:
                events = sorted([*events, self.target], key=_event_order)
        return events

    def get_all_periods(self):
        periods = super().get_all_periods()
        if isinstance(self.target, Period):
            periods = [period for period in periods if period.pk != self.target.pk]
            periods = sorted(
                [*periods, self.target], key=lambda p: (p.position, p.start_year, p.pk)
            )
        return periods

    def public_path(self) -> str:
        return reverse("timeline:period", kwargs={"slug": self.period.slug})


class PeriodEasyRevisionPreview(RevisionPreviewMixin, PeriodEasyView):
    def get_period(self) -> Period:
        return self.target

    def public_path(self) -> str:
        return reverse("timeline:period_easy", kwargs={"slug": self.target.slug})


class ThesesRevisionPreview(RevisionPreviewMixin, ThesesView):
    """The theses with the draft of a thesis or of a quote."""

    def get_theses(self):
        theses = super().get_theses()
        target = self.target
        if isinstance(target, Thesis):
            old = next((thesis for thesis in theses if thesis.pk == target.pk), None)
            target.shown_quotes = old.shown_quotes if old else []
            target.shown_citations = old.shown_citations if old else []
            theses = [thesis for thesis in theses if thesis.pk != target.pk]
            theses = sorted([*theses, target], key=lambda thesis: thesis.number)
        elif isinstance(target, Quote):
            for thesis in theses:
                quotes = [quote for quote in thesis.shown_quotes if quote.pk != target.pk]
                if thesis.pk == target.thesis_id:
                    quotes = sorted([*quotes, target], key=lambda quote: quote.position)
                thesis.shown_quotes = quotes
        return theses

    def public_path(self) -> str:
        return reverse("timeline:theses")


class BibliographyRevisionPreview(RevisionPreviewMixin, BibliographyView):
    def get_sources(self):
        sources = super().get_sources()
        target = self.target
        old = next((source for source in sources if source.pk == target.pk), None)
        target.shown_citations = old.shown_citations if old else []
        target.shown_quotes = old.shown_quotes if old else []
        target.cited_in = old.cited_in if old else []
        sources = [source for source in sources if source.pk != target.pk]
        return sorted(
            [*sources, target], key=lambda s: (s.authors, s.year is None, s.year or 0, s.key)
        )

    def public_path(self) -> str:
        return reverse("timeline:bibliography")


PREVIEWS = {
    Period: PeriodRevisionPreview,
    Event: PeriodRevisionPreview,
    Thesis: ThesesRevisionPreview,
    Quote: ThesesRevisionPreview,
    Source: BibliographyRevisionPreview,
}


@method_decorator(never_cache, name="dispatch")
class PreviewView(EditorRequiredMixin, View):
    """``/redaktion/<art>/<id>/vorschau/``: the public page the object stands on, with its
    draft applied (``?ansicht=leichte-sprache``: a period's Leichte-Sprache page)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        spec = _spec(kwargs["kind"])
        view_class = PREVIEWS[spec.model]
        if spec.model is Period and request.GET.get("ansicht") == EASY_VIEW:
            view_class = PeriodEasyRevisionPreview
        return view_class.as_view()(request, *args, **kwargs)


# --- „Mein Bereich“ ------------------------------------------------------------------------


@dataclass
class TaskRow:
    label: str
    url: str
    kind_label: str
    when: datetime.datetime
    who: object = None
    detail: str = ""


def _labels(pairs) -> dict[tuple[str, int], str]:
    """Names of the objects behind (kind, id) pairs: one query per kind among them."""
    wanted: dict[str, set[int]] = {}
    for kind, pk in pairs:
        wanted.setdefault(kind, set()).add(pk)
    labels = {}
    for spec in KINDS:
        if spec.kind not in wanted:
            continue
        related = _RELATED.get(spec.model, ())
        for obj in spec.model.objects.select_related(*related).filter(pk__in=wanted[spec.kind]):
            labels[(spec.kind, obj.pk)] = object_label(obj)
    return labels


def redaktion_tasks() -> dict:
    """What waits for the Redaktion, for „Mein Bereich“: new content still in draft, drafts
    of changes to published content, and outdated translations, each linked to its page
    in the editorial area. A fixed number of queries: one per kind with a draft state,
    one for the drafts of changes, one for the flags, one per kind they name."""
    drafts = []
    for spec in KINDS:
        if not spec.publishable:
            continue
        for obj in spec.model.objects.filter(status=Status.DRAFT).order_by("-updated_at", "pk"):
            drafts.append(
                TaskRow(
                    label=object_label(obj),
                    url=edit_url(spec, obj.pk),
                    kind_label=spec.label,
                    when=obj.updated_at,
                )
            )
    revisions = list(Revision.objects.open().select_related("updated_by").order_by("-updated_at"))
    flags = list(
        TranslationFlag.objects.open().select_related("flagged_by").order_by("-flagged_at", "pk")
    )
    labels = _labels(
        [(r.kind, r.object_id) for r in revisions] + [(f.kind, f.object_id) for f in flags]
    )
    by_kind = {spec.kind: spec for spec in KINDS}
    changes = [
        TaskRow(
            label=labels.get((revision.kind, revision.object_id), f"#{revision.object_id}"),
            url=edit_url(by_kind[revision.kind], revision.object_id),
            kind_label=by_kind[revision.kind].label,
            when=revision.updated_at,
            who=revision.updated_by,
        )
        for revision in revisions
        if (revision.kind, revision.object_id) in labels
    ]
    outdated = []
    for flag in flags:
        spec = by_kind[flag.kind]
        if (flag.kind, flag.object_id) not in labels or spec.translation(flag.field) is None:
            continue
        outdated.append(
            TaskRow(
                label=labels[(flag.kind, flag.object_id)],
                url=f"{edit_url(spec, flag.object_id)}#id_{flag.field}",
                kind_label=spec.label,
                when=flag.flagged_at,
                who=flag.flagged_by,
                detail=str(spec.model._meta.get_field(flag.field).verbose_name),
            )
        )
    return {
        "drafts": drafts,
        "changes": changes,
        "outdated": outdated,
        "overview_url": reverse("editorial:overview"),
    }
