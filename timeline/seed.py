"""Load the keynote's history content (``timeline/content/keynote.yaml``), create-only.

The content is data: sources, the sources of the periods, periods with their
characteristics and events, and theses, in ``content/keynote.yaml`` next to this module.
It is read when the seed runs (:func:`keynote`), not at import, and checked against
:data:`SHAPE` and for references (sources cited, bullets of events) before anything is
written; a malformed file raises :class:`~core.seeding.ContentError`.

The rules are those of :mod:`core.seeding`; for the history they are:

- Records (matched by natural key): sources by ``key``, periods by ``slug``, events by
  ``slug``, theses by ``number``. A missing one is created, published; an existing one is
  left as it is (a period set back to draft stays a draft, an edited text stays edited)
  and reported when it differs from the keynote.
- Parts (no natural key, identified by position): the characteristics of a period with
  their citations, the citations of a period, an event or a thesis, the quotes of a
  thesis. They are created only together with a newly created period, event or thesis.
  An existing record's parts are never re-synchronised, since a position says nothing
  about which bullet people edited, moved or removed; a difference is reported on the
  owner ("Zeitabschnitt 1970er: … (Merkmale, Belege)").
- A new event in an existing period points at the top-level bullet whose text is the
  keynote's (none if people changed that bullet), never at a position.
- Reset (``seed_keynote --reset-to-keynote 1970er``): the period, its characteristics
  and citations and the keynote's events of that period with their citations are set to
  the keynote's values. Sources and theses are not reset by this command.

Every run is one transaction; an unchanged re-run writes nothing and no history.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

from django.db import transaction

from core.seeding import (
    OneOf,
    Part,
    SeedRun,
    content_error,
    entry_label,
    read_content,
)
from timeline.models import (
    Characteristic,
    Citation,
    Event,
    EventKind,
    Level,
    Period,
    Quote,
    Source,
    Status,
    Thesis,
)

CONTENT = Path(__file__).resolve().parent / "content" / "keynote.yaml"

# A citation: a source by its key, with the pages where the keynote gives them.
_CITE = [{"source": str, "pages?": str}]
_BULLET = {"de": str, "en": str, "cite?": _CITE}

SHAPE = {
    "sources": [
        {
            "key": str,
            "short": str,
            "authors": str,
            "year": (int, None),
            "citation": str,
            "url?": str,
            "accessed?": datetime.date,
            "listed?": bool,
            "recommendation?": bool,
            "note?": str,
            "note_en?": str,
        }
    ],
    "period_sources": [str],
    "periods": [
        {
            "slug": str,
            "start": int,
            "end": (int, None),
            "title": str,
            "title_en": str,
            "focus": str,
            "focus_en": str,
            "summary": str,
            "summary_en": str,
            "easy": str,
            "easy_en": str,
            "characteristics": [{**_BULLET, "children?": [_BULLET]}],
            "events": [
                {
                    "slug": str,
                    "year": (int, None),
                    "title": str,
                    "title_en": str,
                    "text": str,
                    "text_en": str,
                    "level": OneOf.choices(Level),
                    "kind": OneOf.choices(EventKind),
                    "bullet?": (int, None),
                    "cite?": _CITE,
                }
            ],
        }
    ],
    "theses": [
        {
            "number": int,
            "title": str,
            "title_en": str,
            "explanation": str,
            "explanation_en": str,
            "cite": _CITE,
            "quotes": [{"text": str, "translation_en": str, "source": str, "pages?": str}],
        }
    ],
}


def read_keynote(path: Path = CONTENT) -> dict:
    """The history content of the data file ``path``, checked, with citations as pairs.

    Characteristics always carry ``cite`` and ``children``, quotes ``pages``; every
    ``cite`` is a list of ``(source key, pages)``.
    """
    data = read_content(path, SHAPE)
    for section, key in (("sources", "key"), ("periods", "slug"), ("theses", "number")):
        _unique(path, section, data[section], key)
    _unique(path, "events", [e for period in data["periods"] for e in period["events"]], "slug")
    keys = {entry["key"] for entry in data["sources"]}

    def refs(cites: list[dict], where: str) -> list[tuple[str, str]]:
        for index, cite in enumerate(cites):
            if cite["source"] not in keys:
                raise content_error(
                    path, entry_label(f"{where}.cite", index, cite), "no source has this key"
                )
        return [(cite["source"], cite.get("pages", "")) for cite in cites]

    def bullet(item: dict, where: str) -> dict:
        children = [
            bullet(child, entry_label(f"{where}.children", index, child))
            for index, child in enumerate(item.get("children", []))
        ]
        return {
            "de": item["de"],
            "en": item["en"],
            "cite": refs(item.get("cite", []), where),
            "children": children,
        }

    for index, key in enumerate(data["period_sources"]):
        if key not in keys:
            raise content_error(
                path, entry_label("period_sources", index, key), f"no source has the key {key!r}"
            )
    for index, period in enumerate(data["periods"]):
        where = entry_label("periods", index, period)
        period["characteristics"] = [
            bullet(item, entry_label(f"{where}.characteristics", number, item))
            for number, item in enumerate(period["characteristics"])
        ]
        for number, event in enumerate(period["events"]):
            at = entry_label(f"{where}.events", number, event)
            if "cite" in event:
                event["cite"] = refs(event["cite"], at)
            if not 0 <= (event.get("bullet") or 0) <= len(period["characteristics"]):
                raise content_error(path, at, "'bullet' names no characteristic of the period")
    for index, thesis in enumerate(data["theses"]):
        where = entry_label("theses", index, thesis)
        thesis["cite"] = refs(thesis["cite"], where)
        for number, quote in enumerate(thesis["quotes"]):
            quote.setdefault("pages", "")
            if quote["source"] not in keys:
                raise content_error(
                    path, entry_label(f"{where}.quotes", number, quote), "no source has this key"
                )
    return data


def _unique(path: Path, section: str, entries: list[dict], key: str) -> None:
    seen = set()
    for index, entry in enumerate(entries):
        if entry[key] in seen:
            raise content_error(
                path, entry_label(section, index, entry), f"another entry has this {key}"
            )
        seen.add(entry[key])


@functools.cache
def keynote() -> dict:
    """The history content of the keynote, read once per process; treat it as read-only."""
    return read_keynote()


def resettable_slugs() -> list[str]:
    """The records ``--reset-to-keynote`` may reset here: the periods."""
    return [data["slug"] for data in keynote()["periods"]]


# --- parts --------------------------------------------------------------------------


def _citations(target_field: str, refs: list[tuple[str, str]], sources: dict) -> Part:
    """The citations of a period, characteristic, event or thesis, in order."""

    def current(target) -> list[tuple[str, str]]:
        rows = Citation.objects.filter(**{target_field: target}).select_related("source")
        return [(c.source.key, c.pages) for c in rows.order_by("position", "pk")]

    def sync(run: SeedRun, target) -> None:
        run.delete(Citation.objects.filter(**{target_field: target}))
        for position, (key, pages) in enumerate(refs, start=1):
            run.create(
                Citation,
                **{target_field: target},
                source=sources[key],
                pages=pages,
                position=position,
            )

    return Part(Citation._meta.verbose_name_plural, current, [tuple(r) for r in refs], sync)


def _flatten(items: list[dict]) -> list[tuple[dict, int | None]]:
    """The bullets of a period in order, each with the index of its parent bullet."""
    flat: list[tuple[dict, int | None]] = []
    for item in items:
        parent = len(flat)
        flat.append((item, None))
        flat.extend((child, parent) for child in item["children"])
    return flat


def _characteristics(items: list[dict], sources: dict) -> Part:
    """The bullets of a period (one level of nesting) with their citations, by position."""
    flat = _flatten(items)
    wanted = [
        (item["de"], item["en"], parent, [tuple(ref) for ref in item["cite"]])
        for item, parent in flat
    ]

    def current(period: Period) -> list[tuple]:
        rows = list(
            period.characteristics.order_by("position", "pk").prefetch_related("citations__source")
        )
        index = {row.pk: i for i, row in enumerate(rows)}
        return [
            (
                row.text,
                row.text_en,
                index.get(row.parent_id),
                [(c.source.key, c.pages) for c in row.citations.all()],
            )
            for row in rows
        ]

    def sync(run: SeedRun, period: Period) -> None:
        # In place by position, so events that point at a bullet keep pointing at it.
        saved: list[Characteristic] = []
        for position, (item, parent) in enumerate(flat, start=1):
            values = {
                "text": item["de"],
                "text_en": item["en"],
                "parent": saved[parent] if parent is not None else None,
            }
            row = period.characteristics.filter(position=position).first()
            if row is None:
                row = run.create(Characteristic, period=period, position=position, **values)
                _citations("characteristic", item["cite"], sources).sync(run, row)
            else:
                if any(getattr(row, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(row, name, value)
                    run.save(row)
                cites = _citations("characteristic", item["cite"], sources)
                if cites.current(row) != cites.wanted:
                    cites.sync(run, row)
            saved.append(row)
        run.delete(period.characteristics.exclude(pk__in=[row.pk for row in saved]))

    return Part(Characteristic._meta.verbose_name_plural, current, wanted, sync)


def _quotes(quotes: list[dict], sources: dict) -> Part:
    """The quotes of a thesis, by position."""
    wanted = [(q["text"], q["translation_en"], q["source"], q["pages"]) for q in quotes]

    def current(thesis: Thesis) -> list[tuple]:
        rows = thesis.quotes.order_by("position").select_related("source")
        return [(q.text, q.translation_en, q.source.key, q.pages) for q in rows]

    def sync(run: SeedRun, thesis: Thesis) -> None:
        for position, quote in enumerate(quotes, start=1):
            values = {
                "text": quote["text"],
                "translation_en": quote["translation_en"],
                "source": sources[quote["source"]],
                "pages": quote["pages"],
            }
            row = thesis.quotes.filter(position=position).first()
            if row is None:
                run.create(Quote, thesis=thesis, position=position, **values)
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                run.save(row)
        run.delete(thesis.quotes.filter(position__gt=len(quotes)))

    return Part(Quote._meta.verbose_name_plural, current, wanted, sync)


# --- records ------------------------------------------------------------------------


def _source_values(entry: dict) -> dict:
    return {
        "short_citation": entry["short"],
        "authors": entry["authors"],
        "year": entry["year"],
        "citation": entry["citation"],
        "url": entry.get("url", ""),
        "accessed": entry.get("accessed"),
        "in_keynote_bibliography": entry.get("listed", True),
        "is_recommendation": entry.get("recommendation", False),
        "note": entry.get("note", ""),
        "note_en": entry.get("note_en", ""),
        "status": Status.PUBLISHED,
    }


def _period_values(position: int, data: dict) -> dict:
    return {
        "position": position,
        "start_year": data["start"],
        "end_year": data["end"],
        "title": data["title"],
        "title_en": data["title_en"],
        "focus": data["focus"],
        "focus_en": data["focus_en"],
        "summary": data["summary"],
        "summary_en": data["summary_en"],
        "easy_summary": data["easy"],
        "easy_summary_en": data["easy_en"],
        "status": Status.PUBLISHED,
    }


def _bullet(period: Period, data: dict, number: int | None) -> Characteristic | None:
    """The period's top-level bullet ``number`` of the keynote, found by its text."""
    if not number:
        return None
    text = data["characteristics"][number - 1]["de"]
    return (
        period.characteristics.filter(parent__isnull=True, text=text).order_by("position").first()
    )


def _event_values(period: Period, data: dict, event: dict) -> dict:
    return {
        "period": period,
        "year": event["year"],
        "title": event["title"],
        "title_en": event["title_en"],
        "text": event["text"],
        "text_en": event["text_en"],
        "level": event["level"],
        "kind": event["kind"],
        "characteristic": _bullet(period, data, event.get("bullet")),
        "status": Status.PUBLISHED,
    }


@transaction.atomic
def load_keynote(run: SeedRun | None = None) -> SeedRun:
    """Create the history content of the keynote that is missing; report on the rest."""
    run = run or SeedRun()
    content = keynote()
    sources: dict[str, Source] = {}
    for entry in content["sources"]:
        source, _created = run.record(Source, {"key": entry["key"]}, _source_values(entry))
        sources[source.key] = source

    period_refs = [(key, "") for key in content["period_sources"]]
    for position, data in enumerate(content["periods"], start=1):
        reset = run.resets(data["slug"])
        period, _created = run.record(
            Period,
            {"slug": data["slug"]},
            _period_values(position, data),
            parts=[
                _characteristics(data["characteristics"], sources),
                _citations("period", period_refs, sources),
            ],
            reset=reset,
        )
        for event in data["events"]:
            run.record(
                Event,
                {"slug": event["slug"]},
                _event_values(period, data, event),
                parts=[_citations("event", event.get("cite", []), sources)],
                reset=reset,
            )

    for data in content["theses"]:
        run.record(
            Thesis,
            {"number": data["number"]},
            {
                "title": data["title"],
                "title_en": data["title_en"],
                "explanation": data["explanation"],
                "explanation_en": data["explanation_en"],
                "status": Status.PUBLISHED,
            },
            parts=[
                _citations("thesis", data["cite"], sources),
                _quotes(data["quotes"], sources),
            ],
        )
    return run
