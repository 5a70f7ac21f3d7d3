"""How the apps contribute to the portal-wide registers without anyone importing them.

An app names a module of its own in an attribute of its ``AppConfig``; whoever builds a
register asks for the modules of every installed app, in the order of
``INSTALLED_APPS`` (so ``networks`` comes after ``actors``, which it builds on):

- ``privacy_register``: ``ACTIVITIES`` and ``NOT_PERSONAL`` for the record of
  processing activities (``core.privacy``);
- ``keynote_seed``: ``load_keynote(run)`` and ``resettable_slugs()`` for
  ``manage.py seed_keynote``;
- ``sitemaps``: ``SITEMAPS``, a dict of sitemap sections for ``/sitemap.xml``.

Pages and filters that one app adds to another's pages (the networks on an actor's page
and in the directory's filters) go through that app's own extension points instead
(``actors.extensions``).

Two registers are filled at run time, by ``register_*`` calls in an ``AppConfig.ready()``,
for parts of the portal that may import neither side:

- **illustrations**: figures drawn from the portal's data (``core/figures.py``) that
  illustrate a thesis or a period of the history, keyed by the history's stable
  identifiers (``("thesis", 3)``, ``("period", "ab-2010er")``). The history's pages list
  them (``includes/illustrations.html``, template tag ``illustrations``) without knowing
  which app draws them: ``timeline`` stands alone.
- **ties**: functions that name ties between actors (``Tie``: who works with whom, and
  how) as far as a viewer may see them. The multi-level figure of ``actors`` draws them;
  ``networks`` names its coordination links in ``NetworksConfig.ready()``, as ``actors``
  never imports ``networks``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.urls import reverse


def contributions(attribute: str) -> list[ModuleType]:
    """The modules the installed apps name in ``AppConfig.<attribute>``."""
    return [
        import_module(path)
        for config in apps.get_app_configs()
        if (path := getattr(config, attribute, None))
    ]


# ---------------------------------------------------------------------------
# Illustrations of the history's theses and periods


@dataclass(frozen=True)
class Illustration:
    """A figure that illustrates a thesis or a period: its title and its page."""

    title: str  # lazily translated
    url_name: str
    fragment: str = ""

    @property
    def url(self) -> str:
        """The figure's address in the current language (with ``#fragment``)."""
        url = reverse(self.url_name)
        return f"{url}#{self.fragment}" if self.fragment else url


#: ``(kind, identifier)`` → the figures registered for it, in the order of registration.
ILLUSTRATIONS: dict[tuple[str, str], list[Illustration]] = {}


def register_illustration(kind: str, identifier: object, illustration: Illustration) -> None:
    """Name a figure that illustrates the thesis (``kind`` "thesis", identifier its
    number) or the period (``kind`` "period", identifier its slug). Registering the
    same figure again changes nothing."""
    found = ILLUSTRATIONS.setdefault((kind, str(identifier)), [])
    if illustration not in found:
        found.append(illustration)


def illustrations_for(kind: str, identifier: object) -> list[Illustration]:
    return list(ILLUSTRATIONS.get((kind, str(identifier)), ()))


# ---------------------------------------------------------------------------
# Ties between actors


@dataclass(frozen=True)
class Tie:
    """Two actors (by primary key) work together: ``label`` says how, ``context`` where
    (e.g. the network)."""

    source_id: int
    target_id: int
    label: str
    context: str = ""


#: Functions ``provider(user) -> list[Tie]``: the current ties the viewer may see. Each
#: bounds its own number of ties and runs a fixed number of queries.
TIE_PROVIDERS: list[Callable[[object], list[Tie]]] = []


def register_tie_provider(provider: Callable[[object], list[Tie]]) -> None:
    if provider not in TIE_PROVIDERS:
        TIE_PROVIDERS.append(provider)


def ties(user) -> list[Tie]:
    """Every registered provider's ties for the viewer, in the order of registration."""
    return [tie for provider in TIE_PROVIDERS for tie in provider(user)]
