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

  A filter whose answers depend on content of another version (the networks' filter
  reads memberships, ``core.versions.MEMBERSHIPS``) names it: ``content_version=``, and
  ``counted=`` a function of the request that says whether the directory's form counts
  the filter's values (facets). The directory then adds that version to the keys of its
  cached form, cards and count where the request uses the filter or the form counts it,
  and only there: a saved membership leaves every other directory page in the cache.

Nothing here patches a class of this app: the directory builds its filter set from what
is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django_filters import Filter

DETAIL_SECTIONS: list[str] = []
MUNICIPALITY_SECTIONS: list[str] = []

#: URL parameter → factory of the filter, in the order of registration.
DIRECTORY_FILTERS: dict[str, Callable[[], Filter]] = {}


@dataclass(frozen=True)
class FilterVersion:
    """The content version a directory filter reads, and when the form counts it."""

    version: str
    counted: Callable[[HttpRequest], bool] | None = None

    def read_by(self, request: HttpRequest, name: str) -> bool:
        return name in request.GET or (self.counted is not None and self.counted(request))


#: URL parameter → the other content version its filter reads.
DIRECTORY_FILTER_VERSIONS: dict[str, FilterVersion] = {}


def register_detail_section(template_name: str) -> None:
    if template_name not in DETAIL_SECTIONS:
        DETAIL_SECTIONS.append(template_name)


def register_municipality_section(template_name: str) -> None:
    if template_name not in MUNICIPALITY_SECTIONS:
        MUNICIPALITY_SECTIONS.append(template_name)


def register_directory_filter(
    name: str,
    factory: Callable[[], Filter],
    *,
    content_version: str | None = None,
    counted: Callable[[HttpRequest], bool] | None = None,
) -> None:
    """Add the filter ``factory()`` to the directory under the URL parameter ``name``.

    Registering the same factory again changes nothing; another factory under a name
    that is taken is refused (two apps would otherwise decide each other's filter).
    """
    registered = DIRECTORY_FILTERS.get(name)
    if registered is not None and registered is not factory:
        raise ValueError(f"A directory filter {name!r} is registered already: {registered!r}.")
    DIRECTORY_FILTERS[name] = factory
    if content_version is not None:
        DIRECTORY_FILTER_VERSIONS[name] = FilterVersion(content_version, counted)


def unregister_directory_filter(name: str) -> None:
    """Remove a directory filter again (e.g. one a test has added)."""
    DIRECTORY_FILTERS.pop(name, None)
    DIRECTORY_FILTER_VERSIONS.pop(name, None)


def directory_versions(request: HttpRequest) -> tuple[str, ...]:
    """The content versions beyond ``directory`` that this directory request reads."""
    return tuple(
        dependency.version
        for name, dependency in DIRECTORY_FILTER_VERSIONS.items()
        if dependency.read_by(request, name)
    )
