"""Browser fixtures: Debian's Chromium through Playwright against the live test server.

One browser runs for the whole session (pytest-playwright's ``browser`` fixture); each
test gets a fresh context, because the live server's database is emptied after every
test and with it every session. Every request a context makes is recorded, so that a
test can prove the portal loads nothing from another origin.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.browsing import CHROMIUM_ARGS, DESKTOP, Visit

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))


def pytest_collection_modifyitems(items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium; never a browser downloaded by ``playwright install``."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
            "(or set PORTAL_CHROMIUM to its path) to run the browser tests."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def visit(new_context, live_server):
    """A fresh browser context at desktop size, in German, on the live server."""
    context = new_context(
        viewport=DESKTOP, locale="de-DE", timezone_id="Europe/Berlin", reduced_motion="reduce"
    )
    yield Visit(context, live_server.url)
    context.close()


@pytest.fixture
def keynote_content(transactional_db):
    """The content of the keynote, as ``make seed`` loads it: what visitors will see."""
    call_command("seed_keynote", stdout=io.StringIO())


@pytest.fixture
def portal_users(staff_user, coordinator_user, editor_user, admin_user):
    """One account per role, by role name, for pages that need a signed-in person."""
    return {
        "staff": staff_user,
        "coordinator": coordinator_user,
        "editor": editor_user,
        "admin": admin_user,
    }
