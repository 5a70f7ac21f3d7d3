"""Extension points for other parts of the portal (which this app never imports).

A part that relates to actors (e.g. networks and their memberships) registers what it
adds in its ``AppConfig.ready()``::

    from actors.extensions import register_detail_section, register_directory_filter
    register_detail_section("networks/includes/actor_detail_section.html")
    register_directory_filter("netzwerk", network_filter)

- A detail section is a template: the actor's detail page includes each registered one
  with ``actor`` and ``user_is_internal`` in the context, after the tasks.
- A municipality section is a template: the page of a member municipality
  (``/kommunen/<slug>/``) includes each registered one with ``municipality`` (the
  municipality's actor) and ``user_is_internal`` in the context, after its actors and
  offers. It shows public data only to anonymous visitors and runs a fixed number of
  queries (the page is cached per content version, visibility, language and day).
- A directory filter is a factory that returns a django-filter ``Filter``; the
  directory's filter set (``actors.filters.directory_filterset_class()``) declares it
  under the given name, which is its URL parameter. The template renders every field of
  the form, so the filter appears by itself among the facets. For a lookup through a
  relation, ``method="filter_related"`` narrows without listing an actor twice::

      def member_filter():
          return django_filters.CharFilter(
              field_name="memberships__network__slug", method="filter_related", label=...)

Nothing here patches a class of this app: the directory builds its filter set from what
is registered.
"""

from __future__ import annotations

from collections.abc import Callable

from django_filters import Filter

DETAIL_SECTIONS: list[str] = []
MUNICIPALITY_SECTIONS: list[str] = []

#: URL parameter → factory of the filter, in the order of registration.
DIRECTORY_FILTERS: dict[str, Callable[[], Filter]] = {}


def register_detail_section(template_name: str) -> None:
    if template_name not in DETAIL_SECTIONS:
        DETAIL_SECTIONS.append(template_name)


def register_municipality_section(template_name: str) -> None:
    if template_name not in MUNICIPALITY_SECTIONS:
        MUNICIPALITY_SECTIONS.append(template_name)


def register_directory_filter(name: str, factory: Callable[[], Filter]) -> None:
    """Add the filter ``factory()`` to the directory under the URL parameter ``name``.

    Registering the same factory again changes nothing; another factory under a name
    that is taken is refused (two apps would otherwise decide each other's filter).
    """
    registered = DIRECTORY_FILTERS.get(name)
    if registered is not None and registered is not factory:
        raise ValueError(f"A directory filter {name!r} is registered already: {registered!r}.")
    DIRECTORY_FILTERS[name] = factory


def unregister_directory_filter(name: str) -> None:
    """Remove a directory filter again (e.g. one a test has added)."""
    DIRECTORY_FILTERS.pop(name, None)
