"""The timeline picture on the pages: ``/geschichte/`` (both orientations) and the
Leichte-Sprache pages, in German and English; its links, its filters and its text twin."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from timeline import views
from timeline.models import Event, Period, Status
from timeline.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

ORIENTATIONS = ("horizontal", "vertical")
_SVG = re.compile(r'<svg class="tl-svg tl-svg--(\w+)".*?</svg>', re.S)


@pytest.fixture(autouse=True)
def _this_year(monkeypatch):
    """The axis runs to 2026 in every test, whatever the date."""
    monkeypatch.setattr(views, "current_year", lambda: 2026)


def pictures(html: str) -> dict[str, ET.Element]:
    """The page's timeline pictures, parsed as XML (inline SVG must be well formed)."""
    # The portal's own response in a test, not untrusted input.
    return {
        match.group(1): ET.fromstring(match.group(0))  # noqa: S314
        for match in _SVG.finditer(html)
    }


def _visible_texts(element: ET.Element, hidden: bool = False) -> list[str]:
    """Every <text> a screen reader can reach: the axis (aria-hidden) is left out."""
    hidden = hidden or element.get("aria-hidden") == "true"
    texts = []
    if element.tag == "text" and not hidden:
        texts.append(" ".join("".join(element.itertext()).split()))
    for child in element:
        texts.extend(_visible_texts(child, hidden))
    return texts


def marks(svg: ET.Element) -> list[ET.Element]:
    return [a for a in svg.iter("a") if "tl-mark" in a.get("class", "")]


def label_of(link: ET.Element) -> str:
    return " ".join(" ".join("".join(t.itertext()).split()) for t in link.iter("text"))


class _Text(HTMLParser):
    """The text of an HTML fragment as it reads: blocks apart, inline elements joined
    ("<time>1970</time>–<time>1979</time>" is "1970–1979"), whitespace collapsed."""

    BLOCKS = frozenset({"p", "li", "ol", "ul", "div", "h2", "h3", "h4", "section", "span"})

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return parser.text()


def twin(html: str) -> str:
    """The text list under the picture of the overview."""
    return text_of(html.split('<ol class="timeline">', 1)[1].split("</main>", 1)[0])


def get(client, url: str) -> str:
    caches["default"].clear()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- structure ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_overview_draws_the_timeline_in_both_orientations_with_title_and_description(
    client, seeded, prefix
):
    html = get(client, f"{prefix}/geschichte/")
    svgs = pictures(html)
    assert set(svgs) == set(ORIENTATIONS)
    for orientation, svg in svgs.items():
        assert svg.get("role") == "group"
        key = "h" if orientation == "horizontal" else "v"
        assert svg.get("aria-labelledby") == f"zeitleiste-{key}-title"
        assert svg.find("title").get("id") == f"zeitleiste-{key}-title"
        assert svg.find("desc").get("id") == f"zeitleiste-{key}-desc"
        # Five periods, each a link to its page, with its focus written on its band.
        bands = [a for a in svg.iter("a") if "tl-band__link" in a.get("class", "")]
        assert len(bands) == 5
    desc = svgs["horizontal"].find("desc").text
    if prefix:
        assert svgs["horizontal"].find("title").text == "Timeline from 1970 to today"
        assert "Events with a year, as a dot in their year: 11." in desc
        shown = " ".join(_visible_texts(svgs["horizontal"]))
        assert "Focus on labour migrants and their families" in shown
    else:
        assert svgs["horizontal"].find("title").text == "Zeitleiste von 1970 bis heute"
        assert "Ereignisse mit Jahr, als Punkt in ihrem Jahr: 11." in desc
        assert "über den ganzen Zeitabschnitt: 12." in desc


def test_every_event_is_a_mark_and_every_mark_links_to_its_event(client, seeded):
    html = get(client, "/geschichte/")
    events = list(Event.objects.public().select_related("period"))
    assert len(events) == 23
    for svg in pictures(html).values():
        links = marks(svg)
        assert sorted(a.get("href") for a in links) == sorted(e.get_absolute_url() for e in events)
        for link in links:
            # An accessible name that begins with what the picture shows.
            name = link.get("aria-label")
            assert name and name.startswith(label_of(link)), (name, label_of(link))
    # Each link leads to an event on its period's page.
    for event in events[:3] + events[-3:]:
        page = get(client, event.period.get_absolute_url())
        assert f'id="ereignis-{event.slug}"' in page


def test_dated_events_are_dots_at_their_year_undated_ones_bars_over_their_period(client, seeded):
    svg = pictures(get(client, "/geschichte/"))["horizontal"]
    by_href = {a.get("href"): a for a in marks(svg)}
    asylum = by_href["/geschichte/1990er/#ereignis-1993-asylkompromiss-art-16a-gg"]
    assert "tl-mark--point" in asylum.get("class")
    assert asylum.find("circle") is not None
    assert label_of(asylum).startswith("1993 ")
    concepts = by_href["/geschichte/1990er/#ereignis-kommunale-integrationskonzepte"]
    assert "tl-mark--span" in concepts.get("class")
    assert concepts.find("circle") is None
    # The bar lies within the 1990s band, from its first to its last year.
    band = next(
        rect
        for rect in svg.iter("rect")
        if "tl-stripe" in rect.get("class", "")
        and float(rect.get("x"))
        <= float(asylum.find("circle").get("cx"))
        < float(rect.get("x")) + float(rect.get("width"))
    )
    bar = next(r for r in concepts.iter("rect") if r.get("class") == "tl-bar")
    assert float(band.get("x")) < float(bar.get("x"))
    assert float(bar.get("x")) + float(bar.get("width")) < float(band.get("x")) + float(
        band.get("width")
    )
    assert concepts.get("aria-label") == (
        "Kommunen entwickeln Integrationskonzepte – 1990er Jahre, Kommune, Institution"
    )


# --- filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ebene=state", {"level": "state"}),
        ("art=law", {"kind": "law"}),
        ("ebene=federal&art=migration", {"level": "federal", "kind": "migration"}),
    ],
)
def test_filters_change_the_marks_but_keep_every_period(client, seeded, query, expected):
    html = get(client, f"/geschichte/?{query}")
    wanted = sorted(e.get_absolute_url() for e in Event.objects.public().filter(**expected))
    assert wanted and len(wanted) < 23
    for svg in pictures(html).values():
        assert sorted(a.get("href") for a in marks(svg)) == wanted
        assert len([a for a in svg.iter("a") if "tl-band__link" in a.get("class", "")]) == 5
    assert "Ereignisse mit Jahr, als Punkt in ihrem Jahr: " in html


def test_a_filter_that_matches_nothing_leaves_the_bands(client, seeded):
    Event.objects.filter(level="eu").delete()
    html = get(client, "/geschichte/?ebene=eu")
    for svg in pictures(html).values():
        assert marks(svg) == []
        assert "1970er Jahre" in _visible_texts(svg)


def test_drafts_are_not_drawn_for_visitors_but_in_the_editors_preview(client, seeded, editor_user):
    period = Period.objects.get(slug="2000er")
    EventFactory(period=period, slug="entwurf-x", title="Entwurf X", status=Status.DRAFT)
    html = get(client, "/geschichte/")
    assert "Entwurf X" not in html
    client.force_login(editor_user)
    preview = client.get("/geschichte/vorschau/").content.decode()
    svg = pictures(preview)["horizontal"]
    hrefs = [a.get("href") for a in marks(svg)]
    assert "/geschichte/vorschau/2000er/#ereignis-entwurf-x" in hrefs
    assert all(href.startswith("/geschichte/vorschau/") for href in hrefs)


# --- the text twin -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/geschichte/", "/en/geschichte/", "/geschichte/?art=law"])
def test_the_list_under_the_picture_holds_every_label_the_picture_shows(client, seeded, url):
    html = get(client, url)
    listed = twin(html)
    for svg in pictures(html).values():
        texts = _visible_texts(svg)
        assert len(texts) > 20
        for text in texts:
            assert text in listed, f"{text!r} is in the picture but not in the list"
        # Whole labels too, not only their lines.
        for link in marks(svg):
            assert label_of(link).split(" ", 1)[-1] in listed


def test_undated_events_name_their_period_instead_of_no_year(client, seeded):
    for url in ("/geschichte/", "/geschichte/1970er/", "/en/geschichte/", "/en/geschichte/1970er/"):
        html = get(client, url)
        assert "ohne Jahr" not in html and "no year" not in html
    overview = get(client, "/geschichte/")
    assert '<span class="timeline-year timeline-year--undated">1970er Jahre</span>' in overview
    english = get(client, "/en/geschichte/1970er/")
    assert '<span class="timeline-year timeline-year--undated">1970s</span>' in english
    assert "instead of a year, the keynote assigns it to the whole period" in english
    # A period whose events all have a year needs no such note.
    Event.objects.filter(period__slug="1990er", year__isnull=True).update(year=1995)
    assert "statt einer Jahreszahl" not in get(client, "/geschichte/1990er/")


# --- Leichte Sprache -----------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_leichte_sprache_page_shows_all_periods_its_own_marked_and_its_years(
    client, seeded, prefix
):
    html = get(client, f"{prefix}/geschichte/ab-2010er/leichte-sprache/")
    svgs = pictures(html)
    assert set(svgs) == set(ORIENTATIONS)
    here = "You are here" if prefix else "Sie sind hier"
    for svg in svgs.values():
        bands = [a for a in svg.iter("a") if "tl-band__link" in a.get("class", "")]
        assert [a.get("href") for a in bands] == [
            f"{prefix}/geschichte/{slug}/leichte-sprache/"
            for slug in ("1970er", "1980er", "1990er", "2000er", "ab-2010er")
        ]
        assert [a.get("aria-current") for a in bands] == [None, None, None, None, "page"]
        assert here in _visible_texts(svg)
        # The years the sentences name, each a link to its sentence on this page.
        links = marks(svg)
        assert [label_of(a) for a in links] == ["2012", "2015", "2021", "2022"]
        for link in links:
            sentence_id = link.get("href").removeprefix("#")
            sentence = re.search(rf'<p [^>]*id="{sentence_id}"[^>]*>([^<]+)</p>', html).group(1)
            assert link.get("aria-label") == sentence
            assert label_of(link) in sentence
        # Its twin: the sentences and the list of all periods under the picture.
        listed = text_of(html.split('<div class="timeline-easy__text">', 1)[1])
        for text in _visible_texts(svg):
            assert text in listed, text


def test_leichte_sprache_page_links_a_period_without_easy_text_to_its_full_page(client, seeded):
    Period.objects.filter(slug="1980er").update(easy_summary="")
    html = get(client, "/geschichte/1970er/leichte-sprache/")
    hrefs = [a.get("href") for a in pictures(html)["horizontal"].iter("a")]
    assert "/geschichte/1980er/" in hrefs
    assert "/geschichte/1980er/leichte-sprache/" not in hrefs


# --- stable, cheap, printable ----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/geschichte/", "/en/geschichte/", "/geschichte/1990er/leichte-sprache/"]
)
def test_the_picture_is_the_same_byte_for_byte_on_every_rendering(client, seeded, url):
    first = _SVG.findall(get(client, url))
    again = _SVG.findall(get(client, url))
    assert first == again
    html = get(client, url)
    ids = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    # The only ids are the fixed ones of title and description.
    for svg in ids:
        assert set(re.findall(r' id="([^"]+)"', svg)) <= {
            "zeitleiste-h-title",
            "zeitleiste-h-desc",
            "zeitleiste-v-title",
            "zeitleiste-v-desc",
        }
    # Coordinates use a decimal point, whatever the language's number format.
    assert not re.search(r'(?:x|y|width|height|cx|cy)="[\d.]*,', html)


def test_the_picture_has_a_print_style_and_a_phone_orientation():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "timeline-chart.css").read_text()
    print_rules = css.split("@media print", 1)[1]
    assert "@page timeline-chart" in css and "landscape" in css
    assert ".tl-chart__frame--vertical { display: none !important; }" in print_rules
    phone_rules = css.split("@media (max-width: 45em)", 1)[1].split("}\n}", 1)[0]
    assert ".tl-chart__frame--horizontal { display: none; }" in phone_rules
    assert ".tl-link:focus-visible" in css


def test_overview_links_the_pictures_stylesheet_and_a_way_past_the_picture(client, seeded):
    html = get(client, "/geschichte/")
    assert 'href="/static/css/timeline-chart.css"' in html
    assert '<a class="kern-link" href="#liste">' in html
    assert 'id="liste"' in html
