"""The networks' browser tests run on the portal's one browser harness (``tests/browser/``):
its system Chromium, its fresh context per test and its fixtures are taken from there."""

from tests.browser.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    browser_type_launch_args,
    keynote_content,
    visit,
)
