"""``make run`` serves the portal as visitors see it; ``make dev`` with Django's debug pages.

The server command of each target is read from ``make -n`` (which prints the commands
without running them) and its environment applied to the settings in a fresh
interpreter, so the test follows the Makefile as it is.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def _server_environment(target: str) -> dict[str, str]:
    """The variables the target sets on its `manage.py runserver` line."""
    dry_run = subprocess.run(  # noqa: S603, S607 - make from PATH, fixed arguments
        ["make", "-n", target],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [line for line in dry_run.stdout.splitlines() if "manage.py runserver" in line]
    assignments = {}
    for word in shlex.split(line):
        name, sep, value = word.partition("=")
        if not sep or not name.isidentifier():
            break
        assignments[name] = value
    return assignments


def _debug_with(environment: dict[str, str]) -> bool:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(environment, DJANGO_SETTINGS_MODULE="integration_portal.settings")
    result = subprocess.run(  # noqa: S603 - the test's own interpreter and code
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip() == "True"


@needs_make
@pytest.mark.parametrize("target", ["run", "demo"])
def test_make_run_serves_without_debug_pages(target):
    assert _debug_with(_server_environment(target)) is False


@needs_make
def test_make_dev_serves_with_debug_pages():
    assert _debug_with(_server_environment("dev")) is True


@pytest.mark.django_db
def test_without_debug_an_unknown_address_shows_the_portals_german_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Seite nicht gefunden" in page
    assert "Traceback" not in page and "URLconf" not in page


def test_without_debug_static_files_are_served_without_collectstatic(client, settings):
    """WhiteNoise finds the files where they are (``WHITENOISE_USE_FINDERS``)."""
    settings.DEBUG = False
    assert settings.WHITENOISE_USE_FINDERS
    for path in ("/static/img/favicon.svg", "/static/vendor/kern/kern.min.css"):
        response = client.get(path)
        assert response.status_code == 200, path
