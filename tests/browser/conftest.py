"""Browser fixtures: Debian's Chromium through Playwright against the live test server.

One browser runs for the whole session (pytest-playwright's ``browser`` fixture); each
test gets a fresh context, because the live server's database is emptied after every
test and with it every session. Every request a context makes is recorded, so that a
test can prove the portal loads nothing from another origin.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from core.tests.factories import AccessibilityFeedbackFactory
from networks.models import Network
from tests.browser.browsing import CHROMIUM, DESKTOP, Visit, chromium_launch_options


def pytest_collection_modifyitems(items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium; never a browser downloaded by ``playwright install``."""
    return {**browser_type_launch_args, **chromium_launch_options(CHROMIUM)}


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
def kim_coordinator(keynote_content, coordinator_user):
    """The coordinator account, assigned to the KIM steering group it may edit."""

    coordinator_user.coordinated_networks.add(Network.objects.get(slug="kim-lenkungsgruppe"))
    return coordinator_user


@pytest.fixture
def feedback_messages(transactional_db):
    """Three messages of the accessibility feedback form, one with contact data."""
    AccessibilityFeedbackFactory(
        page_url="/akteure/",
        message="Der Filter lässt sich nicht mit der Tastatur öffnen.",
        name="Zora Beispiel",
        email="zora@example.org",
    )
    AccessibilityFeedbackFactory(status="in_progress")
    AccessibilityFeedbackFactory(status="done")
