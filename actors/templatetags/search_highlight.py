"""The words of a search result that the query matched, marked with ``<mark>``.

``{% load search_highlight %}`` and then, once per page,
``{% search_highlighter search_query as highlighter %}`` (reads the synonym groups once)
and for each text ``{{ actor.name|highlight:highlighter }}``. Without a query (an empty
string, an undefined variable) a text comes back unchanged, so the same card serves
lists that are no search. ``highlight`` also takes the query itself as a string (it then
reads the synonym groups on each use).

A word of the text is marked when it matches a word of the query as the search does
(``actors/search.py``), folded (case, umlauts, "ß") on both sides:

- its start is the query word's stem ("Integrationszentren" marks
  "Integrationszentrum"); a query word shorter than ``MIN_PREFIX_LENGTH`` marks only
  the same whole word ("KI" marks "KI", not "Kirche");
- or the stem, at least ``MIN_INFIX_LENGTH`` letters, is a part of it ("Behörde" marks
  "Ausländerbehörde");
- or it is a typo of a query word of at least ``MIN_TYPO_LENGTH`` letters (trigram
  similarity ``TYPO_SIMILARITY``), for queries without search syntax;
- or it matches so an entry of a synonym group of a query word ("Flüchtlinge" marks
  "Geflüchtete"), for queries without search syntax.

Excluded words (``-wort``) mark nothing. The text is cut into words and what lies
between, each piece escaped on its own; folding happens per word, so a fold that
changes the length ("ß" → "ss") never shifts a mark.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from actors.search import (
    MIN_INFIX_LENGTH,
    MIN_PREFIX_LENGTH,
    MIN_TYPO_LENGTH,
    TYPO_SIMILARITY,
    Term,
    alternatives,
    fold,
    parse_query,
    stem,
    strict_word_similarity,
    synonym_groups,
    umlaut_alternative,
)
from actors.suggest import WORD

register = template.Library()


@dataclass(frozen=True)
class Highlighter:
    """What a query marks: whole words, starts of words, parts of words and words that
    may be typos, all folded."""

    whole: frozenset[str] = frozenset()
    starts: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    typos: tuple[str, ...] = ()

    @classmethod
    def for_query(cls, query: str, groups=()) -> Highlighter:
        parsed = parse_query(query)
        plain = not parsed.uses_syntax
        # Each word, and whether it may be a typo: the query's own words, as the search
        # tolerates typos of those alone, and not in a query with search syntax.
        words: dict[str, bool] = {}
        for term in parsed.positive_terms:
            words.update(dict.fromkeys(term.words, plain))
            if plain and not term.phrase:
                others = alternatives(term.words[0], groups)
                transcribed = umlaut_alternative(term.words[0])
                if transcribed:
                    others.append(Term((transcribed,)))
                for other in others:
                    words.update({word: words.get(word, False) for word in other.words})
        whole, starts, parts, typos = set(), [], [], []
        for word, typo in words.items():
            folded = fold(word)
            if len(word) < MIN_PREFIX_LENGTH:
                whole.add(folded)
                continue
            word_stem = fold(stem(word))
            starts.append(word_stem)
            if len(word_stem) >= MIN_INFIX_LENGTH:
                parts.append(word_stem)
            if typo and len(folded) >= MIN_TYPO_LENGTH:
                typos.append(folded)
        return cls(frozenset(whole), tuple(starts), tuple(parts), tuple(typos))

    def __bool__(self) -> bool:
        return bool(self.whole or self.starts)

    def matches(self, word: str) -> bool:
        folded = fold(unicodedata.normalize("NFC", word))
        return (
            folded in self.whole
            or folded.startswith(self.starts)
            or any(part in folded for part in self.parts)
            or any(strict_word_similarity(typo, folded) >= TYPO_SIMILARITY for typo in self.typos)
        )

    def mark(self, text: str, autoescape: bool = True) -> str:
        """The text with its matching words in ``<mark>``, escaped; unchanged if none
        matches (or if it is markup already, which words must not be cut out of)."""
        if not self or not text or isinstance(text, SafeData):
            return text
        escape = conditional_escape if autoescape else str
        pieces, end, marked = [], 0, False
        for match in WORD.finditer(text):
            if not self.matches(match.group()):
                continue
            marked = True
            pieces += [
                escape(text[end : match.start()]),
                "<mark>",
                escape(match.group()),
                "</mark>",
            ]
            end = match.end()
        if not marked:
            return text
        pieces.append(escape(text[end:]))
        # Every piece of the text is escaped above; the marks are the only markup.
        return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def search_highlighter(query: str) -> Highlighter:
    """The highlighter of a query, with the synonym groups (read once)."""
    if not query:
        return Highlighter()
    return Highlighter.for_query(query, synonym_groups())


@register.filter(needs_autoescape=True)
def highlight(text, query, autoescape=True):
    """``{{ text|highlight:highlighter }}``: see the module's docstring."""
    if not query or text is None:
        return text
    if not isinstance(query, Highlighter):
        query = Highlighter.for_query(str(query), synonym_groups())
    return query.mark(text if isinstance(text, str) else str(text), autoescape)


#: How many lines of the search text a card quotes, and how many words around a match.
MATCHED_LINES = 2
WORDS_BEFORE, WORDS_AFTER = 4, 10


def _excerpt(line: str, highlighter: Highlighter) -> str:
    """The line around its first matching word, at most a few words before and after."""
    words = line.split()
    first = next(
        index
        for index, word in enumerate(words)
        if any(highlighter.matches(match.group()) for match in WORD.finditer(word))
    )
    start, end = max(0, first - WORDS_BEFORE), first + WORDS_AFTER
    return " ".join(
        [*(["…"] if start else []), *words[start:end], *(["…"] if end < len(words) else [])]
    )


@register.filter(needs_autoescape=True)
def matched_lines(text, highlighter, autoescape=True):
    """``{{ actor.search_text|matched_lines:highlighter }}``: the lines of an actor's search
    text (its tasks, offers, groups, languages, municipality; ``search_document.py``) in
    which the query matched, marked, at most :data:`MATCHED_LINES`, joined by " · "; ""
    without a query or a match. Tells why an actor whose name does not say so was found."""
    if not isinstance(highlighter, Highlighter) or not highlighter or not text:
        return ""
    lines = [
        line
        for line in str(text).splitlines()
        if any(highlighter.matches(match.group()) for match in WORD.finditer(line))
    ][:MATCHED_LINES]
    escape = conditional_escape if autoescape else str
    # Each excerpt is escaped by ``mark`` (or here, where nothing in it matched).
    return mark_safe(  # noqa: S308  # nosec B308 B703
        " · ".join(
            str(escape(highlighter.mark(_excerpt(line, highlighter), autoescape))) for line in lines
        )
    )
