"""The portal's caches, and whole-page caching of public pages for anonymous visitors.

Three caches, each for one job (settings, "Cache"):

- ``default``: the security counters of allauth (sign-in, code and reset rate limits) and
  of the feedback form. It lives in the database (or wherever ``default`` is pointed),
  shared by every worker and server, and nothing else writes to it, so no flood of
  page requests can evict a lock.
- ``pages`` (``page_cache`` here): rendered pages and fragments, counts, data. Redis
  when ``REDIS_URL`` is set, else each worker's memory. Losing an entry costs a render.
- ``search``: the same for free-text searches (a directory search's count, form and
  result cards), always in each worker's memory and bounded by its number of entries,
  so that any number of distinct search terms can only push out other searches.
- ``layout``: the parts of the page layout that depend on code, settings and
  translations only (never on content), per process.
- ``signed-in-pages``: whole pages as one signed-in account saw them
  (``CachedSignedInPageMixin``), per process and bounded by bytes.

Everything in ``pages`` is keyed on the **content version** of what it shows, kept in
the database (``core/versions.py``): the one invalidation mechanism of the portal. No
entry is ever deleted to invalidate it; a change moves the version on, and the next
request in any worker asks for a key that does not exist yet.

Keys of pages and fragments are built only from validated parameters
(``form_variant``): a query string a form does not know or an invalid value gives no
key, and such a request is rendered without touching the cache. So the number of cached
variants of a page in ``pages`` is bounded by its choices, whatever anyone sends. A
free text (a search term) gives no key either, unless the view asks for search variants
(``text=True``): those are marked (``TEXT_VARIANT``) and kept in ``search`` alone
(``cache_for``), whose size is fixed.

``cache_public_page`` serves the HTML of public pages (start and legal pages, the
history) from the cache, see there.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.http import http_date
from django.utils.translation import get_language

from core import versions as content_versions

#: Rendered pages, fragments and counts (never the security counters).
page_cache = ConnectionProxy(caches, "pages")

#: The same for free-text searches: per worker, a fixed number of entries.
search_cache = ConnectionProxy(caches, "search")

#: Whole pages of signed-in accounts (``CachedSignedInPageMixin``): per worker, bounded
#: by the bytes it holds.
signed_in_page_cache = ConnectionProxy(caches, "signed-in-pages")

#: The first character of a variant that carries free text (``form_variant(text=True)``).
TEXT_VARIANT = "~"

#: Seconds a public page stays in the cache. Its key carries the content versions, so a
#: change shows at once; the timeout only bounds the memory of pages nobody asks for.
PAGE_TIMEOUT = 60 * 10

#: Form fields whose values come from a fixed list: safe parts of a cache key.
BOUNDED_FIELDS = (forms.ChoiceField, forms.BooleanField, forms.NullBooleanField)


def form_variant(
    form: forms.Form | None, *, ignore: tuple[str, ...] = (), text: bool = False
) -> str | None:
    """A cache-key part for a (filter) form's validated values, or ``None``: not cacheable.

    An unbound form is the empty variant. A bound form gives a key only when it is valid
    and every value that is set comes from a fixed list of choices; an invalid value
    means the answer is rendered uncached. A free-text field in use (a search term)
    does too, unless ``text`` is true: then the variant carries the cleaned text and
    begins with ``TEXT_VARIANT``, so that ``cache_for`` keeps its entries in the bounded
    ``search`` cache. Parameters the form does not know never reach the key.
    """
    if form is None or not form.is_bound:
        return ""
    if not form.is_valid():
        return None
    parts = []
    free_text = False
    for name, field in form.fields.items():
        if name in ignore:
            continue
        value = form.cleaned_data.get(name)
        if isinstance(value, QuerySet):
            value = list(value)
        if value is None or value == "" or value == []:
            continue
        if not isinstance(field, BOUNDED_FIELDS):
            if not (text and isinstance(value, str)):
                return None
            # Quoted, so that no text can pass for other fields' values.
            free_text = True
            parts.append(f"{name}={value!r}")
            continue
        values = value if isinstance(value, list | tuple | set) else [value]
        keys = sorted(str(item.pk if isinstance(item, Model) else item) for item in values)
        parts.append(f"{name}={','.join(keys)}")
    return (TEXT_VARIANT if free_text else "") + "&".join(parts)


def cache_for(*parts: object):
    """The cache for an entry keyed by these parts: ``search`` when one of them is a
    free-text variant (``form_variant(text=True)``), else ``pages``."""
    if any(isinstance(part, str) and part.startswith(TEXT_VARIANT) for part in parts):
        return search_cache
    return page_cache


def no_query_variant(request) -> str | None:
    """For pages that read no query parameters: only the bare URL is cached."""
    return "" if not request.GET else None


def no_query_daily_variant(request) -> str | None:
    """``no_query_variant`` for pages that also depend on the day (what is current, what
    is overdue for review): a page of today is a page of its own."""
    return timezone.localdate().isoformat() if not request.GET else None


def _is_personal(request: HttpRequest) -> bool:
    # Without a session cookie nobody is signed in and no message waits in the session;
    # no query is needed to know it.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _render(view, request: HttpRequest, args, kwargs) -> HttpResponse:
    response = view(request, *args, **kwargs)
    if callable(getattr(response, "render", None)) and not response.is_rendered:
        response = response.render()
    return response


def _made_personal(
    request: HttpRequest, response: HttpResponse, *, token_filled_in: bool = False
) -> bool:
    """Whether rendering left something that belongs to this visitor alone.

    ``token_filled_in``: the page's CSRF token is replaced by each request's own when it
    is served again (``CachedSignedInPageMixin``), so a token in the page does not count.
    """
    if response.cookies:
        return True
    # get_token() marks the request when a form put a CSRF token into the page; that
    # token must match a cookie set for this visitor alone (by the middleware, later).
    if not token_filled_in and request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False):
        return True
    # A message added while rendering, or a session written: their cookies are set by
    # the middleware after the view, so ``response.cookies`` does not show them yet.
    if getattr(getattr(request, "_messages", None), "added_new", False):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.modified)


def _private(response: HttpResponse) -> HttpResponse:
    """A page rendered for this request alone: no shared cache may keep it."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _key(request: HttpRequest, variant: str, stamps: dict[str, int]) -> str:
    raw = "|".join(
        [
            get_language() or "",
            request.scheme,
            request.get_host(),
            request.path,
            variant,
            *(f"{name}={value}" for name, value in stamps.items()),
        ]
    )
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _answer(request: HttpRequest, entry: dict, stamps: dict[str, int]) -> HttpResponse:
    """The cached page with its validators, or 304 when the browser's copy is current."""
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    response["ETag"] = entry["etag"]
    # The versions are time.time_ns() of the last change: the newest is when the
    # content of the page last changed. Without a version (a page that shows no
    # content) there is no such time, and the ETag alone validates.
    last_modified = max(stamps.values(), default=0) // 1_000_000_000 or None
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    # ``no-cache``: browsers and proxies may store the page but ask every time; the
    # answer is a 304 without a body while the page is unchanged.
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=last_modified, response=response
    )


def cache_public_page(
    *,
    versions: Iterable[str] = (),
    timeout: int = PAGE_TIMEOUT,
    variant: Callable[[HttpRequest], str | None] = no_query_variant,
):
    """Serve a view whose anonymous answer is the same for everyone from the page cache.

    ``versions`` names the content versions (``core/versions.py``) of what the page
    shows: the key carries their current values, so the next request after any change
    renders afresh, in every worker and on every server. A page that shows no content
    (the legal pages) names none. ``variant(request)`` gives the validated parameters
    the page depends on (``form_variant``), or ``None``: rendered, not cached; by
    default a page with any query string is not cached.

    For anonymous GET and HEAD requests (no session cookie, no ``messages`` cookie) the
    key is language, scheme, host, path, variant and the versions; the cache keeps the
    content, its type and an ETag (a hash of the content). Every answer carries
    ``ETag``, ``Last-Modified`` (the newest of the versions, where there is one),
    ``Cache-Control: public, no-cache`` (browsers ask again each time, so a withdrawn
    page is gone at once; while nothing changed the answer is a 304 without a body)
    and ``Vary: Cookie``. Reading the versions costs one indexed query each per request;
    a page without versions is answered without any query.

    Rendered for the request alone, never stored, with ``Cache-Control: private,
    no-cache``: requests with a session or a waiting message (signed in: edit links, the
    account in the header), other methods, uncacheable variants, and answers that are
    not 200, set a cookie, need a CSRF cookie (a form), add a message or write the
    session. The cache sits inside the middleware stack, so security headers (CSP,
    HSTS, …) are added to each answer afresh.
    """
    names = tuple(dict.fromkeys(versions))

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _is_personal(request):
                return _private(_render(view, request, args, kwargs))
            part = variant(request)
            if part is None:
                return _private(_render(view, request, args, kwargs))
            stamps = {name: content_versions.for_request(request, name) for name in names}
            key = _key(request, part, stamps)
            cache = cache_for(part)
            entry = cache.get(key)
            if entry is None:
                response = _render(view, request, args, kwargs)
                if (
                    response.status_code != 200
                    or response.streaming
                    or _made_personal(request, response)
                ):
                    return _private(response)
                entry = {
                    "content": response.content,
                    "content_type": response["Content-Type"],
                    "etag": _etag(response.content),
                }
                cache.set(key, entry, timeout)
            return _answer(request, entry, stamps)

        return wrapped

    return decorator


#: A CSRF token in a rendered page: Django's ``{% csrf_token %}`` writes exactly this.
_CSRF_INPUT = re.compile(
    rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(">)'
)

#: Stands for the CSRF token in a kept page. Random per process, as the cache is per
#: process: no content can contain it.
_CSRF_HOLE = b"csrf-" + secrets.token_hex(16).encode()

#: Seconds a signed-in page is kept: its key carries every content version, so a change
#: shows at once; the timeout bounds what the key does not carry (the import link's
#: permission, remembered as long: ``actors.views.IMPORT_LINK_TIMEOUT``).
SIGNED_IN_PAGE_TIMEOUT = 60 * 5


def _account_key(user) -> list[str]:
    if not user.is_authenticated:
        return ["anonymous"]
    # The account as the page shows it: its role, name and what administrators changed
    # (``version``: role, networks, active).
    return [str(user.pk), str(user.version), user.role, user.get_short_name()]


def _signed_in_key(request: HttpRequest) -> str:
    raw = "|".join(
        [
            *_account_key(request.user),
            get_language() or "",
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            # Pages show what is due or current today.
            timezone.localdate().isoformat(),
            content_versions.stamp_all(request),
        ]
    )
    return "signed-in-page:" + hashlib.sha256(raw.encode()).hexdigest()


def _waiting_message(request: HttpRequest) -> bool:
    # Messages wait in a cookie, or in the session where they did not fit.
    return "messages" in request.COOKIES or "_messages" in request.session


class CachedSignedInPageMixin:
    """Serve a signed-in account's repeat of a page whole from its worker's memory.

    A signed-in page is built from cached fragments, but the view, the layout and the
    fragments' keys still cost a staff page some milliseconds: more than everything else
    of the request. This mixin (before the view's class, after mixins whose ``get`` has
    side effects that must happen on every request, like the recorded searches) keeps
    the whole answer of a GET per **account**: the key is the account (id, role, name
    and the version administrators move on), language, scheme, host, path, the query
    string as sent, the day, and every content version (``versions.stamp_all``): any
    change of any content renders every page afresh, in every worker. Nothing is shared
    between accounts, so no page shows one person what only another may see; the
    query string goes into the key as it is, which is safe because the cache is bounded
    by its bytes (``core.cache_backends``): a flood of variants only pushes out others.

    The CSRF token of the page's forms belongs to the request: it is kept as a hole and
    filled with the request's own token on every answer. Not kept: answers that are not
    200, that set a cookie, add a message, write the session or use a CSP nonce, and
    pages where the token appears anywhere but in a form's hidden field. Requests with a
    message waiting are rendered afresh (the message shows once).
    """

    #: Whether anonymous visitors' answers are kept too (shared by every visitor without a
    #: session: the same answer for all), for pages the public page cache does not serve
    #: (their query strings are too many for its ``pages`` cache: the finder's questions).
    cache_anonymous_pages = False

    def get(self, request, *args, **kwargs):
        signed_in = request.user.is_authenticated
        if signed_in:
            cacheable = not _waiting_message(request)
        else:
            cacheable = self.cache_anonymous_pages and not _is_personal(request)
        if not cacheable:
            return super().get(request, *args, **kwargs)
        key = _signed_in_key(request)
        entry = signed_in_page_cache.get(key)
        if entry is not None:
            return _signed_in_answer(request, entry)
        response = super().get(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response = response.render()
        entry = _signed_in_entry(request, response)
        if entry is not None:
            signed_in_page_cache.set(key, entry, SIGNED_IN_PAGE_TIMEOUT)
        return response


def _signed_in_entry(request: HttpRequest, response: HttpResponse) -> dict | None:
    """What of the answer can be kept for the account's next request, or ``None``."""
    if response.status_code != 200 or response.streaming:
        return None
    if _made_personal(request, response, token_filled_in=True):
        return None
    if getattr(request, "_csp_nonce", None) is not None:
        return None
    content = response.content
    tokens = {match.group(2) for match in _CSRF_INPUT.finditer(content)}
    content = _CSRF_INPUT.sub(rb"\1" + _CSRF_HOLE + rb"\3", content)
    if any(token in content for token in tokens):
        return None
    return {"content": content, "headers": list(response.items())}


def _signed_in_answer(request: HttpRequest, entry: dict) -> HttpResponse:
    content = entry["content"]
    if _CSRF_HOLE in content:
        # The request's own token (and its cookie, set by the middleware as on a rendered page).
        content = content.replace(_CSRF_HOLE, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in entry["headers"]:
        response[name] = value
    return response
