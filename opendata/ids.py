"""Identifiers of the open data.

Every record with a table of its own carries a random UUID given once
(``actors.models.open_data_id``: actors, offers, places, offers at places, opening hours,
responsibilities, tasks, topics, target groups, languages, networks, memberships, links).
What HSDS makes an object but the portal keeps inside another record (the address of a
place, the phone of an organisation, the language of a service, an area served, an
attribute, a metadata entry) gets a UUID version 5 derived from its parent's UUID and a
fixed name (``child``), and the fixed vocabularies (levels, kinds, sectors, policy
dimensions) one derived from ``NAMESPACE`` and their stored value (``term``): the same
in every database and every export, so an import gives the same identifiers back.
"""

from __future__ import annotations

import uuid

#: The portal's namespace for derived identifiers (itself derived from a fixed URL, so
#: it never changes): do not change it, every derived identifier would change with it.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:integrationsportal:opendata:hsds")


def child(parent: uuid.UUID | str, name: str) -> str:
    """The identifier of an object kept inside the record ``parent`` (``"address"``,
    ``"phone"``, ``"language:ar"``, ``"service_area:<uuid>"`` …)."""
    base = parent if isinstance(parent, uuid.UUID) else uuid.UUID(str(parent))
    return str(uuid.uuid5(base, name))


def fixed(name: str) -> str:
    """The identifier of a fixed thing of the portal (``"taxonomy:ebene"``,
    ``"taxonomy_term:ebene:municipality"``)."""
    return str(uuid.uuid5(NAMESPACE, name))


def parse(value: str) -> uuid.UUID | None:
    """A UUID from a request, or ``None`` when the text is no UUID (canonical form with
    hyphens, any case)."""
    text = (value or "").strip()
    if len(text) != 36:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
