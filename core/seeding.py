"""Create-only seeding with a report: what the keynote's seed modules share (``seed_keynote``).

The seed modules (``actors.seed``, ``networks.seed``, ``timeline.seed``) describe the
keynote's content; a :class:`SeedRun` writes it and reports on it. The rules:

- A **record** is a row with a natural key that people do not edit: a slug, a language
  code, a source key, a thesis number. A missing record is created. An existing record is
  left exactly as it is (status, visibility, texts, relations) and compared with the
  keynote over the fields the seed would set; a difference is reported, never repaired.
- A **part** is a set of rows that belong to one record (its *owner*) and have no natural
  key of their own: rows identified by their position (characteristics, citations,
  quotes), rows whose identifying fields people edit (memberships, coordination links,
  cells of the multi-level table) and many-to-many relations (target groups, responsible
  actors). A part is created only together with a newly created owner; nobody can have
  edited or removed rows of a record that did not exist. For an existing owner the part is
  compared as a whole and never re-synchronised: rows people removed stay removed, rows
  they added or changed stay as they are. A difference is reported on the owner
  ("Zeitabschnitt 1970er: … (Merkmale)").
- Only a **reset** overwrites (``seed_keynote --reset-to-keynote SLUG``): the named
  record's fields are set to the keynote's values and each differing part is made equal
  to the keynote's. Every write goes through the models' ``save()``/``delete()`` and the
  related managers, so django-simple-history and the content versions record it, with
  the change reason :data:`RESET_REASON`.

The run collects what it did: one entry per record (created, as in the keynote, differing
and left alone, or reset) and the number of rows created per kind of part.

The content itself is data: each seed module reads its app's ``content/keynote.yaml``
with :func:`read_content` when it seeds, never at import. The file is checked against the
shape the module declares (keys, types, choice values); a file that cannot be read, is not
valid YAML, repeats a key or has another shape raises :class:`ContentError` naming the
file and the entry, before anything is written.
"""

from __future__ import annotations

import datetime
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import CommandError
from django.db import models
from django.utils.translation import gettext as _

CREATED_REASON = "seed_keynote: neu angelegt"
RESET_REASON = "seed_keynote --reset-to-keynote"


class Outcome(enum.IntEnum):
    """What became of one record; when two seed modules report on it, the higher wins."""

    SAME = 0
    DIFFERS = 1
    RESET = 2
    CREATED = 3


@dataclass(frozen=True)
class Part:
    """Rows that belong to a record and have no natural key of their own.

    ``current(owner)`` and ``wanted`` are plain, comparable data (texts, slugs, dates),
    ``sync(run, owner)`` makes the database hold ``wanted`` through ``run.create``,
    ``run.save`` and ``run.delete`` (or a related manager's ``set()``).
    """

    label: str
    current: Callable[[models.Model], Any]
    wanted: Any
    sync: Callable[[SeedRun, models.Model], None]


@dataclass
class Entry:
    model: type[models.Model]
    key: str
    outcome: Outcome
    labels: list[str] = field(default_factory=list)
    # Named by --reset-to-keynote, or part of a record that was (the events of a period).
    reset_requested: bool = False

    @property
    def kind(self) -> str:
        return str(self.model._meta.verbose_name)

    def line(self, *, preview: bool = False) -> str:
        """One line of the report, in the active language; ``preview``: before a reset."""
        values = {"kind": self.kind, "key": self.key, "fields": ", ".join(self.labels)}
        texts = {
            Outcome.SAME: _("%(kind)s %(key)s: bestehend, wie im Vortrag"),
            Outcome.DIFFERS: _(
                "%(kind)s %(key)s: bestehend, weicht vom Vortrag ab (%(fields)s) – "
                "unverändert gelassen"
            ),
            Outcome.RESET: _(
                "%(kind)s %(key)s: auf den Stand des Vortrags zurückgesetzt (%(fields)s)"
            ),
            Outcome.CREATED: _("%(kind)s %(key)s: neu angelegt"),
        }
        if preview:
            texts |= {
                Outcome.SAME: _("%(kind)s %(key)s: entspricht bereits dem Vortrag"),
                Outcome.RESET: _(
                    "%(kind)s %(key)s: wird auf den Stand des Vortrags zurückgesetzt (%(fields)s)"
                ),
                Outcome.CREATED: _("%(kind)s %(key)s: fehlt und wird neu angelegt"),
            }
        return texts[self.outcome] % values


def _field_label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    """Whether ``obj.name`` holds something else than ``value`` (foreign keys by id)."""
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one or model_field.one_to_one:
        wanted = value.pk if value is not None else None
        return getattr(obj, model_field.attname) != wanted
    return getattr(obj, name) != value


def relation_label(model: type[models.Model], name: str) -> str:
    """Count label of a many-to-many relation: ``Akteure – Zielgruppen``."""
    return f"{model._meta.verbose_name_plural} – {_field_label(model, name)}"


class SeedRun:
    """One run of the keynote seed: create what is missing, compare the rest, reset on request.

    ``reset`` holds the slugs of the records to overwrite with the keynote's values; each
    seed module asks :meth:`resets` for the records it may reset.
    """

    def __init__(self, *, reset: Iterable[str] = ()) -> None:
        self.reset = frozenset(reset)
        self.entries: dict[tuple[str, str], Entry] = {}
        self.created_parts: Counter[str] = Counter()
        self._reason = CREATED_REASON

    # --- what the seed modules call ------------------------------------------------

    def resets(self, slug: str) -> bool:
        return slug in self.reset

    def record(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        *,
        key: str | None = None,
        parts: Sequence[Part] = (),
        reset: bool = False,
        also_by: dict[str, Any] | None = None,
    ) -> tuple[models.Model, bool]:
        """Find the record by ``lookup``; create it with ``values`` and its parts if missing.

        ``also_by`` is a second unique lookup (a unique name): a record people gave another
        slug is found by it, reported as differing, and not created twice. An existing
        record is compared with ``values`` and ``parts`` and only written when ``reset``
        is true. Returns the record and whether it was created.
        """
        key = key if key is not None else str(next(iter(lookup.values())))
        manager = model._default_manager
        obj = manager.filter(**lookup).first()
        if obj is None and also_by:
            obj = manager.filter(**also_by).first()
        if obj is None:
            obj = self._write(model(**lookup, **values), CREATED_REASON)
            self.part_of(model, key, obj, parts, created=True, reset=reset)
            return obj, True
        wanted = {**lookup, **values}
        changed = [name for name, value in wanted.items() if _differs(obj, name, value)]
        labels = [_field_label(model, name) for name in changed]
        if changed and reset:
            for name in changed:
                setattr(obj, name, wanted[name])
            self._write(obj, RESET_REASON)
        self.part_of(model, key, obj, parts, created=False, reset=reset, labels=labels)
        return obj, False

    def part_of(
        self,
        model: type[models.Model],
        key: str,
        owner: models.Model,
        parts: Sequence[Part],
        *,
        created: bool,
        reset: bool,
        labels: Iterable[str] = (),
    ) -> None:
        """Seed ``parts`` of a record that was already looked up (perhaps by another module).

        Parts are created with a new owner, replaced on reset, otherwise only compared.
        """
        labels = list(labels)
        if created:
            with self._writing(CREATED_REASON):
                for part in parts:
                    part.sync(self, owner)
            self._note(model, key, Outcome.CREATED, reset=reset)
            return
        stale = [part for part in parts if part.current(owner) != part.wanted]
        labels += [str(part.label) for part in stale]
        if reset:
            with self._writing(RESET_REASON):
                for part in stale:
                    part.sync(self, owner)
        if not labels:
            outcome = Outcome.SAME
        else:
            outcome = Outcome.RESET if reset else Outcome.DIFFERS
        self._note(model, key, outcome, labels, reset=reset)

    def was_created(self, model: type[models.Model], key: str) -> bool:
        entry = self.entries.get((model._meta.label, key))
        return entry is not None and entry.outcome == Outcome.CREATED

    def create(self, model: type[models.Model], **values) -> models.Model:
        """Create a row of a part (counted per kind) with the reason of the current write."""
        obj = self._write(model(**values), self._reason)
        self.count(str(model._meta.verbose_name_plural))
        return obj

    def save(self, obj: models.Model) -> None:
        self._write(obj, self._reason)

    def delete(self, rows: Iterable[models.Model]) -> None:
        """Delete row by row, so that the history records each deletion with its reason."""
        for row in list(rows):
            if not type(row)._default_manager.filter(pk=row.pk).exists():
                continue  # went with a row deleted before it (on_delete=CASCADE)
            row._change_reason = self._reason
            row.delete()

    def count(self, label: str, number: int = 1) -> None:
        if number:
            self.created_parts[str(label)] += number

    # --- the report -------------------------------------------------------------------

    def lines(self, *, verbosity: int = 1, preview: bool = False) -> list[str]:
        """Report lines grouped by kind; records as in the keynote only at verbosity 2."""
        by_kind: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            if entry.outcome != Outcome.SAME or verbosity > 1:
                by_kind.setdefault(entry.model._meta.label, []).append(entry)
        return [entry.line(preview=preview) for group in by_kind.values() for entry in group]

    def summary(self) -> list[str]:
        """Counts per kind of record, then the rows created per kind of part."""
        counts: dict[type[models.Model], Counter[Outcome]] = {}
        for entry in self.entries.values():
            counts.setdefault(entry.model, Counter())[entry.outcome] += 1
        texts = {
            Outcome.CREATED: _("%(count)d neu angelegt"),
            Outcome.SAME: _("%(count)d wie im Vortrag"),
            Outcome.DIFFERS: _("%(count)d abweichend, unverändert gelassen"),
            Outcome.RESET: _("%(count)d zurückgesetzt"),
        }
        lines = []
        for model, counter in counts.items():
            items = [
                texts[outcome] % {"count": counter[outcome]}
                for outcome in (Outcome.CREATED, Outcome.SAME, Outcome.DIFFERS, Outcome.RESET)
                if counter[outcome]
            ]
            lines.append(f"{model._meta.verbose_name_plural}: {', '.join(items)}")
        for label, number in self.created_parts.items():
            lines.append(f"{label}: {texts[Outcome.CREATED] % {'count': number}}")
        return lines

    def with_outcome(self, *outcomes: Outcome) -> list[Entry]:
        return [entry for entry in self.entries.values() if entry.outcome in outcomes]

    # --- internals --------------------------------------------------------------------

    def _note(
        self,
        model: type[models.Model],
        key: str,
        outcome: Outcome,
        labels: Iterable[str] = (),
        *,
        reset: bool = False,
    ) -> None:
        entry = self.entries.setdefault((model._meta.label, key), Entry(model, key, outcome))
        entry.outcome = max(entry.outcome, outcome)
        entry.labels += [label for label in labels if label not in entry.labels]
        entry.reset_requested = entry.reset_requested or reset

    def _write(self, obj: models.Model, reason: str) -> models.Model:
        obj._change_reason = reason  # read by django-simple-history
        obj.save()
        return obj

    @contextmanager
    def _writing(self, reason: str) -> Iterator[None]:
        """Writes of parts in this block carry ``reason`` in the history."""
        previous, self._reason = self._reason, reason
        try:
            yield
        finally:
            self._reason = previous


# --- data files ---------------------------------------------------------------------


class ContentError(CommandError):
    """A data file of the keynote's content cannot be used; the message names file and entry.

    A ``CommandError``, so that ``manage.py seed_keynote`` ends with the message alone (no
    traceback) and exit code 1.
    """


@dataclass(frozen=True)
class OneOf:
    """A value of a data file that must be one of ``values`` (the stored values of choices)."""

    values: tuple[Any, ...]

    @classmethod
    def choices(cls, choices: type[models.Choices], *, blank: bool = False) -> OneOf:
        return cls((*choices.values, *([""] if blank else [])))


@dataclass(frozen=True)
class MappingOf:
    """A mapping of a data file with free keys (slugs, codes) and values of one shape."""

    key: Any
    value: Any


# A shape describes what a data file holds: a type (or a tuple of types, ``None`` for
# null), ``[shape]`` for a list of items, ``{"key": shape, "optional?": shape}`` for a
# mapping with exactly these keys, ``MappingOf`` or ``OneOf``.
Shape = Any


class _ShapeError(Exception):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where or 'top level'}: {problem}")


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ContentLoader(_BaseLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # "<<: *anchor" merges on purpose
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _display(path: Path) -> str:
    """The file as editors know it: relative to the project, wherever the portal runs."""
    try:
        return str(path.resolve().relative_to(Path(__file__).resolve().parent.parent))
    except ValueError:
        return str(path)


def read_content(path: Path, shape: Shape) -> Any:
    """The content of the data file ``path``, checked against ``shape``.

    Raises :class:`ContentError` naming the file (and the line, or the entry) when the file
    is missing, not valid YAML, repeats a key or does not have the shape.
    """
    name = _display(path)
    try:
        with path.open(encoding="utf-8") as stream:
            # _ContentLoader is yaml.SafeLoader refusing repeated keys: no object construction.
            data = yaml.load(stream, Loader=_ContentLoader)  # noqa: S506  # nosec B506
    except OSError as error:
        raise ContentError(f"{name}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: not valid YAML: {_yaml_problem(error)}") from None
    try:
        _check(data, shape, "")
    except _ShapeError as error:
        raise ContentError(f"{name}: {error}") from None
    return data


def content_error(path: Path, where: str, problem: str) -> ContentError:
    """An error found beyond the shape (an unknown slug, an order), naming file and entry."""
    return ContentError(f"{_display(path)}: {where}: {problem}")


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is None:
        return problem
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"


def entry_label(where: str, index: int, item: Any) -> str:
    """``periods #3 (1990er)``: an entry by position (from 1) and natural key, if it has one."""
    label = f"{where} #{index + 1}"
    if isinstance(item, dict):
        for key in ("slug", "key", "number", "code", "source"):
            if isinstance(item.get(key), str | int):
                return f"{label} ({item[key]})"
    return label


def _type_names(types: tuple) -> str:
    names = {type(None): "null", str: "text", int: "a whole number", bool: "true or false"}
    names[datetime.date] = "a date (YYYY-MM-DD)"
    return " or ".join(names.get(t, t.__name__) for t in types)


def _check(value: Any, shape: Shape, where: str) -> None:
    if isinstance(shape, OneOf):
        if value not in shape.values:
            allowed = ", ".join(repr(v) for v in shape.values)
            raise _ShapeError(where, f"{value!r} is none of {allowed}")
    elif isinstance(shape, MappingOf):
        if not isinstance(value, dict):
            raise _ShapeError(where, f"expected a mapping, found {_found(value)}")
        for key, item in value.items():
            _check(key, shape.key, f"{where}: key {key!r}")
            _check(item, shape.value, f"{where}.{key}")
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise _ShapeError(where, f"expected a list, found {_found(value)}")
        for index, item in enumerate(value):
            _check(item, shape[0], entry_label(where, index, item))
    elif isinstance(shape, dict):
        _check_mapping(value, shape, where)
    else:
        types = tuple(
            type(None) if t is None else t
            for t in (shape if isinstance(shape, tuple) else (shape,))
        )
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise _ShapeError(where, f"expected {_type_names(types)}, found {_found(value)}")


def _check_mapping(value: Any, shape: dict, where: str) -> None:
    optional = {key.removesuffix("?"): key.endswith("?") for key in shape}
    if not isinstance(value, dict):
        keys = ", ".join(optional)
        raise _ShapeError(where, f"expected a mapping with the keys {keys}, found {_found(value)}")
    missing = [key for key, is_optional in optional.items() if not is_optional and key not in value]
    unknown = [str(key) for key in value if key not in optional]
    problems = []
    if missing:
        problems.append(f"missing key(s): {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown key(s): {', '.join(unknown)} (known: {', '.join(optional)})")
    if problems:
        raise _ShapeError(where, "; ".join(problems))
    for key, is_optional in optional.items():
        if key in value:
            inner = f"{where}.{key}" if where else key
            _check(value[key], shape[f"{key}?" if is_optional else key], inner)


def _found(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"{value!r}"
