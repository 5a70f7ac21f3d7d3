"""The history as a picture: years become positions, periods bands, events marks.

Pure geometry for the inline SVG of ``/geschichte/`` (and of the Leichte-Sprache pages):
no query, no request, no clock, nothing random. The same content, the same year and the
same language give the same picture, byte for byte, so a cached page and a screenshot
stay stable. The templates only write out what is computed here
(``timeline/includes/chart.html``); every coordinate leaves this module as a string with
a decimal point, never through the template's number formatting, which would write a
German decimal comma into the SVG.

Two orientations of the same content:

- **horizontal** (wide screens, print): a linear time axis from the first year (1970) to
  the last (today), the periods as vertical bands at their years, one row per event under
  the axis. A dated event is a dot at the middle of its year; an event the keynote gives
  no year for is a bar across its whole period, so it visibly belongs to that decade.
- **vertical** (phones): the periods one under the other along a vertical axis, each with
  its events in order; a dot for a dated event, a bar for one that belongs to the period
  as a whole. The height of a band follows its text, so along this axis the years are in
  order but not to scale.

Text is not measured by the browser (there is no script): the advance widths of the
portal's font (Fira Sans, regular and bold, from ``static/vendor/kern/fonts``) were
measured once in Chromium and are kept below, so that labels wrap to the room they have.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Advance widths of Fira Sans in thousandths of an em (Chromium, canvas measureText at
# 1000 px, fonts of static/vendor/kern/fonts/fira-sans); kerning is left out.
_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~ÄÖÜäöüßéèàáóúíñçÉ„“”‚‘’–—…·•€§°²³«»"
)
_REGULAR = (
    265, 241, 399, 518, 531, 826, 763, 219, 324, 324, 439, 499, 240, 403, 240, 520, 558, 433,
    495, 499, 532, 501, 533, 444, 551, 525, 240, 240, 500, 500, 500, 459, 1020, 573, 608, 560,
    644, 535, 491, 631, 680, 295, 305, 589, 498, 796, 683, 692, 581, 689, 605, 545, 517, 662,
    556, 826, 540, 550, 522, 322, 520, 322, 540, 520, 300, 544, 594, 478, 598, 550, 335, 520,
    586, 282, 280, 512, 293, 857, 586, 584, 594, 593, 386, 467, 361, 582, 492, 717, 485, 492,
    437, 322, 403, 322, 488, 573, 692, 662, 544, 584, 582, 593, 550, 550, 544, 544, 584, 582,
    282, 586, 478, 535, 406, 406, 406, 228, 228, 228, 520, 790, 738, 240, 324, 576, 533, 523,
    400, 400, 575, 566,
)  # fmt: skip
_BOLD = (
    237, 240, 439, 557, 549, 859, 790, 238, 325, 325, 449, 531, 240, 407, 240, 520, 585, 464,
    517, 520, 565, 536, 564, 468, 581, 560, 240, 240, 519, 519, 519, 481, 1020, 590, 617, 575,
    651, 526, 487, 645, 666, 293, 317, 633, 513, 793, 663, 691, 600, 690, 617, 572, 540, 651,
    570, 847, 581, 594, 544, 324, 520, 324, 559, 520, 340, 548, 597, 479, 600, 554, 356, 551,
    577, 282, 281, 552, 297, 845, 577, 584, 597, 595, 401, 483, 386, 572, 513, 749, 512, 518,
    459, 324, 376, 324, 514, 590, 691, 651, 548, 584, 572, 606, 554, 554, 548, 548, 584, 572,
    282, 577, 479, 526, 448, 448, 448, 243, 243, 243, 520, 796, 727, 240, 346, 591, 550, 521,
    400, 400, 628, 625,
)  # fmt: skip
_WIDTHS = {
    False: dict(zip(_CHARS, _REGULAR, strict=True)),
    True: dict(zip(_CHARS, _BOLD, strict=True)),
}
#: A character not in the table (another script, a rare sign) counts as a wide one.
_UNKNOWN_WIDTH = 700
#: Room for the font's kerning and rendering differences: labels wrap a little early.
_SAFETY = 1.04

#: Below more rows than this, the horizontal picture repeats its scale at the bottom.
REPEAT_AXIS_AFTER = 8

#: The axis begins here unless a period or an event begins earlier.
FIRST_YEAR = 1970


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` in the portal's font at ``size`` pixels (one line)."""
    widths = _WIDTHS[bold]
    return sum(widths.get(char, _UNKNOWN_WIDTH) for char in text) * size / 1000 * _SAFETY


def wrap(
    text: str, width: float, size: float, *, bold: bool = False, indent: float = 0
) -> list[str]:
    """``text`` broken into lines of at most ``width`` pixels, at spaces.

    The first line starts ``indent`` pixels in (room taken by a lead such as a year); when
    not even the first word fits beside the lead, the lead stands alone on the first line
    (an empty line here). A word longer than a whole line stands on a line of its own.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        room = width - (indent if not lines else 0)
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= room or (
            not current and (lines or not indent)
        ):
            current = candidate
        elif not current:
            lines.append("")
            current = word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def num(value: float) -> str:
    """A coordinate as SVG wants it: a point, at most one decimal, no ``-0``."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --- What the picture shows (built from the models by timeline.views) -----------------


@dataclass(frozen=True)
class BandSpec:
    """A period: its years, its title (a link to its page) and its focus groups."""

    key: str
    title: str
    start: int
    end: int | None  # None: it lasts until today
    href: str
    span: str  # the years as words, e.g. "1970–1979" or "seit 2010"
    focus: str = ""
    current: bool = False  # the page's own period (Leichte Sprache)
    title_lang: str = ""  # lang attribute of a text that fell back to German
    focus_lang: str = ""


@dataclass(frozen=True)
class MarkSpec:
    """An event: a dot at its year, or a bar across its period when it has no year."""

    key: str
    band: str  # the BandSpec.key of its period
    year: int | None
    title: str  # the visible label after the year (may be empty: the year alone)
    href: str
    name: str  # the accessible name of the link; begins with the visible label
    title_lang: str = ""

    @property
    def lead(self) -> str:
        return str(self.year) if self.year is not None else ""

    @property
    def label(self) -> str:
        """The visible label: the year (if any) and the title."""
        return " ".join(part for part in (self.lead, self.title) if part)


# --- What the template draws --------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x: str
    y: str
    width: str
    height: str

    @classmethod
    def of(cls, x: float, y: float, width: float, height: float) -> Box:
        return cls(num(x), num(y), num(max(width, 0)), num(max(height, 0)))


@dataclass(frozen=True)
class Line:
    """One line of text; ``lead`` is written bold before ``text`` (a year)."""

    x: str
    y: str
    text: str
    lead: str = ""
    anchor: str = "start"

    @property
    def content(self) -> str:
        return " ".join(part for part in (self.lead, self.text) if part)


@dataclass(frozen=True)
class Tick:
    x1: str
    y1: str
    x2: str
    y2: str
    major: bool
    label: Line | None = None


@dataclass
class BandShape:
    spec: BandSpec
    stripe: Box
    parity: str  # "odd" or "even": alternating fills
    span: Line
    title: list[Line]
    title_hit: Box  # the focus rectangle of the title link
    focus: list[Line]
    here: Line | None = None  # "Sie sind hier" under the title of the current band
    marks: list[MarkShape] = field(default_factory=list)


@dataclass
class MarkShape:
    spec: MarkSpec
    kind: str  # "point" (a dated event) or "span" (the whole period)
    cx: str
    cy: str
    bar: Box | None  # the bar of a "span" mark
    label: list[Line]
    hit: Box  # mark and label: the link's focus rectangle and click area


@dataclass
class Chart:
    orientation: str  # "horizontal" or "vertical"
    width: str
    height: str
    first_year: int
    last_year: int
    axis: tuple[str, str, str, str]
    ticks: list[Tick]
    bands: list[BandShape]
    style: Style

    @property
    def fonts(self) -> dict[str, str]:
        """The font sizes the layout assumed, written onto the text (not left to CSS)."""
        style = self.style
        return {
            "span": num(style.span_size),
            "title": num(style.title_size),
            "focus": num(style.focus_size),
            "label": num(style.label_size),
            "tick": num(style.tick_size),
        }

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def marks(self) -> list[MarkShape]:
        return [mark for band in self.bands for mark in band.marks]

    def labels(self) -> list[str]:
        """Every text the picture shows that is not the axis' scale, one entry a line."""
        texts = []
        for band in self.bands:
            texts.append(band.span.content)
            texts.extend(line.content for line in band.title)
            texts.extend(line.content for line in band.focus)
            if band.here:
                texts.append(band.here.content)
            for mark in band.marks:
                texts.extend(line.content for line in mark.label)
        return [text for text in texts if text]


@dataclass(frozen=True)
class Style:
    """Sizes of one kind of picture, in the SVG's own units (CSS pixels at scale 1)."""

    width: float
    pad: float = 16
    span_size: float = 12
    title_size: float = 16
    focus_size: float = 13
    label_size: float = 13
    tick_size: float = 12
    line_gap: float = 1.32  # line height as a multiple of the font size
    row_gap: float = 9
    label_max: float = 480  # horizontal: a label wraps beyond this width, for reading
    axis_x: float = 46  # vertical: where the axis runs
    here_text: str = ""  # the words under the current band's title (Leichte Sprache)
    today_text: str = ""  # the words at the end of the axis ("heute")

    def leading(self, size: float) -> float:
        return round(size * self.line_gap, 1)


#: The history page on wide screens, and in print.
WIDE = Style(width=1200)
#: The history page on phones.
NARROW = Style(width=360, title_size=16, focus_size=14, label_size=14)
#: The Leichte-Sprache pages (a column of 40rem at most): fewer, larger words.
EASY_WIDE = Style(width=640, span_size=14, title_size=17, label_size=16, tick_size=14)
EASY_NARROW = Style(width=360, span_size=15, title_size=18, label_size=17, tick_size=14)


# --- The time scale -------------------------------------------------------------------


@dataclass(frozen=True)
class TimeScale:
    """Years onto a line: ``position(1993.0)`` is where 1993 begins."""

    first_year: int
    last_year: int  # shown to its end
    start: float
    end: float

    def position(self, moment: float) -> float:
        years = self.last_year + 1 - self.first_year
        return self.start + (moment - self.first_year) / years * (self.end - self.start)

    def year(self, year: int) -> float:
        """The middle of a year: where a dated event's mark stands."""
        return self.position(year + 0.5)

    def period(self, start: int, end: int | None) -> tuple[float, float]:
        """Where a period's band begins and ends; an open period lasts to the axis' end."""
        last = self.last_year if end is None else end
        return self.position(start), self.position(last + 1)


def axis_years(
    bands: Sequence[BandSpec], marks: Sequence[MarkSpec], *, today: int
) -> tuple[int, int]:
    """The axis' first and last year: 1970 to today, wider when the content is."""
    starts = [band.start for band in bands] + [m.year for m in marks if m.year is not None]
    ends = [today, *starts, *(band.end for band in bands if band.end is not None)]
    first = min([FIRST_YEAR, *starts])
    return first - first % 10, max(ends)


def band_of(mark: MarkSpec, bands: Iterable[BandSpec]) -> BandSpec | None:
    return next((band for band in bands if band.key == mark.band), None)


def mark_span(mark: MarkSpec, band: BandSpec, scale: TimeScale) -> tuple[float, float]:
    """Where on the axis an event belongs: its year, or its whole period when it has none."""
    if mark.year is not None:
        centre = scale.year(mark.year)
        return centre, centre
    return scale.period(band.start, band.end)


# --- Layouts ----------------------------------------------------------------------------


def _grouped(
    bands: Sequence[BandSpec], marks: Sequence[MarkSpec]
) -> list[tuple[BandSpec, list[MarkSpec]]]:
    """Each band with its marks, in the order given (the models' order)."""
    return [(band, [mark for mark in marks if mark.band == band.key]) for band in bands]


def _label_lines(
    mark: MarkSpec, x: float, baseline: float, room: float, style: Style, anchor: str
) -> list[Line]:
    size = style.label_size
    lead = mark.lead
    indent = text_width(f"{lead} ", size, bold=True) if lead and mark.title else 0
    if not mark.title:
        return [Line(num(x), num(baseline), "", lead, anchor)]
    parts = wrap(mark.title, room, size, indent=indent)
    step = style.leading(size)
    return [
        Line(num(x), num(baseline + i * step), part, lead if i == 0 else "", anchor)
        for i, part in enumerate(parts)
    ]


def _label_width(mark: MarkSpec, style: Style) -> float:
    size = style.label_size
    width = text_width(mark.title, size) if mark.title else 0
    if mark.lead:
        width += text_width(mark.lead + (" " if mark.title else ""), size, bold=True)
    return width


def _lines_width(lines: Sequence[Line], style: Style) -> float:
    size = style.label_size
    widths = []
    for line in lines:
        width = text_width(line.text, size) if line.text else 0
        if line.lead:
            width += text_width(line.lead + (" " if line.text else ""), size, bold=True)
        widths.append(width)
    return max(widths, default=0)


def horizontal(
    bands: Sequence[BandSpec], marks: Sequence[MarkSpec], *, today: int, style: Style = WIDE
) -> Chart:
    """The picture for wide screens: a linear axis from left to right, a row per event."""
    pad, width = style.pad, style.width
    first, last = axis_years(bands, marks, today=today)
    scale = TimeScale(first, last, pad, width - pad)

    # Band heads: the years, the title (a link), the focus groups, wrapped to the band.
    heads = []
    head_bottom = 0.0
    for band in bands:
        x0, x1 = scale.period(band.start, band.end)
        inner = max(x1 - x0 - 16, 24)
        y = pad + style.span_size
        span = Line(num(x0 + 8), num(y), band.span)
        title_lines = wrap(band.title, inner, style.title_size, bold=True)
        y += 6
        title = []
        for text in title_lines:
            y += style.leading(style.title_size)
            title.append(Line(num(x0 + 8), num(y), text))
        title_top = y - style.leading(style.title_size) * len(title_lines) + 2
        title_width = max(text_width(t, style.title_size, bold=True) for t in title_lines)
        hit = Box.of(x0 + 4, title_top, min(title_width + 8, x1 - x0 - 8), y - title_top + 6)
        here = None
        if band.current and style.here_text:
            y += style.leading(style.span_size) + 2
            here = Line(num(x0 + 8), num(y), style.here_text)
        focus = []
        if band.focus:
            y += 4
            for text in wrap(band.focus, inner, style.focus_size):
                y += style.leading(style.focus_size)
                focus.append(Line(num(x0 + 8), num(y), text))
        heads.append((band, x0, x1, span, title, hit, here, focus))
        head_bottom = max(head_bottom, y)

    axis_y = head_bottom + 18
    ticks = _horizontal_ticks(scale, axis_y, style, below=True)

    # One row per event, under the axis; the label beside its mark, where there is room.
    y = axis_y + 34
    shapes: list[BandShape] = []
    rows: dict[str, list[MarkShape]] = {}
    for band, band_marks in _grouped(bands, marks):
        for mark in band_marks:
            shape, y = _horizontal_row(mark, band, scale, y, style)
            rows.setdefault(band.key, []).append(shape)
    height = y + 14
    if sum(len(row) for row in rows.values()) > REPEAT_AXIS_AFTER:
        # A tall picture repeats the scale under its last row.
        ticks += _horizontal_ticks(scale, height + 4, style, below=True)
        height += 34

    for index, (band, x0, x1, span, title, hit, here, focus) in enumerate(heads):
        shapes.append(
            BandShape(
                spec=band,
                stripe=Box.of(x0, 0, x1 - x0, height),
                parity="even" if index % 2 else "odd",
                span=span,
                title=title,
                title_hit=hit,
                focus=focus,
                here=here,
                marks=rows.get(band.key, []),
            )
        )
    return Chart(
        orientation="horizontal",
        width=num(width),
        height=num(height),
        first_year=first,
        last_year=last,
        axis=(num(scale.start), num(axis_y), num(scale.end), num(axis_y)),
        ticks=ticks,
        bands=shapes,
        style=style,
    )


def _horizontal_ticks(scale: TimeScale, axis_y: float, style: Style, *, below: bool) -> list[Tick]:
    """A short tick every year, a long one with its number every ten, "heute" at the end."""
    ticks = []
    label_y = axis_y + (style.tick_size + 10 if below else -10)
    for year in range(scale.first_year, scale.last_year + 2):
        x = scale.position(year)
        major = year % 10 == 0
        label = None
        if major and year <= scale.last_year:
            label = Line(
                num(x),
                num(label_y),
                str(year),
                anchor="middle" if year > scale.first_year else "start",
            )
        length = 7 if major else 3
        ticks.append(Tick(num(x), num(axis_y - length), num(x), num(axis_y + length), major, label))
    if style.today_text:
        decade = scale.last_year - scale.last_year % 10
        decade_right = scale.position(decade) + text_width(str(decade), style.tick_size) / 2
        if scale.end - text_width(style.today_text, style.tick_size) - decade_right > 12:
            ticks[-1] = Tick(
                ticks[-1].x1, ticks[-1].y1, ticks[-1].x2, ticks[-1].y2, True,
                Line(num(scale.end), num(label_y), style.today_text, anchor="end"),
            )  # fmt: skip
    return ticks


def _horizontal_row(
    mark: MarkSpec, band: BandSpec, scale: TimeScale, top: float, style: Style
) -> tuple[MarkShape, float]:
    """One event's row: its mark at its year (or across its period), its label beside it."""
    size = style.label_size
    step = style.leading(size)
    cy = top + step / 2 + 2
    baseline = cy + size * 0.35
    start, end = mark_span(mark, band, scale)
    if mark.year is not None:
        kind, gap, radius = "point", 11, 6
        left_edge, right_edge = start - radius, start + radius
        bar = None
    else:
        kind, gap = "span", 9
        start, end = start + 4, end - 4
        left_edge, right_edge = start, end
        bar = Box.of(start, cy - 5, end - start, 10)
    room_right = min(style.width - style.pad - (end + gap), style.label_max)
    room_left = min(start - gap - style.pad, style.label_max)
    needed = _label_width(mark, style)
    if needed <= room_right or (needed > room_left and room_right >= room_left):
        anchor, x, room = "start", end + gap, room_right
    else:
        anchor, x, room = "end", start - gap, room_left
    lines = _label_lines(mark, x, baseline, max(room, 60), style, anchor)
    used = min(_lines_width(lines, style), max(room, 60))
    label_left = x if anchor == "start" else x - used
    label_right = x + used if anchor == "start" else x
    hit_left = min(left_edge, label_left) - 5
    hit_right = max(right_edge, label_right) + 5
    bottom = top + step * len(lines) + 6
    shape = MarkShape(
        spec=mark,
        kind=kind,
        cx=num(start),
        cy=num(cy),
        bar=bar,
        label=lines,
        hit=Box.of(hit_left, top - 2, hit_right - hit_left, bottom - top + 2),
    )
    return shape, bottom + style.row_gap - 6


def vertical(
    bands: Sequence[BandSpec], marks: Sequence[MarkSpec], *, today: int, style: Style = NARROW
) -> Chart:
    """The picture for phones: the periods one under the other, their events in order."""
    width, axis_x = style.width, style.axis_x
    text_x = axis_x + 14
    inner = width - text_x - 8
    first, last = axis_years(bands, marks, today=today)
    y = 8.0
    shapes: list[BandShape] = []
    ticks: list[Tick] = []
    for index, (band, band_marks) in enumerate(_grouped(bands, marks)):
        top = y
        ticks.append(
            Tick(
                num(axis_x - 7), num(top), num(axis_x + 7), num(top), True,
                Line(num(axis_x - 10), num(top + style.tick_size + 6), str(band.start), anchor="end"),
            )
        )  # fmt: skip
        y = top + 10 + style.span_size
        span = Line(num(text_x), num(y), band.span)
        y += 6
        title_lines = wrap(band.title, inner, style.title_size, bold=True)
        title = []
        for text in title_lines:
            y += style.leading(style.title_size)
            title.append(Line(num(text_x), num(y), text))
        title_top = y - style.leading(style.title_size) * len(title_lines) + 2
        title_width = max(text_width(t, style.title_size, bold=True) for t in title_lines)
        hit = Box.of(text_x - 4, title_top, min(title_width + 8, inner + 8), y - title_top + 6)
        here = None
        if band.current and style.here_text:
            y += style.leading(style.span_size) + 2
            here = Line(num(text_x), num(y), style.here_text)
        focus = []
        if band.focus:
            y += 4
            for text in wrap(band.focus, inner, style.focus_size):
                y += style.leading(style.focus_size)
                focus.append(Line(num(text_x), num(y), text))
        y += 14
        mark_shapes = []
        for mark in band_marks:
            shape, y = _vertical_row(mark, y, text_x, inner, style)
            mark_shapes.append(shape)
        y += 8
        shapes.append(
            BandShape(
                spec=band,
                stripe=Box.of(0, top, width, y - top),
                parity="even" if index % 2 else "odd",
                span=span,
                title=title,
                title_hit=hit,
                focus=focus,
                here=here,
                marks=mark_shapes,
            )
        )
    height = y + 8
    if style.today_text:
        ticks.append(
            Tick(
                num(axis_x - 7), num(y), num(axis_x + 7), num(y), True,
                Line(num(axis_x + 14), num(y + style.tick_size + 2), style.today_text),
            )
        )  # fmt: skip
        height = y + style.tick_size + 10
    return Chart(
        orientation="vertical",
        width=num(width),
        height=num(height),
        first_year=first,
        last_year=last,
        axis=(num(axis_x), "8", num(axis_x), num(y)),
        ticks=ticks,
        bands=shapes,
        style=style,
    )


def _vertical_row(
    mark: MarkSpec, top: float, text_x: float, inner: float, style: Style
) -> tuple[MarkShape, float]:
    size = style.label_size
    step = style.leading(size)
    baseline = top + size
    cy = baseline - size * 0.35
    axis_x = style.axis_x
    lines = _label_lines(mark, text_x, baseline, inner, style, "start")
    if mark.year is not None:
        kind, bar = "point", None
    else:
        kind, bar = "span", Box.of(axis_x - 5, cy - 10, 10, 20)
    used = _lines_width(lines, style)
    bottom = top + step * len(lines)
    shape = MarkShape(
        spec=mark,
        kind=kind,
        cx=num(axis_x),
        cy=num(cy),
        bar=bar,
        label=lines,
        hit=Box.of(axis_x - 12, top - 6, text_x + min(used, inner) - axis_x + 18, bottom - top + 8),
    )
    return shape, bottom + style.row_gap + 4
