"""The directory in numbers: how many actors per level, kind and member municipality.

Each chart is one grouped query over the actors the viewer may see (``visible_to``),
drawn as a bar chart (``core.figures.bar_chart``) with the numbers written out, each bar
linked in its table twin to the directory filtered to it. The directory renders them in
a fragment cached per content version, visibility and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from actors import codes
from actors.models import Actor, Kind, Level, Sector
from core.figures import Bar, Figure, bar_chart
from core.permissions import is_internal

#: Most municipalities a chart shows one by one (the largest first); the rest are one bar.
MUNICIPALITY_LIMIT = 20


@dataclass
class Chart:
    figure: Figure
    bars: list[Bar]
    heading: str  # the twin's first column


def _directory_url(**params) -> str:
    return f"{reverse('actors:list')}?{urlencode(params)}"


def _figure_description(subject: str, bars: list[Bar]) -> str:
    total = sum(bar.count for bar in bars)
    parts = "; ".join(f"{bar.label}: {bar.count}" for bar in bars)
    return ngettext(
        "%(total)s Akteur im Verzeichnis %(subject)s: %(parts)s.",
        "%(total)s Akteure im Verzeichnis %(subject)s: %(parts)s.",
        total,
    ) % {"total": total, "subject": subject, "parts": parts}


def _by_choice(user, *, field: str, parameter: str, choice_codes: dict, choices, **text) -> Chart:
    """Actors per value of a choice field, in the choices' order, each bar linked to the
    directory filtered by ``parameter`` (one query)."""
    counts = dict(
        Actor.objects.visible_to(user)
        .order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
        .values_list(field, "n")
    )
    bars = [
        Bar(str(label), counts.get(value, 0), _directory_url(**{parameter: code}))
        for code, (value, label) in zip(choice_codes, choices, strict=True)
    ]
    description = _figure_description(text["subject"], bars)
    return Chart(bar_chart(text["slug"], text["title"], description, bars), bars, text["heading"])


def by_level(user) -> Chart:
    """Actors per political level, in the levels' order (one query)."""
    return _by_choice(
        user,
        field="level",
        parameter="ebene",
        choice_codes=codes.LEVEL_CODES,
        choices=Level.choices,
        slug="akteure-nach-ebene",
        title=gettext("Akteure nach Ebene"),
        subject=gettext("nach Ebene"),
        heading=gettext("Ebene"),
    )


def by_kind(user) -> Chart:
    """Actors per kind (the four groups of section 6 of the keynote; one query)."""
    return _by_choice(
        user,
        field="kind",
        parameter="art",
        choice_codes=codes.KIND_CODES,
        choices=Kind.choices,
        slug="akteure-nach-art",
        title=gettext("Akteure nach Art"),
        subject=gettext("nach Art"),
        heading=gettext("Art"),
    )


def municipality_counts(user) -> list[tuple[str, str, int]]:
    """``(slug, name, actors)`` per member municipality, the largest first: the town
    itself and the actors working in it, as the directory's filter ``kommune`` counts
    them (one query). An internal municipality is left out for anonymous visitors."""
    actors = Actor.objects.visible_to(user).filter(
        Q(municipality__isnull=False) | Q(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)
    )
    if not is_internal(user):
        actors = actors.filter(Q(municipality__isnull=True) | Q(municipality__is_public=True))
    rows = (
        actors.annotate(
            place_slug=Coalesce("municipality__slug", "slug"),
            place_name=Coalesce("municipality__name", "name"),
        )
        .order_by()
        .values("place_slug", "place_name")
        .annotate(n=Count("pk"))
    )
    return sorted(
        ((row["place_slug"], row["place_name"], row["n"]) for row in rows),
        key=lambda row: (-row[2], row[1], row[0]),
    )


def by_municipality(user) -> Chart:
    """Actors per member municipality (one query); beyond ``MUNICIPALITY_LIMIT`` the
    rest as one bar."""
    rows = municipality_counts(user)
    bars = [
        Bar(name, count, _directory_url(kommune=slug))
        for slug, name, count in rows[:MUNICIPALITY_LIMIT]
    ]
    rest = rows[MUNICIPALITY_LIMIT:]
    if rest:
        label = ngettext("%(count)s weitere Kommune", "%(count)s weitere Kommunen", len(rest)) % {
            "count": len(rest)
        }
        bars.append(Bar(label, sum(count for _slug, _name, count in rest)))
    title = gettext("Akteure nach Kommune")
    figure = bar_chart(
        "akteure-nach-kommune",
        title,
        _figure_description(gettext("in den Städten und Gemeinden des Kreises"), bars),
        bars,
    )
    return Chart(figure, bars, gettext("Stadt oder Gemeinde"))


def directory_charts(user) -> list[Chart]:
    """The three charts of the directory: three queries."""
    return [by_level(user), by_kind(user), by_municipality(user)]
