#!/usr/bin/env python3
"""`make bench-cluster`: the scale-out of the README on one machine, with real servers.

Starts, as throwaway processes in one temporary directory (docs/cluster.md):

- a PostgreSQL primary (Debian's server binaries, ``initdb`` as the ``postgres`` system
  user when started as root, ``wal_level=replica``, trust for 127.0.0.1 and for
  replication) and a streaming replica made from it with ``pg_basebackup -R``;
- a Redis server (``redis-server``, nothing written to disk);
- two gunicorn app servers on their own ports, each with ``DATABASE_URL`` (primary),
  ``DATABASE_REPLICA_URL`` (replica) and ``REDIS_URL``, in production mode like
  ``bench/run.py``;

after migrating the portal's database on the primary and loading ``seed_keynote`` (and
``seed_demo --scale …`` for the bench). ``stop`` removes everything again; ``start`` in
this module's API stops what it started when it fails or is interrupted.

    python bench/cluster.py start [--scale kreis]   # leaves it running, prints the URLs
    python bench/cluster.py stop                    # stops what `start` left running
    python bench/cluster.py bench [--scale kreis]   # start, measure with wrk, stop

``bench`` drives a few of ``bench/run.py``'s scenarios (start page, directory, actor
page, history) with one wrk per app server, both at once, and writes req/s and p99 per
server to ``bench/cluster-results.json`` and ``.md``. The tests of the scale-out
(``tests/cluster/``) use the same module. Only the standard library is used here,
apart from two commands that run Django in a subprocess (``account``, ``urls``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
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
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import run as bench_run  # noqa: E402  (bench/run.py: its helpers, not its main)

BASE_DIR = bench_run.BASE_DIR
PYTHON = bench_run.PYTHON
GUNICORN = bench_run.GUNICORN
log = bench_run.log

#: The first of the ports the topology takes (primary, replica, Redis, app A, app B).
DEFAULT_BASE_PORT = int(os.environ.get("CLUSTER_BASE_PORT", 56430))
DATABASE = "cluster_portal"
#: Where `start` leaves the description of a running topology for `stop`.
STATE_DIR = Path(tempfile.gettempdir())
RESULTS = BENCH_DIR / "cluster-results"
POSTGRES_TOOLS = ("initdb", "pg_ctl", "pg_basebackup", "postgres", "psql")

# The scenarios of `bench`, by their names in the `urls` command's answer; `ceiling` (a
# fixed answer through the middleware, bench/run.py) is the reference of the same run.
SCENARIOS = ("ceiling", "start", "directory", "actor_detail", "timeline")


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL server's binaries that have every tool needed."""
    candidates = []
    for directory in Path("/usr/lib/postgresql").glob("*/bin"):
        if all((directory / tool).exists() for tool in POSTGRES_TOOLS):
            version = directory.parent.name
            candidates.append((int(version) if version.isdigit() else 0, directory))
    return max(candidates)[1] if candidates else None


def missing_packages() -> list[str]:
    """The Debian packages whose programs are missing (empty when all are there)."""
    missing = []
    if postgres_bin() is None:
        missing.append("postgresql (initdb, pg_ctl, pg_basebackup under /usr/lib/postgresql/*/bin)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    return missing


@dataclass
class Ports:
    primary: int
    replica: int
    redis: int
    app_a: int
    app_b: int
    #: The bench's reference: one app server alone, primary only, caches per process.
    reference: int

    @classmethod
    def from_base(cls, base: int) -> Ports:
        return cls(base, base + 1, base + 2, base + 3, base + 4, base + 5)


#: Ports from the base port on that the topology may take (the first five unless one is
#: in use: loopback connections of other programs take ports of this range as their
#: own end, for a moment).
PORT_RANGE = 10


class PsqlError(subprocess.CalledProcessError):
    def __str__(self) -> str:
        return f"psql failed: {self.stderr.strip()}"


class PortTaken(Exception):
    """A server could not listen: its port was taken between the check and the start."""


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _says_port_taken(text: str) -> bool:
    return "Address already in use" in text or "could not bind" in text


class Topology:
    """Primary, replica, Redis and two app servers, as throwaway processes.

    ``start()`` returns when every part answers; ``stop()`` ends and deletes whatever
    exists (safe to call twice, and from another process with ``load()``).
    """

    def __init__(self, base_port: int = DEFAULT_BASE_PORT, workers: int = 2):
        self.base_port = base_port
        self.ports = Ports.from_base(base_port)
        self.workers = workers
        self.root: Path | None = None
        self.bin = postgres_bin()
        self.as_postgres = os.geteuid() == 0
        self.redis_pid: int | None = None
        self.app_pids: dict[str, int] = {}
        # The same keys for both app servers: a session or a CSRF token made on one is
        # valid on the other.
        self.secret_key = secrets.token_urlsafe(50)
        self.mfa_keys = secrets.token_urlsafe(50)

    # --- where things are -----------------------------------------------------------

    @property
    def state_file(self) -> Path:
        return STATE_DIR / f"portal-cluster-{self.base_port}.json"

    def database_url(self, port: int) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports.redis}/0"

    @property
    def app_urls(self) -> dict[str, str]:
        return {
            "A": f"http://127.0.0.1:{self.ports.app_a}",
            "B": f"http://127.0.0.1:{self.ports.app_b}",
        }

    def env(self, *, with_replica: bool = True) -> dict[str, str]:
        """The environment of the app servers (without the replica: of the commands,
        which use the primary alone anyway)."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "integration_portal.settings",
            "DATABASE_URL": self.database_url(self.ports.primary),
            "REDIS_URL": self.redis_url,
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_MFA_ENCRYPTION_KEYS": self.mfa_keys,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_DEBUG": "0",
            "PORTAL_BENCH": "1",
        }
        env.pop("DATABASE_REPLICA_URL", None)
        if with_replica:
            env["DATABASE_REPLICA_URL"] = self.database_url(self.ports.replica)
        return env

    # --- PostgreSQL -----------------------------------------------------------------

    def _pg(self, tool: str, arguments: str, *, check: bool = True) -> subprocess.CompletedProcess:
        """Run a PostgreSQL tool; as the ``postgres`` user when we are root (the server
        refuses to run as root)."""
        command = f"'{self.bin / tool}' {arguments}"
        argv = (
            ["su", "postgres", "-s", "/bin/bash", "-c", command]
            if self.as_postgres
            else ["bash", "-c", command]
        )
        return subprocess.run(argv, check=check, capture_output=True, text=True, timeout=180)

    def _server_options(self, port: int) -> str:
        return (
            f"-p {port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c shared_buffers=128MB -c max_connections=100 "
            "-c wal_level=replica -c max_wal_senders=5 -c hot_standby=on"
        )

    def _pg_start(self, data: Path, port: int) -> None:
        log_file = Path(f"{data}.log")
        seen = log_file.stat().st_size if log_file.exists() else 0
        started = self._pg(
            "pg_ctl",
            f"-D '{data}' -l '{log_file}' -o '{self._server_options(port)}' -w -t 60 start",
            check=False,
        )
        if started.returncode:
            with log_file.open(errors="replace") as text:
                text.seek(seen)
                written = text.read()
            if _says_port_taken(written):
                raise PortTaken(port)
            raise RuntimeError(f"pg_ctl start failed:\n{started.stderr}{written[-2000:]}")

    def _on_a_free_port(self, role: str, start) -> None:
        """Run ``start(port)`` on the port of ``role`` (an attribute of ``Ports``), or on
        another free one of the range when that one is taken."""
        tried: set[int] = set()
        for _ in range(4):
            others = {v for k, v in self.ports.__dict__.items() if k != role}
            candidates = [getattr(self.ports, role)] + list(
                range(self.base_port, self.base_port + PORT_RANGE)
            )
            port = next((p for p in candidates if p not in others | tried and _bindable(p)), None)
            if port is None:
                break
            setattr(self.ports, role, port)
            self._save_state()
            try:
                start(port)
                return
            except PortTaken:
                log(f"port {port} was taken meanwhile; trying another")
                tried.add(port)
        raise RuntimeError(
            f"no free port for {role} in {self.base_port}–{self.base_port + PORT_RANGE - 1}"
        )

    def psql(self, port: int, sql: str, database: str = DATABASE) -> str:
        """One statement on the server at ``port``; its result, unaligned. Raises
        ``PsqlError`` (with psql's message) when it fails."""
        argv = [str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
        argv += ["-d", database, "-v", "ON_ERROR_STOP=1", "-Atc", sql]
        result = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PGCLIENTENCODING": "UTF8"},
            check=False,
        )
        if result.returncode:
            raise PsqlError(result.returncode, argv, result.stdout, result.stderr)
        return result.stdout.strip()

    def _start_postgres(self) -> None:
        primary, replica = self.root / "primary", self.root / "replica"
        self._pg(
            "initdb",
            f"-D '{primary}' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8",
        )
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write(
                "\n# The throwaway cluster of bench/cluster.py: the replica and the app\n"
                "# servers connect over loopback.\n"
                "host    all             all             127.0.0.1/32            trust\n"
                "host    replication     postgres        127.0.0.1/32            trust\n"
            )
        self._on_a_free_port("primary", lambda port: self._pg_start(primary, port))
        self.psql(self.ports.primary, f"CREATE DATABASE {DATABASE}", database="postgres")
        log(f"primary on port {self.ports.primary}; pg_basebackup -R for the replica")
        self._pg(
            "pg_basebackup",
            f"-h 127.0.0.1 -p {self.ports.primary} -U postgres -D '{replica}' -R -X stream -c fast",
        )
        self._on_a_free_port("replica", lambda port: self._pg_start(replica, port))
        self.wait_for_streaming()
        log(f"replica on port {self.ports.replica}, streaming")

    def wait_for_streaming(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.psql(
                self.ports.primary,
                "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'",
            )
            if state == "1":
                return
            time.sleep(0.2)
        raise RuntimeError("the replica did not start streaming")

    def primary_lsn(self) -> str:
        return self.psql(self.ports.primary, "SELECT pg_current_wal_lsn()")

    def wait_for_replica(self, timeout: float = 60) -> None:
        """Return once the replica has replayed everything the primary has written."""
        target = self.primary_lsn()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            behind = self.psql(
                self.ports.replica,
                f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn()) > 0",
            )
            if behind == "f":
                return
            time.sleep(0.1)
        raise RuntimeError(f"the replica did not replay up to {target} in {timeout} s")

    def pause_replay(self) -> None:
        self.psql(self.ports.replica, "SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self.psql(self.ports.replica, "SELECT pg_wal_replay_resume()")

    def stop_replica(self) -> None:
        self._pg("pg_ctl", f"-D '{self.root / 'replica'}' -m fast -w stop")

    def start_replica(self) -> None:
        """Start the stopped replica again, on its port (the app servers know it)."""
        self._pg_start(self.root / "replica", self.ports.replica)
        self.wait_for_streaming()

    # --- Redis and the app servers --------------------------------------------------------

    def _start_redis(self, port: int) -> None:
        directory = self.root / "redis"
        directory.mkdir(exist_ok=True)
        process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(directory)]
            + ["--logfile", str(directory / "redis.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.redis_pid = process.pid
        self._save_state()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.redis_pid = None
                written = (directory / "redis.log").read_text(errors="replace")
                if _says_port_taken(written):
                    raise PortTaken(port)
                raise RuntimeError(f"redis-server exited:\n{written[-2000:]}")
            if self.redis_ping():
                log(f"Redis on port {port}")
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not answer")

    def redis_ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.ports.redis), timeout=2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def redis_command(self, *words: str) -> bytes:
        """One command to Redis (RESP), its raw answer."""
        request = f"*{len(words)}\r\n" + "".join(f"${len(w.encode())}\r\n{w}\r\n" for w in words)
        with socket.create_connection(("127.0.0.1", self.ports.redis), timeout=5) as sock:
            sock.sendall(request.encode())
            return sock.recv(4096)

    def manage(self, *args: str) -> str:
        return bench_run.manage(self.env(with_replica=False), *args)

    def _start_app(self, name: str, port: int, env: dict | None = None) -> None:
        log_path = self.root / f"gunicorn-{name}.log"
        process = subprocess.Popen(
            [GUNICORN, "integration_portal.wsgi", "--workers", str(self.workers)]
            + ["--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
            cwd=BASE_DIR,
            env=env or self.env(),
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.app_pids[name] = process.pid
        self._save_state()
        url = f"http://127.0.0.1:{port}/healthz"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                del self.app_pids[name]
                written = log_path.read_text(errors="replace")
                if _says_port_taken(written):
                    raise PortTaken(port)
                raise RuntimeError(f"gunicorn {name} exited:\n{written[-3000:]}")
            try:
                # The loopback address of the server started here.
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  # nosec B310
                    if response.status == 200:
                        log(f"app server {name} on port {port}, {self.workers} workers")
                        return
            except OSError:  # not listening yet
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn {name} did not answer in 60 s; see {log_path}")

    # --- the whole ---------------------------------------------------------------------

    def start(self, *, scale: str | None = None) -> None:
        """Start everything; on any failure (or Ctrl-C) stop what was started, re-raise."""
        missing = missing_packages()
        if missing:
            raise RuntimeError(f"missing Debian packages: {', '.join(missing)}")
        self.root = Path(tempfile.mkdtemp(prefix="portal-cluster."))
        if self.as_postgres:
            shutil.chown(self.root, user="postgres")
        self._save_state()
        try:
            self._start_postgres()
            self._on_a_free_port("redis", self._start_redis)
            log("migrate, seed_keynote")
            self.manage("migrate", "--no-input", "-v0")
            self.manage("seed_keynote")
            if scale:
                log(f"seed_demo --scale {scale}")
                self.manage("seed_demo", "--scale", scale)
            self.manage("collectstatic", "--no-input", "-v0")
            self.wait_for_replica()
            self._on_a_free_port("app_a", lambda port: self._start_app("A", port))
            self._on_a_free_port("app_b", lambda port: self._start_app("B", port))
        except BaseException:
            self.stop()
            raise

    @property
    def reference_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.reference}"

    def start_reference(self) -> None:
        """The bench's reference: a third app server as one server alone is run, on the
        primary without replica and Redis (caches in each worker's memory)."""
        env = self.env(with_replica=False)
        env.pop("REDIS_URL")
        env["DJANGO_SESSION_CACHE_DIR"] = str(self.root / "sessions")
        self._on_a_free_port("reference", lambda port: self._start_app("R", port, env))

    def _save_state(self) -> None:
        state = {
            "root": str(self.root),
            "base_port": self.base_port,
            "ports": self.ports.__dict__,
            "workers": self.workers,
            "redis_pid": self.redis_pid,
            "app_pids": self.app_pids,
            "secret_key": self.secret_key,
            "mfa_keys": self.mfa_keys,
        }
        self.state_file.write_text(json.dumps(state))
        self.state_file.chmod(0o600)

    @classmethod
    def load(cls, base_port: int = DEFAULT_BASE_PORT) -> Topology | None:
        """The topology `start` left running on these ports, if any."""
        topology = cls(base_port)
        if not topology.state_file.exists():
            return None
        state = json.loads(topology.state_file.read_text())
        topology.root = Path(state["root"])
        topology.ports = Ports(**state["ports"])
        topology.workers = state["workers"]
        topology.redis_pid = state["redis_pid"]
        topology.app_pids = state["app_pids"]
        topology.secret_key = state["secret_key"]
        topology.mfa_keys = state["mfa_keys"]
        return topology

    def stop(self) -> None:
        for name, pid in list(self.app_pids.items()):
            _end_group(pid)
            del self.app_pids[name]
        if self.redis_pid:
            _end_group(self.redis_pid)
            self.redis_pid = None
        if self.root is not None and self.root.exists():
            for data in ("replica", "primary"):
                if (self.root / data / "postmaster.pid").exists():
                    self._pg("pg_ctl", f"-D '{self.root / data}' -m immediate -w stop", check=False)
            shutil.rmtree(self.root, ignore_errors=True)
        self.state_file.unlink(missing_ok=True)

    # --- Django in a subprocess -------------------------------------------------------

    def django(self, *args: str) -> str:
        """Run one of the Django commands of ``cluster_django.py`` (``account``, ``urls``)
        on the primary."""
        return subprocess.run(
            [PYTHON, str(Path(__file__).resolve().parent / "cluster_django.py"), *args],
            cwd=BASE_DIR,
            env=self.env(with_replica=False),
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout.strip()

    def signed_in_cookie(self, email: str, role: str) -> str:
        """The ``Cookie`` header of a new session of the account (made if missing, with an
        authenticator app where the role needs one), valid on both app servers."""
        return self.django("account", email, role)


def _end_group(pid: int) -> None:
    """End a process group this module started (gunicorn's master and its workers)."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        try:
            os.waitpid(pid, os.WNOHANG)  # our own child: reap it
        except ChildProcessError:
            pass
        time.sleep(0.1)
    os.killpg(pid, signal.SIGKILL)


# --- bench -------------------------------------------------------------------------


def _database_counts(topology: Topology) -> dict[str, int]:
    """Transactions committed so far on primary and replica (what each one served)."""
    # The database name is this module's constant, not input.
    sql = f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{DATABASE}'"  # noqa: S608  # nosec B608
    return {
        "primary": int(topology.psql(topology.ports.primary, sql)),
        "replica": int(topology.psql(topology.ports.replica, sql)),
    }


def run_bench(args) -> dict:
    wrk_binary = bench_run.ensure_wrk()
    topology = Topology(args.base_port, args.workers)
    started = time.monotonic()
    topology.start(scale=args.scale)
    try:
        log(f"ready in {time.monotonic() - started:.0f} s")
        urls = json.loads(topology.django("urls"))
        counts = topology.manage("seed_demo", "--counts").strip()
        topology.start_reference()
        served = {"primary": 0, "replica": 0}
        scenarios = []
        for name in SCENARIOS:
            if name not in urls:
                log(f"{name}: no URL in this database, not measured")
                continue
            path = urls[name]
            log(f"{name}: {path} on A and B at once")
            problems = {
                server: bench_run.preflight(_Base(base), path, None)
                for server, base in topology.app_urls.items()
            }
            if any(problems.values()):
                log(f"  not measured: {problems}")
                scenarios.append({"name": name, "url": path, "problem": problems})
                continue
            _both(wrk_binary, topology, path, args.connections, args.warmup)
            before = _database_counts(topology)
            runs = _both(wrk_binary, topology, path, args.connections, args.duration)
            after = _database_counts(topology)
            for role in served:
                served[role] += after[role] - before[role]
            total = round(sum(run["rps"] for run in runs.values()), 1)
            # The same page on one server alone, with the same wrk.
            reference_url = topology.reference_url + path
            bench_run.wrk(wrk_binary, reference_url, args.connections, args.warmup, None)
            alone = bench_run.wrk(wrk_binary, reference_url, args.connections, args.duration, None)
            log(
                "  "
                + ", ".join(
                    f"{server} {run['rps']:.0f} req/s p99 {run['p99_ms']} ms"
                    for server, run in runs.items()
                )
                + f"; together {total:.0f} req/s; one server alone {alone['rps']:.0f} req/s"
            )
            scenarios.append(
                {"name": name, "url": path, "servers": runs, "total_rps": total, "alone": alone}
            )
        machine = bench_run.machine_description(topology.env(with_replica=False))
        lag = topology.psql(
            topology.ports.primary,
            "SELECT coalesce(max(replay_lag)::text, '0') FROM pg_stat_replication",
        )
    finally:
        log("stopping the cluster")
        topology.stop()
    results = {
        "machine": machine,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "counts": counts,
        "topology": {
            "primary": "PostgreSQL, 127.0.0.1",
            "replica": "PostgreSQL streaming replica (pg_basebackup -R), 127.0.0.1",
            "redis": "redis-server, no persistence, 127.0.0.1",
            "app_servers": 2,
            "workers_per_server": args.workers,
            "wrk": f"one per app server at once, -t2 -c{args.connections} -d{args.duration}s "
            f"after {args.warmup} s of warm-up",
        },
        "reference": "one app server alone with the same workers and wrk, on the primary "
        "without replica and Redis (caches in each worker's memory)",
        # Transactions committed on each database during the measured runs of A and B.
        "transactions": served,
        "replay_lag_after": lag,
        "scenarios": scenarios,
    }
    text = markdown(results)
    RESULTS.with_suffix(".json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    )
    RESULTS.with_suffix(".md").write_text(f"# Results of `make bench-cluster`\n\n{text}")
    print(text)
    return results


class _Base:
    """What ``bench_run.preflight`` needs of a server: its base URL."""

    def __init__(self, base_url: str):
        self.base_url = base_url


def _both(wrk_binary: str, topology: Topology, path: str, connections: int, seconds: int):
    """One wrk per app server, started together; their results by server."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            server: pool.submit(bench_run.wrk, wrk_binary, base + path, connections, seconds, None)
            for server, base in topology.app_urls.items()
        }
        return {server: future.result() for server, future in futures.items()}


def markdown(results: dict) -> str:
    topology = results["topology"]
    by_name = {s["name"]: s for s in results["scenarios"] if "problem" not in s}
    ceiling = by_name.get("ceiling", {})
    lines = [
        f"Machine: {results['machine']}  ",
        f"Date: {results['date']}, scale `{results['scale']}` ({results['counts']})  ",
        f"Topology: PostgreSQL primary + streaming replica, Redis, "
        f"{topology['app_servers']} gunicorn app servers × {topology['workers_per_server']} "
        f"sync workers, all on this machine; wrk: {topology['wrk']}.  ",
        f'Reference ("alone"): {results["reference"]}.  ',
        f"Transactions during the measured runs of A and B: primary "
        f"{results['transactions']['primary']}, replica {results['transactions']['replica']}; "
        f"replay lag afterwards: {results['replay_lag_after']}.",
        "",
        "| scenario | URL | A req/s | A p99 ms | B req/s | B p99 ms | A+B req/s "
        "| A+B × ceiling | alone req/s | alone p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario in results["scenarios"]:
        if "problem" in scenario:
            lines.append(
                f"| {scenario['name']} | `{scenario['url']}` | – | – | – | – | – | – | – | – | "
                f"not measured: {scenario['problem']} |"
            )
            continue
        a, b = scenario["servers"]["A"], scenario["servers"]["B"]
        alone = scenario["alone"]
        share = bench_run.ratio(scenario["total_rps"], ceiling.get("total_rps", 0.0))
        lines.append(
            f"| {scenario['name']} | `{scenario['url']}` | {a['rps']:.0f} | {a['p99_ms']} | "
            f"{b['rps']:.0f} | {b['p99_ms']} | {scenario['total_rps']:.0f} | {share:.2f} | "
            f"{alone['rps']:.0f} | {alone['p99_ms']} | "
            f"{a['errors'] + b['errors'] + alone['errors']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("start", "start the topology and leave it running"),
        ("stop", "stop the topology `start` left running"),
        ("bench", "start, measure both app servers at once with wrk, stop"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--base-port", type=int, default=DEFAULT_BASE_PORT)
        if name != "stop":
            command.add_argument("--workers", type=int, default=2, help="per app server")
    commands.choices["start"].add_argument("--scale", help="also load seed_demo --scale …")
    bench = commands.choices["bench"]
    bench.add_argument("--scale", default="kreis", help="seed_demo scale (default: kreis)")
    bench.add_argument("--duration", type=int, default=8, help="seconds measured per scenario")
    bench.add_argument("--warmup", type=int, default=2, help="warm-up seconds per scenario")
    bench.add_argument("--connections", type=int, default=16, help="per app server")
    args = parser.parse_args()

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    if args.command == "bench":
        run_bench(args)
    elif args.command == "start":
        if Topology.load(args.base_port):
            sys.exit(f"already running; stop it first: {sys.argv[0]} stop")
        topology = Topology(args.base_port, args.workers)
        topology.start(scale=args.scale)
        print(
            f"primary   {topology.database_url(topology.ports.primary)}\n"
            f"replica   {topology.database_url(topology.ports.replica)}\n"
            f"redis     {topology.redis_url}\n"
            f"app A     {topology.app_urls['A']}/\n"
            f"app B     {topology.app_urls['B']}/\n"
            f"files     {topology.root}\n"
            f"stop with: {sys.argv[0]} stop --base-port {args.base_port}"
        )
    else:
        topology = Topology.load(args.base_port)
        if topology is None:
            sys.exit("nothing running on these ports")
        topology.stop()
        print("stopped")


if __name__ == "__main__":
    main()
