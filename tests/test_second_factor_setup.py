"""Two-factor before work: an account that must use an authenticator app but has none
sets it up right after signing in and before any edit page, and then comes back to the
page it wanted (``core.security``, ``MFARequiredMiddleware``, the account adapter)."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import resolve

from core.security import (
    SETUP_RETURN_SESSION_KEY,
    has_second_factor,
    second_factor_setup_keep,
    second_factor_setup_return,
    view_edits_shared_data,
)
from core.tests.factories import UserFactory, totp_code
from networks.models import Membership
from networks.tests.factories import ActorFactory
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
SETUP = "/konto/2fa/totp/activate/"
#: Where a sign-in without a ``next`` leads: "Mein Bereich" (``LOGIN_REDIRECT_URL``).
START = "/mein-bereich/"


def _edit_urls(world) -> list[str]:
    """Every edit page of a network, as its coordinator opens it."""
    base = f"/netzwerke/{world.network_a.slug}"
    return [
        f"{base}/mitglieder/",
        f"{base}/mitglieder/?q=Job",
        f"{base}/mitglieder/{world.membership.pk}/",
        f"{base}/mitglieder/{world.membership.pk}/beenden/",
        f"{base}/verbindungen/neu/",
        f"{base}/verbindungen/{world.link.pk}/beenden/",
    ]


def _coordinator_without_app(world, email="ohne-app@example.org"):
    user = UserFactory(email=email, role="coordinator", mfa=False)
    world.network_a.coordinators.add(user)
    return user


def _kept(client) -> str | None:
    return client.session.get(SETUP_RETURN_SESSION_KEY)


@pytest.mark.django_db(transaction=True)
def test_sign_in_leads_to_the_setup_first_and_the_recovery_codes_lead_back(client, world):
    """The whole way: sign in for an edit page, set up the app, see the recovery codes,
    go on to the edit page, save."""
    user = _coordinator_without_app(world)
    edit_url = f"/netzwerke/{world.network_a.slug}/mitglieder/"
    response = client.post(
        "/konto/login/", {"login": user.email, "password": PASSWORD, "next": edit_url}
    )
    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert _kept(client) == edit_url

    # Setting up a factor is a sensitive change: allauth asks for the password once more;
    # the explanation is on the first page shown.
    response = client.get(SETUP, follow=True)
    assert response.request["PATH_INFO"] == "/konto/reauthenticate/"
    assert "zweiten Faktor" in response.content.decode()
    response = client.post(
        "/konto/reauthenticate/", {"password": PASSWORD, "next": SETUP}, follow=True
    )
    assert response.request["PATH_INFO"] == SETUP
    secret = re.search(r'value="([A-Z2-7]{32})"', response.content.decode()).group(1)
    response = client.post(SETUP, {"code": totp_code(secret)})
    assert has_second_factor(user)
    assert response["Location"] == "/konto/2fa/recovery-codes/"

    page = client.get("/konto/2fa/recovery-codes/").content.decode()
    assert re.search(r"\b[0-9a-f]{8}\b", page), "the recovery codes are shown"
    link = re.search(r'<a href="([^"]+)"[^>]*><span class="kern-label">Weiter zur Seite', page)
    assert link, page
    assert link.group(1) == edit_url

    # On the way out of the account pages the kept page is forgotten.
    response = client.get(edit_url)
    assert response.status_code == 200
    assert 'name="actors"' in response.content.decode()
    assert _kept(client) is None
    newcomer = ActorFactory(slug="neu-nach-einrichtung", name="Neu")
    response = client.post(
        edit_url, {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(network=world.network_a, actor=newcomer).exists()


def test_sign_in_without_next_keeps_the_start_page(client):
    user = UserFactory(email="redaktion-ohne-app@example.org", role="editor", mfa=False)
    response = client.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == SETUP
    assert _kept(client) == START


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil"]
)
def test_a_next_of_another_site_is_never_kept_nor_offered(client, next_url):
    user = UserFactory(email="umleitung@example.org", role="coordinator", mfa=False)
    response = client.post(
        "/konto/login/", {"login": user.email, "password": PASSWORD, "next": next_url}
    )
    assert response["Location"] == SETUP
    assert _kept(client) == START


def test_a_kept_page_of_another_site_is_refused_on_the_way_out_too(rf_session):
    request = rf_session("/konto/2fa/recovery-codes/")
    second_factor_setup_keep(request, "https://evil.example/netzwerke/")
    assert SETUP_RETURN_SESSION_KEY not in request.session
    # Even a value that got into the session some other way is not handed out.
    request.session[SETUP_RETURN_SESSION_KEY] = "https://evil.example/"
    assert second_factor_setup_return(request) is None
    second_factor_setup_keep(request, "/netzwerke/?programm=kim")
    assert second_factor_setup_return(request) == "/netzwerke/?programm=kim"


def test_the_recovery_codes_page_without_a_kept_page_leads_to_the_start_page(
    client, coordinator_user
):
    RecoveryCodes.activate(coordinator_user)
    client.force_login(coordinator_user)
    client.post("/konto/reauthenticate/", {"password": PASSWORD})
    session = client.session
    session[SETUP_RETURN_SESSION_KEY] = "https://evil.example/"
    session.save()
    page = client.get("/konto/2fa/recovery-codes/").content.decode()
    assert "evil.example" not in page
    assert re.search(r'<a href="/"[^>]*><span class="kern-label">Weiter zur Startseite', page)


def test_every_edit_page_of_a_network_is_marked(world):
    for url in _edit_urls(world):
        assert view_edits_shared_data(resolve(url.split("?")[0]).func), url
    assert view_edits_shared_data(resolve("/akteure/import/").func)
    for url in ("/", "/akteure/", f"/netzwerke/{world.network_a.slug}/", "/barrierefreiheit/"):
        assert not view_edits_shared_data(resolve(url).func), url


def test_opening_an_edit_page_without_app_leads_to_the_setup_and_keeps_the_page(client, world):
    client.force_login(_coordinator_without_app(world))
    for url in _edit_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP
        assert _kept(client) == url
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Authenticator-App ein" in m for m in messages)


def test_administrator_without_app_opening_the_admin_keeps_it(client):
    admin = UserFactory(role="admin", is_staff=True, is_superuser=True, mfa=False)
    client.force_login(admin)
    response = client.get("/verwaltung/networks/network/")
    assert response["Location"] == SETUP
    assert _kept(client) == "/verwaltung/networks/network/"


def test_reading_stays_open_before_the_setup(client, world):
    """Only signing in and edit pages lead to the set-up; reading pages, public or
    internal, works as for any signed-in account."""
    client.force_login(_coordinator_without_app(world))
    for url in (
        "/",
        "/akteure/",
        f"/akteure/{world.actor.slug}/",
        "/netzwerke/",
        f"/netzwerke/{world.network_a.slug}/",
        f"/netzwerke/{world.network_a.slug}/verlauf/",
        "/geschichte/",
        "/datenschutz/intern/",
        "/konto/2fa/",
    ):
        assert client.get(url).status_code == 200, url
    assert _kept(client) is None


@pytest.mark.parametrize("next_url", ["/netzwerke/kim-lenkungsgruppe/mitglieder/", None])
def test_staff_is_never_led_to_the_setup(client, world, staff_user, next_url):
    data = {"login": staff_user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/konto/login/", data)
    assert response["Location"] == (next_url or START)
    assert _kept(client) is None
    # Staff may not edit the network: refused by the view, not sent to a set-up.
    assert client.get(f"/netzwerke/{world.network_a.slug}/mitglieder/").status_code == 403


def test_a_write_without_app_is_refused_and_points_to_the_setup(client, world):
    """The last line: a form sent without the app (one opened before this rule, say) is
    not saved, and the message says so and what to do."""
    client.force_login(_coordinator_without_app(world))
    edit_url = f"/netzwerke/{world.network_a.slug}/mitglieder/"
    newcomer = ActorFactory(slug="neu-ohne-app", name="Neu")
    before = Membership.objects.count()
    response = client.post(
        edit_url, {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01"}
    )
    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert Membership.objects.count() == before
    assert _kept(client) == edit_url
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(
        "Ihre Änderung wurde nicht gespeichert" in m and "Authenticator-App ein" in m
        for m in messages
    ), messages


@pytest.fixture
def rf_session():
    """A request of the portal's host with a session of its own."""

    def make(path: str):
        request = RequestFactory().get(path)
        request.session = {}
        return request

    return make


#: Views that take a POST but change no data others read: signing in and the account's
#: own pages, the language switch, and the feedback form anyone may send.
# The saved searches of "Mein Bereich" are the account's own data, like its address.
# A suggestion from outside is sent by anyone and changes nothing before staff accept it;
# the review links of the reminders carry their own signed authority (no sign-in).
OWN_OR_PUBLIC_WRITES = (
    "account_",
    "mfa_",
    "set_language",
    "accessibility",
    "workspace_search_",
    "suggest_",
    "review_",
)


def test_every_portal_view_that_takes_a_post_is_marked_as_an_edit_page():
    unmarked = []
    for route in iter_routes():
        view_class = getattr(route.callback, "view_class", None)
        if view_class is None or not hasattr(view_class, "post"):
            continue
        name = route.name or ""
        if route.key.startswith("admin:") or name.split(":")[-1].startswith(OWN_OR_PUBLIC_WRITES):
            continue  # the Django admin is guarded as a whole
        if not view_edits_shared_data(route.callback):
            unmarked.append(route.key)
    assert unmarked == []
