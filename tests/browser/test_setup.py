"""Without Chromium the browser tests are skipped on a workstation and fail in CI."""

from pathlib import Path

import pytest

from tests.browser.browsing import CHROMIUM_ARGS, chromium_launch_options

MISSING = Path("/nonexistent/chromium")


def test_missing_chromium_skips_outside_ci_with_the_install_command():
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        chromium_launch_options(MISSING, environ={})


def test_missing_chromium_fails_in_ci():
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        chromium_launch_options(MISSING, environ={"CI": "true"})


def test_present_chromium_is_launched_with_the_portal_flags(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.touch()
    options = chromium_launch_options(chromium, environ={"CI": "true"})
    assert options == {"executable_path": str(chromium), "args": CHROMIUM_ARGS}
    assert "--no-sandbox" in CHROMIUM_ARGS
