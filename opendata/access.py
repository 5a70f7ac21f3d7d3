"""Who may read the open data, how often and from which web pages: the API (``/api/``)
and the files of ``/daten/``.

**CORS.** Any web page may read them (``Access-Control-Allow-Origin: *``, no
credentials), for GET, HEAD and OPTIONS only: any other method is a 405 without any
CORS header, so no page of another site learns even that.

**Rate limit.**
Each client address (IPv6: its /64 network, as ``core.ratelimits`` counts) may send
``PORTAL_OPEN_DATA_RATE_LIMIT`` requests (default 120 a minute and 3,000 an hour, fixed
windows). Beyond that the answer is a 429 in the API's error format with
``Retry-After`` (seconds until the window ends), before any cache or query. The API
reads no session, so only the address counts. The counters are kept in the
``ratelimit`` cache (settings: Redis when set, else each worker's memory), never in the
database: a flood costs no database write.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse

from core import ratelimits

ACTION = "opendata"


def refusal(wait: int) -> JsonResponse:
    response = JsonResponse(
        {
            "status": 429,
            "error": "Too Many Requests",
            "message": (
                "Too many requests from this address. Please wait "
                f"{wait} seconds, or download the data package from /daten/."
            ),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def open_for_reuse(view):
    """CORS for reading: anyone may read the answer from a web page of their own."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in SAFE_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response

    return wrapped


def limited(view):
    """The view behind the open data's rate limit."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        rates = ratelimits.parse_rates(settings.PORTAL_OPEN_DATA_RATE_LIMIT)
        if rates:
            wait = ratelimits.consume_address(
                request, action=ACTION, rates=rates, cache=caches["ratelimit"]
            )
            if wait:
                return refusal(wait)
        return view(request, *args, **kwargs)

    return wrapped
