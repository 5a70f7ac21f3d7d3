"""Template helpers of the history pages."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def _inline(text: str) -> str:
    text = escape(text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _EMPHASIS.sub(r"<em>\1</em>", text)


@register.filter
def timeline_markup(text: str, heading_level: int = 3) -> SafeString:
    """Render the small markup of thesis explanations as HTML.

    Blocks are separated by blank lines; a block of lines starting with ``- `` is a list,
    ``## `` starts a sub-heading (at ``heading_level``), ``**bold**`` and ``*emphasis*``
    work inline. Everything else is escaped, so editors cannot inject HTML.
    """
    html: list[str] = []
    level = int(heading_level)
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.rstrip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## ") and len(lines) == 1:
            html.append(f'<h{level} class="kern-heading-small">{_inline(lines[0][3:])}</h{level}>')
        elif all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line.lstrip()[2:])}</li>" for line in lines)
            html.append(f'<ul class="timeline-list">{items}</ul>')
        else:
            html.append(f'<p class="kern-body">{"<br>".join(_inline(line) for line in lines)}</p>')
    return mark_safe("\n".join(html))  # noqa: S308  # nosec B308 B703  # all text escaped above


@register.filter
def lang_attr(value) -> SafeString:
    """`` lang="de"`` on an element whose English text fell back to German."""
    if getattr(value, "is_fallback", False):
        return format_html(' lang="{}"', value.lang)
    return mark_safe("")  # noqa: S308  # nosec B308  # an empty string


@register.simple_tag(takes_context=True)
def period_url(context, period, easy: bool = False) -> str:
    """The period's public URL, or its preview URL on preview pages."""
    if context.get("preview"):
        name = "timeline:preview_period_easy" if easy else "timeline:preview_period"
    else:
        name = "timeline:period_easy" if easy else "timeline:period"
    return reverse(name, kwargs={"slug": period.slug})


@register.simple_tag(takes_context=True)
def page_url(context, name: str) -> str:
    """A timeline page's public URL, or its preview URL on preview pages."""
    return reverse(f"timeline:preview_{name}" if context.get("preview") else f"timeline:{name}")
