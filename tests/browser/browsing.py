"""Browsing helpers for the browser tests: the viewports, and one context on record."""

from __future__ import annotations

from urllib.parse import urlsplit

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
        """Sign in through the real login form, as a person would."""
        page = self.page
        self.goto("/konto/login/")
        page.get_by_label("E-Mail").fill(email)
        page.get_by_label("Passwort").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden").click()
        assert page.locator(".portal-account__who").is_visible(), f"login as {email} failed"


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc)
