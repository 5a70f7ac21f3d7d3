"""Pagination without a ``COUNT(*)`` over the whole result on every page view.

Counting 50,000 actors, or the 4,000 that match a search, costs more than fetching the
20 rows of a page. The count of a result set changes only with its content, so
``CachedCountPaginator`` keeps it in the cache under a key that the view derives from
what decides the result: the content version (``core/versions.py``, so the count is
exact the moment anything changes, in every worker), the viewer's visibility, the day
and the filters — not the page number or the sort order. The minute of
``COUNT_TIMEOUT`` only bounds the memory of counts nobody asks for again.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property

from core import versions
from core.caching import cache_for, form_variant, page_cache, search_cache
from core.permissions import is_internal

COUNT_TIMEOUT = 60
#: Seconds the variants of a query string are remembered (``request_variants``).
VARIANTS_TIMEOUT = 600


class Variants(NamedTuple):
    """What a list view's cached parts are keyed by, from its validated filter form:
    the variant of the count (without the filters that do not change it), the variant of
    the form and results (``None``: not cacheable), and the cleaned search text."""

    count: str | None
    filter: str | None
    search_query: str


def count_cache_key(namespace: str, *parts: object) -> str:
    """A key from a namespace and further parts (validated values only)."""
    raw = repr(parts).encode()
    return f"count:{namespace}:{hashlib.sha256(raw).hexdigest()}"


class LazyQuerySet:
    """A queryset built only when its rows (or its count) are needed.

    Building a search's queryset (parsing, synonyms, the conditions of every word) cost
    almost half of a cached search page, whose count and cards come from the cache. The
    paginator slices this lazily; the rows are read where the template iterates them,
    inside the cached fragment, so a cached page never builds it."""

    ordered = True  # the view's queryset is always ordered (no paginator warning)

    def __init__(self, build, bounds: slice | None = None):
        self._build = build
        self._bounds = bounds

    @cached_property
    def queryset(self):
        queryset = self._build()
        return queryset[self._bounds] if self._bounds is not None else queryset

    def __getitem__(self, key):
        if isinstance(key, slice) and self._bounds is None:
            return LazyQuerySet(self._build, key)
        return self.queryset[key]

    def __iter__(self):
        return iter(self.queryset)

    def __len__(self):
        return len(self.queryset)

    def __bool__(self):
        return bool(self.queryset)

    def count(self) -> int:
        return self.queryset.count()


class CachedCountPaginator(Paginator):
    """A ``Paginator`` whose total count is cached for ``COUNT_TIMEOUT`` seconds.

    ``cache_key`` must carry the content version of the objects counted
    (``count_cache_key`` in ``CachedCountListMixin``); ``cache`` is the cache it lives in
    (``core.caching.cache_for``), ``pages`` by default."""

    def __init__(self, object_list, per_page, *, cache_key: str, cache=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cache_key = cache_key
        self.cache = page_cache if cache is None else cache

    @cached_property
    def count(self) -> int:
        value = self.cache.get(self.cache_key)
        if value is None:
            value = super().count
            self.cache.set(self.cache_key, value, COUNT_TIMEOUT)
        return value


class CachedCountListMixin:
    """For the portal's list views with a filter form (``self.filterset``): the total
    from ``CachedCountPaginator``, keyed by the content version, the viewer's visibility,
    the day (lists that count current memberships change at midnight) and the validated
    filters (``form_variant``; a free-text search is counted afresh, or, where
    ``cache_searches`` is set, kept in the bounded ``search`` cache); a
    missing, malformed or too large page number shows a valid page instead of a 404 (a
    shared link outlives its data); the context of the shared pagination include; and
    the key parts of the cached fragments, ``filter_variant`` and ``results_variant``
    (``None`` where the request is not cacheable)."""

    count_namespace = ""
    #: The content version the listed objects belong to (``core/versions.py``).
    count_version = versions.DIRECTORY
    #: Filters that do not change the total (e.g. sorting).
    count_ignore: tuple[str, ...] = ()
    #: Whether free-text searches are cached too (in the bounded ``search`` cache).
    cache_searches = False

    def count_stamp(self) -> str:
        """The content version(s) of the key of the cached count and variants."""
        return str(versions.for_request(self.request, self.count_version))

    def filter_form(self):
        filterset = getattr(self, "filterset", None)
        return filterset.form if filterset is not None else None

    def request_variants(self) -> Variants:
        """The variants of this request's filters, remembered per query string.

        Building and validating the filter form (a dozen fields, choices from the
        database) cost a third of a cached search page; the answer depends only on the
        query string, the content version and what the viewer may see. It is kept in the
        bounded ``search`` cache (any number of made-up query strings can only push out
        other entries), so a repeated request builds no form unless the template has to
        render it."""
        if hasattr(self, "_variants"):
            return self._variants
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        raw = repr(
            (
                self.count_namespace,
                self.count_stamp(),
                is_internal(self.request.user),
                sorted(query.lists()),
            )
        ).encode()
        key = f"variants:{hashlib.sha256(raw).hexdigest()}"
        variants = search_cache.get(key)
        if variants is None:
            form = self.filter_form()
            variants = Variants(
                count=form_variant(form, ignore=self.count_ignore, text=self.cache_searches),
                filter=form_variant(form, text=self.cache_searches),
                search_query=getattr(self.filterset, "search_query", "") if query else "",
            )
            search_cache.set(key, tuple(variants), VARIANTS_TIMEOUT)
        else:
            variants = Variants(*variants)
        self._variants = variants
        return variants

    def get_paginator(self, queryset, per_page, **kwargs):
        variant = self.request_variants().count
        if variant is None:
            return Paginator(queryset, per_page, **kwargs)
        key = count_cache_key(
            self.count_namespace,
            self.count_stamp(),
            is_internal(self.request.user),
            timezone.localdate(),
            variant,
        )
        return CachedCountPaginator(
            queryset, per_page, cache_key=key, cache=cache_for(variant), **kwargs
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        paginator = context["paginator"]
        page_obj = context["page_obj"]
        filter_variant = self.request_variants().filter
        context.update(
            query_string=query.urlencode(),
            page_links=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            ellipsis=paginator.ELLIPSIS,
            today=timezone.localdate(),
            filter_variant=filter_variant,
            results_variant=None
            if filter_variant is None
            else f"{filter_variant}|{page_obj.number}",
        )
        return context


class StatusQueueMixin:
    """A staff queue of records with a status (the accessibility feedback, the
    suggestions from outside): the rows of ``status_queryset()`` newest first, ``?status=``
    one status only (an unknown one shows all, with a note: ``filter_invalid``), in pages
    of ``paginate_by``, and the number of records per status for the filter's links. A
    page number out of range or malformed shows the nearest valid page (a shared link
    outlives the records it listed), not a 404. Two queries beside the page's own: the
    counts per status and the page's count.

    A view sets ``filter_form_class`` (a form with a ``status`` choice field),
    ``status_choices`` and ``status_queryset()``."""

    page_kwarg = "seite"
    filter_form_class: type | None = None
    status_choices: tuple = ()

    def status_queryset(self):
        raise NotImplementedError

    def get_filter(self):
        if not hasattr(self, "_filter"):
            self._filter = self.filter_form_class(self.request.GET or None)
        return self._filter

    def get_queryset(self):
        queryset = self.status_queryset()
        form = self.get_filter()
        if form.is_bound and form.is_valid() and form.cleaned_data["status"]:
            queryset = queryset.filter(status=form.cleaned_data["status"])
        return queryset

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_filter()
        valid = form.is_bound and form.is_valid()
        model = self.status_queryset().model
        counts = dict(
            model._default_manager.order_by().values_list("status").annotate(n=Count("pk"))
        )
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        paginator, page_obj = context["paginator"], context["page_obj"]
        context.update(
            filter_status=form.cleaned_data["status"] if valid else "",
            filter_invalid=form.is_bound and not valid,
            status_counts=[
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in self.status_choices
            ],
            query_string=query.urlencode(),
            page_links=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            ellipsis=paginator.ELLIPSIS,
        )
        return context
