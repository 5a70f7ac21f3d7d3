#!/usr/bin/env python3
"""Growth: how the cost of the list pages grows from one Kreis to NRW and twice NRW.

    python bench/growth.py --scales kreis nrw nrw2 --output bench/growth.json

For each scale: a fresh database in a throwaway PostgreSQL cluster (``bench/run.py``'s
``Cluster``), ``migrate``, ``seed_keynote``, ``seed_demo --scale <scale>`` (timed; a scale
whose seeding takes longer than ``--max-seed-seconds`` is dropped, not measured), then for
every list page:

- **in process**, in a subprocess (``bench/growth_probe.py``: Django's test client,
  production settings, the way ``bench/probe.py`` counts queries): the queries and
  milliseconds of the *cold* render (every cache but the sessions' cleared first) and of
  the *warm* render (the same request again), medians of several runs;
- **served**: each scale by its own gunicorn as ``bench/run.py`` starts it (4 sync
  workers), all at once; page by page the scales take turns (a warm-up, then wrk for a
  few seconds at 16 connections: requests/s, p50 and p99), in alternating order over
  ``--served-runs`` rounds, and the best p50 of a page at a scale is kept. The machine is
  shared: taking turns lets a busy minute fall on every scale alike. A page whose p50 at a
  larger scale is more than ``P50_GROWTH_LIMIT`` times the first scale's gets one more
  round.

The result is one JSON document (``--output``) and a Markdown table beside it (same stem,
``.md``): page × scale, with the ratios to the first scale and one verdict line per target,
as ``bench/run.py`` writes them: no more queries at a larger scale than at a smaller one
(cold and warm: the count does not grow with the data),
and a served p50 within 1.5× of the first scale's.

``bench/run.py`` can call it: ``run_growth(scales, output_path=…)`` returns the dict to keep
under ``"growth"`` in ``bench/results.json``, ``growth_markdown(growth)`` the section.

Only the standard library is used here; Django runs in the subprocesses.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import run as bench  # noqa: E402 - bench/run.py: cluster, server, wrk

# The list pages, in the order of the table. A page that is a *mix* (the free-text
# search, the finder) is several URLs asked in turn, as in bench/run.py.
PAGES = [
    "directory_page1",
    "directory_filtered",
    "directory_search",
    "directory_page50",
    "directory_last_page",
    "free_text_search",
    "network_list",
    "network_detail",
    "network_map_data",
    "finder",
    "multilevel_table",
    "data_quality",
    "suggestion_queue",
    "feedback_inbox",
]
#: The target: the served p50 of a page at a larger scale within this factor of the first.
P50_GROWTH_LIMIT = 1.5
#: A scale whose seeding takes longer is not measured (reported under ``dropped``).
MAX_SEED_SECONDS = 300
#: The warm-up of a mix: until two rounds agree within the spread, at most the maximum
#: (every worker must have answered every URL of it once; a cold search can take seconds).
MIX_WARMUP_S = 10
MIX_WARMUP_ROUND_S = 5
MIX_WARMUP_MAX_S = 60
MIX_WARMUP_SPREAD = 0.15


def log(message: str) -> None:
    bench.log(message)


# --- the runner: databases, seeding, the server, wrk --------------------------------


def bench_env(database_url: str, session_dir: str) -> dict:
    """The environment of bench/run.py's server and probe, for one database."""
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
        # Sessions of this run only: the probe writes them, the workers read them.
        "DJANGO_SESSION_CACHE_DIR": session_dir,
    }
    env.pop("REDIS_URL", None)
    return env


def _server_url(database_url: str) -> str:
    """``postgres://user@host:port`` of a database URL (its cluster)."""
    return database_url.rsplit("/", 1)[0]


def _database(cluster_url: str, name: str, *, create: bool) -> str:
    host_port = cluster_url.split("@", 1)[1]
    host, port = host_port.split(":", 1)
    base = ["-h", host, "-p", port, "-U", "postgres"]
    subprocess.run(["dropdb", *base, "--if-exists", name], check=True, stderr=subprocess.DEVNULL)
    if create:
        subprocess.run(["createdb", *base, name], check=True)
    return f"{cluster_url}/{name}"


def _warm_up(server, wrk_binary: str, url: str, cookies, paths, seconds: int) -> None:
    bench.wrk(wrk_binary, url, 16, seconds, cookies, paths)
    server.drain()
    if not paths:
        return
    spent, previous = seconds, None
    while spent < MIX_WARMUP_MAX_S:
        rps = bench.wrk(wrk_binary, url, 16, MIX_WARMUP_ROUND_S, cookies, paths)["rps"]
        server.drain()
        spent += MIX_WARMUP_ROUND_S
        if previous and abs(rps - previous) <= MIX_WARMUP_SPREAD * max(rps, previous):
            return
        previous = rps
    log(f"  still warming up after {spent} s; measured anyway")


def _paths_file(urls: list[str], files: list[Path]) -> str | None:
    """A file of the paths of a mix, for bench/report.lua (None for a single URL)."""
    if len(urls) < 2:
        return None
    handle, name = tempfile.mkstemp(prefix="portal-growth-paths.", suffix=".txt")
    os.close(handle)
    Path(name).write_text("".join(f"{url}\n" for url in urls))
    files.append(Path(name))
    return name


class _Scale:
    """One scale's database, seeded and probed, and (later) its server."""

    def __init__(self, name: str, cluster_url: str, options: dict):
        self.name = name
        self.database = f"{options['db_prefix']}{name}"
        self.database_url = _database(cluster_url, self.database, create=True)
        self.session_dir = tempfile.mkdtemp(prefix="portal-growth-sessions.")
        self.env = bench_env(self.database_url, self.session_dir)
        self.result: dict = {}
        self.pages: dict = {}
        self.cookie_files: dict = {"anonymous": None}
        self.server = None

    def prepare(self, options: dict, files: list[Path]) -> None:
        """migrate, seed (timed), then the cold and warm renders in process."""
        env = self.env
        log(f"{self.name}: database {self.database_url}")
        bench.manage(env, "migrate", "--no-input", "-v0")
        bench.manage(env, "seed_keynote")
        started = time.monotonic()
        log(f"{self.name}: seed_demo --scale {self.name}")
        subprocess.run(
            [bench.PYTHON, "manage.py", "seed_demo", "--scale", self.name],
            cwd=bench.BASE_DIR,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = round(time.monotonic() - started, 1)
        log(f"{self.name}: seeded in {seconds:.0f} s")
        self.result = {
            "seed_seconds": seconds,
            "demo_counts": bench.manage(env, "seed_demo", "--counts").strip(),
        }
        limit = options["max_seed_seconds"]
        if limit and seconds > limit:
            self.result["dropped"] = f"seeding took {seconds:.0f} s, more than {limit:.0f} s"
            log(f"{self.name}: dropped: {self.result['dropped']}")
            return
        if options.get("collectstatic", True):
            bench.manage(env, "collectstatic", "--no-input", "-v0")
            options["collectstatic"] = False
        log(f"{self.name}: cold and warm renders in process")
        probed = json.loads(
            subprocess.run(
                [bench.PYTHON, str(BENCH_DIR / "growth_probe.py")],
                cwd=bench.BASE_DIR,
                env=env,
                input=json.dumps(
                    {"pages": options["pages"], "runs": options["runs"], "warm_runs": 5}
                ),
                check=True,
                text=True,
                stdout=subprocess.PIPE,
            ).stdout
        )
        self.result.update(counts=probed["counts"], missing=probed["missing"])
        self.pages = probed["pages"]
        for name, page in self.pages.items():
            if page["status"] != 200:
                page["problem"] = f"answered {page['status']} in process"
            log(
                f"  {name}: queries {page['queries_cold']} cold, {page['queries_warm']} warm; "
                f"{page['cold_ms']} / {page['warm_ms']} ms"
            )
        for role, values in probed["cookies"].items():
            handle, path = tempfile.mkstemp(prefix=f"portal-growth-{role}.", suffix=".txt")
            os.close(handle)
            Path(path).write_text("".join(f"{value}\n" for value in values))
            files.append(Path(path))
            self.cookie_files[role] = path

    @property
    def measured(self) -> bool:
        return bool(self.pages)

    def start(self, ports: list[int], workers: int) -> None:
        """gunicorn on the first of ``ports`` that is free (a port of the range can be
        taken for a moment as the local end of an outgoing connection)."""
        for port in ports:
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    continue
            self.server = bench.Server(self.env, port, workers)
            try:
                self.server.start()
            except SystemExit as error:  # bench.Server gives up with sys.exit
                log(f"{self.name}: gunicorn on port {port} failed: {str(error)[:200]}")
                self.server.stop()
                self.server = None
                continue
            ports.remove(port)
            return
        raise RuntimeError(f"{self.name}: no free port for gunicorn")

    def served(self, wrk_binary: str, page_name: str, files, options: dict, warm: bool):
        """One wrk run of a page (after its warm-up when ``warm`` is false); None when the
        page cannot be served here (the reason is noted on the page)."""
        page = self.pages.get(page_name)
        if page is None or page.get("problem"):
            return None
        urls = page.get("urls") or [page["url"]]
        cookies = self.cookie_files[page["as"]]
        paths = page.setdefault("_paths", _paths_file(urls, files))
        url = self.server.base_url + urls[0]
        if not warm:
            cookie = Path(cookies).read_text().splitlines()[0] if cookies else None
            for each in urls:
                problem = bench.preflight(self.server, each, cookie)
                if problem:
                    page["problem"] = f"{each} {problem}"
                    return None
            warmup = MIX_WARMUP_S if paths else options["warmup"]
            _warm_up(self.server, wrk_binary, url, cookies, paths, warmup)
        run = bench.wrk(wrk_binary, url, 16, options["duration"], cookies, paths)
        self.server.drain()
        return run

    def close(self, cluster_url: str) -> None:
        if self.server:
            self.server.stop()
        shutil.rmtree(self.session_dir, ignore_errors=True)
        _database(cluster_url, self.database, create=False)


def _serve_interleaved(scales: list[_Scale], wrk_binary: str, options: dict, files) -> None:
    """Every page at every scale, the scales in turn page by page (in alternating order,
    round by round), so that a busy minute of the shared machine falls on all of them
    alike; the best p50 of the rounds is kept. A page whose p50 at a larger scale is more
    than ``P50_GROWTH_LIMIT`` times the first scale's gets one more round."""
    ports = list(range(options["port"], options["port"] + options["ports"]))
    for scale in scales:
        scale.start(ports, options["workers"])
        log(f"{scale.name}: gunicorn on {scale.server.base_url}")
    for scale in scales:
        ceiling = scale.server.base_url + "/healthz/ceiling"
        bench.wrk(wrk_binary, ceiling, 16, 2, None)
        scale.result["ceiling_rps"] = bench.wrk(wrk_binary, ceiling, 16, options["duration"], None)[
            "rps"
        ]
        log(f"{scale.name}: ceiling {scale.result['ceiling_rps']:.0f} req/s")
    for page_name in options["pages"]:
        runs: dict[str, list[dict]] = {scale.name: [] for scale in scales}
        warmed: set[str] = set()

        def one_round(order, page_name=page_name, runs=runs, warmed=warmed):
            for scale in order:
                run = scale.served(wrk_binary, page_name, files, options, warm=scale.name in warmed)
                if run is not None:
                    warmed.add(scale.name)
                    runs[scale.name].append(run)

        for number in range(options["served_runs"]):
            one_round(scales if number % 2 == 0 else scales[::-1])
        best = {name: min(r, key=lambda x: x["p50_ms"]) for name, r in runs.items() if r}
        base = best.get(scales[0].name)
        if base and any(b["p50_ms"] > P50_GROWTH_LIMIT * base["p50_ms"] for b in best.values()):
            # Off by more than the target: once more, in case the machine was busy.
            one_round(scales[::-1] if options["served_runs"] % 2 else scales)
            best = {name: min(r, key=lambda x: x["p50_ms"]) for name, r in runs.items() if r}
        for scale in scales:
            page = scale.pages.get(page_name)
            if page is None:
                continue
            chosen = best.get(scale.name)
            if chosen:
                page.update(
                    rps=chosen["rps"],
                    p50_ms=chosen["p50_ms"],
                    p99_ms=chosen["p99_ms"],
                    errors=chosen["errors"],
                )
                if len(runs[scale.name]) > 1:
                    page["served_runs_p50_ms"] = [r["p50_ms"] for r in runs[scale.name]]
        log(
            f"  {page_name}: p50 "
            + ", ".join(f"{n} {b['p50_ms']} ms ({b['rps']:.0f} req/s)" for n, b in best.items())
        )


def run_growth(
    scales: list[str],
    *,
    output_path: str | Path | None = None,
    cluster_url: str | None = None,
    pg_port: int = 56450,
    port: int = 56451,
    ports: int = 19,
    workers: int = 4,
    duration: int = 5,
    warmup: int = 3,
    runs: int = 3,
    served_runs: int = 2,
    max_seed_seconds: float | None = MAX_SEED_SECONDS,
    pages: list[str] | None = None,
    db_prefix: str = "growth_",
) -> dict:
    """Measure every list page at each scale; return (and write, with ``output_path``,
    as JSON and Markdown) the results.

    ``cluster_url`` (``postgres://postgres@host:port``) uses a running cluster, where a
    database ``<db_prefix><scale>`` is created per scale and dropped at the end; without
    it a throwaway cluster is started on ``pg_port``. Each scale is served by its own
    gunicorn, on the first free ports of ``port`` … ``port + ports - 1``."""
    wrk_binary = bench.ensure_wrk()
    cluster = None if cluster_url else bench.Cluster(pg_port)
    files: list[Path] = []
    options = {
        "port": port,
        "ports": ports,
        "workers": workers,
        "duration": duration,
        "warmup": warmup,
        "runs": runs,
        "served_runs": served_runs,
        "max_seed_seconds": max_seed_seconds,
        "pages": pages or PAGES,
        "db_prefix": db_prefix,
    }
    growth = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scales": list(scales),
        "pages": options["pages"],
        "workers": workers,
        "connections": 16,
        "duration_s": duration,
        "runs": runs,
        "served_runs": served_runs,
        "p50_limit": P50_GROWTH_LIMIT,
        "by_scale": {},
    }
    prepared: list[_Scale] = []
    try:
        if cluster is not None:
            cluster_url = _server_url(cluster.start())
        for name in scales:
            scale = _Scale(name, cluster_url, options)
            prepared.append(scale)
            scale.prepare(options, files)
        try:
            _serve_interleaved([s for s in prepared if s.measured], wrk_binary, options, files)
        except Exception as error:  # keep the in-process figures of a run that failed here
            growth["problem"] = f"serving failed: {error!r}"
            log(growth["problem"])
        growth["machine"] = bench.machine_description(prepared[0].env) if prepared else ""
    finally:
        for scale in prepared:
            scale.close(cluster_url)
        for path in files:
            path.unlink(missing_ok=True)
        if cluster is not None:
            log("stopping and deleting the cluster")
            cluster.stop()
    for scale in prepared:
        for page in scale.pages.values():
            page.pop("_paths", None)
        growth["by_scale"][scale.name] = (
            {**scale.result, "pages": scale.pages} if scale.measured else scale.result
        )
    if output_path:
        # The figures first, so that they survive a mistake in the report.
        output = Path(output_path)
        output.write_text(json.dumps(growth, indent=2, ensure_ascii=False) + "\n")
    growth["verdicts"] = verdicts(growth)
    if output_path:
        output.write_text(json.dumps(growth, indent=2, ensure_ascii=False) + "\n")
        output.with_suffix(".md").write_text(
            "# Growth: page cost from `kreis` to `nrw2`\n\n" + growth_markdown(growth)
        )
    return growth


# --- the report ----------------------------------------------------------------------


def _ratio(value, reference) -> float | None:
    if value is None or reference is None:
        return None
    if reference == 0:
        return 1.0 if value == 0 else None
    return value / reference


def _measured(growth: dict) -> list[str]:
    """The scales with pages measured, in the order asked."""
    by_scale = growth["by_scale"]
    return [s for s in growth["scales"] if "pages" in by_scale.get(s, {})]


def _figure(growth: dict, scale: str, page: str, key: str):
    return growth["by_scale"][scale]["pages"].get(page, {}).get(key)


def _counts_figure(key: str, values: list) -> str:
    """``cold 12`` when every scale ran the same, else ``cold 3 / 4 / 4``."""
    shown = values if len(set(values)) > 1 else values[:1]
    return f"{key.removeprefix('queries_')} " + " / ".join(
        "–" if v is None else str(v) for v in shown
    )


def verdicts(growth: dict) -> list[str]:
    """One line per page and target: no more queries at a larger scale; served p50 within
    ``p50_limit`` of the first scale's."""
    scales = _measured(growth)
    if len(scales) < 2:
        return [bench._verdict(False, "growth measured at two scales at least", ", ".join(scales))]
    base, others = scales[0], scales[1:]
    limit = growth.get("p50_limit", P50_GROWTH_LIMIT)
    lines = []
    for page in growth["pages"]:
        if all(_figure(growth, s, page, "queries_warm") is None for s in scales):
            continue
        counts = {
            key: [_figure(growth, s, page, key) for s in scales]
            for key in ("queries_cold", "queries_warm")
        }
        # Fixed: no larger scale runs more queries than the one before it. A page may run
        # fewer on much data (the directory counts the networks beside its filter only up
        # to 150 of them); it must never run more.
        fixed = all(
            None not in c and all(c[i + 1] <= c[i] for i in range(len(c) - 1))
            for c in counts.values()
        )
        figure = ", ".join(_counts_figure(key, values) for key, values in counts.items())
        lines.append(bench._verdict(fixed, f"{page}: no more queries with more data", figure))
        p50 = {s: _figure(growth, s, page, "p50_ms") for s in scales}
        ratios = {s: _ratio(p50[s], p50[base]) for s in others}
        ok = all(r is not None and r <= limit for r in ratios.values())
        figure = ", ".join(
            f"{s} {r:.2f}×" if r is not None else f"{s} not measured" for s, r in ratios.items()
        )
        lines.append(bench._verdict(ok, f"{page}: served p50 ≤ {limit}× {base}", figure))
    return lines


def _cells(values, digits: int | None = None) -> str:
    def one(v):
        if v is None:
            return "–"
        if digits is None:
            return f"{v:,}".replace(",", " ") if isinstance(v, int) else str(v)
        return f"{v:,.{digits}f}".replace(",", " ")

    return " / ".join(one(v) for v in values)


def _ratios(values) -> str:
    base = values[0]
    parts = []
    for value in values[1:]:
        r = _ratio(value, base)
        parts.append("–" if r is None else f"{r:.2f}")
    return " / ".join(parts)


def growth_markdown(growth: dict) -> str:
    """The table (page × scale) with the ratios to the first scale, and the verdicts."""
    scales = _measured(growth)
    by_scale = growth["by_scale"]
    lines = []
    for scale in growth["scales"]:
        entry = by_scale.get(scale, {})
        counts = entry.get("counts") or {}
        parts = [
            ", ".join(f"{n:,} {k}".replace(",", " ") for k, n in counts.items())
            or entry.get("demo_counts", ""),
            f"seeded in {entry['seed_seconds']:.0f} s" if "seed_seconds" in entry else "",
            f"ceiling {entry['ceiling_rps']:.0f} req/s" if entry.get("ceiling_rps") else "",
            f"**dropped**: {entry['dropped']}" if entry.get("dropped") else "",
        ]
        lines.append(f"- `{scale}`: " + "; ".join(part for part in parts if part))
    if growth.get("machine"):
        lines += ["", f"Machine: {growth['machine']}  "]
    lines.append(
        f"Date: {growth.get('date', '?')}; served: gunicorn with {growth.get('workers', 4)} sync "
        f"workers per scale, wrk {growth.get('duration_s', 5)} s at "
        f"{growth.get('connections', 16)} connections after a warm-up, the scales in turn, "
        f"best p50 of {growth.get('served_runs', 1)} rounds or more; in process: median of "
        f"{growth.get('runs', 3)} runs."
    )
    if growth.get("problem"):
        lines += ["", f"**{growth['problem']}**"]
    if not scales:
        return "\n".join(lines) + "\n\nNothing measured.\n"
    order = " / ".join(f"`{s}`" for s in scales)
    ratio_order = " / ".join(f"{s}÷{scales[0]}" for s in scales[1:]) or "–"
    lines += [
        "",
        f"Each cell: {order}; ratios: {ratio_order}. Cold: every cache but the sessions' "
        "cleared before the request; warm: the same request again (in process, ms). "
        "Served: over HTTP, p50 and p99 in ms.",
        "",
        "| page | queries cold | queries warm | queries × | cold ms | cold × | warm ms "
        "| served p50 ms | p50 × | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in growth["pages"]:
        if all(page not in by_scale[s]["pages"] for s in scales):
            continue

        def values(key, page=page):
            return [_figure(growth, s, page, key) for s in scales]

        cold_q, warm_q = values("queries_cold"), values("queries_warm")
        query_ratio = _ratios(
            [
                (c or 0) + (w or 0) if c is not None else None
                for c, w in zip(cold_q, warm_q, strict=True)
            ]
        )
        lines.append(
            f"| {page} | {_cells(cold_q)} | {_cells(warm_q)} | {query_ratio} "
            f"| {_cells(values('cold_ms'), 0)} | {_ratios(values('cold_ms'))} "
            f"| {_cells(values('warm_ms'), 1)} | {_cells(values('p50_ms'), 1)} "
            f"| {_ratios(values('p50_ms'))} | {_cells(values('p99_ms'), 0)} "
            f"| {_cells(values('rps'), 0)} |"
        )
    lines += ["", "Targets:", "", *(growth.get("verdicts") or verdicts(growth))]
    notes = []
    for scale in scales:
        for page, why in by_scale[scale].get("missing", {}).items():
            notes.append(f"- {page} (`{scale}`): {why}")
        for page, entry in by_scale[scale]["pages"].items():
            if entry.get("problem"):
                notes.append(f"- {page} (`{scale}`): {entry['problem']}")
    if notes:
        lines += ["", "Not measured:", "", *notes]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["kreis", "nrw", "nrw2"])
    parser.add_argument("--output", default=str(BENCH_DIR / "growth.json"))
    parser.add_argument("--cluster-url", help="a running cluster: postgres://postgres@host:port")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("GROWTH_PG_PORT", 56450)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("GROWTH_PORT", 56451)))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per page")
    parser.add_argument("--runs", type=int, default=3, help="cold renders per URL (median)")
    parser.add_argument(
        "--served-runs",
        type=int,
        default=2,
        help="rounds of wrk per page and scale (the best p50 is kept)",
    )
    parser.add_argument(
        "--max-seed-seconds",
        type=float,
        default=MAX_SEED_SECONDS,
        help="drop a scale whose seeding takes longer (0: never)",
    )
    parser.add_argument("--pages", nargs="*", help=f"only these pages ({', '.join(PAGES)})")
    args = parser.parse_args()

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    growth = run_growth(
        args.scales,
        output_path=args.output,
        cluster_url=args.cluster_url,
        pg_port=args.pg_port,
        port=args.port,
        workers=args.workers,
        duration=args.duration,
        warmup=args.warmup,
        runs=args.runs,
        served_runs=args.served_runs,
        max_seed_seconds=args.max_seed_seconds or None,
        pages=args.pages,
    )
    print(growth_markdown(growth))


if __name__ == "__main__":
    main()
