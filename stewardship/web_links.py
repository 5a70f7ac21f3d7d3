"""The check of the directory's web links (``manage.py check_web_links``).

Each run asks the web links of actors (``website``) and offers (``url``) whose last
check is older than a number of days, or that were never checked, the oldest first and
at most a number per run: ``HEAD`` first, ``GET`` where the server does not allow
``HEAD`` (405, 501), following redirects, with a timeout per request and a User-Agent
that names the portal. The result goes to ``website_status`` ("ok"/"broken"),
``website_problem`` (in words: "HTTP 404", "Zeitüberschreitung", "Name nicht
auflösbar" …) and ``website_checked_at``, written with ``QuerySet.update()``: the fields
are excluded from the change history on purpose (``ReviewedEntry.LINK_CHECK_FIELDS``), a
machine's finding is no edit. Because ``update()`` sends no signals, the run moves the
directory's content version on itself (``core/versions.py``), once.

Only ``http`` and ``https`` addresses are asked, and none that resolves to a private,
loopback, link-local or otherwise reserved address, at the start or after a redirect:
the check never becomes a way into the internal network. (The name is resolved once
for that test and again by the request; a name that changes its address in between is
not caught, which is acceptable for a check that only reads a status.)

``fetch`` is the one function that touches the network; ``check_links`` takes another
one, and the tests never reach the internet.
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from actors.models import Actor, Offer, WebsiteStatus
from core import versions

DEFAULT_LIMIT = 200
DEFAULT_TIMEOUT = 5.0
DEFAULT_OLDER_THAN_DAYS = 7
#: Requests at the same time (the network waits, not the processor).
PARALLEL = 8
#: Whether addresses in private networks may be asked (the tests' local server only).
PRIVATE_ADDRESSES_ALLOWED = False
ALLOWED_SCHEMES = ("http", "https")

#: The web link field of each model.
LINK_FIELDS = {Actor: "website", Offer: "url"}


@dataclass(frozen=True)
class Outcome:
    """What asking one address found: ``ok`` or not, and the problem in words."""

    ok: bool
    problem: str = ""


@dataclass(frozen=True)
class Entry:
    model: type
    pk: int
    url: str
    checked_at: datetime.datetime | None


Fetch = Callable[[str, float], Outcome]


def user_agent() -> str:
    """The portal's name and address (header values must be Latin-1)."""
    agent = f"{settings.PORTAL_NAME} link check (+{settings.PORTAL_BASE_URL})"
    return agent.encode("latin-1", "replace").decode("latin-1")


class RefusedAddress(Exception):
    """An address the check does not ask (scheme, private network)."""


def _refuse(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise RefusedAddress("Keine http- oder https-Adresse")
    if PRIVATE_ADDRESSES_ALLOWED:
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    for *_, sockaddr in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP):
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if not address.is_global:
            raise RefusedAddress("Adresse im internen Netz")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but only to addresses the check may ask."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _refuse(newurl)
        request = super().redirect_request(req, fp, code, msg, headers, newurl)
        if request is not None and req.get_method() == "HEAD":
            request.method = "HEAD"
        return request


def _opener():
    return urllib.request.build_opener(_CheckedRedirects())


def _ask(url: str, method: str, timeout: float) -> int:
    # The scheme is checked by ``_refuse`` before every request and redirect.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent()})  # noqa: S310
    with _opener().open(request, timeout=timeout) as response:
        return response.status


def _problem(error: BaseException) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(error, urllib.error.HTTPError):
        if 300 <= error.code < 400:
            return "Zu viele Weiterleitungen"
        return f"HTTP {error.code}"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "Zeitüberschreitung"
    if isinstance(reason, socket.gaierror):
        return "Name nicht auflösbar"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "Zertifikat ungültig"
    if isinstance(reason, ssl.SSLError):
        return "Verschlüsselung fehlgeschlagen"
    if isinstance(reason, ConnectionRefusedError):
        return "Verbindung abgelehnt"
    if isinstance(reason, ConnectionError):
        return "Verbindung abgebrochen"
    return "Nicht erreichbar"


def ascii_url(url: str) -> str:
    """The address as HTTP sends it: the host in IDNA ("städte.de" → "xn--stdte-gra.de"),
    path and query percent-encoded."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return url
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, iri_to_uri(parts.path), iri_to_uri(parts.query), ""))


def fetch(url: str, timeout: float) -> Outcome:
    """Ask the address: HEAD, then GET where HEAD is not allowed; redirects followed."""
    try:
        url = ascii_url(url)
        _refuse(url)
        try:
            status = _ask(url, "HEAD", timeout)
        except urllib.error.HTTPError as error:
            if error.code not in (405, 501):
                raise
            status = _ask(url, "GET", timeout)
    except RefusedAddress as error:
        return Outcome(False, str(error))
    except socket.gaierror:
        return Outcome(False, "Name nicht auflösbar")
    except (urllib.error.URLError, OSError, ValueError) as error:
        if isinstance(error, ValueError):
            return Outcome(False, "Ungültige Adresse")
        return Outcome(False, _problem(error))
    if status >= 400:
        return Outcome(False, f"HTTP {status}")
    return Outcome(True)


def due_entries(
    *, limit: int, older_than_days: int, now: datetime.datetime | None = None
) -> list[Entry]:
    """The entries whose link is due for a check, never checked first, then the oldest
    check (at most ``limit``, actors and offers together; two queries)."""
    now = now or timezone.now()
    stale = Q(website_checked_at__isnull=True) | Q(
        website_checked_at__lt=now - datetime.timedelta(days=older_than_days)
    )
    entries = []
    for model, field in LINK_FIELDS.items():
        rows = (
            model.objects.exclude(**{field: ""})
            .filter(stale)
            .order_by(F("website_checked_at").asc(nulls_first=True), "pk")
            .values_list("pk", field, "website_checked_at")[:limit]
        )
        entries += [Entry(model, pk, url, checked_at) for pk, url, checked_at in rows]
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    entries.sort(key=lambda entry: (entry.checked_at is not None, entry.checked_at or never))
    return entries[:limit]


@transaction.atomic
def web_link_results_record(
    *, results: list[tuple[Entry, Outcome]], checked_at: datetime.datetime
) -> None:
    """Write what the check found, without a change in the history, and clear the
    finding of entries whose link was removed; then move the content version on once."""
    for entry, outcome in results:
        entry.model.objects.filter(pk=entry.pk).update(
            website_status=WebsiteStatus.OK if outcome.ok else WebsiteStatus.BROKEN,
            website_problem=outcome.problem[:200],
            website_checked_at=checked_at,
        )
    cleared = 0
    for model, field in LINK_FIELDS.items():
        cleared += (
            model.objects.filter(**{field: ""})
            .exclude(website_status=WebsiteStatus.UNCHECKED, website_problem="")
            .update(website_status=WebsiteStatus.UNCHECKED, website_problem="")
        )
    if results or cleared:
        versions.bump(versions.DIRECTORY)


def check_links(
    *,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
    older_than_days: int = DEFAULT_OLDER_THAN_DAYS,
    fetcher: Fetch | None = None,
) -> list[tuple[Entry, Outcome]]:
    """Check the links that are due and record the results; returns them. ``fetcher``
    asks one address (default: ``fetch``, looked up at the call, so tests may replace it)."""
    ask = fetcher or fetch
    entries = due_entries(limit=limit, older_than_days=older_than_days)
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        outcomes = list(pool.map(lambda entry: ask(entry.url, timeout), entries))
    results = list(zip(entries, outcomes, strict=True))
    web_link_results_record(results=results, checked_at=timezone.now())
    return results
