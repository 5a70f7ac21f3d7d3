"""Rate limits of the portal's own forms that anyone may send (allauth limits sign-in and
password reset itself, with ``ACCOUNT_RATE_LIMITS``).

A limit counts per client address and per session, so that neither a script that drops
its cookies nor one that changes its address sends more than its share. Each limit is a
fixed window (``amount`` uses per ``seconds``, windows aligned to the clock), as
django-ratelimit counts: a burst across the boundary of two windows may reach twice the
amount, never more. That stops a flood, on any cache backend.

The counters live with allauth's in the ``default`` cache, a table in the database that
every worker shares and that nothing else writes to (settings.py keeps pages out of it,
so a flood of page requests cannot evict them). The address is the one allauth determines
(``ALLAUTH_TRUSTED_PROXY_COUNT`` behind a proxy), so the portal's limits and allauth's
count the same clients; IPv6 addresses count per /64 network, as one household or
office gets one.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest

#: The clock of the windows (tests replace it).
clock = time.time


@dataclass(frozen=True)
class Rate:
    """At most ``amount`` uses in ``seconds``."""

    amount: int
    seconds: int


#: The accessibility feedback form: a person reports a barrier or two, a script hundreds.
FEEDBACK_RATES = (Rate(10, 60), Rate(30, 60 * 60))


def counter_cache() -> BaseCache:
    """The cache of the security counters (settings, "Cache")."""
    return caches[DEFAULT_CACHE_ALIAS]


def consume(request: HttpRequest, *, action: str, rates: tuple[Rate, ...]) -> bool:
    """Count one use of ``action`` by this client; ``False`` when a limit is exceeded
    (refused uses count too)."""
    if request.session.session_key is None:
        # A first visit has no session yet; it gets one now, so that its next use counts
        # against the same session (the response sets the cookie).
        request.session.save()
    clients = {
        "ip": _client_network(request),
        "session": request.session.session_key,
    }
    cache = counter_cache()
    now = clock()
    allowed = True
    for scope, client in clients.items():
        digest = hashlib.sha256(client.encode()).hexdigest()[:32]
        for rate in rates:
            key = f"portal:rl:{action}:{scope}:{rate.seconds}:{digest}"
            if _count(cache, key, rate, now) > rate.amount:
                allowed = False
    return allowed


def _count(cache: BaseCache, key: str, rate: Rate, now: float) -> int:
    """Add one to the counter of the window that ``now`` falls in; return the new count."""
    window = int(now // rate.seconds)
    key = f"{key}:{window}"
    remaining = max(1, int((window + 1) * rate.seconds - now) + 1)
    if cache.add(key, 1, timeout=remaining):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=remaining)
        return 1
    # The database cache's incr() sets the default timeout (5 minutes): an hour's
    # counter would expire early.
    cache.touch(key, remaining)
    return count


def _client_network(request: HttpRequest) -> str:
    address = get_adapter(request).get_client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def parse_rates(text: str) -> tuple[Rate, ...]:
    """Rates from a setting such as ``"120/60,3000/3600"`` (uses/seconds, comma
    separated); an empty text is no limit."""
    rates = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        amount, _, seconds = part.partition("/")
        rate = Rate(int(amount), int(seconds))
        if rate.amount < 1 or rate.seconds < 1:
            raise ValueError(f"Invalid rate: {part!r}")
        rates.append(rate)
    return tuple(rates)


def consume_address(
    request: HttpRequest, *, action: str, rates: tuple[Rate, ...], cache: BaseCache
) -> int:
    """Count one use of ``action`` by this client address alone (for answers that read
    no session, such as the open data API) in ``cache``; the seconds until the client
    may ask again when a limit is exceeded, else 0 (refused uses count too)."""
    digest = hashlib.sha256(_client_network(request).encode()).hexdigest()[:32]
    now = clock()
    wait = 0
    for rate in rates:
        key = f"portal:rl:{action}:ip:{rate.seconds}:{digest}"
        if _count(cache, key, rate, now) > rate.amount:
            window_end = (int(now // rate.seconds) + 1) * rate.seconds
            wait = max(wait, max(1, int(window_end - now + 0.999)))
    return wait
