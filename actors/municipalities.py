"""The member municipalities of the Kreis, each with what is active there.

``/kommunen/`` lists the towns and municipalities (the actors of level municipality and
sector "Stadt, Gemeinde oder Kreis") with the number of actors working in each and a
bar chart of them. ``/kommunen/<slug>/`` shows one: the actors working there, the offers
available there (its own and those for the whole Kreis), and what other parts of the
portal register for it (``actors.extensions.register_municipality_section``: the
networks its actors belong to). Public data only for anonymous visitors (``visible_to``:
no internal actors, offers or networks); contact persons and internal notes are on no
version of these pages. Each page is a fragment cached per content version, visibility,
language and day, built in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Window
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from actors.charts import by_municipality
from actors.extensions import MUNICIPALITY_SECTIONS
from actors.models import Actor, Level, Offer, Sector
from core import versions
from core.caching import page_cache
from core.permissions import is_internal

#: Most actors and offers a municipality's page lists (the directory has all of them).
LIST_LIMIT = 60


def municipalities(user):
    """The member municipalities the viewer may see, by name."""
    return (
        Actor.objects.visible_to(user)
        .filter(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)
        .order_by("name", "pk")
    )


@dataclass
class MunicipalityPage:
    actors: list
    actor_count: int
    offers: list
    offer_count: int


def municipality_page(municipality: Actor, user) -> MunicipalityPage:
    """The actors working in the municipality and the active offers available there:
    two queries (each list with its total as a window count)."""
    actors = list(
        Actor.objects.visible_to(user)
        .filter(municipality=municipality)
        .annotate(total=Window(Count("pk")))
        .order_by("name", "pk")[:LIST_LIMIT]
    )
    offers = list(
        Offer.objects.visible_to(user)
        .active()
        .for_municipality(municipality)
        .annotate(total=Window(Count("pk")))
        .order_by("name", "pk")[:LIST_LIMIT]
    )
    return MunicipalityPage(
        actors=actors,
        actor_count=actors[0].total if actors else 0,
        offers=offers,
        offer_count=offers[0].total if offers else 0,
    )


class MunicipalityListView(TemplateView):
    template_name = "actors/municipality_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            municipalities=SimpleLazyObject(lambda: list(municipalities(user))),
            chart=SimpleLazyObject(lambda: by_municipality(user)),
        )
        return context


class MunicipalityDetailView(TemplateView):
    template_name = "actors/municipality_detail.html"

    def get_municipality(self) -> Actor:
        """The municipality, kept under the content version (one query when missing); a
        slug that names no visible municipality is a 404, never cached."""
        request = self.request
        slug = self.kwargs["slug"]
        internal = int(is_internal(request.user))
        key = f"actors:municipality:{versions.for_request(request)}:{internal}:{slug}"
        municipality = page_cache.get(key)
        if municipality is None:
            municipality = municipalities(request.user).filter(slug=slug).first()
            if municipality is None:
                raise Http404
            page_cache.set(key, municipality, settings.PORTAL_FRAGMENT_TIMEOUT)
        return municipality

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.get_municipality()
        user = self.request.user
        context.update(
            municipality=municipality,
            page=SimpleLazyObject(lambda: municipality_page(municipality, user)),
            municipality_sections=MUNICIPALITY_SECTIONS,
            today=timezone.localdate(),
        )
        return context
