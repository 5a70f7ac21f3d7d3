"""Questions asked of actors and tasks more than once, as queryset methods."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from actors.choices import Directness
from actors.search import apply_search
from core.dates import AddMonths
from core.permissions import is_internal


class ReviewQuerySetMixin:
    """Queryset methods of ``ReviewedEntry`` models (one SQL expression on both databases)."""

    def with_review_due(self):
        return self.annotate(
            review_due=AddMonths(F("last_verified"), F("review_interval_months")),
            review_far=AddMonths(F("last_verified"), F("review_interval_months") * 2),
        )

    def review_due(self, today: datetime.date | None = None):
        """Entries whose review is due today or earlier (never checked included)."""
        today = today or timezone.localdate()
        return self.with_review_due().filter(
            Q(last_verified__isnull=True) | Q(review_due__lte=today)
        )

    def review_far_overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.with_review_due().filter(
            Q(last_verified__isnull=True) | Q(review_far__lte=today)
        )

    def without_owner(self):
        return self.filter(owner__isnull=True)


class ActorQuerySet(ReviewQuerySetMixin, models.QuerySet):
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
