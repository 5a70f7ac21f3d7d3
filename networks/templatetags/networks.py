"""Template helpers of the networks, also for the actor directory's pages.

The directory shows an actor's memberships and links with ``{% actor_networks actor %}``;
this keeps the dependency one-way (networks knows actors, actors never imports networks).
"""

from django import template

from networks import graph

register = template.Library()


@register.filter
def actor_url(actor) -> str:
    return graph.actor_url(actor)


@register.inclusion_tag("networks/includes/actor_networks.html", takes_context=True)
def actor_networks(context, actor):
    """An actor's memberships and coordination links, as far as the viewer may see them."""
    from integration_portal.permissions import is_internal

    user = context["request"].user
    memberships, links = graph.actor_involvement(actor, user)
    return {
        "actor": actor,
        "current": [m for m in memberships if m.is_current()],
        "former": [m for m in memberships if not m.is_current()],
        "links": links,
        "show_note": is_internal(user),
    }
