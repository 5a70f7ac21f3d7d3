"""The cached total of paginated lists."""

from __future__ import annotations

import pytest

from core.models import User
from core.pagination import CachedCountPaginator

pytestmark = pytest.mark.django_db


def test_the_total_is_counted_once_and_then_read_from_the_cache(django_assert_num_queries):
    for number in range(3):
        User.objects.create(email=f"p{number}@example.org")
    queryset = User.objects.order_by("pk")

    with django_assert_num_queries(1):
        assert CachedCountPaginator(queryset, 2, cache_key="count:test").count == 3
    User.objects.create(email="p3@example.org")
    with django_assert_num_queries(0):
        paginator = CachedCountPaginator(queryset, 2, cache_key="count:test")
        assert (paginator.count, paginator.num_pages) == (3, 2)
