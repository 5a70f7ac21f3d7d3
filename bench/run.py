#!/usr/bin/env python3
"""`make bench`: the portal at NRW scale under load, measured against same-run references.

What it does, in order (docs/performance.md explains why):

1. starts a throwaway PostgreSQL cluster (initdb/pg_ctl, own port and socket directory,
   run as the ``postgres`` system user when started as root),
2. migrates, loads ``seed_keynote`` and ``seed_demo --scale nrw``, runs ``collectstatic``,
3. serves the portal with gunicorn in production mode (4 sync workers),
4. asks ``bench/probe.py`` for the scenario URLs, session cookies (staff, admin) and the
   SQL queries per request,
5. drives every scenario with ``wrk`` over loopback: a warm-up, 10 s at 16 connections,
   then 5 s at 64 connections for the error check (a scenario that is a mix of URLs,
   such as the finder's questions in several towns, asks for them in turn); then the
   ``mixed`` scenario (``bench/mixed.py``): anonymous visitors, staff and coordinators
   saving memberships at once, 60 s at 64 connections, and checks the database after it,
6. prints the Markdown table and writes ``bench/results.md`` and ``bench/results.json``,
7. stops gunicorn and deletes the cluster, also when something fails.

Only the standard library is used here; Django runs in the subprocesses.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import growth
import mixed as mixed_load

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
LUA = BENCH_DIR / "report.lua"

# The scenarios, in the order of the table; `ceiling` and `admin` are the
# references measured in the same run.
SCENARIO_NAMES = [
    "start",
    "login",
    "directory_page1",
    "directory_filtered",
    "directory_search",
    "free_text_search",
    "directory_page200",
    "actor_detail",
    # The same actor's page as an anonymous visitor sees it (served whole from the cache).
    "actor_public",
    "multilevel_table",
    "network_list",
    "network_detail",
    "network_map_data",
    "network_map_dated",
    "timeline",
    "period",
    "finder",
    "finder_staff",
    "data_quality",
    "hsds_services",
    "hsds_organization",
    # Anonymous visitors, staff and coordinators at once (bench/mixed.py); not in the
    # table of single scenarios, a section of its own.
    "mixed",
]
DIRECTORY_SCENARIOS = {n for n in SCENARIO_NAMES if n.startswith("directory_")}

# The targets, as (scenario names, minimum share of the same-run ceiling): every scenario
# at least EVERY_SCENARIO_SHARE; the pages staff use all day (the directory, an actor,
# the finder, the searches) more; the public pages as an anonymous visitor sees them
# almost as fast as the ceiling itself.
EVERY_SCENARIO_SHARE = 0.20
CEILING_TARGETS = [
    (
        DIRECTORY_SCENARIOS | {"actor_detail", "finder", "finder_staff", "free_text_search"},
        0.25,
    ),
    ({"start", "timeline", "period", "actor_public"}, 0.75),
]
ADMIN_FACTOR = 3.0
P99_LIMIT_MS = 150.0
P99_LIMIT_64_MS = 400.0
# Scenarios with another latency target than P99_LIMIT_MS (none at present).
P99_LIMITS_MS: dict[str, float] = {}
# Queries per request once a worker is warm, for every URL of the scenario (whatever the
# question, search word or town): anonymous cached pages none, signed-in ones the session
# and the account come from the shared sessions cache. bench/probe.py counts them; a different count is a missed target.
FIXED_QUERIES = {
    "free_text_search": 0,
    "finder": 0,
    "finder_staff": 0,
    # The open data's API (opendata/): a cached answer reads nothing once warm.
    "hsds_services": 0,
    "hsds_organization": 0,
    # The data-quality overview: session and account from the sessions cache, the
    # content version from the listener, the counts from the page cache.
    "data_quality": 0,
}
RSS_LIMIT_MB = 150.0
# The warm-up of a mix: long enough for every worker to answer every URL of it once (the
# finder: 24 questions × 4 workers, some 130 ms of CPU each; a first search for
# "Beratung" ranks and counts 20,000 matches, up to 4 s), so that the run measures the
# answers as colleagues and citizens ask them again; the first answer of each URL is
# reported apart (the probe's cold figures). On a slower machine that takes longer: the
# warm-up goes on in rounds until two rounds in a row agree within MIX_WARMUP_SPREAD
# (at most MIX_WARMUP_MAX_S).
MIX_WARMUP_S = 30
MIX_WARMUP_ROUND_S = 10
MIX_WARMUP_MAX_S = 120
MIX_WARMUP_SPREAD = 0.10
# An answer slower than this counts as an error (a timeout) in wrk.
WRK_TIMEOUT_S = 5


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary directory."""

    def __init__(self, port: int):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="portal-bench-pg."))
        self.data = self.root / "data"
        self.as_postgres = os.geteuid() == 0

    def _run(self, command: str) -> None:
        if self.as_postgres:
            # The server refuses to run as root.
            argv = ["su", "postgres", "-s", "/bin/bash", "-c", command]
        else:
            argv = ["bash", "-c", command]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)

    def start(self) -> str:
        if self.as_postgres:
            shutil.chown(self.root, user="postgres")
        self._run(
            f"initdb -D '{self.data}' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c shared_buffers=256MB -c max_connections=100"
        )
        self._run(f"pg_ctl -D '{self.data}' -l '{self.root}/server.log' -o '{options}' -w start")
        self._run(f"createdb -h 127.0.0.1 -p {self.port} -U postgres portal_bench")
        return f"postgres://postgres@127.0.0.1:{self.port}/portal_bench"

    def stop(self) -> None:
        if self.data.exists():
            try:
                self._run(f"pg_ctl -D '{self.data}' -m fast -w stop >/dev/null 2>&1")
            except subprocess.CalledProcessError:
                log("pg_ctl stop failed; removing the directory anyway")
        shutil.rmtree(self.root, ignore_errors=True)


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        input=stdin,
        text=True,
        check=True,
        stdout=subprocess.PIPE,
    )
    return result.stdout


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() != 0:
        sys.exit("wrk is missing: install the Debian package `wrk` (apt-get install wrk).")
    log("installing wrk from the Debian packages")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt_env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt_env)
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def machine_description(env: dict) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    except (OSError, TypeError):
        mem_kb = 0
    os_name = platform.platform(terse=True)
    try:
        os_release = Path("/etc/os-release").read_text()
        os_name = re.search(r'PRETTY_NAME="([^"]+)"', os_release)[1]
    except (OSError, TypeError):
        pass
    pg = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            "'integration_portal.settings');django.setup();from django.db import connection;"
            "c=connection.cursor();c.execute('show server_version');print(c.fetchone()[0])",
        ],
        cwd=BASE_DIR,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        check=False,
    ).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.0f} GB RAM, {os_name}, "
        f"Python {platform.python_version()}, PostgreSQL {pg or '?'}"
    )


class Server:
    """gunicorn with sync workers, the way the README deploys the portal (``threads`` > 1:
    gthread workers with that many threads each, to compare the worker models)."""

    def __init__(self, env: dict, port: int, workers: int, threads: int = 1):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.process: subprocess.Popen | None = None
        self.log_path = Path(tempfile.mkstemp(prefix="portal-bench-gunicorn.", suffix=".log")[1])

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "integration_portal.wsgi",
                "--workers",
                str(self.workers),
                *(
                    ["--worker-class", "gthread", "--threads", str(self.threads)]
                    if self.threads > 1
                    else []
                ),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log_path}:\n{self.log_path.read_text()}")
            try:
                # The loopback address of the server this script started.
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as response:  # noqa: S310  # nosec B310
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        return
            except OSError:  # not listening yet, or still booting
                pass
            time.sleep(0.3)
        sys.exit(f"gunicorn did not answer in 30 s; see {self.log_path}")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def drain(self) -> float:
        """Wait until the workers have answered what wrk left queued; returns the seconds.

        wrk stops sending when its time is up, but requests already accepted are still
        worked off; the next scenario must not start behind them.
        """
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{self.base_url}/healthz/ceiling", timeout=300):  # noqa: S310  # nosec B310
                pass
        except OSError as error:
            log(f"  server did not drain: {error}")
        return time.monotonic() - started

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
        return sizes

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        errors = self.log_path.read_text() if self.log_path.exists() else ""
        if errors.strip():
            log(f"gunicorn wrote to its log:\n{errors[-3000:]}")
        self.log_path.unlink(missing_ok=True)


def preflight(server: Server, url: str, cookie: str | None) -> str:
    """Fetch the URL once over HTTP. Returns "" when it answers 200 within 30 s, else why not
    (a redirect to the login page would otherwise be measured as a fast page)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(server.base_url + url)
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        return f"no answer within 30 s ({error})"
    return "" if status == 200 else f"answered {status}"


def failed_run(connections: int) -> dict:
    return {
        "connections": connections,
        "rps": 0.0,
        "p50_ms": 0.0,
        "p95_ms": 0.0,
        "p99_ms": 0.0,
        "errors": 1,
        "requests": 0,
    }


def warm_up_mix(server, wrk_binary: str, url: str, cookies, paths: str, seconds: int) -> None:
    """Warm a mix up: ``seconds`` at first, then rounds until two agree (see MIX_WARMUP_S)."""
    wrk(wrk_binary, url, 16, seconds, cookies, paths)
    server.drain()
    spent, previous = seconds, None
    while spent < MIX_WARMUP_MAX_S:
        rps = wrk(wrk_binary, url, 16, MIX_WARMUP_ROUND_S, cookies, paths)["rps"]
        server.drain()
        spent += MIX_WARMUP_ROUND_S
        if previous and abs(rps - previous) <= MIX_WARMUP_SPREAD * max(rps, previous):
            return
        previous = rps
    log(f"  still warming up after {spent} s; measured anyway")


def wrk(
    binary: str,
    url: str,
    connections: int,
    seconds: int,
    cookies: str | None,
    paths: str | None = None,
) -> dict:
    """One wrk run; ``cookies`` is a file of Cookie header values (signed-in scenarios),
    ``paths`` a file of the paths of a mix, requested in turn (bench/report.lua)."""
    argv = [
        binary,
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{WRK_TIMEOUT_S}s",
        "-s",
        str(LUA),
        url,
    ]
    extra = [f"cookies={cookies}"] if cookies else []
    extra += [f"paths={paths}"] if paths else []
    if extra:
        argv += ["--", *extra]
    output = subprocess.run(argv, check=True, text=True, stdout=subprocess.PIPE).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"] + raw["not_ok"]
    if raw["requests"] and not raw["p99_us"]:
        # Answers came, but every one after wrk's timeout (wrk then records no latency).
        for key in ("p50_us", "p95_us", "p99_us"):
            raw[key] = WRK_TIMEOUT_S * 1_000_000
    if raw["requests"] == 0:
        # Not one answer in the whole run: every connection failed, and the latency is at
        # least the length of the run.
        errors = max(errors, connections)
        for key in ("p50_us", "p95_us", "p99_us"):
            raw[key] = raw["duration_us"]
    return {
        "connections": connections,
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": errors,
        "requests": raw["requests"],
    }


def ratio(value: float, reference: float) -> float:
    return round(value / reference, 3) if reference else 0.0


def verdicts(results: dict) -> list[str]:
    """The targets, each as one line: met or missed, with the figure."""
    lines = []
    by_name = {(s["name"], s["connections"]): s for s in results["scenarios"]}
    names = [n for n in SCENARIO_NAMES if (n, 16) in by_name]
    failing = [f"{n}@{c}" for n in names for c in (16, 64) if by_name.get((n, c), {}).get("errors")]
    lines.append(_verdict(not failing, "no errors at 16 and 64 connections", ", ".join(failing)))
    for name in names:
        if name in DIRECTORY_SCENARIOS:
            r = by_name[(name, 16)]["ratio_admin"]
            lines.append(_verdict(r >= ADMIN_FACTOR, f"{name} ≥ 3× admin", f"{r:.2f}×"))
    low = [
        f"{n} {by_name[(n, 16)]['ratio_ceiling']:.1%}"
        for n in names
        if by_name[(n, 16)]["ratio_ceiling"] < EVERY_SCENARIO_SHARE
    ]
    lines.append(
        _verdict(
            not low, f"every scenario ≥ {EVERY_SCENARIO_SHARE:.0%} of the ceiling", ", ".join(low)
        )
    )
    for group, share in CEILING_TARGETS:
        for name in sorted(group & set(names)):
            r = by_name[(name, 16)]["ratio_ceiling"]
            lines.append(_verdict(r >= share, f"{name} ≥ {share:.0%} of the ceiling", f"{r:.1%}"))
    for limit in sorted({P99_LIMIT_MS, *P99_LIMITS_MS.values()}, reverse=True):
        group = [n for n in names if P99_LIMITS_MS.get(n, P99_LIMIT_MS) == limit]
        if not group:
            continue
        slow = [
            f"{n} {by_name[(n, 16)]['p99_ms']} ms"
            for n in group
            if by_name[(n, 16)]["p99_ms"] >= limit
        ]
        target = f"p99 < {limit:.0f} ms at 16 connections"
        if limit != P99_LIMIT_MS:
            target += f" ({', '.join(group)})"
        lines.append(_verdict(not slow, target, ", ".join(slow)))
    slow = [
        f"{n} {by_name[(n, 64)]['p99_ms']} ms"
        for n in names
        if (n, 64) in by_name and by_name[(n, 64)]["p99_ms"] >= P99_LIMIT_64_MS
    ]
    lines.append(
        _verdict(not slow, f"p99 < {P99_LIMIT_64_MS:.0f} ms at 64 connections", ", ".join(slow))
    )
    for name in names:
        if name not in FIXED_QUERIES:
            continue
        each = by_name[(name, 16)].get("queries_each") or [by_name[(name, 16)]["queries"]]
        expected = FIXED_QUERIES[name]
        counts = sorted(set(each))
        lines.append(
            _verdict(
                counts == [expected],
                f"{name}: {expected} queries for each of its {len(each)} URLs",
                "counted " + ", ".join(f"{c} ({each.count(c)}×)" for c in counts),
            )
        )
    rss = results["worker_rss_mb"]
    lines.append(
        _verdict(rss < RSS_LIMIT_MB, f"each worker < {RSS_LIMIT_MB:.0f} MB RSS", f"max {rss} MB")
    )
    return lines


def _verdict(ok: bool, target: str, figure: str) -> str:
    return f"- {'met' if ok else '**missed**'}: {target}" + (f" ({figure})" if figure else "")


def markdown(results: dict, extra: dict) -> str:
    rows = [
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | queries | × ceiling | × admin "
        "| errors @16 | req/s @64 | p99 ms @64 | errors @64 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    at64 = {s["name"]: s for s in results["scenarios"] if s["connections"] == 64}
    for s in results["scenarios"]:
        if s["connections"] != 16:
            continue
        h = at64.get(s["name"], {})
        rows.append(
            f"| {s['name']} | {s['rps']:.0f} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} "
            f"| {s['queries']} | {s['ratio_ceiling']:.3f} | {s['ratio_admin']:.2f} "
            f"| {s['errors']} | {h.get('rps', 0):.0f} | {h.get('p99_ms', '–')} "
            f"| {h.get('errors', '–')} |"
        )
    refs = extra["references"]
    lines = [
        f"Machine: {results['machine']}  ",
        f"Date: {results['date']}, scale `{results['scale']}` "
        f"({extra['counts']}); seeding took {extra['seed_seconds']:.0f} s.  ",
        f"References in the same run: ceiling {results['ceiling_rps']:.0f} req/s "
        f"({_ceiling_runs(results)}{refs['ceiling']['queries']} queries), admin change list "
        f"{results['admin_rps']:.0f} req/s ({refs['admin']['queries']} queries, "
        f"`{refs['admin']['url']}`).  ",
        f"gunicorn: {extra['workers']} "
        + (
            f"gthread workers × {extra['threads']} threads"
            if extra.get("threads", 1) > 1
            else "sync workers"
        )
        + "; worker RSS after the run: "
        f"{', '.join(f'{x:.0f}' for x in extra['rss'])} MB.",
        "",
        *rows,
        "",
        "Targets:",
        "",
        *verdicts(results),
    ]
    mixes = [s for s in extra["mixes"] if s["name"] in {r["name"] for r in results["scenarios"]}]
    if mixes:
        lines += [
            "",
            "Mixes (requested in turn; the cold answer is the first request of a URL in",
            "a process, measured in-process by bench/probe.py):",
            "",
        ]
        for s in mixes:
            cold = s.get("cold", {})
            lines.append(
                f"- {s['name']} ({s['as']}): {len(s['urls'])} URLs, `{s['urls'][0]}` … "
                f"`{s['urls'][-1]}`; cold answer median {cold.get('ms_median', '–')} ms, "
                f"max {cold.get('ms_max', '–')} ms, "
                f"{cold.get('queries_min', '–')}–{cold.get('queries_max', '–')} queries"
            )
    if extra["failures"]:
        lines += ["", "Failed (counted as errors):", ""]
        lines += [f"- {name}: {why}" for name, why in extra["failures"].items()]
    if extra["missing"]:
        lines += ["", "Not measured (page or data missing):", ""]
        lines += [f"- {name}: {why}" for name, why in extra["missing"].items()]
    return "\n".join(lines) + "\n"


def mixed_markdown(result: dict) -> list[str]:
    """The section of the `mixed` scenario: one row per class, the database check."""
    if "classes" not in result:
        return ["", "## Mixed load", "", f"Not measured: {result.get('problem', '?')}"]
    lines = [
        "",
        "## Mixed load",
        "",
        f"{result['connections']} connections for {result['seconds']:.0f} s at once (after "
        f"{result['warmup_seconds']} s of warm-up with the readers); "
        + (
            "read-only (`--mixed-read-only`): the coordinators' connections stay unused."
            if result.get("read_only")
            else "coordinators GET a membership's edit form and POST it back with a new "
            f"note, {len(result['memberships'])} memberships among all of them, so that "
            "saves overtake each other."
        ),
        "",
        "| class | connections | requests | req/s | p50 ms | p99 ms | errors | refused |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c in result["classes"].items():
        lines.append(
            f"| {name} | {c['connections']} | {c['requests']} | {c['rps']:.0f} | {c['p50_ms']} "
            f"| {c['p99_ms']} | {c['errors']} | {c['refused']} |"
        )
    saves = result["classes"]["coordinator"]["saves"]
    check = result["check"]
    lines += [
        "",
        f"Saves: {saves['accepted']} accepted, {saves['refused']} refused as stale (409 with "
        f"the message), {saves['error']} other answers.",
        "",
        _verdict(
            check["ok"],
            "every accepted save stored exactly once, in version order, the last one as the "
            "note; no refused save stored; nothing else changed",
            "; ".join(check["problems"]),
        ),
    ]
    lines += ["", "Slowest paths per class (median):", ""]
    for name, c in result["classes"].items():
        slow = ", ".join(
            f"`{row['path']}` {row['p50_ms']} ms ({row['requests']}×)" for row in c["slowest"]
        )
        lines.append(f"- {name}: {slow or '–'}")
    samples = [s for c in result["classes"].values() for s in c.get("error_samples", [])]
    if samples:
        lines += ["", "First errors:", "", *(f"- {s}" for s in samples[:10])]
    return lines


def mixed_state(env: dict, ids: list[int], prefix: str) -> dict:
    """The database around the mix, as bench/probe.py --mixed-state sees it."""
    return json.loads(
        subprocess.run(
            [PYTHON, str(BENCH_DIR / "probe.py"), "--mixed-state"],
            cwd=BASE_DIR,
            env=env,
            check=True,
            text=True,
            input=json.dumps({"ids": ids, "prefix": prefix}),
            stdout=subprocess.PIPE,
        ).stdout
    )


def run_mixed(server: Server, env: dict, probe: dict, args) -> dict:
    """The `mixed` scenario: warm-up with the readers, the measured run, the DB check."""
    spec = probe.get("mixed")
    if not spec:
        problem = probe["missing"].get("mixed", "the probe gave no mix")
        log(f"mixed: not measured: {problem}")
        return {"problem": problem}
    ids = [m["id"] for m in spec["memberships"]]
    prefix = f"bench-mixed-{secrets.token_hex(4)}"
    log(
        f"mixed: {args.mixed_connections} connections {mixed_load.split_connections(args.mixed_connections)}, "
        f"{args.mixed_duration} s, memberships {ids}"
    )
    server.drain()
    mixed_load.run(
        server.base_url,
        spec,
        probe["cookies"],
        connections=args.mixed_connections,
        seconds=args.mixed_warmup,
        token_prefix=prefix,
        write=False,
    )
    server.drain()
    before = mixed_state(env, ids, prefix)
    result = mixed_load.run(
        server.base_url,
        spec,
        probe["cookies"],
        connections=args.mixed_connections,
        seconds=args.mixed_duration,
        token_prefix=prefix,
        write=not args.mixed_read_only,
    )
    server.drain()
    after = mixed_state(env, ids, prefix)
    check = mixed_load.check_saves(before, after, result["saves"])
    for name, c in result["classes"].items():
        log(
            f"  {name}: {c['rps']:.0f} req/s, p50 {c['p50_ms']} ms, p99 {c['p99_ms']} ms, "
            f"{c['errors']} errors, {c['refused']} refused"
        )
    log(f"  database check: {'passed' if check['ok'] else 'FAILED'} {check['problems'][:3]}")
    return {
        **result,
        "connections": args.mixed_connections,
        "warmup_seconds": args.mixed_warmup,
        "read_only": args.mixed_read_only,
        "memberships": spec["memberships"],
        "token_prefix": prefix,
        "check": check,
    }


def _ceiling_runs(results: dict) -> str:
    runs = results.get("ceiling_rps_runs") or []
    if len(runs) < 2:
        return ""
    return f"mean of {runs[0]:.0f} before and {runs[1]:.0f} after the scenarios; "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="nrw", help="seed_demo scale (default: nrw)")
    parser.add_argument("--duration", type=int, default=10, help="seconds at 16 connections")
    parser.add_argument("--check-duration", type=int, default=5, help="seconds at 64")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per scenario")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker: above 1, gthread workers instead of sync (worker model)",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8765)))
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("BENCH_PG_PORT", 55433)))
    parser.add_argument(
        "--database-url",
        help="use this (already seeded) database instead of a throwaway cluster",
    )
    parser.add_argument("--only", nargs="*", help="run only these scenarios (plus references)")
    parser.add_argument(
        "--mixed-duration", type=int, default=60, help="seconds of the `mixed` scenario"
    )
    parser.add_argument(
        "--mixed-connections", type=int, default=64, help="connections of the `mixed` scenario"
    )
    parser.add_argument(
        "--mixed-warmup", type=int, default=15, help="warm-up seconds of `mixed` (reads only)"
    )
    parser.add_argument(
        "--mixed-read-only",
        action="store_true",
        help="`mixed` without the coordinators' saves (to compare: each save moves the "
        "`directory` content version on)",
    )
    parser.add_argument(
        "--growth-scales",
        nargs="*",
        default=["kreis", "nrw", "nrw2"],
        help="scales of the growth table (bench/growth.py); none: no growth table",
    )
    parser.add_argument(
        "--growth-duration", type=int, default=5, help="seconds per page and scale (growth)"
    )
    parser.add_argument(
        "--output", default=str(BENCH_DIR / "results"), help="path stem for .json and .md"
    )
    args = parser.parse_args()

    wrk_binary = ensure_wrk()
    cluster = None if args.database_url else Cluster(args.pg_port)
    server = None
    temporary_files: list[Path] = []

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    try:
        database_url = args.database_url or cluster.start()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_MFA_ENCRYPTION_KEYS": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_DEBUG": "0",
            "PORTAL_BENCH": "1",
        }
        env.pop("REDIS_URL", None)
        log(f"database {database_url}")
        manage(env, "migrate", "--no-input", "-v0")
        seed_seconds = 0.0
        if cluster is not None:
            manage(env, "seed_keynote")
            started = time.monotonic()
            log(f"seed_demo --scale {args.scale}")
            subprocess.run(
                [PYTHON, "manage.py", "seed_demo", "--scale", args.scale],
                cwd=BASE_DIR,
                env=env,
                check=True,
            )
            seed_seconds = time.monotonic() - started
            log(f"seeded in {seed_seconds:.0f} s")
        counts = manage(env, "seed_demo", "--counts").strip()
        manage(env, "collectstatic", "--no-input", "-v0")
        log("counting queries per request")
        probe = json.loads(
            subprocess.run(
                [PYTHON, str(BENCH_DIR / "probe.py")],
                cwd=BASE_DIR,
                env=env,
                check=True,
                text=True,
                stdout=subprocess.PIPE,
            ).stdout
        )
        server = Server(env, args.port, args.workers, args.threads)
        server.start()
        log(f"gunicorn on {server.base_url} with {args.workers} workers")
        cookie_files = {"anonymous": None}
        for role, values in probe["cookies"].items():
            path = Path(tempfile.mkstemp(prefix=f"portal-bench-{role}.", suffix=".txt")[1])
            path.write_text("".join(f"{value}\n" for value in values))
            cookie_files[role] = str(path)
            temporary_files.append(path)
        measured: dict[str, dict] = {}
        failures: dict[str, str] = {}
        for scenario in probe["scenarios"]:
            name = scenario["name"]
            if args.only and name not in args.only and name not in ("ceiling", "admin"):
                continue
            cookies = cookie_files[scenario["as"]]
            cookie = Path(cookies).read_text().splitlines()[0] if cookies else None
            urls = scenario.get("urls") or [scenario["url"]]
            paths = None
            if len(urls) > 1:
                path = Path(tempfile.mkstemp(prefix=f"portal-bench-{name}.", suffix=".txt")[1])
                path.write_text("".join(f"{url}\n" for url in urls))
                paths = str(path)
                temporary_files.append(path)
                log(f"{name}: {len(urls)} URLs in turn, {urls[0]} …")
            else:
                log(f"{name}: {scenario['url']}")
            server.drain()
            problem = ""
            for url in urls:
                problem = preflight(server, url, cookie)
                if problem:
                    problem = f"{url} {problem}" if len(urls) > 1 else problem
                    break
            if scenario["status"] != 200:
                problem = problem or f"answered {scenario['status']} in the probe"
            if problem:
                log(f"  not measured: {problem}")
                failures[name] = problem
                measured[name] = {"probe": scenario, "runs": [failed_run(16), failed_run(64)]}
                continue
            url = server.base_url + scenario["url"]
            if paths:
                warm_up_mix(server, wrk_binary, url, cookies, paths, max(args.warmup, MIX_WARMUP_S))
            else:
                wrk(wrk_binary, url, 16, args.warmup, cookies, paths)
                server.drain()
            runs = []
            for connections, seconds in ((16, args.duration), (64, args.check_duration)):
                runs.append(wrk(wrk_binary, url, connections, seconds, cookies, paths))
                waited = server.drain()
                if waited > 1:
                    log(f"  {waited:.0f} s until the queue left by wrk was worked off")
            measured[name] = {"probe": scenario, "runs": runs}
            log(
                f"  {runs[0]['rps']:.0f} req/s, p99 {runs[0]['p99_ms']} ms, "
                f"{scenario['queries']} queries; @64: {runs[1]['rps']:.0f} req/s, "
                f"{runs[1]['errors']} errors"
            )
        mixed_result = None
        if not args.only or "mixed" in args.only:
            mixed_result = run_mixed(server, env, probe, args)
            if "problem" in mixed_result:
                failures["mixed"] = mixed_result["problem"]
        if "ceiling" in measured and "ceiling" not in failures:
            # The ceiling once more, after the scenarios: on a shared machine one reading
            # can be 30 % off; the ratios use the mean of both.
            log("ceiling, after the scenarios")
            server.drain()
            url = server.base_url + measured["ceiling"]["probe"]["url"]
            again = wrk(wrk_binary, url, 16, args.duration, None)
            measured["ceiling"]["again"] = again
            log(f"  {again['rps']:.0f} req/s, p99 {again['p99_ms']} ms")
        rss = server.worker_rss_mb()
        machine = machine_description(env)
        growth_result = None
        if args.growth_scales and (not args.only or "growth" in args.only):
            # Each scale in a database of its own in the same cluster, each served by a
            # gunicorn of its own: this run's server stops first.
            server.stop()
            server = None
            log(f"growth: {' → '.join(args.growth_scales)}")
            growth_result = growth.run_growth(
                args.growth_scales,
                cluster_url=database_url.rsplit("/", 1)[0],
                port=args.port + 1,
                ports=10,
                workers=args.workers,
                duration=args.growth_duration,
                output_path=BENCH_DIR / "growth.json",
            )
    finally:
        for path in temporary_files:
            path.unlink(missing_ok=True)
        if server:
            server.stop()
        if cluster:
            log("stopping and deleting the cluster")
            cluster.stop()

    reference = measured.get("ceiling", {})
    ceiling_runs = [
        run["rps"] for run in (*reference.get("runs", [])[:1], reference.get("again")) if run
    ]
    ceiling = round(sum(ceiling_runs) / len(ceiling_runs), 1) if ceiling_runs else 0.0
    admin = measured["admin"]["runs"][0]["rps"] if "admin" in measured else 0.0
    scenarios = []
    for name in SCENARIO_NAMES:
        if name not in measured:
            continue
        for run in measured[name]["runs"]:
            scenarios.append(
                {
                    "name": name,
                    "connections": run["connections"],
                    "rps": run["rps"],
                    "p50_ms": run["p50_ms"],
                    "p95_ms": run["p95_ms"],
                    "p99_ms": run["p99_ms"],
                    "errors": run["errors"],
                    "queries": measured[name]["probe"]["queries"],
                    **(
                        {"queries_each": measured[name]["probe"]["queries_each"]}
                        if name in FIXED_QUERIES
                        else {}
                    ),
                    "ratio_ceiling": ratio(run["rps"], ceiling),
                    "ratio_admin": ratio(run["rps"], admin),
                }
            )
    results = {
        "machine": machine,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "ceiling_rps": ceiling,
        "ceiling_rps_runs": ceiling_runs,
        "admin_rps": admin,
        "scenarios": scenarios,
        "worker_rss_mb": round(max(rss), 1) if rss else 0.0,
        "workers": {"count": args.workers, "threads": args.threads},
    }
    if mixed_result is not None:
        results["mixed"] = {k: v for k, v in mixed_result.items() if k != "saves"}
    if growth_result is not None:
        results["growth"] = growth_result
    extra = {
        "references": {
            ref: {
                "url": measured[ref]["probe"]["url"],
                "queries": measured[ref]["probe"]["queries"],
            }
            if ref in measured
            else {"url": "–", "queries": "–"}
            for ref in ("ceiling", "admin")
        },
        "failures": failures,
        "counts": counts,
        "seed_seconds": seed_seconds,
        "workers": args.workers,
        "threads": args.threads,
        "rss": rss,
        "missing": {k: v for k, v in probe["missing"].items() if k not in measured},
        "mixes": [s for s in probe["scenarios"] if len(s.get("urls", [])) > 1],
    }
    text = markdown(results, extra)
    if mixed_result is not None:
        text += "\n".join(mixed_markdown(mixed_result)) + "\n"
    if growth_result is not None:
        text += "\n## Growth\n\n" + growth.growth_markdown(growth_result) + "\n"
    stem = Path(args.output)
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(f"# Results of `make bench`\n\n{text}")
    print(text)


if __name__ == "__main__":
    main()
