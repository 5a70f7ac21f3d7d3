"""The keynote's history content under its former names, read lazily from the data file.

The content lives in ``timeline/content/keynote.yaml`` and is read by
:func:`timeline.seed.keynote`; use that. ``SOURCES``, ``PERIOD_SOURCES``, ``PERIODS`` and
``THESES`` remain for code written against the former Python literals; the file is read
on first access, not at import.
"""

from __future__ import annotations

from typing import Any

from timeline.seed import keynote

_SECTIONS = {
    "SOURCES": "sources",
    "PERIOD_SOURCES": "period_sources",
    "PERIODS": "periods",
    "THESES": "theses",
}


def __getattr__(name: str) -> Any:
    if name in _SECTIONS:
        return keynote()[_SECTIONS[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
