"""Template helpers of the networks, also for the actor directory's pages.

The directory shows an actor's memberships and links with ``{% actor_networks actor %}``;
this keeps the dependency one-way (networks knows actors, actors never imports networks).
"""

from django import template

from core.permissions import is_internal
from networks import directory, graph

register = template.Library()


@register.inclusion_tag("networks/includes/actor_networks.html", takes_context=True)
def actor_networks(context, actor):
    """An actor's memberships and coordination links, as far as the viewer may see them."""
    request = context["request"]
    user = request.user
    memberships, links = graph.actor_involvement(actor, user)
    return {
        # The tag's template gets a new context: the request tells the "visibility"
        # tags in it who is viewing.
        "request": request,
        "actor": actor,
        "current": [m for m in memberships if m.is_current],
        "former": [m for m in memberships if not m.is_current],
        "links": links,
        "show_note": is_internal(user),
    }


@register.inclusion_tag("networks/includes/municipality_networks.html", takes_context=True)
def municipality_networks(context, municipality):
    """The networks a municipality's actors belong to today (its page's section)."""
    networks, limited = directory.municipality_networks(municipality, context["request"].user)
    return {"municipality": municipality, "networks": networks, "limited": limited}
