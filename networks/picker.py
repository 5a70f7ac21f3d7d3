"""The coordinators' actor picker: which actors match what was typed, and which are offered.

One notion of "matching" serves the picker without JavaScript (the search above the
list of checkboxes or radio buttons) and the suggestions of the combobox
(``static/js/actor-combobox.js``, ``networks:actor_suggestions``): an actor matches
when every word typed is part of its name, umlauts and case folded ("stadt erk" finds
"Stadt Erkelenz", "behorde" the "Ausländerbehörde"), or when its short name starts with
what was typed ("ABH"). Names starting with the text come first, then alphabetical.

It has to stay cheap at NRW scale (50,000 actors), because the combobox asks on every
pause in typing. It does not rank like the directory's search (``Actor.objects.search``,
whose ranking of thousands of matches costs 160 ms): a name's words are looked up in the
trigram index of the folded names (PostgreSQL: ``actor_name_folded_trgm`` on
``portal_fold(name)``; SQLite: the FTS5 trigram table; both from actors migration 0007),
and short names are read first as a short list of ids (a condition on them OR'ed into
the name's would cost the planner its index scan). Words shorter than three letters
have no trigram: they only narrow what the longer ones found, and a text of short words
alone is looked for among the short names only ("KI", "BA"). Measured with 50,000
actors and a network of 900 members on PostgreSQL 15 (``EXPLAIN ANALYZE``, the demo
data of ``seed_demo --scale nrw``): 30-45 ms for most texts ("stadt erk", "volksh",
"lambertus", "abh"), of which some 12 ms for the short names; up to about 180 ms for
the broadest texts ("beratung": 4,400 matches, "sch": 30,000), which the combobox asks
for only after a pause in typing.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from actors.models import Actor
from actors.search import TRIGRAM_TABLE, Fold, fold, trigram_fold
from networks.models import Membership, Network

#: The picker without JavaScript shows at most this many actors; the search narrows the rest.
PICKER_LIMIT = 100
#: The combobox suggests at most this many actors.
SUGGESTION_LIMIT = 10
#: What is typed counts up to this length and this many words.
MAX_TEXT_LENGTH = 100
MAX_WORDS = 5
#: Words of this length and more are looked up in the trigram index.
MIN_INDEXED_LENGTH = 3
#: At most this many actors are found by their short name.
MAX_SHORT_NAME_MATCHES = PICKER_LIMIT

_FOLDED_NAME = "_picker_folded_name"
_WORD = re.compile(r"[^\W_]+")
# The trigram table and its name are constants; the words are parameters.
_SQLITE_TRIGRAMS = f"SELECT rowid FROM {TRIGRAM_TABLE} WHERE {TRIGRAM_TABLE} MATCH %s"  # noqa: S608  # nosec B608


def clean_text(text: str) -> str:
    """What was typed, without NUL characters (PostgreSQL refuses them in a query) and
    cut to :data:`MAX_TEXT_LENGTH` (a long pattern costs time on every database)."""
    return " ".join(text.replace("\x00", "").split())[:MAX_TEXT_LENGTH]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())[:MAX_WORDS]


def _name_condition(queryset: QuerySet, words: list[str]) -> tuple[QuerySet, Q | None]:
    """The condition "every word is part of the name", or ``None`` when no word is long
    enough to be looked up in an index."""
    if not any(len(word) >= MIN_INDEXED_LENGTH for word in words):
        return queryset, None
    vendor = connections[queryset.db].vendor
    condition = Q()
    if vendor == "postgresql":
        queryset = queryset.alias(**{_FOLDED_NAME: Fold("name")})
        for word in words:
            condition &= Q(**{f"{_FOLDED_NAME}__contains": fold(word)})
    elif vendor == "sqlite":
        long = [trigram_fold(word) for word in words if len(word) >= MIN_INDEXED_LENGTH]
        match = " AND ".join('"' + word.replace('"', '""') + '"' for word in long)
        condition &= Q(pk__in=RawSQL(_SQLITE_TRIGRAMS, (match,)))  # noqa: S611  # nosec B611
        for word in words:
            if len(word) < MIN_INDEXED_LENGTH:
                condition &= Q(name__icontains=word)
    else:
        for word in words:
            condition &= Q(name__icontains=word)
    return queryset, condition


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """The actors of ``queryset`` that match ``text`` (see the module's docstring), in
    the picker's order; all of them, alphabetical, for an empty text.

    Runs one query at once (the ids of the actors found by their short name); the
    returned queryset is one more."""
    text = clean_text(text)
    if not text:
        return queryset.order_by("name", "pk")
    by_short_name = list(
        queryset.filter(short_name__istartswith=text)
        .order_by()
        .values_list("pk", flat=True)[:MAX_SHORT_NAME_MATCHES]
    )
    queryset, by_name = _name_condition(queryset, _words(text))
    condition = Q(pk__in=by_short_name)
    if by_name is not None:
        condition |= by_name
    starts = Case(
        When(name__istartswith=text, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    # Lower(name), not name: ordered by the name's own index, PostgreSQL would walk all
    # 50,000 names in order looking for rare matches.
    return queryset.filter(condition).order_by(starts, Lower("name"), "pk")


def suggestions(queryset: QuerySet, text: str, limit: int = SUGGESTION_LIMIT):
    """The first ``limit`` matching actors and whether there are more; each with the
    fields a suggestion shows and ``municipality_name``. Nothing for a text without a
    letter or digit. Two queries (short names, then names).

    The municipality is a subquery, not a join: PostgreSQL computes it for the rows
    returned only, after sorting the matches, which are narrow rows (not the whole
    actor with its description and search vector) so that thousands of them sort in
    memory."""
    if not _words(clean_text(text)):
        return [], False
    municipality = Actor.objects.filter(pk=OuterRef("municipality_id")).order_by().values("name")
    found = list(
        matching(queryset, text)
        .only("pk", "name", "short_name", "level", "municipality_id")
        .annotate(municipality_name=Subquery(municipality[:1]))[: limit + 1]
    )
    return found[:limit], len(found) > limit


def non_members(network: Network) -> QuerySet:
    """Actors that are not current members of the network: those the member picker offers."""
    current = Membership.objects.current().filter(network=network).values("actor_id")
    return Actor.objects.exclude(pk__in=current)


def choice_label(actor: Actor) -> str:
    """How the picker names an actor: "Ausländerbehörde (ABH) – Kreis"."""
    short = f" ({actor.short_name})" if actor.short_name else ""
    return f"{actor.name}{short} – {actor.get_level_display()}"


def suggestion(actor: Actor) -> dict:
    """One suggestion (an actor of :func:`suggestions`) as the combobox reads it."""
    return {
        "id": actor.pk,
        "name": actor.name,
        "short_name": actor.short_name,
        "level": str(actor.get_level_display()),
        "municipality": actor.municipality_name or "",
        "label": choice_label(actor),
    }
