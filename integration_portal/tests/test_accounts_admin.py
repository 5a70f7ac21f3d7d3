"""Account administration in the portal: invitation by e-mail, role and networks,
deactivation and reactivation with who and when, optimistic locking, and the refusals
(one's own account, other roles, bad input)."""

import re
import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import services
from core.models import AccountChange, Role, User
from core.tests.factories import totp_activate, totp_code
from networks.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

LIST = "/mein-bereich/konten/"
INVITE = "/mein-bereich/konten/einladen/"
NEW_PASSWORD = "Lindenallee-Wassenberg-42"


def _detail(account) -> str:
    return f"{LIST}{account.pk}/"


def _invite(client, **data):
    payload = {"email": "neu@example.org", "name": "Nele Neu", "role": "staff", **data}
    return client.post(INVITE, payload)


def _link(message) -> str:
    line = next(line for line in message.body.splitlines() if "/konto/password/reset/key/" in line)
    return line[line.index("/konto/") :].strip()


# --- invitation -----------------------------------------------------------------------


def test_an_invited_person_sets_a_password_and_signs_in(client, client_factory, admin_user):
    client.force_login(admin_user)
    response = _invite(client)
    account = User.objects.get(email="neu@example.org")
    assert response.status_code == 302
    assert response["Location"] == _detail(account)
    assert not account.has_usable_password()
    assert account.role == Role.STAFF

    (invitation,) = mail.outbox
    assert invitation.to == ["neu@example.org"]
    assert settings.PORTAL_NAME in invitation.subject
    assert settings.PORTAL_NAME in invitation.body
    assert "Mitarbeitende" in invitation.body  # the role
    assert "Sie" in invitation.body and " du " not in invitation.body
    assert "Tage" in invitation.body  # how long the link is valid

    invitee = client_factory()
    form_url = invitee.get(_link(invitation))["Location"]
    response = invitee.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    # The link is used up.
    assert b'name="password1"' not in client_factory().get(_link(invitation), follow=True).content

    signed_in = client_factory()
    response = signed_in.post(
        "/konto/login/", {"login": "neu@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert signed_in.session["_auth_user_id"] == str(account.pk)


def test_the_invitation_link_expires_as_a_password_reset_link_does(
    client, client_factory, admin_user, settings
):
    client.force_login(admin_user)
    _invite(client)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every token is too old
    response = client_factory().get(_link(mail.outbox[0]), follow=True)
    assert b'name="password1"' not in response.content


def test_a_coordinator_is_invited_with_networks_and_the_invitation_is_recorded(client, admin_user):
    kim, bildung = NetworkFactory(name="KIM"), NetworkFactory(name="AK Bildung")
    client.force_login(admin_user)
    _invite(client, email="KO@Example.org", role="coordinator", networks=[kim.pk, bildung.pk])
    account = User.objects.get(email="ko@example.org")
    assert set(account.coordinated_networks.all()) == {kim, bildung}
    assert "Koordination" in mail.outbox[0].body
    assert "zweiten Faktor" in mail.outbox[0].body
    change = account.account_changes.get()
    assert (change.action, change.by, change.role) == ("invited", admin_user, "coordinator")
    assert change.networks == "AK Bildung, KIM"


def test_an_invited_coordinator_can_set_up_the_authenticator_app_their_role_requires(
    client, client_factory, admin_user
):
    # The invitation's token records the address as unverified (allauth); the set-up of
    # the second factor must not be refused for it (MFA_ALLOW_UNVERIFIED_EMAIL).
    client.force_login(admin_user)
    _invite(client, email="ko@example.org", role="coordinator", networks=[NetworkFactory().pk])
    invitee = client_factory()
    form_url = invitee.get(_link(mail.outbox[0]))["Location"]
    invitee.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = invitee.post("/konto/login/", {"login": "ko@example.org", "password": NEW_PASSWORD})
    assert response["Location"] == "/konto/2fa/totp/activate/"
    invitee.post("/konto/reauthenticate/", {"password": NEW_PASSWORD})
    page = invitee.get("/konto/2fa/totp/activate/")
    assert page.status_code == 200
    secret = re.search(r'value="([A-Z2-7]{32})"', page.content.decode()).group(1)
    invitee.post("/konto/2fa/totp/activate/", {"code": totp_code(secret)})
    account = User.objects.get(email="ko@example.org")
    assert account.authenticator_set.filter(type="totp").exists()


def test_the_invitation_can_be_sent_again_until_the_person_signs_in(client, admin_user):
    client.force_login(admin_user)
    _invite(client)
    account = User.objects.get(email="neu@example.org")
    assert "Einladung erneut senden" in client.get(_detail(account)).content.decode()
    response = client.post(f"{_detail(account)}einladung/")
    assert response.status_code == 302
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["neu@example.org"]
    assert account.account_changes.filter(action="invitation_resent", by=admin_user).exists()

    User.objects.filter(pk=account.pk).update(last_login="2026-01-01T10:00:00Z")
    assert "Einladung erneut senden" not in client.get(_detail(account)).content.decode()
    client.post(f"{_detail(account)}einladung/")
    assert len(mail.outbox) == 2


class FailingBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


def test_a_failing_mail_server_keeps_the_account_and_says_so(client, admin_user, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    client.force_login(admin_user)
    response = _invite(client)
    assert response.status_code == 302
    account = User.objects.get(email="neu@example.org")
    page = client.get(response["Location"]).content.decode()
    assert "konnte nicht gesendet werden" in page
    assert "Einladung erneut senden" in page
    assert not account.account_changes.filter(action="invitation_resent").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "kein-at-zeichen"}, "gültige E-Mail-Adresse"),
        ({"email": "a" * 5000 + "@example.org"}, "E-Mail-Adresse"),
        ({"email": "staff@example.org"}, "bereits ein Konto"),
        ({"email": "STAFF@Example.org"}, "bereits ein Konto"),
        ({"role": "superuser"}, "gültige Auswahl"),
        ({"role": "x" * 5000}, "gültige Auswahl"),
        ({"name": "n" * 5000}, "Höchstens 150 Zeichen, Sie haben 5.000 eingegeben."),
        ({"name": "Nele\u202eNeu"}, "Name"),
        ({"networks": ["x" * 5000]}, "Koordinierte Netzwerke"),
        ({"role": "staff", "networks": ["1"]}, "Koordinierte Netzwerke"),
    ],
)
def test_bad_input_to_the_invitation_is_a_clear_form_error(
    client, admin_user, staff_user, data, message
):
    if data.get("networks") == ["1"]:
        data = {**data, "networks": [NetworkFactory().pk]}
    client.force_login(admin_user)
    before = User.objects.count()
    response = _invite(client, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert message in html
    assert User.objects.count() == before
    assert mail.outbox == []


# --- role --------------------------------------------------------------------------------


def test_a_role_change_counts_from_the_next_request_and_is_recorded(
    client, client_factory, admin_user, staff_user
):
    totp_activate(staff_user)  # administrators need a second factor
    colleague = client_factory()
    colleague.force_login(staff_user)
    assert colleague.get(LIST).status_code == 403
    client.force_login(admin_user)
    response = client.post(_detail(staff_user), {"version": staff_user.version, "role": "admin"})
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.role == Role.ADMIN and staff_user.is_superuser
    assert colleague.get(LIST).status_code == 200

    change = staff_user.account_changes.get()
    assert (change.action, change.by, change.role) == ("role_changed", admin_user, "admin")
    page = client.get(_detail(staff_user)).content.decode()
    assert "Ada Admin" in page and "Rolle oder Netzwerke geändert" in page


def test_a_coordinators_networks_are_changed_and_dropped_with_the_role(
    client, admin_user, coordinator_user, network
):
    other = NetworkFactory(name="AK Bildung")
    client.force_login(admin_user)
    client.post(
        _detail(coordinator_user),
        {"version": coordinator_user.version, "role": "coordinator", "networks": [other.pk]},
    )
    assert list(coordinator_user.coordinated_networks.all()) == [other]
    coordinator_user.refresh_from_db()
    client.post(_detail(coordinator_user), {"version": coordinator_user.version, "role": "staff"})
    assert not coordinator_user.coordinated_networks.exists()
    assert [c.role for c in coordinator_user.account_changes.order_by("pk")] == [
        "coordinator",
        "staff",
    ]


def test_an_administrator_cannot_demote_themselves(client, admin_user):
    client.force_login(admin_user)
    response = client.post(_detail(admin_user), {"version": admin_user.version, "role": "staff"})
    assert response.status_code == 200
    assert "Sie können Ihre eigene Rolle nicht ändern" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN
    assert not AccountChange.objects.exists()


def test_a_stale_form_is_refused_and_keeps_the_input(client, admin_user, staff_user):
    read_at = staff_user.version
    other_admin = User.objects.create_user(email="zweite@example.org", role="admin")
    services.account_role_change(account=staff_user, version=read_at, role="editor", by=other_admin)
    client.force_login(admin_user)
    response = client.post(_detail(staff_user), {"version": read_at, "role": "coordinator"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Jemand anderes hat dieses Konto geändert" in html
    assert "Aktuell gespeicherte Werte" in html and "Redaktion" in html
    assert re.search(r'<input[^>]*value="coordinator"[^>]*checked', html)  # the input kept
    staff_user.refresh_from_db()
    assert staff_user.role == Role.EDITOR
    # The refreshed form carries the current version: saving again is deliberate.
    assert f'value="{staff_user.version}"' in html
    again = client.post(_detail(staff_user), {"version": staff_user.version, "role": "coordinator"})
    assert again.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.role == Role.COORDINATOR


@pytest.mark.parametrize(
    "data",
    [
        {"version": "1", "role": "kaiser"},
        {"version": "abc", "role": "staff"},
        {"version": "1", "role": "y" * 5000},
        {"version": "9" * 5000, "role": "staff"},
        {},
    ],
)
def test_bad_input_to_the_role_form_is_a_clear_error(client, admin_user, staff_user, data):
    client.force_login(admin_user)
    response = client.post(_detail(staff_user), data)
    assert response.status_code in (200, 409)
    assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode() or (
        response.status_code == 409
    )
    staff_user.refresh_from_db()
    assert staff_user.role == Role.STAFF


# --- deactivation -----------------------------------------------------------------------


def _set_active(client, account, active: bool):
    account.refresh_from_db()
    return client.post(
        f"{_detail(account)}aktiv/",
        {"version": account.version, "aktiv": "ja" if active else "nein"},
    )


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(
    client, client_factory, admin_user, staff_user
):
    colleague = client_factory()
    colleague.force_login(staff_user)
    assert colleague.get("/datenschutz/intern/").status_code == 200
    client.force_login(admin_user)
    assert _set_active(client, staff_user, False).status_code == 302
    staff_user.refresh_from_db()
    assert not staff_user.is_active
    assert User.objects.filter(pk=staff_user.pk).exists()  # never deleted

    response = colleague.get("/datenschutz/intern/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    sign_in = client_factory().post(
        "/konto/login/", {"login": staff_user.email, "password": "test-password-123"}
    )
    assert "_auth_user_id" not in sign_in.wsgi_request.session

    change = staff_user.account_changes.get()
    assert (change.action, change.by) == ("deactivated", admin_user)
    assert "Deaktiviert" in client.get(f"{LIST}?aktiv=nein").content.decode()


def test_a_reactivated_account_signs_in_again(client, client_factory, admin_user, staff_user):
    client.force_login(admin_user)
    _set_active(client, staff_user, False)
    assert _set_active(client, staff_user, True).status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.is_active
    response = client_factory().post(
        "/konto/login/", {"login": staff_user.email, "password": "test-password-123"}
    )
    assert response.status_code == 302
    assert [c.action for c in staff_user.account_changes.order_by("pk")] == [
        "deactivated",
        "reactivated",
    ]
    assert all(c.by == admin_user for c in staff_user.account_changes.all())


def test_an_administrator_cannot_deactivate_themselves(client, admin_user):
    client.force_login(admin_user)
    response = _set_active(client, admin_user, False)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Sie können Ihr eigenes Konto nicht deaktivieren" in page
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_a_stale_deactivation_is_refused(client, admin_user, staff_user):
    read_at = staff_user.version
    services.account_role_change(account=staff_user, version=read_at, role="editor", by=admin_user)
    client.force_login(admin_user)
    response = client.post(f"{_detail(staff_user)}aktiv/", {"version": read_at, "aktiv": "nein"})
    page = client.get(response["Location"]).content.decode()
    assert "Jemand anderes hat dieses Konto geändert" in page
    staff_user.refresh_from_db()
    assert staff_user.is_active


# --- access, list, admin -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff_user", "coordinator_user", "editor_user"])
def test_other_roles_are_refused(client, role, request, staff_user):
    client.force_login(request.getfixturevalue(role))
    for url in (LIST, INVITE, _detail(staff_user)):
        assert client.get(url).status_code == 403
    assert _invite(client).status_code == 403
    assert (
        client.post(f"{_detail(staff_user)}aktiv/", {"version": 1, "aktiv": "nein"}).status_code
        == 403
    )
    assert not User.objects.filter(email="neu@example.org").exists()
    staff_user.refresh_from_db()
    assert staff_user.is_active


def test_anonymous_visitors_are_sent_to_sign_in(client, staff_user):
    for url in (LIST, INVITE, _detail(staff_user)):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_header_links_the_accounts_for_administrators_only(client, admin_user, staff_user):
    client.force_login(staff_user)
    assert f'href="{LIST}"' not in client.get("/").content.decode()
    client.force_login(admin_user)
    assert f'href="{LIST}"' in client.get("/").content.decode()


def test_the_list_shows_role_status_second_factor_and_networks(
    client, admin_user, coordinator_user, staff_user, network
):
    client.force_login(admin_user)
    html = client.get(LIST).content.decode()
    for text in (
        "Cora Koordination",
        "coordinator@example.org",
        "Koordination",
        "KIM-Lenkungsgruppe",
    ):
        assert text in html
    assert "nicht eingerichtet" in html  # staff have no second factor
    only = client.get(f"{LIST}?rolle=coordinator").content.decode()
    assert "coordinator@example.org" in only and "staff@example.org" not in only
    unknown = client.get(f"{LIST}?rolle=kaiser&aktiv=vielleicht").content.decode()
    assert "Diesen Filter gibt es nicht" in unknown and "staff@example.org" in unknown
    assert client.get(f"{LIST}?seite=999").status_code == 200
    assert "no-store" in client.get(LIST)["Cache-Control"]


def _list_queries(client, url=LIST) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_few_and_many_accounts(client, admin_user, network):
    client.force_login(admin_user)
    client.get(LIST)  # warm the session and sign-in caches
    few = _list_queries(client)
    for n in range(60):
        user, _ = services.user_provision(
            email=f"k{n}@example.org",
            role="coordinator",
            networks=[network, NetworkFactory()],
        )
        if n % 2:
            totp_activate(user)
    many = _list_queries(client)
    assert many == few
    assert _list_queries(client, f"{LIST}?rolle=coordinator&aktiv=ja&seite=2") == few


def test_the_django_admin_shows_accounts_but_adds_and_deletes_none(client, admin_user, staff_user):
    client.force_login(admin_user)
    base = "/verwaltung/integration_portal/user/"
    assert client.get(base).status_code == 200
    page = client.get(f"{base}{staff_user.pk}/change/")
    assert page.status_code == 200
    assert "pbkdf2" not in page.content.decode() and "md5$" not in page.content.decode()
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{staff_user.pk}/delete/").status_code == 403


def test_the_account_page_costs_a_fixed_number_of_queries(client, admin_user, staff_user):
    client.force_login(admin_user)
    client.get(_detail(staff_user))
    before = _list_queries(client, _detail(staff_user))
    for n, role in enumerate(["editor", "staff", "editor", "staff"]):
        services.account_role_change(account=staff_user, version=n + 1, role=role, by=admin_user)
    assert _list_queries(client, _detail(staff_user)) == before
