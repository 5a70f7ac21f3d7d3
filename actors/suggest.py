"""„Meinten Sie …?“: a corrected query for a directory search that found nothing.

A word of the query that the portal does not know (:meth:`Vocabulary.knows`) and that
finds nothing by itself is replaced by the nearest word of the directory's vocabulary:
the words of the actors' names and short names, of the tasks' names and everyday words
(``Task.keywords``), of the synonym groups and of the offers' names. "Nearest" is the
trigram similarity of the two words (what pg_trgm's ``strict_word_similarity`` and
:func:`actors.search.strict_word_similarity` give for two single words), at least
:data:`SIMILARITY`; of equally near words the most frequent. The corrected query is offered only if it finds
actors, with the same filters.

What an anonymous visitor is offered comes from public records alone (public actors,
public offers of public actors): a word that occurs only in an internal actor's name is
never suggested to them. Each visibility has its own vocabulary.

Cost: the vocabulary is collected with four queries once per content version and
visibility (``core/versions.py``) and kept in the page cache as one string; each process
builds its trigram index from it once (:func:`vocabulary`), a few hundred milliseconds
at NRW scale. A suggestion then compares a word only with the vocabulary's words that
share enough of its trigrams (an inverted index of trigrams), and asks the database at
most :data:`MAX_CHECKED_WORDS` + 2 times whether a query finds anything.
"""

from __future__ import annotations

import bisect
import collections
import math
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.http import QueryDict

from actors.search import (
    MIN_INFIX_LENGTH,
    MIN_PREFIX_LENGTH,
    STOP_WORDS,
    fold,
    parse_query,
    stem,
    word_trigrams,
)
from core.caching import page_cache

# Least trigram similarity of a suggested word to the word typed. Measured: one wrong
# letter scores 0.6-0.8 ("Aufenthaltstitl" 0.74, "Kindergarden" 0.63), two wrong
# letters of a long word about 0.5 ("Auslenderbehörte" 0.48); unrelated words of the
# vocabulary stay below 0.4 ("Jugentamd"/"Jugendamt" 0.33, "Asdfgh"/"Asyl" 0.2).
SIMILARITY = 0.45
# Shorter words are not corrected: a wrong letter leaves them too few trigrams to say
# which word was meant.
MIN_WORD_LENGTH = 4
# At most this many words of a query are checked (one query each) and corrected; a
# query with more unknown words gets no suggestion.
MAX_CHECKED_WORDS = 3
# Seconds the collected vocabulary stays in the page cache; its key carries the content
# version, so a change applies at once.
VOCABULARY_TIMEOUT = 60 * 60
# Vocabularies (one per database, version and visibility) each process keeps indexed.
KEPT_INDEXES = 4

# Runs of letters, digits and combining marks: the words of a text.
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def words_of(text: str) -> list[str]:
    """The words of a text, as written."""
    return WORD.findall(text)


class Vocabulary:
    """The words of the directory, folded, with how they are written and how often they
    occur, indexed by trigram (to find similar words) and sorted (to find prefixes)."""

    def __init__(self, entries: list[tuple[str, str, int]]):
        self.folded = [entry[0] for entry in entries]
        self.shown = [entry[1] for entry in entries]
        self.frequency = [entry[2] for entry in entries]
        self.sizes: list[int] = []
        index: dict[str, list[int]] = collections.defaultdict(list)
        for position, word in enumerate(self.folded):
            grams = word_trigrams(word)
            self.sizes.append(len(grams))
            for gram in grams:
                index[gram].append(position)
        self.index = dict(index)
        self.sorted = sorted(self.folded)
        # One string to look for compound parts in, at C speed.
        self.joined = "\n" + "\n".join(self.sorted) + "\n"

    def knows(self, folded_word: str) -> bool:
        """Whether the search would take the word for one of the vocabulary: the word
        itself, or (long enough) its stem as the start or a part of a word."""
        position = bisect.bisect_left(self.sorted, folded_word)
        if position < len(self.sorted) and self.sorted[position] == folded_word:
            return True
        if len(folded_word) < MIN_PREFIX_LENGTH:
            return False
        word_stem = stem(folded_word)
        position = bisect.bisect_left(self.sorted, word_stem)
        if position < len(self.sorted) and self.sorted[position].startswith(word_stem):
            return True
        return len(word_stem) >= MIN_INFIX_LENGTH and word_stem in self.joined

    def nearest(self, folded_word: str) -> str | None:
        """The vocabulary's word (as written) most similar to the word, if any reaches
        :data:`SIMILARITY`; of equally similar words the most frequent."""
        wanted = word_trigrams(folded_word)
        shared = collections.Counter()
        for gram in wanted:
            shared.update(self.index.get(gram, ()))
        # The similarity of two words is s / (|a| + |b| - s) for s shared trigrams (what
        # strict_word_similarity gives for two single words). It reaches t only if
        # s >= t |a| (as |b| >= s), which most words sharing a trigram or two miss.
        least = math.ceil(SIMILARITY * len(wanted) - 1e-9)
        best, best_key = None, (0.0, 0)
        for position, count in shared.items():
            if count < least:
                continue
            similarity = count / (len(wanted) + self.sizes[position] - count)
            if similarity < SIMILARITY:
                continue
            key = (similarity, self.frequency[position])
            if key > best_key:
                best, best_key = position, key
        return None if best is None else self.shown[best]


def _texts(internal: bool, using: str):
    """The texts the vocabulary is made of, visible at the given visibility: four queries."""
    actor = apps.get_model("actors", "Actor")
    task = apps.get_model("actors", "Task")
    synonym = apps.get_model("actors", "Synonym")
    offer = apps.get_model("actors", "Offer")
    actors = actor.objects.using(using)
    offers = offer.objects.using(using)
    if not internal:
        actors, offers = actors.public(), offers.public()
    for name, short_name in actors.order_by().values_list("name", "short_name").iterator(2000):
        yield name
        yield short_name
    for name, keywords in task.objects.using(using).order_by().values_list("name", "keywords"):
        yield name
        yield keywords
    yield from synonym.objects.using(using).order_by().values_list("words", flat=True)
    yield from offers.order_by().values_list("name", flat=True)


def collect(internal: bool, using: str = "default") -> str:
    """The vocabulary as one string (cheap to keep in and read from any cache): a line
    per word, ``folded<TAB>as written<TAB>frequency``."""
    written: collections.Counter[str] = collections.Counter()
    for text in _texts(internal, using):
        if text:
            written.update(words_of(unicodedata.normalize("NFC", text)))
    # Per folded word its most frequent spelling ("Kindergarten" over "KINDERGARTEN").
    words: dict[str, tuple[str, int]] = {}
    for word, count in written.most_common():
        folded = fold(word)
        if folded in words:
            shown, total = words[folded]
            words[folded] = (shown, total + count)
        elif len(folded) >= MIN_WORD_LENGTH and not folded.isdecimal() and folded not in STOP_WORDS:
            words[folded] = (word, count)
    return "\n".join(f"{folded}\t{shown}\t{count}" for folded, (shown, count) in words.items())


def _parse(collected: str) -> list[tuple[str, str, int]]:
    entries = []
    for line in collected.splitlines():
        folded, shown, count = line.split("\t")
        entries.append((folded, shown, int(count)))
    return entries


_indexes: collections.OrderedDict[str, Vocabulary] = collections.OrderedDict()
_indexes_lock = threading.Lock()


def vocabulary(*, internal: bool, version: int, using: str = "default") -> Vocabulary:
    """The indexed vocabulary of a visibility under a content version: collected once
    per version (page cache), indexed once per process."""
    key = f"actors:suggest:vocabulary:{using}:{version}:{int(internal)}"
    with _indexes_lock:
        found = _indexes.get(key)
        if found is not None:
            _indexes.move_to_end(key)
            return found
    collected = page_cache.get(key)
    if collected is None:
        collected = collect(internal, using)
        page_cache.set(key, collected, VOCABULARY_TIMEOUT)
    built = Vocabulary(_parse(collected))
    if not version:
        # No version yet (nothing saved since the database was made): nothing to key on.
        return built
    with _indexes_lock:
        _indexes[key] = built
        while len(_indexes) > KEPT_INDEXES:
            _indexes.popitem(last=False)
    return built


def corrected_query(query: str, vocabulary: Vocabulary, finds: Callable[[str], bool]) -> str:
    """The query with its unknown words replaced by their nearest known words, or ``""``
    (nothing to correct, or the correction finds nothing either).

    ``finds(query)`` says whether a query finds any actor (with the page's filters). A
    word is corrected when the vocabulary does not know it and, in a query of several
    words, it finds nothing by itself (it may be a word of a description, which the
    vocabulary leaves out). The corrected query is asked for exactly first (cheap), and
    as typed only if that finds nothing."""
    parsed = parse_query(query)
    words = list(dict.fromkeys(word for term in parsed.positive_terms for word in term.words))
    unknown = [
        word
        for word in words
        if len(fold(word)) >= MIN_WORD_LENGTH
        and not word.isdecimal()
        and not vocabulary.knows(fold(word))
    ]
    if not unknown or len(unknown) > MAX_CHECKED_WORDS:
        return ""
    alone = len(words) == 1 and not parsed.uses_syntax
    replacements = {}
    for word in unknown:
        # A query of this word alone found nothing already; otherwise ask.
        if not alone and finds(word):
            continue
        nearest = vocabulary.nearest(fold(word))
        if nearest is not None:
            replacements[fold(word)] = nearest
    if not replacements:
        return ""

    def replace(match: re.Match) -> str:
        return replacements.get(fold(match.group()), match.group())

    corrected = WORD.sub(replace, query)
    if corrected == query:
        return ""
    return corrected if _finds_quickly(corrected, finds) or finds(corrected) else ""


def _finds_quickly(query: str, finds: Callable[[str], bool]) -> bool:
    """Whether the query's words, taken exactly (quoted: no typos, no compound parts),
    find something: at NRW scale a few milliseconds where the whole search of a query
    with long words (its typo tolerance) takes a few hundred; most corrections do."""
    parsed = parse_query(query)
    if parsed.uses_syntax:
        return False
    return finds(" ".join(f'"{word}"' for term in parsed.positive_terms for word in term.words))


@dataclass(frozen=True)
class Suggestion:
    """A corrected query and the directory's query string that asks it."""

    query: str
    query_string: str


def for_directory(request, filterset, *, internal: bool, version: int) -> Suggestion | None:
    """The suggestion for the directory's search that found nothing: the corrected query
    with the page's other filters (the validated ones: the form's own fields), from the
    first page."""
    query = filterset.search_query
    if not query:
        return None
    fields = [name for name in filterset.form.fields if name != "q"]

    def data_with(text: str) -> QueryDict:
        data = QueryDict(mutable=True)
        data["q"] = text
        for name in fields:
            if name in request.GET:
                data.setlist(name, request.GET.getlist(name))
        return data

    def finds(text: str) -> bool:
        # ``__class__``: the filter set may be a lazy object (the list view builds it lazily).
        narrowed = filterset.__class__(
            data_with(text), queryset=filterset.queryset, request=request
        )
        return narrowed.is_valid() and narrowed.qs.exists()

    using = filterset.queryset.db
    corrected = corrected_query(
        query, vocabulary(internal=internal, version=version, using=using), finds
    )
    if not corrected:
        return None
    return Suggestion(query=corrected, query_string=data_with(corrected).urlencode())
