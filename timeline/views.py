"""Public pages of the history, and the editors' previews of drafts.

Each page builds its queries in one place with a fixed number of queries (pinned in
``test_caching_and_queries.py``). Public pages are wrapped in
``core.caching.cache_public_page`` in ``urls.py``, keyed on the history's content version;
previews (``preview=True``) show drafts, only to editors, never cached.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from django.contrib.auth.mixins import AccessMixin
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import permissions
from core.caching import form_variant, no_query_variant
from timeline import chart, feeds
from timeline.filters import EventFilter
from timeline.models import Citation, Event, Period, Quote, Source, Status, Thesis


class TimelinePage(AccessMixin, TemplateView):
    """Common ground of all timeline pages: preview access, canonical URL, fallbacks."""

    preview = False
    #: Whether search engines are told to leave the page alone (every preview).
    noindex = False
    #: URL name of the public page (for the canonical link and the preview banner).
    public_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if self.preview and not permissions.is_editor(request.user):
            return self.handle_no_permission()
        response = super().dispatch(request, *args, **kwargs)
        if self.preview or self.noindex:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @staticmethod
    def cache_variant(request) -> str | None:
        """What the page cache keys this page on: no query parameters at all."""
        return no_query_variant(request)

    def public_path(self) -> str:
        return reverse(self.public_url_name, kwargs=self.kwargs)

    def translated_objects(self, context) -> list:
        """The objects of the page whose English text may be missing."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview
        context["public_path"] = self.public_path()
        context["canonical_url"] = self.request.build_absolute_uri(context["public_path"])
        context["shows_fallback"] = get_language() == "en" and any(
            obj.missing_translations() for obj in self.translated_objects(context)
        )
        return context


def _period_citations(period: Period, *, preview: bool):
    """All citations on a period page (period, characteristics, events) in one query."""
    citations = Citation.objects.filter(
        Q(period=period) | Q(characteristic__period=period) | Q(event__period=period)
    ).select_related("source")
    if not preview:
        citations = citations.filter(source__status=Status.PUBLISHED)
    return citations.order_by("position", "pk")


class OverviewView(TimelinePage):
    """The whole timeline at a glance, filterable by level and kind of event."""

    template_name = "timeline/overview.html"
    public_url_name = "timeline:overview"

    @staticmethod
    def cache_variant(request) -> str | None:
        """The validated level and kind filters; anything else is rendered uncached."""
        if not request.GET:
            # The overview as most visitors ask for it: building the filter set to learn
            # that took half of a cached answer's time.
            return ""
        return form_variant(EventFilter(request.GET).form)

    def get_context_data(self, **kwargs):
        events = Event.objects.visible(preview=self.preview)
        event_filter = EventFilter(self.request.GET or None, queryset=events)
        periods = list(
            Period.objects.visible(preview=self.preview).prefetch_related(
                Prefetch("events", queryset=event_filter.qs, to_attr="shown_events")
            )
        )
        kwargs.update(
            periods=periods,
            filter=event_filter,
            form=event_filter.form,
            event_count=sum(len(period.shown_events) for period in periods),
            period_count=len(periods),
            chart=history_chart(periods, preview=self.preview),
        )
        return super().get_context_data(**kwargs)

    def translated_objects(self, context) -> list:
        periods = context["periods"]
        return [*periods, *(event for period in periods for event in period.shown_events)]


class PeriodPage(TimelinePage):
    """A page of one period, found by its slug."""

    def get_period(self) -> Period:
        try:
            return Period.objects.visible(preview=self.preview).get(slug=self.kwargs["slug"])
        except Period.DoesNotExist:
            raise Http404(_("Diesen Zeitabschnitt gibt es nicht.")) from None


class PeriodView(PeriodPage):
    """One period in depth: focus, characteristics, events and sources."""

    template_name = "timeline/period.html"
    public_url_name = "timeline:period"

    def get_events(self, period: Period) -> list[Event]:
        return list(period.events.visible(preview=self.preview))

    def get_all_periods(self) -> list[Period]:
        return list(Period.objects.visible(preview=self.preview))

    def get_context_data(self, **kwargs):
        period = self.get_period()
        characteristics = list(period.characteristics.all())
        events = self.get_events(period)
        by_target: dict[tuple[str, int], list[Citation]] = {}
        sources: dict[int, Source] = {}
        for citation in _period_citations(period, preview=self.preview):
            for name in ("period", "characteristic", "event"):
                target_id = getattr(citation, f"{name}_id")
                if target_id:
                    by_target.setdefault((name, target_id), []).append(citation)
            sources.setdefault(citation.source_id, citation.source)
        for characteristic in characteristics:
            characteristic.shown_citations = by_target.get(
                ("characteristic", characteristic.pk), []
            )
        for event in events:
            event.shown_citations = by_target.get(("event", event.pk), [])
        top_level = [c for c in characteristics if c.parent_id is None]
        for characteristic in top_level:
            characteristic.shown_children = [
                child for child in characteristics if child.parent_id == characteristic.pk
            ]
        all_periods = self.get_all_periods()
        index = next((i for i, p in enumerate(all_periods) if p.pk == period.pk), None)
        if index is None:  # a period not (yet) among them: an editor's draft
            all_periods, index = [*all_periods, period], len(all_periods)
        kwargs.update(
            period=period,
            characteristics=top_level,
            all_characteristics=characteristics,
            events=events,
            has_period_events=any(event.year is None for event in events),
            sources=sorted(sources.values(), key=lambda s: (s.authors, s.year or 0)),
            all_periods=all_periods,
            previous_period=all_periods[index - 1] if index > 0 else None,
            next_period=all_periods[index + 1] if index + 1 < len(all_periods) else None,
            meta_description=Truncator(period.t.summary).chars(155),
        )
        return super().get_context_data(**kwargs)

    def translated_objects(self, context) -> list:
        return [context["period"], *context["all_characteristics"], *context["events"]]


class PeriodEasyView(PeriodPage):
    """The Leichte-Sprache summary of a period (plain English on the English site), with
    the timeline of all periods in easy words: the page's own period marked, the years its
    sentences name as marks that lead to those sentences.

    One query: all periods at once, the page's own among them."""

    template_name = "timeline/period_easy.html"
    public_url_name = "timeline:period_easy"

    @cached_property
    def all_periods(self) -> list[Period]:
        return list(Period.objects.visible(preview=self.preview))

    def get_period(self) -> Period:
        period = next((p for p in self.all_periods if p.slug == self.kwargs["slug"]), None)
        if period is None:
            raise Http404(_("Diesen Zeitabschnitt gibt es nicht."))
        return period

    def periods_with(self, period: Period) -> list[Period]:
        """All periods, with the page's own as shown (an editor's draft replaces its row)."""
        others = [p for p in self.all_periods if p.pk != period.pk]
        return sorted([*others, period], key=lambda p: (p.position, p.start_year, p.pk))

    def get_context_data(self, **kwargs):
        period = self.get_period()
        if not period.easy_summary.strip():
            raise Http404(_("Für diesen Zeitabschnitt gibt es keine Fassung in Leichter Sprache."))
        sentences = period.easy_sentences()
        periods = self.periods_with(period)
        for other in periods:
            other.span_text = period_span(other)
        kwargs.update(
            period=period,
            sentences=sentences,
            easy_periods=periods,
            chart=easy_chart(periods, period, sentences, preview=self.preview),
        )
        return super().get_context_data(**kwargs)

    def translated_objects(self, context) -> list:
        period = context["period"]
        return [period] if period.localized("easy_summary").is_fallback else []


class ThesesView(TimelinePage):
    """The keynote's six theses with explanations, quotes and citations."""

    template_name = "timeline/theses.html"
    public_url_name = "timeline:theses"

    def get_theses(self) -> list[Thesis]:
        quotes = Quote.objects.select_related("source").order_by("position")
        citations = Citation.objects.select_related("source").order_by("position", "pk")
        if not self.preview:
            quotes = quotes.filter(source__status=Status.PUBLISHED)
            citations = citations.filter(source__status=Status.PUBLISHED)
        theses = Thesis.objects.visible(preview=self.preview).prefetch_related(
            Prefetch("quotes", queryset=quotes, to_attr="shown_quotes"),
            Prefetch("citations", queryset=citations, to_attr="shown_citations"),
        )
        return list(theses)

    def get_context_data(self, **kwargs):
        kwargs["theses"] = self.get_theses()
        return super().get_context_data(**kwargs)

    def translated_objects(self, context) -> list:
        return context["theses"]


class BibliographyView(TimelinePage):
    """The bibliography; each entry links back to where it is cited."""

    template_name = "timeline/bibliography.html"
    public_url_name = "timeline:bibliography"

    def get_sources(self) -> list[Source]:
        """The sources in order, each with the places it is cited (``cited_in``)."""
        citations = Citation.objects.select_related(
            "period", "characteristic__period", "event__period", "thesis"
        ).order_by("pk")
        quotes = Quote.objects.select_related("thesis").order_by("thesis__number", "position")
        if not self.preview:
            published = Status.PUBLISHED
            citations = citations.filter(
                Q(period__status=published)
                | Q(characteristic__period__status=published)
                | Q(event__status=published, event__period__status=published)
                | Q(thesis__status=published)
            )
            quotes = quotes.filter(thesis__status=published)
        sources = list(
            Source.objects.visible(preview=self.preview).prefetch_related(
                Prefetch("citations", queryset=citations, to_attr="shown_citations"),
                Prefetch("quotes", queryset=quotes, to_attr="shown_quotes"),
            )
        )
        for source in sources:
            source.cited_in = _cited_in(source)
        return sources

    def get_context_data(self, **kwargs):
        sources = self.get_sources()
        kwargs.update(
            listed=[s for s in sources if s.in_keynote_bibliography and not s.is_recommendation],
            recommended=[s for s in sources if s.is_recommendation],
            unlisted=[s for s in sources if not s.in_keynote_bibliography],
        )
        return super().get_context_data(**kwargs)

    def translated_objects(self, context) -> list:
        return [*context["listed"], *context["recommended"], *context["unlisted"]]


def _cited_in(source: Source) -> list[dict]:
    """Where a source is cited: one link per place (a period, an event, a thesis …)."""
    places: dict[str, dict] = {}
    for citation in source.shown_citations:
        if citation.period_id:
            period = citation.period
            anchor = f"{period.get_absolute_url()}#quellen"
            label = period.t.title
        elif citation.characteristic_id:
            period = citation.characteristic.period
            anchor = f"{period.get_absolute_url()}#merkmal-{citation.characteristic.position}"
            text = Truncator(citation.characteristic.t.text).words(6)
            label = f"{period.t.title}: {text}"
        elif citation.event_id:
            anchor = citation.event.get_absolute_url()
            label = f"{citation.event.period.t.title}: {citation.event.t.title}"
        else:
            anchor = citation.thesis.get_absolute_url()
            label = _("These %(number)s") % {"number": citation.thesis.number}
        places.setdefault(anchor, {"url": anchor, "label": label})
    for quote in source.shown_quotes:
        anchor = f"{reverse('timeline:theses')}#zitat-{quote.thesis.number}-{quote.position}"
        label = _("Zitat zu These %(number)s") % {"number": quote.thesis.number}
        places.setdefault(anchor, {"url": anchor, "label": label})
    return list(places.values())


# --- The timeline as a picture (timeline/chart.py draws it) --------------------------------


def current_year() -> int:
    """The year the axis runs to (tests set it, so that their pictures do not age)."""
    return timezone.localdate().year


def _lang(text) -> str:
    """The lang attribute of a text that fell back to German on the English site."""
    return text.lang if getattr(text, "is_fallback", False) else ""


def period_span(period: Period) -> str:
    """A period's years in words, as ``timeline/includes/period_years.html`` writes them."""
    if period.end_year:
        return f"{period.start_year}–{period.end_year}"
    return _("seit %(start)s") % {"start": period.start_year}


def _period_href(period: Period, *, preview: bool, easy: bool = False) -> str:
    name = "period_easy" if easy else "period"
    return reverse(f"timeline:{'preview_' if preview else ''}{name}", kwargs={"slug": period.slug})


def _band(period: Period, href: str, *, focus: bool = True, current: bool = False):
    title, focus_text = period.t.title, period.t.focus
    return chart.BandSpec(
        key=period.slug,
        title=str(title),
        start=period.start_year,
        end=period.end_year,
        href=href,
        span=period_span(period),
        focus=str(focus_text) if focus else "",
        current=current,
        title_lang=_lang(title),
        focus_lang=_lang(focus_text) if focus else "",
    )


def event_mark(event: Event, period: Period, href: str) -> chart.MarkSpec:
    """An event as a mark; its link's name begins with the label the picture shows."""
    title = event.t.title
    label = f"{event.year} {title}" if event.year is not None else str(title)
    values = {
        "label": label,
        "level": event.get_level_display(),
        "kind": event.get_kind_display(),
        "period": period.t.title,
    }
    if event.year is not None:
        name = _("%(label)s – %(level)s, %(kind)s") % values
    else:
        name = _("%(label)s – %(period)s, %(level)s, %(kind)s") % values
    return chart.MarkSpec(
        key=event.slug,
        band=period.slug,
        year=event.year,
        title=str(title),
        href=f"{href}#ereignis-{event.slug}",
        name=name,
        title_lang=_lang(title),
    )


def history_chart(periods: list[Period], *, preview: bool) -> dict:
    """The overview's timeline in both orientations, from the periods and the events the
    filters let through (``period.shown_events``): no query of its own."""
    bands, marks = [], []
    for period in periods:
        href = _period_href(period, preview=preview)
        bands.append(_band(period, href))
        marks.extend(event_mark(event, period, href) for event in period.shown_events)
    year = current_year()
    today = _("heute")
    wide = replace(chart.WIDE, today_text=today)
    narrow = replace(chart.NARROW, today_text=today)
    horizontal = chart.horizontal(bands, marks, today=year, style=wide)
    dated = sum(1 for mark in marks if mark.year is not None)
    return {
        "horizontal": horizontal,
        "vertical": chart.vertical(bands, marks, today=year, style=narrow),
        "title": _("Zeitleiste von %(first)s bis heute") % {"first": horizontal.first_year},
        "description": _(
            "Zeitabschnitte als Bänder, mit den Gruppen im Fokus: %(periods)s. "
            "Ereignisse mit Jahr, als Punkt in ihrem Jahr: %(dated)s. "
            "Ereignisse, die die Keynote nur ihrem Zeitabschnitt zuordnet, als Balken über "
            "den ganzen Zeitabschnitt: %(undated)s. Dieselben Angaben stehen in der Liste "
            "unter dem Bild."
        )
        % {"periods": len(bands), "dated": dated, "undated": len(marks) - dated},
    }


# A year a Leichte-Sprache sentence names ("Im Jahr 1993 …"); "1970er" is no year.
_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d\w])")


def sentence_year(sentence: str) -> int | None:
    """The first year a sentence names, if any."""
    match = _YEAR.search(sentence)
    return int(match.group(1)) if match else None


def easy_chart(periods: list[Period], period: Period, sentences: list, *, preview: bool) -> dict:
    """The timeline of a Leichte-Sprache page: every period as a band (a link to its own
    page in Leichte Sprache, where it has one), the page's period marked, and the years its
    sentences name, each a link to its sentence (``#satz-N``)."""
    bands = [
        _band(
            other,
            _period_href(other, preview=preview, easy=bool(other.easy_summary.strip())),
            focus=False,
            current=other.pk == period.pk,
        )
        for other in periods
    ]
    marks = []
    for number, sentence in enumerate(sentences, start=1):
        year = sentence_year(sentence)
        if year is not None:
            marks.append(
                chart.MarkSpec(
                    key=f"satz-{number}",
                    band=period.slug,
                    year=year,
                    title="",
                    href=f"#satz-{number}",
                    name=str(sentence),
                )
            )
    year = current_year()
    here, today = _("Sie sind hier"), _("heute")
    wide = replace(chart.EASY_WIDE, here_text=here, today_text=today)
    narrow = replace(chart.EASY_NARROW, here_text=here, today_text=today)
    return {
        "horizontal": chart.horizontal(bands, marks, today=year, style=wide),
        "vertical": chart.vertical(bands, marks, today=year, style=narrow),
        "title": _("Die Zeit-Leiste"),
        "description": " ".join(
            [
                _("Die Zeit-Leiste zeigt alle Zeit-Abschnitte. Sie sind hier: %(title)s.")
                % {"title": period.t.title},
                *(
                    [_("Die Jahres-Zahlen führen zu den Sätzen mit diesen Jahren.")]
                    if marks
                    else []
                ),
            ]
        ),
    }


class TimelineJsonView(View):
    """``zeitleiste.json``: the published history in TimelineJS's format."""

    cache_variant = staticmethod(no_query_variant)

    def get(self, request):
        base = request.build_absolute_uri("/").rstrip("/")
        data = feeds.timelinejs(
            base=base, periods=feeds.published_periods(), events=feeds.published_events()
        )
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response


class CalendarView(View):
    """``ereignisse.ics``: the published, dated events as an iCalendar feed."""

    cache_variant = staticmethod(no_query_variant)

    def get(self, request):
        base = request.build_absolute_uri("/").rstrip("/")
        host = urlsplit(base).hostname or "localhost"
        body = feeds.icalendar(base=base, host=host, events=feeds.published_events())
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="ereignisse.ics"'
        response["Access-Control-Allow-Origin"] = "*"
        return response
