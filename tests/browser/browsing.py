"""Browsing helpers: the system Chromium, the viewports, and one browser context on record."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.mfa import app_settings as mfa_settings

from integration_portal.tests.factories import totp_code

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
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
    """The authenticator code, taken early enough in its 30-second period that the server
    still accepts it when the form arrives (the portal allows no clock tolerance)."""
    period = mfa_settings.TOTP_PERIOD
    remaining = period - time.time() % period
    if remaining < 5:
        time.sleep(remaining + 0.2)
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
