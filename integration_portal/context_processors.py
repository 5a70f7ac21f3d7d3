"""Values every page of the layout needs."""

import datetime
import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from core import permissions, versions


@functools.lru_cache(maxsize=4096)
def _translated_url(path: str, code: str, urlconf, script_prefix: str) -> str:
    """``translate_url`` (a resolve and a reverse per language on every page), remembered
    per path; the URL configuration and script prefix are part of the key.

    The one cache of the portal not keyed on a content version (core/versions.py): the
    answer depends on the code alone (URL patterns, their translations), never on the
    database, and the memo is per process, so a deployment starts without it."""
    return translate_url(path, code)


def portal(request):
    user = getattr(request, "user", None)
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    language_links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": _translated_url(path, code, get_urlconf(), get_script_prefix()),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    match = getattr(request, "resolver_match", None)
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_OPERATOR": settings.PORTAL_OPERATOR,
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        "PORTAL_CONTACT_IS_DEMO": settings.PORTAL_CONTACT_EMAIL.endswith("@example.org"),
        "ACCESSIBILITY_REVIEWED": datetime.date.fromisoformat(
            settings.PORTAL_ACCESSIBILITY_REVIEWED
        ),
        "language_links": language_links,
        "user_is_internal": bool(user) and permissions.is_internal(user),
        "user_is_editor": bool(user) and permissions.is_editor(user),
        "user_is_admin": bool(user) and permissions.is_admin(user),
        # The part of the portal the page belongs to (its URL namespace, or "home"): the
        # main navigation marks it, and its cached fragment is keyed by it.
        "nav_current": (match.namespace or match.url_name or "") if match else "",
        # The directory's content version (core/versions.py), a required part of the key
        # of every cached fragment ({% fragment_cache name content_version … %}); read
        # from the database only by a page that renders such a fragment.
        "content_version": SimpleLazyObject(lambda: versions.for_request(request)),
        # The version of the memberships and coordination links: an added key part of
        # fragments that show them (the actor's networks, a network's members, …).
        "memberships_version": SimpleLazyObject(
            lambda: versions.for_request(request, versions.MEMBERSHIPS)
        ),
        "fragment_timeout": settings.PORTAL_FRAGMENT_TIMEOUT,
    }
