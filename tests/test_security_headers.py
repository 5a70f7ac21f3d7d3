"""Security headers on every page type: each named route of the URL configuration, for
visitors and for a signed-in administrator, plus the error pages and static files."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import path

from core.tests.factories import UserFactory
from tests.urlwalk import iter_routes, sample_url

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[1]

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def _csp(response) -> dict[str, str]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, _, value = directive.strip().partition(" ")
        policy[name] = value
    return policy


def assert_security_headers(response, url=""):
    where = f"{url} ({response.status_code})"
    assert "Content-Security-Policy" in response, where
    policy = _csp(response)
    script_src = policy.pop("script-src")
    # A nonce appears only on pages that use one; never 'unsafe-inline' or 'unsafe-eval'.
    assert re.fullmatch(r"'self'( 'nonce-[A-Za-z0-9+/=]+')?", script_src), where
    assert policy == {k: v for k, v in EXPECTED_CSP.items() if k != "script-src"}, where
    assert "unsafe" not in response["Content-Security-Policy"], where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, where


def assert_no_inline_code(html: str, url: str):
    """The strict policy would block inline code, so pages must not contain any."""
    for match in re.finditer(r"<script\b([^>]*)>", html):
        attrs = match.group(1)
        assert "src=" in attrs or "application/json" in attrs or "nonce=" in attrs, (
            url,
            match.group(0),
        )
    assert "<style" not in html, url
    assert not re.search(r"\sstyle\s*=", html), url
    assert not re.search(r"\son[a-z]+\s*=\s*[\"']", html), url  # onclick=… handlers
    assert "javascript:" not in html, url


def _all_named_urls():
    urls = []
    for route in iter_routes():
        url = sample_url(route)
        if url:
            urls.append(url)
            if route.i18n:
                urls.append("/en" + url)
    return urls


def test_the_walk_finds_the_site_pages_the_account_pages_and_the_admin():
    urls = _all_named_urls()
    for url in ("/", "/impressum/", "/konto/login/", "/konto/2fa/", "/verwaltung/", "/healthz"):
        assert url in urls
    assert "/en/impressum/" in urls


@pytest.mark.parametrize("who", ["anonymous", "admin_user"])
def test_every_named_route_sends_the_security_headers(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in _all_named_urls():
        response = client.get(url)
        assert_security_headers(response, url)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            assert_no_inline_code(response.content.decode(), url)


def test_the_authenticator_page_with_its_qr_code_fits_the_policy(client):
    user = UserFactory(role="coordinator", mfa=False)
    client.post("/konto/login/", {"login": user.email, "password": "test-password-123"})
    client.post("/konto/reauthenticate/", {"password": "test-password-123"})
    response = client.get("/konto/2fa/totp/activate/")
    assert response.status_code == 200
    assert_security_headers(response)
    html = response.content.decode()
    assert_no_inline_code(html, "/konto/2fa/totp/activate/")
    assert 'src="data:image/svg+xml' in html  # allowed by img-src data:


def test_post_responses_and_form_errors_send_the_headers(client):
    response = client.post("/barrierefreiheit/", {"message": "kurz"})
    assert response.status_code == 200
    assert_security_headers(response)
    response = client.post("/konto/login/", {"login": "x@example.org", "password": "falsch"})
    assert_security_headers(response)


def test_not_found_page_sends_the_headers(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert_security_headers(response)


def _boom(request):
    raise RuntimeError("defect")


def _db_down(request):
    from django.db import OperationalError

    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [path("kaputt/", _boom), path("db-weg/", _db_down)]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("url", "status"), [("/kaputt/", 500), ("/db-weg/", 503)])
def test_error_pages_send_the_headers(client, url, status):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == status
    assert_security_headers(response)
    assert_no_inline_code(response.content.decode(), url)


def test_static_files_send_the_headers(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_session_csrf_and_language_cookies_are_httponly(client, staff_user):
    client.post("/konto/login/", {"login": staff_user.email, "password": "test-password-123"})
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/konto/login/")
    for name in ("sessionid", "csrftoken", "django_language"):
        assert client.cookies[name]["httponly"], name
        assert client.cookies[name]["samesite"] == "Lax", name


# --- production posture, in a process of its own with DJANGO_ENV=production ------------

PRODUCTION_PROBE = r"""
import json
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from core.services import user_provision

# Everything is the production posture except the static-file manifest, which only
# exists after collectstatic; hashed file names are no concern of this probe.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
call_command("migrate", verbosity=0)
user_provision(email="staff@example.org", role="staff", password="ein-langes-passwort-123")
client = Client(HTTP_HOST="portal.example.org")
insecure = client.get("/impressum/")
page = client.get("/impressum/", secure=True)
login = client.get("/konto/login/", secure=True)
client.post("/konto/login/", {"login": "staff@example.org", "password": "ein-langes-passwort-123"}, secure=True)
client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
print(json.dumps({
    "insecure": [insecure.status_code, insecure.get("Location")],
    "headers": dict(page.headers),
    "cookies": {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]} for name, m in client.cookies.items()},
}))
"""


@pytest.fixture(scope="module")
def production_run():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="p" * 20 + "-production-probe-" + "q" * 20,
        DJANGO_MFA_ENCRYPTION_KEYS="k" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="sqlite://:memory:",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRODUCTION_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_to_https(production_run):
    status, location = production_run["insecure"]
    assert status == 301
    assert location == "https://portal.example.org/impressum/"


def test_production_sends_hsts_and_every_other_header(production_run):
    headers = production_run["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_production_cookies_are_secure_and_httponly(production_run):
    cookies = production_run["cookies"]
    assert {"sessionid", "csrftoken", "django_language"} <= set(cookies)
    for name, flags in cookies.items():
        assert flags["secure"], name
        assert flags["httponly"], name
        assert flags["samesite"] == "Lax", name
