"""The files that crawlers, browsers and security researchers ask every site for.

- ``/robots.txt``: the public pages may be indexed; the sign-in and account pages, the
  Django admin and the CSV exports may not (in both languages); the sitemap's address.
- ``/favicon.ico``: browsers ask for it whatever the page links; it leads to the
  portal's icon, ``static/img/favicon.svg``.
- ``/.well-known/security.txt`` (RFC 9116): whom to tell about a vulnerability.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

#: RFC 9116 recommends an ``Expires`` less than a year ahead, so that a forgotten file
#: runs out instead of naming a contact nobody reads any more.
SECURITY_TXT_LIFETIME = datetime.timedelta(days=360)

_TEXT = "text/plain; charset=utf-8"


def _paths_not_to_index() -> list[str]:
    """Sign-in and account pages, the admin and the CSV exports, in every language."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            actor_export = reverse("actors:export")
            network_export = reverse("networks:export", kwargs={"slug": "SLUG"})
            paths += [
                reverse("account_login").rsplit("login/", 1)[0],  # /konto/
                reverse("admin:index"),  # /verwaltung/
                actor_export,
                network_export.replace("SLUG", "*"),
            ]
    return list(dict.fromkeys(paths))


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in _paths_not_to_index()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type=_TEXT)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Not permanent: the icon's address changes with its content in production
    # (hashed static file names), and a browser keeps a permanent redirect for good.
    return HttpResponseRedirect(static("img/favicon.svg"))


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    expires = timezone.now().replace(microsecond=0) + SECURITY_TXT_LIFETIME
    lines = [
        f"Contact: mailto:{settings.PORTAL_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: de, en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type=_TEXT)
