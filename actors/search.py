"""Full-text search of the directory: one query language, two database back ends.

``Actor.objects.search(query)`` parses the query once (:func:`parse_query`: words,
``"phrases"``, ``-exclusions``, ``or``) and hands it to the back end of the database
(:func:`backend_for`): :class:`PostgresBackend` or :class:`SqliteBackend`. Both give the
same answers to the same tests (actors/tests/test_search.py); docs/search.md explains
how and why. In short, a word of the query matches an actor when

- it matches a word of the name, short name or description, umlauts and case folded,
  inflected forms included: the stem as a prefix ("Integrationszentren" finds
  "Integrationszentrum"); words shorter than :data:`MIN_PREFIX_LENGTH` only as whole
  words ("KI" finds the KI, not "Kirche");
- or its stem (at least :data:`MIN_INFIX_LENGTH` letters) occurs inside the name, as a
  part of a compound ("Behörde" finds "Ausländerbehörde");
- or, for queries without phrases, exclusions or ``or``, it is a typo of a word of the
  name: strict trigram word similarity of at least :data:`TYPO_SIMILARITY`.

PostgreSQL: a stored generated ``tsvector`` (text search configuration ``portal_german``:
``unaccent``, then the German Snowball stemmer; name weighted A, short name B,
description C) with a GIN index, and a trigram GIN index on ``portal_fold(name)``
(lower-cased ``unaccent``) for compound parts and typos (pg_trgm).

SQLite: an FTS5 table ``actors_actor_fts`` (``unicode61 remove_diacritics 2``; ranked
with bm25, name above short name above description) and an FTS5 table
``actors_actor_trigram`` (``trigram`` tokenizer) over the folded names, both kept in step
by triggers on ``actors_actor``, so bulk writes are covered too. The query's words are
stemmed in Python by :func:`stem`, a light German suffix stemmer. Typo candidates come
from the trigram table; their similarity is computed by :func:`strict_word_similarity`,
a Python copy of pg_trgm's ``strict_word_similarity``, registered as an SQL function on
each SQLite connection.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
import unicodedata
from dataclasses import dataclass, replace

from django.apps import apps
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramSimilarity,
    TrigramStrictWordSimilarity,
)
from django.db import connections, transaction
from django.db.models import Expression, F, FloatField, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from core import versions
from core.caching import page_cache

# Strict word similarity above which a name's word counts as "meant" despite a typo.
# Measured on the keynote's actors: one wrong letter in a German compound scores
# 0.67-0.77 ("Auslenderbehörde", "Jugendamd", "Volkshochschle"); related but different
# compounds ("Integrationszentren" against "Integrationsbeauftragte") 0.38-0.55.
TYPO_SIMILARITY = 0.6
# The similarities of the name to the words asked for count above this only: below,
# a shared "amt" of "Ehrenamt" and "Sozialamt" would lift every office.
NAME_SIMILARITY_FLOOR = 0.3
# At most this many actors are found by their contact persons per word (staff only).
MAX_CONTACT_MATCHES = 500
# Shorter words match whole words only ("KI" is not the start of "Kirche").
MIN_PREFIX_LENGTH = 3
# Shorter stems are not looked for inside compounds ("amt" would find "Beamte").
MIN_INFIX_LENGTH = 5
# Shorter words cannot reach TYPO_SIMILARITY with a wrong letter; no typo matching.
MIN_TYPO_LENGTH = 6
# Bounds on what a query may cost, whatever is typed or sent.
MAX_QUERY_LENGTH = 500
MAX_WORDS = 10
MAX_WORD_LENGTH = 64

# The text search configuration (PostgreSQL) created by migration 0007.
SEARCH_CONFIG = "portal_german"

# The FTS5 tables and triggers (SQLite) created by migration 0007.
FTS_TABLE = "actors_actor_fts"
TRIGRAM_TABLE = "actors_actor_trigram"
SIMILARITY_FUNCTION = "portal_strict_word_similarity"
NAME_SIMILARITY_FUNCTION = "portal_similarity"
# bm25 weights of name, short name, description and the search text (tasks, offers,
# target groups, languages, municipality: actors/search_document.py).
FTS_WEIGHTS = (10.0, 5.0, 1.0, 0.5)

# PostgreSQL's German stop words (Snowball), which its stemmer leaves out of the index
# and out of queries; dropped from queries on every database, so that a query means
# the same everywhere. Folded like the query's words.
_GERMAN_STOP_WORDS = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
des dem die das daß derselbe derselben denselben desselben demselben dieselbe dieselben
dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir du dies
diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einig
einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren
eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich mich
mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder
jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines
können könnte machen man manche manchem manchen mancher manches mein meine meinem meinen
meiner meines mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein
seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen
solcher solches soll sollte sondern sonst über um und uns unse unsem unsen unser unses
unter viel vom von vor während war waren warst was weg weil weiter welche welchem
welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen
wollte würde würden zu zum zur zwar zwischen
"""


# --- Folding ---------------------------------------------------------------------------


def _build_folds() -> dict[str, str]:
    """Letters with diacritics → plain letters: every letter of U+00C0-U+024F that
    decomposes into an ASCII letter and marks, and the letters without a decomposition
    that ``unaccent`` folds too. Decompositions are stable across Unicode versions."""
    folds = {
        "ß": "ss",
        "ẞ": "SS",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Þ": "TH",
        "þ": "th",
        "ı": "i",
    }
    for code in range(0xC0, 0x250):
        char = chr(code)
        plain = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        )
        if plain != char and plain.isascii() and plain.isalpha():
            folds.setdefault(char, plain)
    return folds


FOLDS = _build_folds()
_FOLD_TABLE = str.maketrans(FOLDS)


def fold(text: str) -> str:
    """Lower case without diacritics ("Ausländerbehörde" → "auslanderbehorde", "ß" → "ss"),
    as ``portal_fold`` (``unaccent``) does on PostgreSQL."""
    return text.translate(_FOLD_TABLE).lower()


# What the SQLite trigram table folds (triggers, SQL): German umlauts and "ß" and the
# most common other accented small letters. SQLite's parser takes about 28 nested
# function calls in a trigger, so this is a fixed list, not all of FOLDS; other
# letters are matched as typed there (case-insensitively). The FTS5 word table folds
# every diacritic itself (unicode61).
TRIGRAM_FOLDS = {char: FOLDS[char] for char in "ÄÖÜäöüßéèêëàâáçñóôíîïúûşğı"}
_TRIGRAM_FOLD_TABLE = str.maketrans(TRIGRAM_FOLDS)


def trigram_fold(text: str) -> str:
    """The folding of the SQLite trigram table (:data:`TRIGRAM_FOLDS`), in Python."""
    return text.translate(_TRIGRAM_FOLD_TABLE).lower()


def sqlite_fold_sql(column: str) -> str:
    """:data:`TRIGRAM_FOLDS` as nested ``replace()`` calls, for the triggers (which
    cannot call Python). Case is folded by the trigram tokenizer itself."""
    sql = column
    for char, plain in TRIGRAM_FOLDS.items():
        sql = f"replace({sql}, '{char}', '{plain}')"
    return sql


STOP_WORDS = frozenset(fold(word) for word in _GERMAN_STOP_WORDS.split())

# Suffixes the stemmer strips, longest first: plural and case endings and the Latin
# "-um/-en" of "Zentrum/Zentren" ("-ums" of the genitive).
_SUFFIXES = ("innen", "ums", "ern", "em", "en", "er", "es", "um", "e", "n", "s")
# Snowball German: an "s" ending is removed only after one of these letters.
_S_ENDING_AFTER = frozenset("bdfghklmnrt")
MIN_STEM_LENGTH = 3


def stem(word: str) -> str:
    """A light German suffix stemmer (SQLite, and the compound parts on both databases).

    Strips one plural or case ending, keeping at least :data:`MIN_STEM_LENGTH` letters:
    "integrationszentren" and "integrationszentrum" → "integrationszentr", "jugendämter"
    → "jugendämt", "kreises" → "kreis", "migrantinnen" → "migrantin". The stem is then
    matched as a prefix of the indexed words, so it need not be a word itself; words
    the stemmer cuts too short only match more.
    """
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < MIN_STEM_LENGTH:
            continue
        if suffix == "s" and word[-2] not in _S_ENDING_AFTER:
            continue
        if suffix == "innen":
            return word[:-3]
        return word[: -len(suffix)]
    return word


# --- Parsing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of words, that an actor must (or, negated, must not) contain."""

    words: tuple[str, ...]
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """``clauses`` are OR'ed, the terms of a clause AND'ed (as ``websearch_to_tsquery``:
    "a b or c" is (a AND b) OR c). No clauses: the query asks for nothing in particular."""

    clauses: tuple[tuple[Term, ...], ...]
    uses_syntax: bool  # phrases, exclusions or "or": exact words asked for, no typos

    @property
    def positive_terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause if not term.negated]

    @property
    def text(self) -> str:
        """The words the query asks for, for the similarity part of the rank."""
        return " ".join(word for term in self.positive_terms for word in term.words)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|([^\s"]+)')


def _clean(query: str) -> str:
    """NFC, control characters as blanks, format characters (RTL marks, soft hyphens,
    zero-width spaces) removed, cut to :data:`MAX_QUERY_LENGTH`."""
    query = unicodedata.normalize("NFC", query or "")[:MAX_QUERY_LENGTH]
    kept = []
    for char in query:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category[0] in "CZ" else char)
    return "".join(kept)


def _words(text: str) -> list[str]:
    """Runs of letters, marks and decimal digits, lower-cased and cut to a sane length."""
    chars = [
        char if char.isdecimal() or unicodedata.category(char)[0] in "LM" else " " for char in text
    ]
    return [word.lower()[:MAX_WORD_LENGTH] for word in "".join(chars).split()]


def parse_query(query: str) -> ParsedQuery:
    """The query as web search syntax: words, ``"phrases"`` (an unbalanced quote runs to
    the end), ``-word`` and ``-"phrase"`` exclusions, ``or`` between two terms. Every
    other character separates words; stop words are dropped; at most
    :data:`MAX_WORDS` words count."""
    clauses: list[tuple[Term, ...]] = []
    clause: list[Term] = []
    pending_or = uses_syntax = False
    budget = MAX_WORDS
    for match in _TOKEN.finditer(_clean(query)):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            pending_or = bool(clause)
            continue
        if quoted is not None:
            negated, phrase, words = bool(minus), True, _words(quoted)
        elif bare.startswith("-"):
            negated, words = True, _words(bare[1:])
            phrase = len(words) > 1
        else:
            negated, phrase, words = False, False, _words(bare)
        if not phrase:
            words = [word for word in words if fold(word) not in STOP_WORDS]
        words = words[:budget]
        if not words:
            continue
        budget -= len(words)
        terms = [Term(tuple(words), phrase, negated)] if phrase or negated else []
        terms += [Term((word,)) for word in words] if not terms else []
        if pending_or:
            clauses.append(tuple(clause))
            clause, pending_or, uses_syntax = [], False, True
        clause.extend(terms)
        uses_syntax = uses_syntax or phrase or negated
        if not budget:
            break
    if clause:
        clauses.append(tuple(clause))
    return ParsedQuery(tuple(clauses), uses_syntax)


def is_infix_candidate(word: str) -> bool:
    return len(stem(word)) >= MIN_INFIX_LENGTH


def typo_pieces(folded_word: str) -> str:
    """An FTS5 trigram query that every name holding a typo of the word matches ("" for
    words too short for typo matching): pieces of the word, one letter apart, of which
    one wrong, missing, extra or swapped letter breaks at most one - two or three
    pieces, one of them (or two) whole; from 16 letters on, two typos in four pieces."""
    length = len(folded_word)
    if length < MIN_TYPO_LENGTH:
        return ""
    if length < 11:
        count, whole = 2, 1
    elif length < 16:
        count, whole = 3, 2
    else:
        count, whole = 4, 2
    gaps = 1 if length >= 7 else 0
    size = (length - gaps * (count - 1)) // count
    pieces, start = [], 0
    for index in range(count):
        end = length if index == count - 1 else start + size
        pieces.append(_fts_string(folded_word[start:end]))
        start = end + gaps
    alternatives = [" AND ".join(group) for group in itertools.combinations(pieces, whole)]
    return " OR ".join(f"({alternative})" for alternative in alternatives)


# --- pg_trgm's strict word similarity, in Python --------------------------------------


def _trigram_words(text: str) -> list[str]:
    """Words as pg_trgm sees them: runs of letters and digits, lower case."""
    return re.findall(r"[^\W_]+", text.lower())


@functools.lru_cache(maxsize=4096)
def word_trigrams(word: str) -> frozenset[str]:
    """The trigrams of one (folded) word as pg_trgm pads it: two blanks before, one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


@functools.lru_cache(maxsize=256)
def _query_trigrams(query: str) -> tuple[frozenset[str], int]:
    words = _trigram_words(query)
    return frozenset().union(*map(word_trigrams, words)), len(words)


def similarity(query: str, text: str) -> float:
    """pg_trgm's ``similarity(query, text)``: shared trigrams of all words of both, over
    all their trigrams. Higher for a name that is little more than the words asked for
    ("Stadt Hückelhoven" against "Quartiersbüro Hückelhoven-Lindenallee")."""
    if not query or not text:
        return 0.0
    wanted, _length = _query_trigrams(query)
    found = frozenset().union(*map(word_trigrams, _trigram_words(text)))
    if not wanted or not found:
        return 0.0
    shared = len(wanted & found)
    return shared / (len(wanted) + len(found) - shared)


def strict_word_similarity(query: str, text: str) -> float:
    """pg_trgm's ``strict_word_similarity(query, text)``: the greatest trigram similarity
    (shared / all trigrams) between the query and a run of whole words of the text.
    Only runs that start and end at a word sharing trigrams with the query are tried:
    other words at the ends only add trigrams the query lacks."""
    if not query or not text:
        return 0.0
    wanted, _length = _query_trigrams(query)
    if not wanted:
        return 0.0
    words = [word_trigrams(word) for word in _trigram_words(text)]
    sharing = [not wanted.isdisjoint(word) for word in words]
    best = 0.0
    for start, word in enumerate(words):
        if not sharing[start]:
            continue
        extent = word
        for end in range(start, len(words)):
            if end > start:
                extent = extent | words[end]
            if sharing[end]:
                shared = len(wanted & extent)
                best = max(best, shared / (len(wanted) + len(extent) - shared))
    return best


@functools.lru_cache(maxsize=256)
def _trigram_checks(query: str) -> tuple[str, ...]:
    """A substring per trigram of the query that a text sharing the trigram contains:
    the trigram, without its blanks at a word's start or end ("  h" → "h")."""
    wanted, _length = _query_trigrams(query)
    return tuple(sorted(trigram.strip() for trigram in wanted))


# --- Back ends -------------------------------------------------------------------------


class SearchBackend:
    """Filters a queryset of actors to those matching a parsed query and annotates each
    with ``search_rank`` (higher is better). One instance per search: building the
    conditions may add aliases (:attr:`aliases`) that the conditions refer to."""

    def __init__(self, using: str = "default"):
        self.aliases: dict[str, Expression] = {}
        self.asked_text = ""
        self.using = using

    def search(
        self, queryset, parsed: ParsedQuery, synonyms: SynonymGroups = (), staff: bool = False
    ):
        """``synonyms``: groups of words that mean the same (``synonym_groups``); a word
        of a group also matches the group's other entries (exactly: no typos, no compound
        parts), which count for the rank too. Not for queries with search syntax, which
        ask for exactly their words. ``staff``: a word (or phrase) also matches the
        actors with a contact person of that name or function (:meth:`staff_condition`);
        these matches add nothing to the rank."""
        if not parsed.clauses:
            return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
        plain = not parsed.uses_syntax
        clauses = []
        expanded: list[Term] = []
        for clause in parsed.clauses:
            condition = Q()
            index = 0
            while index < len(clause):
                # Words that together are an entry of a synonym group ("immigration
                # office"): they, or another entry of the group.
                length, others = phrase_alternatives(clause, index, synonyms) if plain else (0, [])
                if length:
                    matched = Q()
                    for term in clause[index : index + length]:
                        matched &= self._word_condition(term, plain, synonyms, staff, expanded)
                    for other in others:
                        matched |= self.term_condition(other, typos=False)
                    expanded.extend(others)
                    condition &= matched
                    index += length
                    continue
                term = clause[index]
                matched = self._word_condition(term, plain, synonyms, staff, expanded)
                condition &= ~matched if term.negated else matched
                index += 1
            clauses.append(condition)
        # The name is compared with the words asked for, not with their widenings.
        self.asked_text = parsed.text
        if expanded:
            parsed = replace(parsed, clauses=(*parsed.clauses, tuple(expanded)))
        rank = self.rank(parsed)
        if self.aliases:
            queryset = queryset.alias(**self.aliases)
        return queryset.filter(functools.reduce(operator.or_, clauses)).annotate(search_rank=rank)

    def _word_condition(self, term, plain, synonyms, staff, expanded: list[Term]) -> Q:
        """A term's own condition, widened (plain queries) by its synonyms and its
        umlauts written out ("Auslaenderbehoerde"); staff: also contact persons. The
        widenings are added to ``expanded`` for the rank."""
        matched = self.term_condition(term, typos=plain)
        if staff and not term.negated:
            matched |= self.staff_condition(term)
        if plain and not (term.negated or term.phrase):
            others = alternatives(term.words[0], synonyms)
            transcribed = umlaut_alternative(term.words[0])
            if transcribed:
                others.append(Term((transcribed,)))
            for other in others:
                matched |= self.term_condition(other, typos=False)
            expanded.extend(others)
        return matched

    def term_condition(self, term: Term, typos: bool) -> Q:
        raise NotImplementedError

    def staff_condition(self, term: Term) -> Q:
        """Actors with a contact person whose name or function holds the term: each word
        folded, longer ones by their stem ("Müllers" finds "Müller"), as part of a word.
        Contact persons are few (no index needed) and visible to staff only."""
        parts = [fold(stem(word) if len(word) > MIN_PREFIX_LENGTH else word) for word in term.words]
        needle = " ".join(parts)
        if len(needle) < MIN_PREFIX_LENGTH:
            return Q(pk__in=[])
        model = apps.get_model("actors", "ContactPerson")
        persons = (
            model.objects.using(self.using)
            .alias(_folded_person=Fold("name"), _folded_function=Fold("function"))
            .filter(Q(_folded_person__contains=needle) | Q(_folded_function__contains=needle))
        )
        # Read here (one small query; trigram indexes on PostgreSQL, migration 0013) and
        # given as ids: a subquery OR'ed into the search would cost the planner its
        # index scans of the actors (a sequential scan of every actor instead).
        ids = persons.order_by().values_list("actor_id", flat=True).distinct()[:MAX_CONTACT_MATCHES]
        return Q(pk__in=list(ids))

    def rank(self, parsed: ParsedQuery):
        return Value(0.0, output_field=FloatField())


class Fold(Func):
    """``portal_fold(text)``: lower-cased ``unaccent``. PostgreSQL: an immutable SQL
    function, so that it can be indexed (migration 0007); SQLite: :func:`fold`,
    registered on each connection (:func:`register_sqlite_functions`)."""

    function = "portal_fold"
    output_field = TextField()


class PostgresBackend(SearchBackend):
    """``tsvector`` full text with German stemming, pg_trgm for compound parts and typos."""

    NAME = "_search_folded_name"

    def __init__(self, using: str = "default"):
        super().__init__(using)
        self.aliases[self.NAME] = Fold("name")

    @staticmethod
    def _tsquery_token(word: str) -> str:
        """A short word as a word; a longer one as a prefix, both as it is and as its
        light stem, which the configuration then stems ("integrationszentren" →
        'integrationszentr':*, "integrationszentrum" → 'integrationszentrum':* |
        'integrationszentr':*, so that singular and plural find each other). Quoted, a
        word is one lexeme whatever it contains."""
        if len(word) < MIN_PREFIX_LENGTH:
            return f"'{word}'"
        prefixes = dict.fromkeys([f"'{word}':*", f"'{stem(word)}':*"])
        return "(" + " | ".join(prefixes) + ")"

    @classmethod
    def text_query(cls, term: Term) -> SearchQuery:
        """A word, or a phrase (its words one after the other, ``<->``)."""
        tsquery = " <-> ".join(map(cls._tsquery_token, term.words))
        return SearchQuery(tsquery, config=SEARCH_CONFIG, search_type="raw")

    def term_condition(self, term, typos):
        condition = Q(search_vector=self.text_query(term))
        if term.phrase or term.negated:
            return condition
        (word,) = term.words
        if is_infix_candidate(word):
            condition |= Q(**{f"{self.NAME}__contains": fold(stem(word))})
        folded = fold(word)
        if typos and len(folded) >= MIN_TYPO_LENGTH:
            alias = f"_search_similarity_{len(self.aliases)}"
            self.aliases[alias] = TrigramStrictWordSimilarity(folded, self.NAME)
            # ``%>>`` can use the trigram index; the cut-off on top is the real test.
            condition |= Q(
                **{
                    f"{self.NAME}__trigram_strict_word_similar": folded,
                    f"{alias}__gte": TYPO_SIMILARITY,
                }
            )
        return condition

    def rank(self, parsed):
        queries = [self.text_query(term) for term in parsed.positive_terms]
        if not queries:
            return Value(0.0, output_field=FloatField())
        # unaccent() itself (C) where no index is involved: portal_fold() (SQL, not
        # inlined) for every matching row would cost more than the ranking.
        name = Func("name", function="unaccent")
        asked = fold(self.asked_text or parsed.text)
        floor = Value(NAME_SIMILARITY_FLOOR)
        zero = Value(0.0)
        return (
            # rank / (rank + 1), 0 … 1 (as bm25 on SQLite): many mentions in the search
            # text cannot outweigh a name that is the words asked for.
            SearchRank(
                F("search_vector"), functools.reduce(operator.or_, queries), normalization=32
            )
            + Greatest(TrigramStrictWordSimilarity(asked, name) - floor, zero)
            + Greatest(TrigramSimilarity(name, asked) - floor, zero)
        )


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _sharp_s_variants(word: str) -> list[str]:
    """unicode61 keeps "ß": "strasse" and "straße" are different words to FTS5."""
    variants = [word, word.replace("ß", "ss")]
    if "ss" in word:
        variants.append(word.replace("ss", "ß"))
    return list(dict.fromkeys(variants))


def _fts_token(word: str) -> str:
    if len(word) < MIN_PREFIX_LENGTH:
        return _fts_string(word)
    return _fts_string(stem(word)) + "*"


def fts_expression(term: Term) -> str:
    """The FTS5 query of a term: a short word as a whole word, a longer one as its stem
    followed by anything ("ß" and "ss" both); a phrase as these, one after the other
    (``"kommunal"* + "integrationszentr"*``), as PostgreSQL stems a phrase's words."""
    if term.phrase:
        return " + ".join(map(_fts_token, term.words))
    (word,) = term.words
    return "(" + " OR ".join(map(_fts_token, _sharp_s_variants(word))) + ")"


class SqlitePrimaryKeySQL(Expression):
    """SQL around the actor's primary key, written ``{pk}``: compiled with the query's
    own alias, so that the expression also works inside subqueries."""

    def __init__(self, sql: str, params: tuple):
        super().__init__(output_field=FloatField())
        self.sql, self.params, self.pk = sql, params, F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        return self.sql.format(pk=pk_sql), (*self.params, *pk_params)


class SqliteBackend(SearchBackend):
    """FTS5 (unicode61) full text and an FTS5 trigram table for compound parts and typos."""

    MATCH = "SELECT rowid FROM actors_actor_fts WHERE actors_actor_fts MATCH %s"
    INFIX = "SELECT rowid FROM actors_actor_trigram WHERE actors_actor_trigram MATCH %s"
    # Filled with the constants above and placeholders only.
    TYPO = (
        "SELECT rowid FROM actors_actor_trigram WHERE actors_actor_trigram MATCH %s"
        " AND rowid NOT IN ({match}) AND {shared} >= %s"
        " AND portal_strict_word_similarity(%s, name) >= %s"
    )

    @classmethod
    def typo_sql(cls, folded_word: str, expression: str) -> tuple[str, list]:
        """Rows whose name holds a typo of the word: of those with a piece of it
        (:func:`typo_pieces`, trigram index) and not found by the word itself, those
        with enough of its trigrams to possibly reach TYPO_SIMILARITY (``instr``, in C:
        a shared trigram's substring is in the name) and, for these few, a similarity
        (Python) of at least TYPO_SIMILARITY."""
        wanted, _words = _query_trigrams(folded_word)
        checks = _trigram_checks(folded_word)
        shared = " + ".join(["(instr(lower(name), %s) > 0)"] * len(checks))
        sql = cls.TYPO.format(match=cls.MATCH, shared=shared)
        needed = math.ceil(TYPO_SIMILARITY * len(wanted) - 1e-9)
        params = [typo_pieces(folded_word), expression, *checks, needed]
        return sql, [*params, folded_word, TYPO_SIMILARITY]

    def term_condition(self, term, typos):
        expression = fts_expression(term)
        parts, params = [self.MATCH], [expression]
        if not term.phrase and not term.negated:
            (word,) = term.words
            if is_infix_candidate(word):
                parts.append(self.INFIX)
                params.append(_fts_string(trigram_fold(stem(word))))
            folded = trigram_fold(word)
            if typos and typo_pieces(folded):
                typo, typo_params = self.typo_sql(folded, expression)
                parts.append(typo)
                params += typo_params
        # The SQL above has only constants and placeholders; the words are parameters.
        return Q(pk__in=RawSQL(" UNION ".join(parts), tuple(params)))  # noqa: S611  # nosec B611

    def rank(self, parsed):
        """bm25 of the words asked for (name above short name above description); for
        the rows found only as a compound part or a typo, the similarity of their name
        to the query's words, as PostgreSQL adds it. ``LIMIT -1`` keeps the bm25
        subquery one table computed once (with an automatic index), not once per row;
        the similarity is computed for those few rows of the result alone."""
        terms = parsed.positive_terms
        if not terms:
            return Value(0.0, output_field=FloatField())
        # bm25 (0 … ∞) scaled to 0 … 1 like PostgreSQL's ts_rank, plus the same two
        # similarities of the name to the words asked for.
        sql = (
            "COALESCE((SELECT m.score / (1.0 + m.score) FROM (SELECT rowid AS r,"
            " -bm25(actors_actor_fts, %s, %s, %s, %s) AS score FROM actors_actor_fts"
            " WHERE actors_actor_fts MATCH %s LIMIT -1) AS m WHERE m.r = {pk}), 0.0)"
            " + COALESCE((SELECT max(portal_strict_word_similarity(%s, name) - %s, 0.0)"
            " + max(portal_similarity(%s, name) - %s, 0.0)"
            " FROM actors_actor_trigram WHERE rowid = {pk}), 0.0)"
        )
        asked = trigram_fold(self.asked_text or parsed.text)
        floor = NAME_SIMILARITY_FLOOR
        params = (
            *FTS_WEIGHTS,
            " OR ".join(map(fts_expression, terms)),
            *(asked, floor, asked, floor),
        )
        return SqlitePrimaryKeySQL(sql, params)


class SubstringBackend(SearchBackend):
    """Other databases: every word (or phrase) occurs in name, short name, description
    or search text."""

    def term_condition(self, term, typos):
        text = " ".join(term.words)
        return (
            Q(name__icontains=text)
            | Q(short_name__icontains=text)
            | Q(description__icontains=text)
            | Q(search_text__icontains=text)
        )

    def staff_condition(self, term):
        # A subquery, not a join: an actor with two matching contact persons stays one row.
        text = " ".join(term.words)
        persons = apps.get_model("actors", "ContactPerson").objects.using(self.using)
        matching = persons.filter(Q(name__icontains=text) | Q(function__icontains=text))
        return Q(pk__in=matching.values("actor_id"))


def backend_for(connection) -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend(connection.alias)
    if connection.vendor == "sqlite":
        return SqliteBackend(connection.alias)
    return SubstringBackend(connection.alias)


def apply_search(queryset, query: str, staff: bool = False):
    """``queryset`` narrowed to the actors matching ``query``, annotated ``search_rank``;
    the editors' synonym groups widen each plain word (one small query). ``staff``: also
    the names and functions of the actors' contact persons (signed-in staff only)."""
    parsed = parse_query(query)
    synonyms = synonym_groups(queryset.db) if parsed.clauses and not parsed.uses_syntax else ()
    return backend_for(connections[queryset.db]).search(queryset, parsed, synonyms, staff)


# --- Synonyms ----------------------------------------------------------------------------

#: Groups of equivalent entries, each entry the words of one word or word sequence.
SynonymGroups = tuple[tuple[tuple[str, ...], ...], ...]
#: Seconds the parsed groups stay cached; the key's version makes them exact.
SYNONYM_TIMEOUT = 600


def _entry_words(entry: str) -> tuple[str, ...]:
    """An entry of a synonym group as the parser reads words (stop words dropped)."""
    words = _words(_clean(entry))
    if len(words) > 1:
        words = [word for word in words if fold(word) not in STOP_WORDS] or words
    return tuple(words)


def synonym_groups(using: str = "default") -> SynonymGroups:
    """The synonym groups the editors keep (``actors.Synonym``), parsed; kept in the page
    cache under the content version of the directory (a change shows on the next
    search), so a search reads them with at most one query, and with none where the
    version is known without one (``core/versions.py``)."""
    key = f"actors:synonyms:{using}:{versions.current()}"
    groups = page_cache.get(key)
    if groups is None:
        model = apps.get_model("actors", "Synonym")
        parsed = []
        for words in model.objects.using(using).values_list("words", flat=True):
            entries = tuple(filter(None, (_entry_words(entry) for entry in words.split(","))))
            if len(entries) > 1:
                parsed.append(entries)
        groups = tuple(parsed)
        page_cache.set(key, groups, SYNONYM_TIMEOUT)
    return groups


def _same_word(word: str, other: str) -> bool:
    return stem(fold(word)) == stem(fold(other))


def alternatives(word: str, groups: SynonymGroups) -> list[Term]:
    """The other entries of every group one of whose one-word entries is ``word`` (folded
    and stemmed: "Flüchtlinge" is "Flüchtling"), as terms: a word, or a phrase."""
    found: list[Term] = []
    for group in groups:
        if not any(len(entry) == 1 and _same_word(word, entry[0]) for entry in group):
            continue
        for entry in group:
            if len(entry) == 1 and _same_word(word, entry[0]):
                continue
            term = Term(entry, phrase=len(entry) > 1)
            if term not in found:
                found.append(term)
    return found


def phrase_alternatives(
    terms: tuple[Term, ...], index: int, groups: SynonymGroups
) -> tuple[int, list[Term]]:
    """Whether the plain words from ``index`` on are a multi-word entry of a synonym
    group ("immigration office"): their number and the group's other entries, as terms;
    ``(0, [])`` if not. The longest entry wins."""
    for group in groups:
        for entry in sorted(group, key=len, reverse=True):
            length = len(entry)
            run = terms[index : index + length]
            if length < 2 or len(run) < length:
                continue
            if any(term.phrase or term.negated for term in run):
                continue
            if all(_same_word(term.words[0], word) for term, word in zip(run, entry, strict=True)):
                others = [Term(other, phrase=len(other) > 1) for other in group if other != entry]
                return length, others
    return 0, []


# "ae", "oe", "ue" for "ä", "ö", "ü" where a keyboard lacks them; not the "ue" of "eue"
# ("Steuer", "neue") or "que".
_TRANSCRIBED_UMLAUT = re.compile(r"ae|oe|(?<![eq])ue")
_UMLAUT_OF = {"ae": "ä", "oe": "ö", "ue": "ü"}


def umlaut_alternative(word: str) -> str:
    """The word with "ae", "oe", "ue" read as umlauts ("auslaenderbehoerde" →
    "ausländerbehörde", "uebach" → "übach"), or "" when it has none."""
    folded = word.lower()
    if not _TRANSCRIBED_UMLAUT.search(folded):
        return ""
    return _TRANSCRIBED_UMLAUT.sub(lambda match: _UMLAUT_OF[match.group()], folded)


# --- The generated search document (PostgreSQL) ----------------------------------------


class GermanSearchDocument(Func):
    """The weighted search document of an actor; ``NULL`` on engines without tsvector.

    Migration 0002 created the generated column from this expression (``german``
    configuration); migration 0007 regenerates it on PostgreSQL with the same weights
    and the ``portal_german`` configuration (umlauts folded before stemming), which
    0002 could not name: it did not exist yet.
    """

    template = "%(expressions)s"

    def __init__(self):
        super().__init__(
            SearchVector("name", weight="A", config="german")
            + SearchVector("short_name", weight="B", config="german")
            + SearchVector("description", weight="C", config="german"),
            output_field=SearchVectorField(),
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


# --- SQLite: the FTS5 tables, their triggers, the similarity function -------------------

SQLITE_TRIGGERS = {
    "actors_actor_search_insert": "AFTER INSERT ON actors_actor BEGIN {insert} END",
    "actors_actor_search_delete": "AFTER DELETE ON actors_actor BEGIN {delete} END",
    "actors_actor_search_update": (
        "AFTER UPDATE OF id, {columns} ON actors_actor BEGIN {delete} {insert} END"
    ),
}

#: The columns of ``actors_actor`` in the FTS5 word table, in the order of FTS_WEIGHTS.
FTS_COLUMNS = ("name", "short_name", "description", "search_text")
#: The columns as migration 0007 created the table (before ``search_text``, 0012).
FTS_COLUMNS_0007 = FTS_COLUMNS[:3]


# Filled with sqlite_fold_sql() only: constants, no input.
_SQLITE_INSERT = (
    "INSERT INTO actors_actor_fts(rowid, {columns}) VALUES (new.id, {values});"
    " INSERT INTO actors_actor_trigram(rowid, name) VALUES (new.id, {folded});"
)
_SQLITE_REFILL_TRIGRAMS = (
    "INSERT INTO actors_actor_trigram(rowid, name) SELECT id, {folded} FROM actors_actor"
)


def sqlite_schema_sql(columns: tuple[str, ...] = FTS_COLUMNS) -> list[str]:
    """The FTS5 tables and the triggers that keep them in step with ``actors_actor``.
    ``columns``: those of the word table (a migration passes the ones of its time)."""
    names = ", ".join(columns)
    insert = _SQLITE_INSERT.format(
        columns=names,
        values=", ".join(f"new.{column}" for column in columns),
        folded=sqlite_fold_sql("new.name"),
    )
    delete = (
        "DELETE FROM actors_actor_fts WHERE rowid = old.id;"
        " DELETE FROM actors_actor_trigram WHERE rowid = old.id;"
    )
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS actors_actor_fts USING fts5("
        f"{names}, tokenize = 'unicode61 remove_diacritics 2')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS actors_actor_trigram USING fts5("
        "name, tokenize = 'trigram')",
        *(
            f"CREATE TRIGGER IF NOT EXISTS {name} "
            + body.format(insert=insert, delete=delete, columns=names)
            for name, body in SQLITE_TRIGGERS.items()
        ),
    ]


def sqlite_rebuild_sql(columns: tuple[str, ...] = FTS_COLUMNS) -> list[str]:
    """Refill both tables from ``actors_actor`` (after the migration, after a repair)."""
    names = ", ".join(columns)
    return [
        "DELETE FROM actors_actor_fts",
        "DELETE FROM actors_actor_trigram",
        # Column names from FTS_COLUMNS (constants), no input.
        f"INSERT INTO actors_actor_fts(rowid, {names}) SELECT id, {names} FROM actors_actor",  # noqa: S608  # nosec B608
        _SQLITE_REFILL_TRIGRAMS.format(folded=sqlite_fold_sql("name")),
    ]


def sqlite_drop_sql() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS] + [
        "DROP TABLE IF EXISTS actors_actor_fts",
        "DROP TABLE IF EXISTS actors_actor_trigram",
    ]


def _sqlite_fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


def register_sqlite_functions(sender, connection, **kwargs):
    """``connection_created``: the typo similarity and ``portal_fold`` (as on PostgreSQL:
    lower case without diacritics) as SQL functions on SQLite."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SIMILARITY_FUNCTION, 2, strict_word_similarity, deterministic=True
        )
        connection.connection.create_function(Fold.function, 1, _sqlite_fold, deterministic=True)
        connection.connection.create_function(
            NAME_SIMILARITY_FUNCTION, 2, similarity, deterministic=True
        )


def repair_sqlite_index(using: str) -> bool:
    """Re-create missing triggers and refill the FTS5 tables; ``True`` if it had to.

    Django's SQLite schema editor rebuilds a table for many changes (copy, drop,
    rename), and dropping ``actors_actor`` drops its triggers: after such a migration
    the index would silently stop following the data. Run after every ``migrate``.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
    if not {FTS_TABLE, TRIGRAM_TABLE} <= present or set(SQLITE_TRIGGERS) <= present:
        return False  # migration 0007 not applied (or reverted), or nothing missing
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in sqlite_schema_sql() + sqlite_rebuild_sql():
            cursor.execute(statement)
    return True


def repair_after_migrate(sender, using, **kwargs):
    """``post_migrate`` of the actors app: see ``repair_sqlite_index``."""
    repair_sqlite_index(using)
