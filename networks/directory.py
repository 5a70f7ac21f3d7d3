"""How the networks plug into the actor directory, through its extension points.

The directory never imports this app: the actor page includes a section template
registered here, and its filter set receives a "member of network" filter
(``/akteure/?netzwerk=kim-lenkungsgruppe``). Both are wired in ``NetworksConfig.ready()``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

DETAIL_SECTION = "networks/includes/actor_detail_section.html"


def _visible_networks(request):
    from networks.models import Network

    user = getattr(request, "user", None)
    return Network.objects.visible_to(user).order_by("name")


def _current_members_of(queryset, name, network):
    """Actors with a current membership in the network (one row per actor)."""
    from networks.models import Membership

    if not network:
        return queryset
    return queryset.filter(
        pk__in=Membership.objects.current().filter(network=network).values("actor_id")
    )


# Up to this many networks the filter is a select; a Kreis has some 80. With all of NRW
# (2,000) a select would be unusable and make every directory page 250 KB heavier: the
# filter is then a text field for the network's short name, and every network page
# links to its members in the directory.
SELECT_LIMIT = 150
TEXT_HELP = _(
    "Kurzname aus der Adresse des Netzwerks, z. B. „kim-lenkungsgruppe“. Einfacher: "
    "auf der Seite des Netzwerks „Mitglieder im Akteursverzeichnis“ wählen."
)


class NetworkMemberFilter(django_filters.ModelChoiceFilter):
    """Current members of a network, chosen by its slug."""

    @property
    def field(self):
        if not hasattr(self, "_field"):
            networks = self.get_queryset(self.get_request())
            if networks.count() > SELECT_LIMIT:
                self.extra.update(widget=forms.TextInput, help_text=TEXT_HELP)
        return super().field


def network_filter() -> django_filters.ModelChoiceFilter:
    # Choices are the networks the viewer may see: an internal network's slug is an
    # invalid choice for anonymous visitors, so the filter reveals nothing.
    return NetworkMemberFilter(
        label=_("Mitglied im Netzwerk"),
        queryset=_visible_networks,
        to_field_name="slug",
        method=_current_members_of,
        empty_label=_("Alle"),
    )


def connect() -> None:
    from actors.extensions import register_detail_section
    from actors.filters import ActorFilterSet

    register_detail_section(DETAIL_SECTION)
    ActorFilterSet.base_filters.setdefault("netzwerk", network_filter())
