"""The query parameters of the HSDS API, checked before anything is read.

Each list endpoint names the parameters it takes; anything else, a value given twice
or a value that does not fit is refused with a 400 answer that names the parameter
(``BadRequest``). The same checked values build the cache key of the answer
(``variant``), so an invalid request is never cached and a valid one has one key
whatever the order of its parameters.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from core.caching import TEXT_VARIANT
from opendata import ids

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
#: Pages beyond this are refused: no client needs them (the data package has everything),
#: and an offset of that size would only cost the database.
MAX_PAGE = 100_000
MAX_SEARCH_LENGTH = 200

LIST = ("page", "per_page", "format")
FILTERS = ("search", "taxonomy_term_id", "modified_after")


class BadRequest(Exception):
    """A request the API refuses (HTTP 400), with a message naming the parameter."""

    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass
class Params:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: datetime.date | None = None
    full: bool = False
    given: dict = field(default_factory=dict)

    def variant(self) -> str:
        """The cache-key part of these values; free text and dates (unbounded) mark it
        as a text variant, kept in the bounded ``search`` cache."""
        parts = [f"{name}={value}" for name, value in sorted(self.given.items())]
        unbounded = self.search or self.modified_after is not None
        return (TEXT_VARIANT if unbounded else "") + "&".join(parts)


def _number(name: str, raw: str, low: int, high: int) -> int:
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise BadRequest(f"'{name}' must be a whole number from {low} to {high}.", name)
    value = int(text)
    if not low <= value <= high:
        raise BadRequest(f"'{name}' must be a whole number from {low} to {high}.", name)
    return value


def _uuid(name: str, raw: str) -> str:
    value = ids.parse(raw)
    if value is None:
        raise BadRequest(
            f"'{name}' must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.", name
        )
    return str(value)


def _text(name: str, raw: str) -> str:
    text = raw.strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise BadRequest(f"'{name}' must not be longer than {MAX_SEARCH_LENGTH} characters.", name)
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in text):
        raise BadRequest(f"'{name}' must not contain control characters.", name)
    return text


def _date(name: str, raw: str) -> datetime.date:
    """An ISO 8601 date or date and time; a time without a zone is Europe/Berlin."""
    text = raw.strip()
    try:
        moment = parse_datetime(text)
        day = None if moment is not None else parse_date(text)
    except ValueError:
        moment = day = None
    if moment is not None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return timezone.localtime(moment).date()
    if day is None:
        raise BadRequest(
            f"'{name}' must be an ISO 8601 date or date and time, such as 2024-09-19 or "
            "2024-09-19T10:00:00+02:00.",
            name,
        )
    return day


def _boolean(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise BadRequest(f"'{name}' must be true or false.", name)


READERS = {
    "page": lambda raw: ("page", _number("page", raw, 1, MAX_PAGE)),
    "per_page": lambda raw: ("per_page", _number("per_page", raw, 1, MAX_PER_PAGE)),
    "search": lambda raw: ("search", _text("search", raw)),
    "taxonomy_term_id": lambda raw: ("taxonomy_term_id", _uuid("taxonomy_term_id", raw)),
    "taxonomy_id": lambda raw: ("taxonomy_id", _uuid("taxonomy_id", raw)),
    "organization_id": lambda raw: ("organization_id", _uuid("organization_id", raw)),
    "modified_after": lambda raw: ("modified_after", _date("modified_after", raw)),
    "full": lambda raw: ("full", _boolean("full", raw)),
}


def parse(query, allowed: tuple[str, ...]) -> Params:
    """The checked parameters of a request's query string (``request.GET``)."""
    unknown = sorted(name for name in query if name not in allowed)
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        accepted = ", ".join(allowed) or "none"
        raise BadRequest(
            f"Unknown parameter {names}. This endpoint accepts: {accepted}.", unknown[0]
        )
    params = Params()
    for name in query:
        values = query.getlist(name)
        if len(values) > 1:
            raise BadRequest(f"'{name}' is given more than once.", name)
        raw = values[0]
        if name == "format":
            if raw.strip().lower() != "json":
                raise BadRequest("'format' must be json (the only format of this API).", name)
            continue
        attribute, value = READERS[name](raw)
        if value in ("", None):
            continue
        setattr(params, attribute, value)
        params.given[attribute] = value.isoformat() if isinstance(value, datetime.date) else value
    return params
