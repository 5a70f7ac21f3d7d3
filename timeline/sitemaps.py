"""Sitemaps of the public history, in German and English with hreflang alternates."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from timeline.models import Period


class _BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class TimelinePagesSitemap(_BilingualSitemap):
    """The overview, the theses and the bibliography."""

    changefreq = "monthly"
    priority = 0.7

    def items(self) -> list[str]:
        return ["timeline:overview", "timeline:theses", "timeline:bibliography"]

    def location(self, item: str) -> str:
        return reverse(item)


class TimelinePeriodSitemap(_BilingualSitemap):
    """Each published period and its Leichte-Sprache summary."""

    changefreq = "monthly"
    priority = 0.6

    def items(self) -> list[tuple[Period, str]]:
        items = []
        for period in Period.objects.published():
            items.append((period, "timeline:period"))
            if period.easy_summary.strip():
                items.append((period, "timeline:period_easy"))
        return items

    def location(self, item: tuple[Period, str]) -> str:
        period, url_name = item
        return reverse(url_name, kwargs={"slug": period.slug})

    def lastmod(self, item: tuple[Period, str]):
        return item[0].updated_at


SITEMAPS = {
    "timeline-pages": TimelinePagesSitemap,
    "timeline-periods": TimelinePeriodSitemap,
}
