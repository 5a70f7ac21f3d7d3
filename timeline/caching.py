"""Page cache of the public history, invalidated by a content version.

Public pages are rendered once per (content version, language, host, path and query)
and served from the cache to anonymous visitors without touching the database. Any
save or delete of timeline content bumps the version (``signals.py``), so every cached
page is stale at once; old entries expire on their own.

The version lives in the cache itself. With the default per-process memory cache, a
change made in one worker invalidates that worker only; production therefore uses the
shared cache (``REDIS_URL``), and ``PAGE_TIMEOUT`` bounds staleness in any case.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from core.caching import no_query_variant
from core.caching import page_cache as cache

VERSION_KEY = "timeline:content-version"
PAGE_TIMEOUT = 60 * 10
BROWSER_MAX_AGE = 60 * 5


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version() -> None:
    """Invalidate every cached timeline page."""
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)


def _is_anonymous(request: HttpRequest) -> bool:
    # Without a session cookie the visitor is anonymous; no query is needed to know it.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def _page_key(request: HttpRequest, variant: str) -> str:
    raw = "|".join(
        [
            content_version(),
            get_language() or "",
            request.scheme,
            request.get_host(),
            request.path,
            variant,
        ]
    )
    return "timeline:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def cached_public_page(
    view: Callable[..., HttpResponse], *, variant: Callable = no_query_variant
) -> Callable[..., HttpResponse]:
    """Serve anonymous GET/HEAD requests from the page cache, with ETag and Cache-Control.

    Signed-in users (editors see edit links and their account in the header) always
    get a freshly rendered, privately cached page. ``variant(request)`` gives the
    validated parameters the page depends on, or ``None``: rendered, not cached
    (``core.caching.form_variant``).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        cacheable = (
            request.method in ("GET", "HEAD")
            and "messages" not in request.COOKIES
            and _is_anonymous(request)
        )
        if not cacheable:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        part = variant(request)
        if part is None:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            return response
        key = _page_key(request, part)
        cached = cache.get(key)
        if cached is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if response.status_code != 200:
                return response
            cached = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": _etag(response.content),
            }
            cache.set(key, cached, PAGE_TIMEOUT)
        response = HttpResponse(cached["content"], content_type=cached["content_type"])
        response["ETag"] = cached["etag"]
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        return get_conditional_response(request, etag=cached["etag"], response=response)

    return wrapper
