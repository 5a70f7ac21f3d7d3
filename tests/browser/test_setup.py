"""Without Chromium the browser tests are skipped on a workstation and fail in CI; a test
run writes its screenshots to an untracked folder, `make screenshots` to the README's."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.browsing import CHROMIUM_ARGS, ROOT, chromium_launch_options, screenshot_dir

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


def test_a_test_run_writes_screenshots_to_an_ignored_folder_not_the_readme_pictures():
    folder = screenshot_dir(environ={})
    assert folder == ROOT / "var" / "screenshots"
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    picture = (folder / "start-desktop.png").relative_to(ROOT)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(picture)], cwd=ROOT, check=False)
    assert ignored.returncode == 0, f"{picture} is not git-ignored"


def test_make_screenshots_points_the_screenshots_at_the_readme_pictures():
    makefile = (ROOT / "Makefile").read_text()
    assert 'PORTAL_SCREENSHOTS="$(CURDIR)/docs/screenshots"' in makefile
    folder = screenshot_dir(environ={"PORTAL_SCREENSHOTS": str(ROOT / "docs" / "screenshots")})
    assert folder == ROOT / "docs" / "screenshots"
