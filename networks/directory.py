"""How the networks plug into the actor directory, through its extension points.

The directory never imports this app: the actor page includes a section template
registered here, and its filter set declares a "member of network" filter registered
here (``/akteure/?netzwerk=kim-lenkungsgruppe``, several networks OR'd, each counted like
the directory's own facets). ``NetworksConfig.ready()`` calls
``connect()``; this module is imported only there (and by tests), when every model is
loaded, so importing ``networks.models`` at the top closes no cycle.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from actors.extensions import register_detail_section, register_directory_filter
from actors.filters import ModelFacetField, ModelFacetFilter, grouped_counts
from core import versions
from core.caching import page_cache
from core.permissions import is_internal
from networks.models import Membership, Network

DETAIL_SECTION = "networks/includes/actor_detail_section.html"
FILTER_NAME = "netzwerk"

# Up to this many networks the filter is a group of checkboxes; a Kreis has some 80.
# With all of NRW (2,000) the list would be unusable and make every directory page
# 250 KB heavier: the filter is then a text field for the networks' short names, and
# every network page links to its members in the directory.
SELECT_LIMIT = 150
TEXT_HELP = _(
    "Kurzname aus der Adresse des Netzwerks, z. B. „kim-lenkungsgruppe“; mehrere durch "
    "Kommas getrennt. Einfacher: auf der Seite des Netzwerks „Mitglieder im "
    "Akteursverzeichnis“ wählen."
)


#: The networks by visibility (internal or not): querysets built once, never evaluated.
_NETWORKS: dict[bool, QuerySet] = {}


def _viewer(request):
    # Without a request or a user (a filter set built elsewhere): an anonymous visitor.
    return getattr(request, "user", None) or AnonymousUser()


def _visible_networks(request):
    """The networks the viewer may see, as a fresh copy (``all()``) of a queryset built
    once per visibility: which networks a viewer sees depends on nothing else
    (``NetworkQuerySet.visible_to``), as the directory's cached fragments rely on too."""
    user = _viewer(request)
    internal = is_internal(user)
    networks = _NETWORKS.get(internal)
    if networks is None:
        networks = _NETWORKS[internal] = Network.objects.visible_to(user).order_by("name")
    return networks.all()


def visible_network_count(request) -> int:
    """How many networks the viewer may see: counted once per content version and
    visibility (kept in the page cache), as every directory request builds the filter."""
    if request is None:
        return _visible_networks(request).count()
    internal = int(is_internal(_viewer(request)))
    key = f"networks:directory-filter-size:{versions.for_request(request)}:{internal}"
    return page_cache.get_or_set(
        key, lambda: _visible_networks(request).count(), settings.PORTAL_FRAGMENT_TIMEOUT
    )


def _current_members_of(queryset, name, networks):
    """Actors with a current membership in one of the networks (one row per actor)."""
    if not networks:
        return queryset
    members = Membership.objects.current().filter(network__in=[n.pk for n in networks])
    return queryset.filter(pk__in=members.values("actor_id"))


class SlugsInput(forms.TextInput):
    """A text field for one or more slugs, separated by commas (or given as repeated
    parameters, as the checkboxes send them)."""

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        values = getlist(name) if getlist is not None else [data.get(name) or ""]
        return [slug.strip() for value in values for slug in value.split(",") if slug.strip()]

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value) or None
        return super().format_value(value)


class NetworkChoiceField(ModelFacetField):
    """Networks by their slugs: checkboxes of the visible networks, or a text field for
    the slugs once there are more than ``SELECT_LIMIT``. Validation is the same either
    way (each slug must name a network of the queryset)."""

    def __init__(self, *args, queryset, size: int | None = None, **kwargs):
        if size is None:
            size = queryset.count()
        if size > SELECT_LIMIT:
            kwargs.update(widget=SlugsInput, help_text=TEXT_HELP)
        super().__init__(*args, queryset=queryset, **kwargs)


class NetworkMemberFilter(ModelFacetFilter):
    """Current members of one of the networks, chosen by their slugs; counted per
    network where the networks are listed (up to ``SELECT_LIMIT``)."""

    field_class = NetworkChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, facet_key="network__slug", **kwargs)

    def facet_counts(self, queryset):
        members = Membership.objects.current().filter(actor__in=queryset.values("pk"))
        return grouped_counts(members, self.facet_key, actor="actor")

    @property
    def field(self):
        # As django-filter passes the request's queryset on (``extra``), the number of
        # networks in it, from the cache: every directory request builds the form, which
        # is rendered only where the cached fragment is missing.
        self.extra["size"] = visible_network_count(self.get_request())
        return super().field


def network_filter() -> django_filters.ModelMultipleChoiceFilter:
    # Choices are the networks the viewer may see: an internal network's slug is an
    # invalid choice for anonymous visitors, so the filter reveals nothing; its count
    # (``facet_counts``) is never shown either, as only offered networks are listed.
    return NetworkMemberFilter(
        label=_("Mitglied im Netzwerk"),
        queryset=_visible_networks,
        to_field_name="slug",
        method=_current_members_of,
    )


def connect() -> None:
    """Register the actor page's section and the directory's filter (``ready()``)."""
    register_detail_section(DETAIL_SECTION)
    register_directory_filter(
        FILTER_NAME,
        network_filter,
        content_version=versions.MEMBERSHIPS,
        counted=networks_counted,
    )


def networks_counted(request) -> bool:
    """Whether the directory's form lists the networks with their member counts."""
    return visible_network_count(request) <= SELECT_LIMIT


# ---------------------------------------------------------------------------
# The networks section of a municipality's page (actors.extensions)

#: Most networks the section lists (the most local members first).
MUNICIPALITY_NETWORK_LIMIT = 30


def municipality_networks(municipality, user) -> tuple[list[Network], bool]:
    """The networks in which the municipality or actors working in it are current
    members, as far as the viewer may see them (anonymous visitors: public networks,
    public actors), each with ``local_members``; and whether there are more than the
    limit. One query."""
    members = (
        Membership.objects.visible_to(user)
        .current()
        .filter(Q(actor=municipality) | Q(actor__municipality=municipality))
    )
    counts = (
        members.filter(network=OuterRef("pk"))
        .order_by()
        .values("network")
        .annotate(n=Count("actor", distinct=True))
        .values("n")
    )
    networks = list(
        Network.objects.visible_to(user)
        .filter(pk__in=members.values("network"))
        .annotate(local_members=Subquery(counts, output_field=IntegerField()))
        .order_by("-local_members", "name", "pk")[: MUNICIPALITY_NETWORK_LIMIT + 1]
    )
    return networks[:MUNICIPALITY_NETWORK_LIMIT], len(networks) > MUNICIPALITY_NETWORK_LIMIT
