"""All sitemaps of the portal, served as one index at /sitemap.xml.

Each part of the portal contributes a dict of sitemaps; add yours here.
"""

from timeline.sitemaps import SITEMAPS as TIMELINE_SITEMAPS

SITEMAPS: dict = {
    **TIMELINE_SITEMAPS,
}
