"""All sitemaps of the portal, served as one index at /sitemap.xml.

Each app contributes a dict of sitemap sections (``SITEMAPS`` in the module its
``AppConfig.sitemaps`` names, core/registry.py).
"""

from core import registry


def sitemaps() -> dict:
    return {
        name: section
        for module in registry.contributions("sitemaps")
        for name, section in module.SITEMAPS.items()
    }
