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


def by_level(user) -> Chart:
    """Actors per political level, in the levels' order (one query)."""
    counts = dict(
        Actor.objects.visible_to(user)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    bars = [
        Bar(str(label), counts.get(value, 0), _directory_url(ebene=code))
        for code, (value, label) in zip(codes.LEVEL_CODES, Level.choices, strict=True)
    ]
    title = gettext("Akteure nach Ebene")
    figure = bar_chart(
        "akteure-nach-ebene", title, _figure_description(gettext("nach Ebene"), bars), bars
    )
    return Chart(figure, bars, gettext("Ebene"))


def by_kind(user) -> Chart:
    """Actors per kind (the four groups of section 6 of the keynote; one query)."""
    counts = dict(
        Actor.objects.visible_to(user)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    bars = [
        Bar(str(label), counts.get(value, 0), _directory_url(art=code))
        for code, (value, label) in zip(codes.KIND_CODES, Kind.choices, strict=True)
    ]
    title = gettext("Akteure nach Art")
    figure = bar_chart(
        "akteure-nach-art", title, _figure_description(gettext("nach Art"), bars), bars
    )
    return Chart(figure, bars, gettext("Art"))


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
