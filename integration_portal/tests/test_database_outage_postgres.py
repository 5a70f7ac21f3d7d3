"""A real outage: the portal runs under gunicorn against a throwaway PostgreSQL cluster,
the cluster is stopped and started again, and the portal recovers without a restart."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.DATABASE_IS_POSTGRES, reason="stops and starts a PostgreSQL server"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: str) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root; run its tools as the postgres system user."""
    if os.geteuid() == 0:
        argv = ["su", "postgres", "-s", "/bin/bash", "-c", command]
    else:
        argv = ["/bin/bash", "-c", command]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=True)


class Cluster:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="portal-outage-"))
        self.port = _free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        _as_postgres(f"initdb -D {self.dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        _as_postgres(
            f"pg_ctl -D {self.dir}/data -l {self.dir}/log -w start "
            f"-o '-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1'"
        )

    def stop(self):
        _as_postgres(f"pg_ctl -D {self.dir}/data -m fast -w stop")

    def remove(self):
        subprocess.run(
            [
                "su",
                "postgres",
                "-s",
                "/bin/bash",
                "-c",
                f"pg_ctl -D {self.dir}/data -m immediate stop",
            ]
            if os.geteuid() == 0
            else ["pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def _get(url: str, cookie: str | None = None) -> tuple[int, str]:
    assert url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def portal_on_throwaway_cluster():
    cluster = Cluster()
    server = None
    try:
        cluster.start()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(DATABASE_URL=cluster.url, DJANGO_DEBUG="0", DJANGO_CONN_MAX_AGE="60")
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
            timeout=300,
        )
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 - fixed argv
            [
                str(Path(python).parent / "gunicorn"),
                "integration_portal.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        yield cluster, base, server
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cluster.remove()


# Any session cookie makes the page look the session up in the database.
SESSION = "sessionid=abcdefghijklmnopqrstuvwxyz012345"


def test_portal_survives_a_database_restart_and_an_outage(portal_on_throwaway_cluster):
    cluster, base, server = portal_on_throwaway_cluster
    pid = server.pid

    assert _get(base + "/healthz") == (200, '{"status": "ok", "database": "ok"}')
    assert _get(base + "/", SESSION)[0] == 200

    # 1. The server restarts between two requests: the kept-alive connection is dead,
    #    the health check notices and the next request simply reconnects.
    cluster.stop()
    cluster.start()
    assert _get(base + "/", SESSION)[0] == 200
    assert _get(base + "/healthz")[0] == 200

    # 2. While the server is down, pages answer 503 with the friendly page.
    cluster.stop()
    status, html = _get(base + "/", SESSION)
    assert status == 503
    assert "Portal vorübergehend nicht erreichbar" in html
    assert "Traceback" not in html
    status, body = _get(base + "/healthz")
    assert status == 503
    assert '"database": "unavailable"' in body

    # 3. Back up: the same process serves again, without a restart.
    cluster.start()
    assert _get(base + "/healthz") == (200, '{"status": "ok", "database": "ok"}')
    assert _get(base + "/", SESSION)[0] == 200
    assert server.poll() is None and server.pid == pid
