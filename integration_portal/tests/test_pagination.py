"""The cached total of paginated lists."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from integration_portal.models import User
from integration_portal.pagination import CachedCountPaginator, count_cache_key

pytestmark = pytest.mark.django_db


def test_the_key_ignores_page_and_sort_but_not_filters_or_visibility():
    def key(query, *parts):
        return count_cache_key("x", *parts, params=QueryDict(query), ignore=("seite", "sort"))

    assert key("ebene=kreis&seite=2&sort=name", True) == key("seite=9&ebene=kreis", True)
    assert key("ebene=kreis&q=", True) == key("ebene=kreis", True)
    assert key("ebene=kreis", True) != key("ebene=kommune", True)
    assert key("ebene=kreis", True) != key("ebene=kreis", False)


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
