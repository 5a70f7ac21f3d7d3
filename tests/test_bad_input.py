"""Bad input at every form and query parameter of the site pages and accounts.

Never a 500, input escaped in the output, a clear form error where input is
rejected, nothing half-written. Example counts come from the hypothesis profile in
``integration_portal/tests/conftest.py``.
"""

from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st

from core.models import AccessibilityFeedback
from core.ratelimits import counter_cache
from tests.strategies import HTML, assert_escaped, hostile

pytestmark = pytest.mark.django_db

ERROR_SUMMARY = "Bitte prüfen Sie Ihre Eingaben"


@given(page_url=hostile, message=hostile, name=hostile, email=hostile)
def test_feedback_form_never_fails_and_stores_all_or_nothing(
    client, page_url, message, name, email
):
    counter_cache().clear()  # every example is a new visitor, not the 11th in a minute
    before = AccessibilityFeedback.objects.count()
    data = {"page_url": page_url, "message": message, "name": name, "email": email}
    response = client.post("/barrierefreiheit/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == "/barrierefreiheit/danke/"
        assert AccessibilityFeedback.objects.count() == before + 1
        stored = AccessibilityFeedback.objects.order_by("-pk").first()
        assert "\x00" not in stored.message + stored.page_url + stored.name
        receipt = client.get("/barrierefreiheit/danke/").content.decode()
        assert_escaped(receipt, *data.values())
    else:
        assert AccessibilityFeedback.objects.count() == before
        html = response.content.decode()
        assert ERROR_SUMMARY in html
        assert 'aria-invalid="true"' in html
        assert_escaped(html, *data.values())


@given(message=st.sampled_from(HTML))
def test_stored_feedback_is_shown_escaped_in_the_admin(client, admin_user, message):
    counter_cache().clear()
    client.post("/barrierefreiheit/", {"message": message + " – das ist eine Barriere."})
    client.force_login(admin_user)
    feedback = AccessibilityFeedback.objects.order_by("-pk").first()
    if feedback is None:
        return
    for url in (
        "/verwaltung/integration_portal/accessibilityfeedback/",
        f"/verwaltung/integration_portal/accessibilityfeedback/{feedback.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert_escaped(response.content.decode(), message)


@given(login=hostile, password=hostile)
def test_login_form_rejects_garbage_with_a_form_error(client, staff_user, login, password):
    response = client.post("/konto/login/", {"login": login, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert ERROR_SUMMARY in html or "kern-error" in html
    assert_escaped(html, login)


@given(email=hostile)
def test_password_reset_never_fails_and_mails_only_real_addresses(client, staff_user, email):
    mail.outbox.clear()
    response = client.post("/konto/password/reset/", {"email": email})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert ERROR_SUMMARY in response.content.decode()
        assert not mail.outbox
    for message in mail.outbox:
        # A reset link goes to the account's own address only, never to the typed text.
        assert "/konto/password/reset/key/" not in message.body or message.to == [staff_user.email]
    assert_escaped(response.content.decode(), email)


@given(segment=hostile, prefix=st.sampled_from(["", "/en", "/de", "/fr", "/EN"]))
def test_any_path_and_language_prefix_gives_a_page_or_a_404(client, segment, prefix):
    path = f"{prefix}/{quote(segment, safe='')}/"
    response = client.get(path)
    assert response.status_code in (200, 301, 302, 404)
    if response.status_code == 404:
        assert "Seite nicht gefunden" in response.content.decode() or "Page not found" in (
            response.content.decode()
        )


@given(
    url=st.sampled_from(
        ["/", "/impressum/", "/en/datenschutz/", "/barrierefreiheit/", "/konto/login/"]
    ),
    params=st.dictionaries(hostile, hostile, max_size=4),
)
def test_unknown_query_parameters_are_ignored(client, url, params):
    query = urlencode({k.replace("\x00", ""): v for k, v in params.items()})
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    assert_escaped(response.content.decode(), *params.keys(), *params.values())


@given(
    language=hostile,
    next_url=st.one_of(
        hostile,
        st.sampled_from(
            [
                "https://evil.example/",
                "//evil.example/",
                "/\\evil.example",
                "javascript:alert(1)",
                "http://testserver@evil.example/",
            ]
        ),
    ),
)
def test_language_switch_never_redirects_to_another_site(client, language, next_url):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code in (200, 302, 204)
    if response.status_code == 302:
        assert url_has_allowed_host_and_scheme(response["Location"], allowed_hosts={"testserver"})
