"""schema.org JSON-LD of a network's public page (``core.structured_data`` writes it).

A public network is an ``Organization`` with its description, purpose, the public
network it belongs to (``parentOrganization``), its public lead actor and its public
current members (``member``, nodes as on the actors' pages). An internal network gets
none at all, even on a signed-in visitor's page; internal notes and the notes of
memberships are never part of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from actors.models import Actor
from actors.structured_data import SCHEMA, organization_reference
from networks.models import Membership, Network


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def public_members(memberships: Iterable[Membership]) -> list[Actor]:
    """The public actors among current memberships (those the page's member tables
    show, fetched once for both), by name, each once."""
    actors: dict[int, Actor] = {}
    for membership in memberships:
        if membership.actor.is_public:
            actors.setdefault(membership.actor_id, membership.actor)
    return sorted(actors.values(), key=lambda actor: (actor.name, actor.pk))


def network_json_ld(network: Network, base: str, current: Iterable[Membership]) -> dict | None:
    """The JSON-LD of a public network's page (``current``: its current memberships, with
    their actors); ``None`` for an internal one."""
    if not network.is_public:
        return None
    url = f"{base.rstrip('/')}{network.get_absolute_url()}"
    parent = network.parent if network.parent_id else None
    lead = network.lead_actor if network.lead_actor_id else None
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "Organization",
            "@id": f"{url}#netzwerk",
            "name": network.name,
            "url": url,
            "description": network.description,
            "slogan": network.purpose,
            "parentOrganization": {
                "@type": "Organization",
                "name": parent.name,
                "url": f"{base.rstrip('/')}{parent.get_absolute_url()}",
            }
            if parent is not None and parent.is_public
            else None,
            "founder": organization_reference(lead, base)
            if lead is not None and lead.is_public
            else None,
            "member": [organization_reference(actor, base) for actor in public_members(current)],
        }
    )
