"""Questions asked of actors and tasks more than once, as queryset methods."""

from __future__ import annotations

from django.db import models

from actors.choices import Directness
from actors.search import apply_search
from core.permissions import is_internal


class ActorQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        return self if is_internal(user) else self.public()

    def search(self, query: str, staff: bool = False):
        """Actors matching a free-text query, the best matches annotated ``search_rank``.

        Web search syntax ("phrases", ``-wort``, ``or``); umlauts, case, inflection,
        compound parts and typos tolerated on PostgreSQL and SQLite alike; found by name,
        short name, description, tasks, offers, target groups, languages and
        municipality, and with ``staff`` (signed-in staff only) by their contact
        persons' names and functions. How each database does it: ``actors/search.py``
        and docs/search.md.
        """
        return apply_search(self, query, staff=staff)

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
