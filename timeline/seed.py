"""Load the keynote's history content (``timeline.keynote``) into the database.

Idempotent: every row is found by its natural key (source key, period slug, position
within a period, event slug, thesis number) and updated in place, so running the seed
again changes nothing. Seeded content is published. Citations of a seeded target are
replaced by the keynote's, so a re-run also repairs a removed or changed citation.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from timeline import keynote
from timeline.models import (
    Characteristic,
    Citation,
    Event,
    Period,
    Quote,
    Source,
    Status,
    Thesis,
)


def _upsert(model, lookup: dict, defaults: dict):
    """``update_or_create`` that saves only when something changed.

    Every save writes a history record; an unchanged re-run must not fill the history.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults)
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj


def _cite(target_field: str, target, refs: list[tuple[str, str]], sources: dict) -> int:
    """Make the citations of ``target`` exactly ``refs`` (source key, pages), in order."""
    wanted = [(sources[key].pk, pages, position) for position, (key, pages) in enumerate(refs, 1)]
    existing = Citation.objects.filter(**{target_field: target}).order_by("position", "pk")
    if [(c.source_id, c.pages, c.position) for c in existing] != wanted:
        existing.delete()
        for source_id, pages, position in wanted:
            Citation.objects.create(
                **{target_field: target}, source_id=source_id, pages=pages, position=position
            )
    return len(refs)


def _save_characteristics(
    period: Period, items: list[dict], sources: dict, counts: dict
) -> list[Characteristic]:
    """Save the bullets of a period in order (children after their parent); return the top level."""
    top_level: list[Characteristic] = []
    position = 0

    def save(item: dict, parent: Characteristic | None) -> Characteristic:
        nonlocal position
        position += 1
        characteristic = _upsert(
            Characteristic,
            {"period": period, "position": position},
            {"text": item["de"], "text_en": item["en"], "parent": parent},
        )
        counts["characteristics"] += 1
        counts["citations"] += _cite("characteristic", characteristic, item["cite"], sources)
        return characteristic

    for item in items:
        characteristic = save(item, None)
        top_level.append(characteristic)
        for child in item["children"]:
            save(child, characteristic)
    period.characteristics.filter(position__gt=position).delete()
    return top_level


@transaction.atomic
def load_keynote() -> dict[str, int]:
    """Create or update all timeline content of the keynote; return counts per kind."""
    counts = {
        "sources": 0,
        "periods": 0,
        "characteristics": 0,
        "events": 0,
        "theses": 0,
        "quotes": 0,
        "citations": 0,
    }
    sources: dict[str, Source] = {}
    for entry in keynote.SOURCES:
        accessed = entry.get("accessed")
        source = _upsert(
            Source,
            {"key": entry["key"]},
            {
                "short_citation": entry["short"],
                "authors": entry["authors"],
                "year": entry["year"],
                "citation": entry["citation"],
                "url": entry.get("url", ""),
                "accessed": datetime.date.fromisoformat(accessed) if accessed else None,
                "in_keynote_bibliography": entry.get("listed", True),
                "is_recommendation": entry.get("recommendation", False),
                "note": entry.get("note", ""),
                "note_en": entry.get("note_en", ""),
                "status": Status.PUBLISHED,
            },
        )
        sources[source.key] = source
        counts["sources"] += 1

    for position, data in enumerate(keynote.PERIODS, start=1):
        period = _upsert(
            Period,
            {"slug": data["slug"]},
            {
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
            },
        )
        counts["periods"] += 1
        counts["citations"] += _cite(
            "period", period, [(key, "") for key in keynote.PERIOD_SOURCES], sources
        )

        top_level = _save_characteristics(period, data["characteristics"], sources, counts)

        for event_data in data["events"]:
            bullet = event_data.get("bullet")
            event = _upsert(
                Event,
                {"slug": event_data["slug"]},
                {
                    "period": period,
                    "year": event_data["year"],
                    "title": event_data["title"],
                    "title_en": event_data["title_en"],
                    "text": event_data["text"],
                    "text_en": event_data["text_en"],
                    "level": event_data["level"],
                    "kind": event_data["kind"],
                    "characteristic": top_level[bullet - 1] if bullet else None,
                    "status": Status.PUBLISHED,
                },
            )
            counts["events"] += 1
            counts["citations"] += _cite("event", event, event_data.get("cite", []), sources)

    for data in keynote.THESES:
        thesis = _upsert(
            Thesis,
            {"number": data["number"]},
            {
                "title": data["title"],
                "title_en": data["title_en"],
                "explanation": data["explanation"],
                "explanation_en": data["explanation_en"],
                "status": Status.PUBLISHED,
            },
        )
        counts["theses"] += 1
        counts["citations"] += _cite("thesis", thesis, data["cite"], sources)
        for position, quote in enumerate(data["quotes"], start=1):
            _upsert(
                Quote,
                {"thesis": thesis, "position": position},
                {
                    "text": quote["text"],
                    "translation_en": quote["translation_en"],
                    "source": sources[quote["source"]],
                    "pages": quote["pages"],
                },
            )
            counts["quotes"] += 1
        thesis.quotes.filter(position__gt=len(data["quotes"])).delete()
    return counts
