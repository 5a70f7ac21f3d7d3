"""Fixtures of the history tests: the seeded keynote and the transcript it comes from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.seed import load_keynote

TRANSCRIPT = Path(__file__).parent / "data" / "keynote_transcript.txt"
PERIOD_HEADING = (
    "Die Kommunen betreiben seit den 1970er Jahren Integrationsarbeit, wobei die "
    "Ausgestaltung lokal sehr unterschiedlich erfolgt"
)
PERIOD_SLUGS = ["1970er", "1980er", "1990er", "2000er", "ab-2010er"]


@pytest.fixture
def seeded(db):
    return load_keynote()


@pytest.fixture(scope="session")
def transcript() -> str:
    return TRANSCRIPT.read_text(encoding="utf-8")


def normalize(text: str) -> str:
    """Compare texts regardless of line breaks, spacing and bold markers of the slides."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def parse_periods(text: str) -> dict[str, dict]:
    """The five period slides of the transcript: their bullets (with depth) and focus.

    A slide is the heading, then bullet lines ("- " top level, " - " nested; lines
    without a dash continue the bullet above), then the focus lines, then the decade
    labels ("1970er Jahre" …).
    """
    slides = text.split(PERIOD_HEADING)[1:]
    assert len(slides) == 5, "the transcript has five period slides"
    periods = {}
    for slug, slide in zip(PERIOD_SLUGS, slides, strict=True):
        bullets: list[list] = []
        focus: list[str] = []
        in_bullets = True
        for raw in slide.splitlines():
            line = raw.rstrip()
            if line.strip() == "1970er Jahre":
                break
            if not line.strip():
                if bullets:
                    in_bullets = False
                continue
            if line.startswith(" - "):
                bullets.append([line[3:].strip(), 1])
            elif line.startswith("- "):
                bullets.append([line[2:].strip(), 0])
            elif in_bullets and bullets:
                bullets[-1][0] += " " + line.strip()
            else:
                focus.append(line.strip())
        periods[slug] = {
            "bullets": [(normalize(t), depth) for t, depth in bullets],
            "focus": normalize(" ".join(focus)),
        }
    return periods


def parse_literature(text: str) -> list[str]:
    """The entries of the final slide "Literatur"."""
    tail = text.rsplit("\nLiteratur\n", 1)[1]
    return [normalize(line[2:]) for line in tail.splitlines() if line.startswith("- ")]


def parse_theses(text: str) -> list[str]:
    block = text.split("Roter Faden: sechs Thesen", 1)[1]
    return [normalize(m) for m in re.findall(r"^\d\. (.+)$", block.split("\n\n\n")[0], re.M)]
