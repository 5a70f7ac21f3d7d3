"""The data-quality pages for signed-in staff: the overview of counts and one list per
check (``stewardship/quality.py``). Never cached by browsers; nothing here is public."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView

from core.caching import CachedSignedInPageMixin
from core.permissions import InternalRequiredMixin
from stewardship import quality

PER_PAGE = 50


class KnownCountPaginator(Paginator):
    """A paginator whose total is known already (the check's cached count), so a page of
    a list costs the query of its rows alone."""

    def __init__(self, object_list, per_page, *, known_count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        return self.known_count


@method_decorator(never_cache, name="dispatch")
class QualityOverviewView(InternalRequiredMixin, CachedSignedInPageMixin, TemplateView):
    """Every check with its count, grouped by actors, offers and networks."""

    template_name = "stewardship/quality.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = quality.counts(self.request)
        context["groups"] = [
            {
                "label": label,
                "checks": [
                    {"check": check, "count": counts[check.slug]}
                    for check in quality.CHECKS
                    if check.kind in kinds
                ],
            }
            for label, kinds in quality.GROUPS
        ]
        return context


@method_decorator(never_cache, name="dispatch")
class QualityListView(InternalRequiredMixin, ListView):
    """The entries failing one check, a page at a time, each linked to its page and its
    change page in the admin (one query for the rows, the total from the cached counts)."""

    template_name = "stewardship/quality_list.html"
    context_object_name = "entries"
    paginate_by = PER_PAGE
    page_kwarg = "seite"

    @cached_property
    def check(self) -> quality.Check:
        check = quality.BY_SLUG.get(self.kwargs["check"])
        if check is None:
            raise Http404
        return check

    def get_queryset(self):
        queryset = quality.check_queryset(self.check, timezone.localdate())
        kind = self.check.kind
        if kind in (quality.ACTOR, quality.DUPLICATE):
            queryset = queryset.select_related("municipality")
        elif kind == quality.OFFER:
            queryset = queryset.select_related("actor")
        if kind == quality.DUPLICATE:
            return queryset.order_by("normalised_name", "municipality__name", "pk")
        return queryset.order_by("name", "pk")

    def paginate_queryset(self, queryset, page_size):
        # The total is the overview's count; a page number out of range or malformed
        # shows the nearest valid page (a shared link outlives the problems it listed).
        total = quality.counts(self.request)[self.check.slug]
        paginator = KnownCountPaginator(queryset, page_size, known_count=total)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = context["paginator"]
        page_obj = context["page_obj"]
        context.update(
            check=self.check,
            admin_url_name={
                quality.ACTOR: "admin:actors_actor_change",
                quality.DUPLICATE: "admin:actors_actor_change",
                quality.OFFER: "admin:actors_offer_change",
                quality.NETWORK: "admin:networks_network_change",
            }[self.check.kind],
            query_string="",
            page_links=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            ellipsis=paginator.ELLIPSIS,
        )
        return context
