"""Reading a rendered figure (``includes/figure.html``) back, for the apps' tests: the
words its SVG shows, and the text of its table twin."""

from __future__ import annotations

import html
import re


def _figure_html(page: str, dom_id: str) -> str:
    start = page.index(f'<figure class="portal-figure" id="{dom_id}"')
    return page[start : page.index("</figure>", start)]


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def svg_of(page: str, dom_id: str) -> str:
    figure = _figure_html(page, dom_id)
    return figure[figure.index("<svg") : figure.index("</svg>") + len("</svg>")]


def svg_labels(page: str, dom_id: str) -> list[str]:
    """Every ``<text>`` of the figure's SVG, its lines joined by spaces."""
    return [_plain(text) for text in re.findall(r"<text\b.*?</text>", svg_of(page, dom_id), re.S)]


def twin_text(page: str, dom_id: str) -> str:
    """The text of the figure's table twin (and of its text alternative)."""
    figure = _figure_html(page, dom_id)
    start = figure.index(f'id="{dom_id}-tabelle"')
    return _plain(figure[start:])


def missing_from_twin(page: str, dom_id: str) -> list[str]:
    """The SVG's labels that its twin does not say (empty: the twin says everything)."""
    twin = twin_text(page, dom_id)
    return [label for label in svg_labels(page, dom_id) if label not in twin]


def svg_line_count(page: str, dom_id: str, css: str = "") -> int:
    return len(re.findall(rf'<line class="[^"]*{re.escape(css)}[^"]*"', svg_of(page, dom_id)))
