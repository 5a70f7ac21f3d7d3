"""Figures drawn on the server as inline SVG: boxes, lines and words, nothing else.

The apps compute where things go (``actors.multilevel``, ``networks.figures``); this
module holds the shapes and the template ``includes/figure.html`` draws them. What it
guarantees to every figure of the portal:

- **No script, no bitmap, no other origin**: plain SVG inside the page, styled by the
  portal's own CSS (``static/css/figures.css``; no ``style`` attributes, which the CSP
  forbids anyway).
- **Deterministic**: coordinates are whole numbers computed from the data in a fixed
  order, and words are measured by a fixed estimate of their width, not by a browser;
  the same data gives the same bytes (screenshots stay byte-stable).
- **Words, not pictures of words**: every label is SVG text. ``Figure.labels()`` lists
  each label exactly as it is drawn, so a test can prove that the figure's table twin
  says everything the picture shows.
- **A text alternative**: the figure's ``description`` says what the picture shows (the
  SVG's ``<desc>``, and a paragraph beside it).

Words are wrapped at spaces into lines that fit a box (``wrap``); a word longer than a
line stays whole, so a label is never cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import formats

#: Font size of labels, in SVG user units (``.portal-figure__label`` in figures.css).
FONT_SIZE = 13
#: Average width of a character of Fira Sans relative to the font size: an estimate
#: that errs on the wide side, so that wrapped lines fit their box.
CHAR_WIDTH = 0.56
LINE_HEIGHT = 16
PADDING = 8


def wrap(text: str, width: int, font_size: int = FONT_SIZE) -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` user units."""
    per_line = max(4, int(width / (font_size * CHAR_WIDTH)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text_height(lines: list[str]) -> int:
    return len(lines) * LINE_HEIGHT


@dataclass
class Label:
    """Words at a point: ``anchor`` start, middle or end; one ``<tspan>`` per line."""

    x: int
    y: int
    lines: list[str]
    css: str = "portal-figure__label"
    anchor: str = "start"

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def line_offsets(self) -> list[tuple[str, int]]:
        """Each line with its baseline (the first line's baseline is ``y``)."""
        return [(line, self.y + index * LINE_HEIGHT) for index, line in enumerate(self.lines)]


@dataclass
class Box:
    """A rectangle with its label centred in it."""

    x: int
    y: int
    width: int
    height: int
    css: str = "portal-figure__box"
    label: Label | None = None

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def right(self) -> int:
        return self.x + self.width


def labelled_box(
    x: int, y: int, width: int, text: str, *, css: str = "portal-figure__box", height: int = 0
) -> Box:
    """A box of ``width`` with ``text`` wrapped and centred in it; as high as the text
    needs, or ``height`` if that is more."""
    lines = wrap(text, width - 2 * PADDING)
    needed = text_height(lines) + 2 * PADDING
    height = max(height, needed)
    top = y + (height - text_height(lines)) // 2 + LINE_HEIGHT - 4
    label = Label(x + width // 2, top, lines, anchor="middle")
    return Box(x, y, width, height, css=css, label=label)


@dataclass
class Line:
    """A straight line; ``css`` says what kind of tie it is (see the legend)."""

    x1: int
    y1: int
    x2: int
    y2: int
    css: str = "portal-figure__line"


@dataclass
class Figure:
    """An SVG picture with its title and its text alternative.

    ``slug`` makes the ids of the page (``abbildung-<slug>``); ``width`` and ``height``
    are the SVG's ``viewBox``. ``size`` "wide" keeps a wide picture legible on a phone,
    where it scrolls sideways inside its own region instead of shrinking; "narrow" keeps
    a bar chart from growing large on a desktop.
    """

    slug: str
    title: str
    description: str
    width: int
    height: int
    #: Drawn first, behind the lines (e.g. the cells of a grid).
    backdrop: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    labels_only: list[Label] = field(default_factory=list)
    size: str = ""

    @property
    def dom_id(self) -> str:
        return f"abbildung-{self.slug}"

    def labels(self) -> list[str]:
        """Every text the picture shows, as drawn (for the table twin's test)."""
        texts = [box.label.text for box in self.boxes if box.label]
        texts.extend(label.text for label in self.labels_only)
        return [text for text in texts if text]


# ---------------------------------------------------------------------------
# Bar charts


@dataclass
class Bar:
    """One row of a bar chart: what is counted, how many, and where to see them."""

    label: str
    count: int
    url: str = ""


BAR_CHART_WIDTH = 320
BAR_ROW = 46
COUNT_ROOM = 56


def bar_chart(slug: str, title: str, description: str, bars: list[Bar]) -> Figure:
    """Horizontal bars, each with its label above it and its number written beside it.

    Narrow on purpose (320 units): on a phone it is drawn at about its own size, on a
    desktop a little larger, and the words stay legible either way without scrolling.
    """
    figure = Figure(slug, title, description, BAR_CHART_WIDTH, 0, size="narrow")
    largest = max((bar.count for bar in bars), default=0)
    room = BAR_CHART_WIDTH - COUNT_ROOM
    y = 4
    for bar in bars:
        lines = wrap(bar.label, BAR_CHART_WIDTH)
        figure.labels_only.append(Label(0, y + LINE_HEIGHT - 3, lines))
        y += text_height(lines) + 2
        length = round(room * bar.count / largest) if largest else 0
        figure.boxes.append(Box(0, y, max(length, 2), 18, css="portal-figure__bar"))
        figure.labels_only.append(
            Label(max(length, 2) + 6, y + 14, [_number(bar.count)], css="portal-figure__count")
        )
        y += BAR_ROW - LINE_HEIGHT
    figure.height = max(y, 20)
    return figure


def _number(value: int) -> str:
    """A count as the chart writes it: the language's digit grouping, as the portal's
    ``grouped`` filter writes it in the table twin (1.234 in German, 1,234 in English)."""
    return formats.number_format(value, force_grouping=True)
