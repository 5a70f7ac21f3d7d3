"""The portal's caches, and whole-page caching for anonymous visitors of public pages.

Three caches, each for one job (settings, "Cache"):

- ``default``: the security counters of allauth (sign-in, code and reset rate limits) and
  of the feedback form. It lives in the database (or wherever ``default`` is pointed),
  shared by every worker and server, and nothing else writes to it, so no flood of
  page requests can evict a lock.
- ``pages`` (``page_cache`` here): rendered pages and fragments, counts. Redis when
  ``REDIS_URL`` is set, else each worker's memory. Losing an entry costs a render.
- ``layout``: the parts of the page layout, per process.

Keys of pages and fragments are built only from validated parameters
(``form_variant``): a query string a form does not know, an invalid value or a free
text gives no key, and such a request is rendered without touching the cache. So the
number of cached variants of a page is bounded by its choices, whatever anyone sends.

``cache_public_page`` serves the HTML of the start and legal pages from the cache and
renders only for requests that may see something personal:

- a session cookie (signed in, or a flash message waiting in the session) or a
  ``messages`` cookie: rendered, never cached;
- any method other than GET/HEAD, responses other than 200, responses that set a
  cookie and pages that carry a CSRF token (a form): not cached.

The cache sits inside the middleware stack, so security headers (CSP, HSTS, …) are
added to each answer afresh. ``invalidate_public_pages()`` drops every cached page at
once (e.g. when an editor publishes), by moving on a generation counter.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db.models import Model, QuerySet
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

#: Rendered pages, fragments and counts (never the security counters).
page_cache = ConnectionProxy(caches, "pages")

GENERATION_KEY = "public-page:generation"

#: Form fields whose values come from a fixed list: safe parts of a cache key.
BOUNDED_FIELDS = (forms.ChoiceField, forms.BooleanField, forms.NullBooleanField)


def form_variant(form: forms.Form | None, *, ignore: tuple[str, ...] = ()) -> str | None:
    """A cache-key part for a (filter) form's validated values, or ``None``: not cacheable.

    An unbound form is the empty variant. A bound form gives a key only when it is valid
    and every value that is set comes from a fixed list of choices; a free-text field in
    use (a search term) or an invalid value means the answer is rendered uncached.
    Parameters the form does not know never reach the key.
    """
    if form is None or not form.is_bound:
        return ""
    if not form.is_valid():
        return None
    parts = []
    for name, field in form.fields.items():
        if name in ignore:
            continue
        value = form.cleaned_data.get(name)
        if isinstance(value, QuerySet):
            value = list(value)
        if value is None or value == "" or value == []:
            continue
        if not isinstance(field, BOUNDED_FIELDS):
            return None
        values = value if isinstance(value, list | tuple | set) else [value]
        keys = sorted(str(item.pk if isinstance(item, Model) else item) for item in values)
        parts.append(f"{name}={','.join(keys)}")
    return "&".join(parts)


def no_query_variant(request) -> str | None:
    """For pages that read no query parameters: only the bare URL is cached."""
    return "" if not request.GET else None


def _generation() -> int:
    return page_cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate_public_pages() -> None:
    """Forget every cached public page (they are rebuilt on the next request)."""
    try:
        page_cache.incr(GENERATION_KEY)
    except ValueError:
        page_cache.set(GENERATION_KEY, 2, timeout=None)


def _is_personal(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _key(request, variant: str) -> str:
    raw = f"{request.path}?{variant}".encode()
    return f"public-page:{_generation()}:{get_language()}:{hashlib.sha256(raw).hexdigest()}"


def cache_public_page(timeout: int, *, variant: Callable = no_query_variant):
    """Decorate a view whose anonymous answer is the same for everyone.

    ``variant(request)`` names the validated parameters the page depends on (``None``:
    render without the cache); by default a page with any query string is not cached.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _is_personal(request):
                return view(request, *args, **kwargs)
            part = variant(request)
            if part is None:
                return view(request, *args, **kwargs)
            key = _key(request, part)
            cached = page_cache.get(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            # get_token() marks the request when a form put a CSRF token into the page;
            # that token must match a cookie set for this visitor alone.
            needs_csrf_cookie = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
            if response.status_code == 200 and not response.cookies and not needs_csrf_cookie:
                page_cache.set(key, response, timeout)
            return response

        return wrapped

    return decorator
