"""Writes of the public history: drafts, publishing, restoring, translations, the status.

The Redaktion changes published content through a draft (``Revision``): saving the draft
writes only the draft, so the public pages stay as they are; ``content_publish`` applies
it to the content in one transaction, writes the change history with the editor and the
note, moves the history's content version on (the save's signal, ``core/versions.py``)
so the cached public pages show the new text at once, and flags the English and
Leichte-Sprache texts whose German source changed without them.
"""

from __future__ import annotations

import enum

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from timeline.editing import (
    BY_MODEL,
    EditableKind,
    apply_values,
    differences,
    normalized,
    same,
    values_of,
)
from timeline.models import FlagResolution, Revision, RevisionState, Status, TranslationFlag


class StaleDraftError(Exception):
    """Someone else saved, published or discarded the draft after the caller read it."""

    def __init__(self, current: Revision | None):
        super().__init__("the draft changed meanwhile")
        self.current = current


class SaveResult(enum.Enum):
    SAVED = "saved"
    #: The values are those of the draft (or, without a draft, of the published content).
    UNCHANGED = "unchanged"
    #: Every field is back at its published value: the draft was closed.
    EMPTIED = "emptied"


def _locked_draft(spec: EditableKind, pk: int, version: int) -> Revision | None:
    """The object's open draft, locked; refuses if its version is not ``version``
    (0: the caller saw no draft)."""
    draft = Revision.objects.select_for_update().open().of(spec.kind, pk).first()
    if (draft.version if draft else 0) != version:
        raise StaleDraftError(draft)
    return draft


def _close(draft: Revision, *, state: str, by, note: str = "") -> None:
    draft.state = state
    draft.closed_at = timezone.now()
    draft.closed_by = by
    draft.note = note
    draft.updated_by = by
    draft.save()


@transaction.atomic
def revision_save(*, obj: models.Model, values: dict, version: int, by) -> SaveResult:
    """Save ``values`` (every editable field, as JSON values) as the object's draft.

    The draft keeps only the fields that differ from the published content, each with the
    published value it was drafted against. Nothing is written when the values are those
    the draft already holds; a draft whose every field is back at its published value is
    closed (discarded). ``version`` is the draft's version the editor saw (0: none).
    """
    spec = BY_MODEL[type(obj)]
    draft = _locked_draft(spec, obj.pk, version)
    live = values_of(spec.model.objects.select_for_update().get(pk=obj.pk), spec.fields)
    changes = {name: value for name, value in values.items() if not same(live[name], value)}
    base = {name: live[name] for name in changes}
    previous_changes = draft.changes if draft else {}
    previous_base = draft.base if draft else {}
    if (
        changes.keys() == previous_changes.keys()
        and not differences(previous_changes, changes)
        and not differences(previous_base, base)
    ):
        return SaveResult.UNCHANGED
    if not changes:
        _close(draft, state=RevisionState.DISCARDED, by=by)
        return SaveResult.EMPTIED
    if draft is None:
        try:
            with transaction.atomic():
                Revision.objects.create(
                    kind=spec.kind,
                    object_id=obj.pk,
                    changes=changes,
                    base=base,
                    created_by=by,
                    updated_by=by,
                )
        except IntegrityError:
            # Another editor started a draft of the same object a moment ago.
            raise StaleDraftError(Revision.objects.open().of(spec.kind, obj.pk).first()) from None
        return SaveResult.SAVED
    draft.changes, draft.base = changes, base
    draft.version += 1
    draft.updated_by = by
    draft.save()
    return SaveResult.SAVED


@transaction.atomic
def revision_discard(*, obj: models.Model, version: int, by) -> bool:
    """Throw the object's draft away; the published content stays. False: no draft."""
    draft = _locked_draft(BY_MODEL[type(obj)], obj.pk, version)
    if draft is None:
        return False
    _close(draft, state=RevisionState.DISCARDED, by=by)
    return True


def revision_restore(*, obj: models.Model, record, version: int, by) -> SaveResult:
    """Take an earlier state of the object (a row of its change history) as its draft.

    The restored state goes through the same steps as any change, preview and publish
    with a note, so that an old text never goes public unseen and the translations
    resting on it are flagged the same way. It replaces the open draft, if any.
    """
    spec = BY_MODEL[type(obj)]
    if record.id != obj.pk or record.instance_type is not spec.model:
        raise ValueError("the history row belongs to another object")
    return revision_save(obj=obj, values=values_of(record, spec.fields), version=version, by=by)


@transaction.atomic
def content_publish(*, obj: models.Model, version: int, note: str, by) -> list[str] | None:
    """Publish the object's draft (or, without one, the object created as a draft).

    Applies the draft's fields to the content, checks every rule of the model, saves it
    once (one row in the change history with ``by`` and ``note``; the content version
    moves on with the save) and closes the draft. Refuses with a ``ValidationError`` when
    a changed field's published value moved on since it was drafted (someone edited the
    content in the Django admin) or a rule of the model fails. Returns the changed fields,
    or None when the draft changes nothing (it is closed, nothing else is written).
    """
    spec = BY_MODEL[type(obj)]
    draft = _locked_draft(spec, obj.pk, version)
    current = spec.model.objects.select_for_update().get(pk=obj.pk)
    becomes_public = spec.publishable and current.status != Status.PUBLISHED
    if draft is None and not becomes_public:
        raise ValidationError(_("Es gibt keinen Entwurf, der veröffentlicht werden könnte."))
    changes = draft.changes if draft else {}
    live = values_of(current, changes)
    moved_on = [
        name
        for name, value in changes.items()
        if not same(live[name], draft.base.get(name)) and not same(live[name], value)
    ]
    if moved_on:
        labels = ", ".join(str(spec.model._meta.get_field(name).verbose_name) for name in moved_on)
        raise ValidationError(
            _(
                "Die veröffentlichte Fassung wurde geändert, nachdem dieser Entwurf "
                "gespeichert wurde (%(fields)s). Prüfen Sie den Entwurf und speichern Sie "
                "ihn erneut; danach lässt er sich veröffentlichen."
            )
            % {"fields": labels}
        )
    before = values_of(current, spec.fields)
    apply_values(current, changes)
    changed = differences(before, values_of(current, spec.fields))
    if not changed and not becomes_public:
        _close(draft, state=RevisionState.DISCARDED, by=by)
        return None
    if becomes_public:
        current.status = Status.PUBLISHED
    current.full_clean()
    current._history_user = by
    current._change_reason = note
    current.save()
    translations_after_change(obj=current, changed=changed, by=by)
    if draft is not None:
        _close(draft, state=RevisionState.PUBLISHED, by=by, note=note)
    return changed


@transaction.atomic
def content_create(*, spec: EditableKind, values: dict, by) -> models.Model:
    """Create new content as a draft (not public): it is published by ``content_publish``."""
    if not spec.publishable:
        raise ValueError(f"{spec.kind} has no draft state")
    obj = spec.model(status=Status.DRAFT)
    apply_values(obj, values)
    obj.full_clean()
    obj._history_user = by
    obj._change_reason = _("Als Entwurf angelegt")
    obj.save()
    return obj


# --- translations ---------------------------------------------------------------------


def translations_after_change(*, obj: models.Model, changed: list[str], by) -> list[str]:
    """Flag the translations whose German source changed without them; close the flags of
    translations that changed. Returns the fields newly flagged.

    A translation with no text is missing, not outdated: it gets no flag. The Django
    admin calls this too (``timeline.admin``), so a change made there is flagged alike.
    """
    spec = BY_MODEL[type(obj)]
    if not spec.translations or not changed:
        return []
    now = timezone.now()
    open_flags = {
        flag.field: flag
        for flag in TranslationFlag.objects.open().filter(kind=spec.kind, object_id=obj.pk)
    }
    flagged = []
    for translation in spec.translations:
        flag = open_flags.get(translation.field)
        if translation.field in changed:
            if flag is not None:
                flag.resolved_at, flag.resolved_by = now, by
                flag.resolution = FlagResolution.UPDATED
                flag.save()
        elif (
            flag is None
            and any(source in changed for source in translation.sources)
            and normalized(getattr(obj, translation.field) or "")
        ):
            TranslationFlag.objects.create(
                kind=spec.kind,
                object_id=obj.pk,
                field=translation.field,
                flagged_at=now,
                flagged_by=by,
            )
            flagged.append(translation.field)
    return flagged


@transaction.atomic
def translation_confirm(*, obj: models.Model, field: str, by) -> bool:
    """An editor confirms that a flagged translation still fits its German text."""
    spec = BY_MODEL[type(obj)]
    flag = (
        TranslationFlag.objects.select_for_update()
        .open()
        .filter(kind=spec.kind, object_id=obj.pk, field=field)
        .first()
    )
    if flag is None:
        return False
    flag.resolved_at, flag.resolved_by = timezone.now(), by
    flag.resolution = FlagResolution.CONFIRMED
    flag.save()
    return True


# --- the status (Django admin actions) -------------------------------------------------


@transaction.atomic
def content_set_status(*, queryset: QuerySet, status: str) -> int:
    """Publish or withdraw the given periods, events, theses or sources.

    Saves object by object (not ``queryset.update``) so that each change is written to
    the change history with its author and moves the history's content version on (its
    signals, ``core/versions.py``), which the cached public pages are keyed on. Returns
    how many objects changed.
    """
    if status not in Status.values:
        raise ValueError(f"unknown status {status!r}")
    changed = 0
    for obj in queryset.exclude(status=status):
        obj.status = status
        obj.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed
