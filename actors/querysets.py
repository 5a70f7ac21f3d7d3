"""Questions asked of actors and tasks more than once, as queryset methods."""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramStrictWordSimilarity,
)
from django.db import connections, models
from django.db.models import F, FloatField, Q, Value

from actors.choices import Directness
from actors.search import TYPO_SIMILARITY, prefix_tsquery, search_terms, uses_websearch_syntax
from core.permissions import is_internal


class ActorQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        return self if is_internal(user) else self.public()

    def search(self, query: str):
        """Actors matching a free-text query, the best matches annotated ``search_rank``.

        PostgreSQL: the ``german`` full-text index (web-search syntax OR every word as a
        prefix) plus trigram word similarity on name and short name for typos.
        Other engines: every word must occur in name, short name or description.
        """
        query = (query or "").strip()
        terms = search_terms(query)
        if not terms:
            return self.annotate(search_rank=Value(0.0, output_field=FloatField()))
        if not self._is_postgres():
            condition = Q()
            for term in terms:
                condition &= (
                    Q(name__icontains=term)
                    | Q(short_name__icontains=term)
                    | Q(description__icontains=term)
                )
            return self.filter(condition).annotate(
                search_rank=Value(0.0, output_field=FloatField())
            )
        text_query = SearchQuery(query, config="german", search_type="websearch")
        prefixes = prefix_tsquery(query)
        if prefixes:
            text_query |= SearchQuery(prefixes, config="german", search_type="raw")
        # ``%>>`` (strict word similarity) can use the trigram GIN index on the name;
        # the stricter cut-off on top keeps related compounds ("Integrationsbeauftragte"
        # for "Integrationszentren") out of the typo matches.
        # Phrases and exclusions ask for exact words: no typo tolerance then.
        typo = (
            Q(pk__in=[])
            if uses_websearch_syntax(query)
            else Q(name__trigram_strict_word_similar=query, similarity__gte=TYPO_SIMILARITY)
        )
        return (
            self.annotate(
                text_rank=SearchRank(F("search_vector"), text_query),
                similarity=TrigramStrictWordSimilarity(query, "name"),
            )
            .filter(Q(search_vector=text_query) | typo)
            .annotate(search_rank=F("text_rank") + F("similarity"))
        )

    def _is_postgres(self) -> bool:
        return connections[self.db].vendor == "postgresql"

    def for_directory(self):
        """What a row of the directory (list and CSV) shows, in a fixed number of queries."""
        return self.select_related("parent", "municipality").prefetch_related(
            "dimension_roles", "target_groups", "languages"
        )


class TaskQuerySet(models.QuerySet):
    def direct(self):
        return self.filter(directness=Directness.DIRECT)

    def indirect(self):
        return self.filter(directness=Directness.INDIRECT)
