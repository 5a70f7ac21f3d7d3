"""Whole-page caching for anonymous visitors of public pages.

Citizens arrive in bursts (a newspaper article links the start page or the history);
they have no session, so every one of them sees the same HTML. ``cache_public_page``
serves that HTML from the cache (Redis when ``REDIS_URL`` is set, else the local-memory
cache of each worker) and renders only for requests that may see something personal:

- a session cookie (signed in, or a flash message waiting in the session) or a
  ``messages`` cookie: rendered, never cached;
- any method other than GET/HEAD, responses other than 200, responses that set a
  cookie and pages that carry a CSRF token (a form): not cached.

The cache sits inside the middleware stack, so security headers (CSP, HSTS, …) are
added to each answer afresh. Keys carry the language and the full path with its query
string; ``invalidate_public_pages()`` drops every cached page at once (e.g. when an
editor publishes), by moving on a generation counter instead of deleting keys.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

GENERATION_KEY = "public-page:generation"


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate_public_pages() -> None:
    """Forget every cached public page (they are rebuilt on the next request)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _is_personal(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-page:{_generation()}:{get_language()}:{path}"


def cache_public_page(timeout: int):
    """Decorate a view whose anonymous answer is the same for everyone."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _is_personal(request):
                return view(request, *args, **kwargs)
            key = _key(request)
            cached = cache.get(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            # get_token() marks the request when a form put a CSRF token into the page;
            # that token must match a cookie set for this visitor alone.
            needs_csrf_cookie = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
            if response.status_code == 200 and not response.cookies and not needs_csrf_cookie:
                cache.set(key, response, timeout)
            return response

        return wrapped

    return decorator
