"""Extension points for other parts of the portal (which this app never imports).

A part that relates to actors (e.g. networks and their memberships) registers a
template in its ``AppConfig.ready()``::

    from actors.extensions import register_detail_section
    register_detail_section("networks/includes/actor_memberships.html")

The actor's detail page includes each registered template with ``actor`` and
``user_is_internal`` in the context, after the tasks.
"""

from __future__ import annotations

DETAIL_SECTIONS: list[str] = []


def register_detail_section(template_name: str) -> None:
    if template_name not in DETAIL_SECTIONS:
        DETAIL_SECTIONS.append(template_name)
