"""Browsing helpers: the system Chromium, the viewports, and one browser context on record."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.tests.factories import totp_code

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
# Screenshots of a test run go to an untracked folder (var/ is git-ignored), so that
# running the tests never rewrites the README's pictures; `make screenshots` sets
# PORTAL_SCREENSHOTS=docs/screenshots to refresh those on purpose.
SCRATCH_SCREENSHOTS = ROOT / "var" / "screenshots"


def screenshot_dir(environ=os.environ) -> Path:
    """Where the page checks write their screenshots: ``PORTAL_SCREENSHOTS``, or var/."""
    return Path(environ.get("PORTAL_SCREENSHOTS") or SCRATCH_SCREENSHOTS)


SCREENSHOTS = screenshot_dir()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}
PASSWORD = "test-password-123"  # the password of the role fixtures in the root conftest

# Schemes that never leave the browser: they cannot reach another origin.
LOCAL_SCHEMES = {"data", "blob", "about"}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe calls these "best practice", not WCAG criteria; the house style requires them
# (one <h1>, headings in order, all content inside landmarks).
STRUCTURE_RULES = [
    "page-has-heading-one",
    "heading-order",
    "landmark-one-main",
    "landmark-unique",
    "region",
]

axe = Axe()


def axe_violations(page) -> list[dict]:
    """What axe-core finds on the page: WCAG 2.0/2.1 A and AA, and the structure rules."""
    found = []
    for run_only in (
        {"type": "tag", "values": WCAG_TAGS},
        {"type": "rule", "values": STRUCTURE_RULES},
    ):
        results = axe.run(page, options={"runOnly": run_only, "resultTypes": ["violations"]})
        found.extend(results.response["violations"])
    return found


def describe(violations: list[dict]) -> str:
    """axe-core's findings, one rule a line and each offending element below it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}"
            for node in violation["nodes"]
        )
    return "\n".join(lines)


def chromium_launch_options(chromium: Path, environ=os.environ) -> dict:
    """Options to launch the system Chromium, or a skip (a failure in CI) when it is missing."""
    if not chromium.exists():
        message = (
            f"Chromium not found at {chromium}: install it with `apt-get install chromium` "
            "(or set PORTAL_CHROMIUM to its path) to run the browser tests."
        )
        if environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {"executable_path": str(chromium), "args": CHROMIUM_ARGS}


def fresh_totp_code() -> str:
    """The authenticator code, taken early enough in its period (``totp_code`` waits at
    the end of one) that the server still accepts it when the form arrives."""
    return totp_code()


class Visit:
    """One browser context on the live server, with every request it makes on record."""

    def __init__(self, context, base_url: str):
        self.context = context
        self.base_url = base_url.rstrip("/")
        self.origin = _origin(base_url)
        self.requests: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        self.page = context.new_page()
        self.page.set_default_timeout(10_000)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        return self.page.goto(self.url(path), wait_until="load")

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in LOCAL_SCHEMES and _origin(url) != self.origin
        ]

    def assert_same_origin(self) -> None:
        foreign = self.foreign_requests()
        assert not foreign, f"requests to another origin: {foreign}"

    def log_in(self, email: str, password: str = PASSWORD) -> None:
        """Sign in through the real login form, as a person would, with the authenticator
        code when the account has one (coordinators, editors and administrators)."""
        page = self.page
        self.goto("/konto/login/")
        page.get_by_label("E-Mail").fill(email)
        page.get_by_label("Passwort").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden").click()
        if urlsplit(page.url).path.endswith("/konto/2fa/authenticate/"):
            page.get_by_label("Code").fill(fresh_totp_code())
            with page.expect_navigation():
                page.get_by_role("button", name="Anmeldung").click()
        assert page.locator(".portal-account__who").is_visible(), (
            f"login as {email} failed on {page.url}: {page.locator('main').inner_text()[:500]}"
        )


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc)


class Journey:
    """What a journey through several pages collects: axe-core's findings (at desktop and
    phone width, with a screenshot of each into ``shots``) and the browser's console
    errors. ``assert_clean`` at the end fails on either."""

    def __init__(self, shots):
        self.shots = shots
        self.axe: list[str] = []
        self.console: list[str] = []

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and "favicon" not in (m.location or {}).get("url", "")
                and self.console.append(f"{page.url}: {m.text}")
            ),
        )

    def check(self, page, name: str) -> None:
        self.shots.mkdir(parents=True, exist_ok=True)
        for label, size in (("1280", DESKTOP), ("375", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=str(self.shots / f"{name}-{label}.png"), full_page=True)
            if violations := axe_violations(page):
                self.axe.append(f"{name} at {label} px: {describe(violations)}")
        page.set_viewport_size(DESKTOP)

    def assert_clean(self) -> None:
        assert not self.console, self.console
        assert not self.axe, "\n".join(self.axe)
