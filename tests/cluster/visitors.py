"""Visitors of the app servers over real HTTP, and the forms of a page, for the cluster
tests (standard library only: the servers run in other processes)."""

from __future__ import annotations

import html
import http.cookies
import importlib.util
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def load_cluster_module():
    """bench/cluster.py, imported by path (bench/ is no package), once per process."""
    name = "portal_bench_cluster"
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(BASE_DIR / "bench"))
    spec = importlib.util.spec_from_file_location(name, BASE_DIR / "bench" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Answer:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.html = body.decode("utf-8", "replace")
        #: The page's text with entities resolved, to look for what a visitor reads.
        self.text = html.unescape(self.html)


class Browser:
    """A visitor: keeps the cookies it is given, sends them to whichever app server."""

    #: The name the visitor asks for: the same on both servers, as a load balancer
    #: passes the portal's public name on (allauth's per-account sign-in limit counts
    #: per site, and the site is this name).
    HOST = "127.0.0.1"

    def __init__(self, cookie_header: str = ""):
        self.cookies: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in cookie_header.split(";"))):
            name, _, value = part.partition("=")
            self.cookies[name] = value
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, url: str, data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)  # noqa: S310 - the servers' http:// URLs
        request.add_header("Host", self.HOST)
        request.add_header("Accept-Language", "de")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            # The loopback address of the app servers the fixture started.
            with self.opener.open(request, timeout=60) as response:  # nosec B310
                answer = Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, error.headers, error.read())
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def without(self, name: str) -> Browser:
        """The same visitor without one cookie (e.g. the pin to the primary)."""
        other = Browser()
        other.cookies = {k: v for k, v in self.cookies.items() if k != name}
        return other


class _Forms(HTMLParser):
    """The forms of a page: action and the values a browser would send unchanged."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "attrs": a, "fields": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"][a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"][self._textarea] = ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select:
            fields = self._form["fields"]
            if self._select not in fields or "selected" in a:
                fields[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the line break right after <textarea>.
            value = self._form["fields"][self._textarea]
            self._form["fields"][self._textarea] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_of(page: str) -> list[dict]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms
