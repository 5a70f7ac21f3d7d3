"""Values every page of the layout needs."""

import datetime

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from integration_portal import permissions, versions


def portal(request):
    user = getattr(request, "user", None)
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    language_links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
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
        # For the keys of cached fragments ({% cache fragment_timeout … content_version %}):
        # read from the database only by a page that uses it.
        "content_version": SimpleLazyObject(lambda: versions.for_request(request)),
        "fragment_timeout": settings.PORTAL_FRAGMENT_TIMEOUT,
    }
