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
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import apps


def contributions(attribute: str) -> list[ModuleType]:
    """The modules the installed apps name in ``AppConfig.<attribute>``."""
    return [
        import_module(path)
        for config in apps.get_app_configs()
        if (path := getattr(config, attribute, None))
    ]
