"""The published history for reuse: a TimelineJS JSON and an iCalendar feed (RFC 5545).

Both hold the published events of published periods only (``Event.objects.public()``),
never drafts; events without a year (the keynote gives them only their period) are left
out, as neither format has a place for them. Both are cached as the history pages are
(``timeline/urls.py``: the history's content version).

TimelineJS (https://timeline.knightlab.com/docs/json-format.html): ``events`` with
``start_date`` (year, and month and day where the date is known), ``text`` (headline and
text) and ``group`` (the period), and one ``era`` per period.

iCalendar: one ``VEVENT`` per dated event, all-day (``DTSTART;VALUE=DATE``: the date, or
1 January of the year), ``UID`` from the event's fixed short name, ``DTSTAMP`` its last
change (so the same content gives the same feed), lines ending in CRLF and folded at
75 octets, text values escaped (``\\``, ``;``, ``,``, newlines).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from timeline.models import Event, Period

# --- the data ------------------------------------------------------------------------------


def published_periods() -> list[Period]:
    return list(Period.objects.published().order_by("position", "start_year"))


def published_events() -> list[Event]:
    """Published, dated events of published periods, in the order of the timeline."""
    return list(Event.objects.public().filter(year__isnull=False).select_related("period"))


# --- TimelineJS ----------------------------------------------------------------------------


def _date(year: int, date: datetime.date | None = None) -> dict:
    value = {"year": year}
    if date is not None:
        value.update(month=date.month, day=date.day)
    return value


def timelinejs(*, base: str, periods: list[Period], events: list[Event]) -> dict:
    """The history in TimelineJS's JSON format (texts in the active language)."""
    this_year = timezone.localdate().year
    return {
        "title": {
            "text": {
                "headline": _("Geschichte der kommunalen Integrationsarbeit"),
                "text": _("Ereignisse und Zeitabschnitte aus der Keynote des Portals."),
            }
        },
        "eras": [
            {
                "start_date": _date(period.start_year),
                "end_date": _date(period.end_year or max(this_year, period.start_year)),
                "text": {"headline": str(period.t.title)},
            }
            for period in periods
        ],
        "events": [
            {
                "unique_id": event.slug,
                "start_date": _date(event.year, event.date),
                "text": {"headline": str(event.t.title), "text": str(event.t.text)},
                "group": str(event.period.t.title),
                "display_date": event.date.isoformat() if event.date else str(event.year),
                "url": f"{base}{event.get_absolute_url()}",
            }
            for event in events
        ],
    }


# --- iCalendar -----------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a character."""
    parts = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            parts.append(current.decode())
            current = b""
            limit = 74  # continuation lines begin with a space
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def icalendar(*, base: str, host: str, events: list[Event]) -> str:
    """The dated events as an iCalendar feed (texts in the active language)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Integrationsportal//Geschichte//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(_('Geschichte der kommunalen Integrationsarbeit'))}",
    ]
    for event in events:
        day = event.date or datetime.date(event.year, 1, 1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:ereignis-{event.slug}@{host}",
            f"DTSTAMP:{_stamp(event.updated_at)}",
            f"LAST-MODIFIED:{_stamp(event.updated_at)}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"SUMMARY:{escape_text(str(event.t.title))}",
        ]
        text = str(event.t.text)
        if text:
            lines.append(f"DESCRIPTION:{escape_text(text)}")
        lines += [
            f"CATEGORIES:{escape_text(str(event.period.t.title))}",
            f"URL:{base}{event.get_absolute_url()}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)
