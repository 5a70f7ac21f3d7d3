"""Full-text search of the directory.

On PostgreSQL each actor carries a stored, generated ``tsvector`` (``german``
configuration; name weighted A, short name B, description C) with a GIN index, and
trigram indexes on the names for typos. The column is declared on the model as a
``GeneratedField`` whose expression compiles to ``NULL`` on SQLite, so that one
migration serves both engines; the PostgreSQL-only indexes are created by the
migration on PostgreSQL alone.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Func

# Strict word similarity above which a name counts as "meant" despite a typo. Measured
# on the keynote's actors: one wrong letter in a German compound scores 0.67-0.77
# ("Auslenderbehörde", "Jugendamd", "Volkshochschle"); related but different
# compounds ("Integrationszentren" against "Integrationsbeauftragte") 0.38-0.55.
TYPO_SIMILARITY = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)


class GermanSearchDocument(Func):
    """The weighted search document of an actor; ``NULL`` on engines without tsvector."""

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


def search_terms(query: str) -> list[str]:
    """The words of a query, stripped of every tsquery operator character."""
    return _WORD.findall(query)[:10]


_WEBSEARCH_SYNTAX = re.compile(r'"|(^|\s)-\w|\sor\s', re.IGNORECASE)
MIN_PREFIX_LENGTH = 3


def uses_websearch_syntax(query: str) -> bool:
    return bool(_WEBSEARCH_SYNTAX.search(query))


def prefix_tsquery(query: str) -> str:
    """``wort1:* & wort2:*``: each word as a prefix, so a stem also finds longer forms.

    The German stemmer maps "Integrationszentren" to ``integrationszentr``, which as a
    prefix matches the lexeme ``integrationszentrum`` of the singular. Empty (no prefix
    part) when the query uses web-search syntax (phrases, ``-wort``, ``or``), whose
    meaning a plain prefix query would undo, or when a word is too short to be a
    useful prefix ("KI" is matched as a word, not as the start of "Kirche").
    """
    if uses_websearch_syntax(query):
        return ""
    terms = search_terms(query)
    if not terms or any(len(term) < MIN_PREFIX_LENGTH for term in terms):
        return ""
    return " & ".join(f"{term}:*" for term in terms)
