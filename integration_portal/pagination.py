"""Pagination without a ``COUNT(*)`` over the whole result on every page view.

Counting 50,000 actors, or the 4,000 that match a search, costs more than fetching the
20 rows of a page. The count of a result set changes rarely and nobody needs it exact
to the second, so ``CachedCountPaginator`` keeps it in the cache for a minute, under a
key that the view derives from what decides the result (the viewer's visibility and
the filters, not the page number or the sort order).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

COUNT_TIMEOUT = 60


def count_cache_key(namespace: str, *parts: object, params=None, ignore=()) -> str:
    """A key from a namespace, further parts and the query parameters minus ``ignore``."""
    items = sorted(
        (key, value)
        for key in (params.keys() if params is not None else ())
        if key not in ignore
        for value in params.getlist(key)
        if value != ""
    )
    raw = repr((parts, items)).encode()
    return f"count:{namespace}:{hashlib.sha256(raw).hexdigest()}"


class CachedCountPaginator(Paginator):
    """A ``Paginator`` whose total count is cached for ``COUNT_TIMEOUT`` seconds."""

    def __init__(self, object_list, per_page, *, cache_key: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cache_key = cache_key

    @cached_property
    def count(self) -> int:
        value = cache.get(self.cache_key)
        if value is None:
            value = super().count
            cache.set(self.cache_key, value, COUNT_TIMEOUT)
        return value


class CachedCountListMixin:
    """For the portal's list views: the total from ``CachedCountPaginator``, keyed by the
    content version, the viewer's visibility, the day (lists that count current
    memberships change at midnight) and the filters; a missing, malformed or too large
    page number shows a valid page instead of a 404 (a shared link outlives its data);
    and the context of the shared pagination include."""

    count_namespace = ""
    #: Parameters besides the page number that do not change the total (e.g. sorting).
    count_ignore: tuple[str, ...] = ()

    def get_paginator(self, queryset, per_page, **kwargs):
        from integration_portal import versions
        from integration_portal.permissions import is_internal

        key = count_cache_key(
            self.count_namespace,
            versions.for_request(self.request),
            is_internal(self.request.user),
            timezone.localdate(),
            params=self.request.GET,
            ignore=(self.page_kwarg, *self.count_ignore),
        )
        return CachedCountPaginator(queryset, per_page, cache_key=key, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        paginator = context["paginator"]
        context.update(
            query_string=query.urlencode(),
            page_links=paginator.get_elided_page_range(
                context["page_obj"].number, on_each_side=2, on_ends=1
            ),
            ellipsis=paginator.ELLIPSIS,
            today=timezone.localdate(),
        )
        return context
