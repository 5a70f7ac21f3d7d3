"""The `mixed` scenario of `make bench`: anonymous visitors, staff and coordinators at once.

Standard library only. Each virtual client is a thread with one keep-alive connection
(``http.client``) that asks its next request as soon as the previous answer is read:

* anonymous visitors (80 % of the connections) take the public pages in turn (start page,
  history, a period, public actor pages, the directory),
* staff (15 %) search the directory with several words and open actor pages,
* coordinators (5 %, at least one) save memberships: GET the edit form of a membership
  (``networks:membership_edit``), read its fields, the ``version`` of the optimistic
  locking and the CSRF token, and POST it back with a unique token as the note. Several
  coordinators on the same few memberships overtake each other: the portal refuses a save
  on a stale version with 409 and its message ("refused", not an error).

``check_saves`` compares the database before and after (states from
``bench/probe.py --mixed-state``): every accepted save exactly once in the history, in
the order of the versions, the last one as the note; no refused token anywhere; nothing
else changed.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

#: Shares of the connections of staff and coordinators; anonymous visitors get the rest.
SHARES = (("staff", 0.15), ("coordinator", 0.05))
REQUEST_TIMEOUT_S = 30
#: The fields of the membership form the coordinators send back.
FORM_FIELDS = ("version", "role", "since", "until", "note")


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-int(share * 1000) * len(ordered) // 1000))  # ceil without floats
    return ordered[min(rank, len(ordered)) - 1]


def split_connections(total: int) -> dict[str, int]:
    """The connections per class: 15 % staff, 5 % coordinators (at least one each), the
    rest anonymous visitors (at least one)."""
    counts = {name: max(1, round(total * share)) for name, share in SHARES}
    return {"anonymous": max(1, total - sum(counts.values())), **counts}


class _FormFields(HTMLParser):
    """The values of the fields of the page's ``portal-form`` (and any CSRF token)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_form = "portal-form" in a.get("class", "").split()
        elif tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self.values.setdefault("csrfmiddlewaretoken", a.get("value", ""))
        elif not self._in_form:
            return
        elif tag == "input" and a.get("name"):
            self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    return parser.values


class _Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_path: dict[str, list[float]] = {}
        self.errors = 0
        self.refused = 0
        self.error_samples: list[str] = []

    def add(self, seconds: float, *, path: str, error: str = "", refused: bool = False) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_path.setdefault(path, []).append(seconds)
            if refused:
                self.refused += 1
            if error:
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(error)


class _Client:
    """One virtual client: one keep-alive connection, its cookie, its stats."""

    def __init__(self, base_url: str, cookie: str | None, stats: _Stats):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookie, self.stats = cookie, stats
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str | None = None):
        """(status, text) or (0, why); the latency goes into the stats by the caller."""
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "de"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=REQUEST_TIMEOUT_S
                )
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, text
            except (OSError, http.client.HTTPException) as error:
                self.close()
                # A keep-alive connection the server closed meanwhile: once more, anew.
                if attempt == 2 or isinstance(error, TimeoutError):
                    return 0, f"{type(error).__name__}: {error}"
        return 0, "unreachable"

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _ok(status: int) -> bool:
    return 200 <= status < 400


def _reader(client: _Client, urls: list[str], offset: int, deadline: float) -> None:
    index = offset
    while time.monotonic() < deadline:
        url = urls[index % len(urls)]
        index += 1
        started = time.perf_counter()
        status, text = client.request("GET", url)
        elapsed = time.perf_counter() - started
        error = "" if _ok(status) else f"GET {url}: {status or text}"
        client.stats.add(elapsed, path=url, error=error)
    client.close()


def _coordinator(
    client: _Client,
    memberships: list[dict],
    stale_message: str,
    token_prefix: str,
    number: int,
    deadline: float,
    saves: list[dict],
    saves_lock: threading.Lock,
) -> None:
    rng = random.Random(number)  # noqa: S311  # nosec B311 - a load pattern, not a secret
    sequence = 0
    while time.monotonic() < deadline:
        membership = rng.choice(memberships)
        started = time.perf_counter()
        status, text = client.request("GET", membership["url"])
        elapsed = time.perf_counter() - started
        fields = form_fields(text) if status == 200 else {}
        missing = [f for f in (*FORM_FIELDS, "csrfmiddlewaretoken") if f not in fields]
        if status != 200 or missing:
            why = f"GET {membership['url']}: {status or text}" if status != 200 else ""
            error = why or f"form without {', '.join(missing)}"
            client.stats.add(elapsed, path="GET form", error=error)
            continue
        client.stats.add(elapsed, path="GET form")
        sequence += 1
        token = f"{token_prefix}-{number}-{sequence}"
        data = {name: fields[name] for name in (*FORM_FIELDS, "csrfmiddlewaretoken")}
        data["note"] = token
        started = time.perf_counter()
        status, text = client.request("POST", membership["url"], body=urlencode(data))
        elapsed = time.perf_counter() - started
        if status == 302:
            outcome = "accepted"
        elif status == 409 and stale_message in text:
            outcome = "refused"
        else:
            outcome = "error"
        save = {
            "membership": membership["id"],
            "version": int(fields["version"]),
            "token": token,
            "outcome": outcome,
            "status": status,
        }
        with saves_lock:
            saves.append(save)
        error = f"POST {membership['url']}: {status or text}" if outcome == "error" else ""
        client.stats.add(elapsed, path="POST form", error=error, refused=outcome == "refused")
    client.close()


def run(
    base_url: str,
    spec: dict,
    cookies: dict[str, list[str]],
    *,
    connections: int,
    seconds: float,
    token_prefix: str,
    write: bool = True,
) -> dict:
    """Drive the mix for ``seconds``; ``write=False`` leaves the coordinators out (warm-up).

    ``spec`` comes from the probe: ``anonymous`` and ``staff`` (URLs), ``memberships``
    (``{"id", "url"}`` of the coordinators' forms), ``stale_message``.
    """
    split = split_connections(connections)
    stats = {name: _Stats() for name in split}
    saves: list[dict] = []
    saves_lock = threading.Lock()
    deadline = time.monotonic() + seconds
    threads = []
    for name, count in split.items():
        sessions = cookies.get(name) or [None]
        for number in range(count):
            client = _Client(base_url, sessions[number % len(sessions)], stats[name])
            if name == "coordinator":
                if not write:
                    continue
                target, args = (
                    _coordinator,
                    (
                        client,
                        spec["memberships"],
                        spec["stale_message"],
                        token_prefix,
                        number,
                        deadline,
                        saves,
                        saves_lock,
                    ),
                )
            else:
                urls = spec[name]
                target, args = _reader, (client, urls, number * 7919 % len(urls), deadline)
            threads.append(threading.Thread(target=target, args=args, daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT_S * 3)
    elapsed = time.monotonic() - started
    classes = {}
    for name, s in stats.items():
        classes[name] = {
            "connections": split[name] if (write or name != "coordinator") else 0,
            "requests": len(s.latencies),
            "rps": round(len(s.latencies) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": round(percentile(s.latencies, 0.50) * 1000, 1),
            "p99_ms": round(percentile(s.latencies, 0.99) * 1000, 1),
            "errors": s.errors,
            "refused": s.refused,
            "error_samples": s.error_samples,
            # The three slowest paths of the class by their median (where the time goes).
            "slowest": sorted(
                (
                    {
                        "path": path,
                        "requests": len(values),
                        "p50_ms": round(percentile(values, 0.50) * 1000, 1),
                    }
                    for path, values in s.by_path.items()
                ),
                key=lambda row: -row["p50_ms"],
            )[:3],
        }
    outcomes = [s["outcome"] for s in saves]
    classes["coordinator"]["saves"] = {
        "accepted": outcomes.count("accepted"),
        "refused": outcomes.count("refused"),
        "error": outcomes.count("error"),
    }
    return {"seconds": round(elapsed, 1), "classes": classes, "saves": saves}


def check_saves(before: dict, after: dict, saves: list[dict]) -> dict:
    """Whether the database holds exactly the accepted saves (states from the probe).

    A state: ``counts`` (model -> rows), ``memberships`` (id -> ``note``, ``version``,
    ``checksum`` of the fields the mix does not change, ``history``: ``[version, note]``
    of the history rows whose note carries this run's prefix) and ``elsewhere`` (rows
    outside the touched memberships with this run's prefix).
    """
    problems: list[str] = []
    accepted = [s for s in saves if s["outcome"] == "accepted"]
    refused = [s for s in saves if s["outcome"] == "refused"]
    unknown = [s for s in saves if s["outcome"] == "error"]
    for model, count in before["counts"].items():
        expected = count + (len(accepted) if model == "membership_history" else 0)
        if after["counts"].get(model) != expected:
            problems.append(f"{model}: {after['counts'].get(model)} rows, expected {expected}")
    if after.get("elsewhere"):
        problems.append(f"{after['elsewhere']} rows outside the memberships carry a token")
    for key, old in before["memberships"].items():
        new = after["memberships"].get(key)
        if new is None:
            problems.append(f"membership {key} is gone")
            continue
        if new["checksum"] != old["checksum"]:
            problems.append(f"membership {key}: fields other than the note changed")
        mine = sorted(
            (s for s in accepted if str(s["membership"]) == key), key=lambda s: s["version"]
        )
        versions = [s["version"] for s in mine]
        if versions != list(range(old["version"], old["version"] + len(mine))):
            problems.append(f"membership {key}: accepted saves on versions {versions}")
        if new["version"] != old["version"] + len(mine):
            problems.append(
                f"membership {key}: version {new['version']}, expected {old['version'] + len(mine)}"
            )
        expected_note = mine[-1]["token"] if mine else old["note"]
        if new["note"] != expected_note:
            problems.append(f"membership {key}: note {new['note']!r}, expected {expected_note!r}")
        history = [note for _version, note in new["history"]]
        for s in mine:
            if history.count(s["token"]) != 1:
                problems.append(f"{s['token']}: {history.count(s['token'])}× in the history")
        others = set(history) - {s["token"] for s in mine}
        stray = others - {s["token"] for s in unknown}
        if stray:
            problems.append(f"membership {key}: unexpected tokens {sorted(stray)[:3]}")
    refused_tokens = {s["token"] for s in refused}
    found = {
        note
        for m in after["memberships"].values()
        for note in [m["note"], *(n for _v, n in m["history"])]
    }
    if refused_tokens & found:
        problems.append(f"{len(refused_tokens & found)} refused tokens were stored")
    if unknown:
        problems.append(f"{len(unknown)} saves with an unexpected answer")
    return {
        "ok": not problems,
        "accepted": len(accepted),
        "refused": len(refused),
        "unexpected": len(unknown),
        "problems": problems[:20],
    }
