"""Accessibility feedback that reaches someone: the e-mails on arrival, the
administrators' inbox with status, answer note, history and optimistic locking, and the
sender's personal data kept to administrators."""

import importlib
import logging
import smtplib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import services
from core.models import AccessibilityFeedback
from core.tests.factories import AccessibilityFeedbackFactory

pytestmark = pytest.mark.django_db

INBOX = "/mein-bereich/rueckmeldungen/"
ANSWER_TIME = "Wir antworten in der Regel innerhalb von zwei Wochen, spätestens nach einem Monat."
SENDER = {
    "page_url": "/akteure/",
    "message": "Der Filter zqmarkmessagex lässt sich nicht mit der Tastatur öffnen.",
    "name": "Zora zqmarknamex",
    "email": "zqmarkemailx@example.org",
}
MARKERS = ("zqmarkmessagex", "zqmarknamex", "zqmarkemailx")


class FailingBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


def _submit(client, captured, data=SENDER):
    with captured(execute=True):
        return client.post("/barrierefreiheit/", data, follow=True)


def _detail(feedback) -> str:
    return f"{INBOX}{feedback.reference}/"


# --- arrival: stored first, then announced ------------------------------------------------


def test_anonymous_feedback_reaches_the_contact_address_and_the_sender(
    client, django_capture_on_commit_callbacks
):
    response = _submit(client, django_capture_on_commit_callbacks)
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.reference in response.content.decode()

    notice, confirmation = mail.outbox
    assert notice.to == [settings.PORTAL_CONTACT_EMAIL]
    assert feedback.reference in notice.subject
    assert f"http://testserver{_detail(feedback)}" in notice.body
    assert "bittet um eine Antwort" in notice.body

    assert confirmation.to == [SENDER["email"]]
    assert confirmation.reply_to == [settings.PORTAL_CONTACT_EMAIL]
    assert feedback.reference in confirmation.subject
    assert feedback.reference in confirmation.body
    assert ANSWER_TIME in confirmation.body
    # The sender's text is not repeated: the form cannot be used to send others any text.
    assert "zqmarkmessagex" not in confirmation.body


def test_the_notice_carries_no_personal_data_of_the_sender(
    client, django_capture_on_commit_callbacks
):
    _submit(client, django_capture_on_commit_callbacks)
    notice = mail.outbox[0]
    for marker in MARKERS:
        assert marker not in notice.subject
        assert marker not in notice.body
        assert marker not in str(notice.message())


def test_without_an_address_no_confirmation_is_sent(client, django_capture_on_commit_callbacks):
    _submit(client, django_capture_on_commit_callbacks, {"message": SENDER["message"]})
    assert [m.to for m in mail.outbox] == [[settings.PORTAL_CONTACT_EMAIL]]
    assert "keine E-Mail-Adresse" in mail.outbox[0].body


def test_a_message_sent_from_the_english_page_is_announced_in_german(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/barrierefreiheit/", SENDER)
    feedback = AccessibilityFeedback.objects.get()
    notice = mail.outbox[0]
    assert "Neue Rückmeldung" in notice.subject
    assert f"http://testserver{_detail(feedback)}" in notice.body  # no /en/ prefix


def test_a_failing_mail_server_loses_no_message(
    client, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="integration_portal.services"):
        response = _submit(client, django_capture_on_commit_callbacks)
    feedback = AccessibilityFeedback.objects.get()
    assert response.status_code == 200
    assert feedback.reference in response.content.decode()  # the receipt
    failures = [r for r in caplog.records if r.name == "integration_portal.services"]
    assert len(failures) == 2  # notice and confirmation, each logged
    assert all(feedback.reference in r.getMessage() for r in failures)
    assert not any(marker in caplog.text for marker in MARKERS)


def test_statement_receipt_and_confirmation_promise_the_same_answer_time(
    client, django_capture_on_commit_callbacks
):
    assert ANSWER_TIME in client.get("/barrierefreiheit/").content.decode()
    receipt = _submit(client, django_capture_on_commit_callbacks).content.decode()
    assert ANSWER_TIME in receipt
    assert ANSWER_TIME in mail.outbox[1].body


# --- the inbox --------------------------------------------------------------------------


def test_anonymous_feedback_appears_in_the_inbox(
    client, admin_user, django_capture_on_commit_callbacks
):
    _submit(client, django_capture_on_commit_callbacks)
    feedback = AccessibilityFeedback.objects.get()
    client.force_login(admin_user)
    html = client.get(INBOX).content.decode()
    assert feedback.reference in html
    assert "Der Filter zqmarkmessagex" in html
    assert "/akteure/" in html
    assert "Neu" in html
    detail = client.get(_detail(feedback)).content.decode()
    for value in (SENDER["message"], SENDER["name"], SENDER["email"]):
        assert value in detail


def test_the_list_is_newest_first_and_filters_by_status(client, admin_user):
    old = AccessibilityFeedbackFactory(status=AccessibilityFeedback.Status.DONE)
    new = AccessibilityFeedbackFactory()
    client.force_login(admin_user)
    html = client.get(INBOX).content.decode()
    assert html.index(new.reference) < html.index(old.reference)
    done = client.get(f"{INBOX}?status=done").content.decode()
    assert old.reference in done and new.reference not in done
    unknown = client.get(f"{INBOX}?status=verloren").content.decode()
    assert "Diesen Status gibt es nicht" in unknown
    assert old.reference in unknown and new.reference in unknown


def test_a_page_number_out_of_range_shows_the_last_page(client, admin_user):
    AccessibilityFeedbackFactory.create_batch(3)
    client.force_login(admin_user)
    assert client.get(f"{INBOX}?seite=999").status_code == 200
    assert client.get(f"{INBOX}?seite=abc").status_code == 200


def test_the_inbox_is_never_cached(client, admin_user):
    client.force_login(admin_user)
    feedback = AccessibilityFeedbackFactory()
    for url in (INBOX, _detail(feedback)):
        assert "no-store" in client.get(url)["Cache-Control"]


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INBOX).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_few_and_many_messages(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    AccessibilityFeedbackFactory.create_batch(3)
    client.get(INBOX)  # warm the session and sign-in caches
    few = _list_queries(client)
    AccessibilityFeedbackFactory.create_batch(80, email="x@example.org", name="X")
    many = _list_queries(client)
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(f"{INBOX}?status=new&seite=2")


def test_the_detail_page_costs_a_fixed_number_of_queries(client, admin_user):
    feedback = AccessibilityFeedbackFactory()
    client.force_login(admin_user)
    url = _detail(feedback)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(5):
        services.feedback_update(
            feedback=feedback,
            version=n + 1,
            status="in_progress",
            answer_note=str(n),
            by=admin_user,
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


# --- handling: status, answer note, who and when, history ---------------------------------


def test_status_and_answer_note_are_saved_with_who_and_when_in_the_history(client, admin_user):
    feedback = AccessibilityFeedbackFactory()
    client.force_login(admin_user)
    response = client.post(
        _detail(feedback),
        {"version": 1, "status": "done", "answer_note": "Kontrast der Fußzeile erhöht."},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "done"
    assert feedback.answer_note == "Kontrast der Fußzeile erhöht."
    assert feedback.handled_by == admin_user
    assert feedback.handled_at is not None
    assert feedback.version == 2
    latest = feedback.history.latest()
    assert latest.history_user == admin_user
    assert (latest.status, latest.answer_note) == ("done", "Kontrast der Fußzeile erhöht.")
    page = client.get(_detail(feedback)).content.decode()
    assert "Ada Admin" in page
    assert "Neu → Erledigt" in page
    assert "Kontrast der Fußzeile erhöht." in page


def test_the_history_keeps_no_personal_data_of_the_sender(client, admin_user):
    feedback = AccessibilityFeedbackFactory(name="Zora", email="zora@example.org")
    services.feedback_update(
        feedback=feedback, version=1, status="in_progress", answer_note="", by=admin_user
    )
    history_fields = {f.name for f in feedback.history.model._meta.get_fields()}
    assert not history_fields & {"name", "email", "message", "page_url"}


def test_a_bad_status_is_a_form_error_and_changes_nothing(client, admin_user):
    feedback = AccessibilityFeedbackFactory()
    client.force_login(admin_user)
    response = client.post(_detail(feedback), {"version": 1, "status": "weg"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert 'href="#id_status_0"' in html
    feedback.refresh_from_db()
    assert (feedback.status, feedback.version) == ("new", 1)


def test_a_stale_form_is_refused_with_a_clear_message(client_factory, admin_user):
    other = services.user_provision(email="admin2@example.org", role="admin", name="Bert Zwei")[0]
    feedback = AccessibilityFeedbackFactory()
    first = client_factory()
    first.force_login(admin_user)
    assert 'name="version" value="1"' in first.get(_detail(feedback)).content.decode()
    services.feedback_update(
        feedback=feedback, version=1, status="in_progress", answer_note="Bert ruft an.", by=other
    )
    response = first.post(
        _detail(feedback), {"version": 1, "status": "done", "answer_note": "Erledigt."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Jemand anderes hat diese Rückmeldung gespeichert" in html
    assert "Bert ruft an." in html and "Bert Zwei" in html  # the values now stored
    assert 'name="version" value="2"' in html  # a second save is deliberate
    assert "Erledigt." in html  # the input is kept
    feedback.refresh_from_db()
    assert (feedback.status, feedback.answer_note, feedback.handled_by) == (
        "in_progress",
        "Bert ruft an.",
        other,
    )


def test_the_service_refuses_a_stale_version(admin_user):
    feedback = AccessibilityFeedbackFactory()
    services.feedback_update(
        feedback=feedback, version=1, status="in_progress", answer_note="", by=admin_user
    )
    with pytest.raises(services.StaleVersionError) as refused:
        services.feedback_update(
            feedback=feedback, version=1, status="done", answer_note="", by=admin_user
        )
    assert refused.value.current.version == 2


# --- who may see it -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "coordinator", "editor"])
def test_other_accounts_are_refused_and_change_nothing(client, login_as, role):
    feedback = AccessibilityFeedbackFactory(name="Zora zqmarknamex")
    login_as(role)
    for url in (INBOX, _detail(feedback)):
        response = client.get(url)
        assert response.status_code == 403
        assert "zqmarknamex" not in response.content.decode()
    response = client.post(_detail(feedback), {"version": 1, "status": "done"})
    assert response.status_code == 403
    feedback.refresh_from_db()
    assert (feedback.status, feedback.version) == ("new", 1)
    assert "/mein-bereich/rueckmeldungen/" not in client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    feedback = AccessibilityFeedbackFactory()
    for url in (INBOX, _detail(feedback)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")


def test_administrators_find_the_inbox_in_the_header(client, admin_user):
    client.force_login(admin_user)
    assert f'href="{INBOX}"' in client.get("/").content.decode()
    assert f'href="/en{INBOX}"' in client.get("/en/").content.decode()


def test_the_header_link_does_not_stick_in_the_cached_layout(client_factory, admin_user):
    admin = client_factory()
    admin.force_login(admin_user)
    admin.get("/impressum/")
    assert INBOX not in client_factory().get("/impressum/").content.decode()


# --- the status "answered" became "done" ----------------------------------------------------


def test_the_migration_moves_answered_to_done_and_back(db):
    migration = importlib.import_module("core.migrations.0007_feedback_inbox")
    editor = SimpleNamespace(connection=connection)
    feedback = AccessibilityFeedbackFactory()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(status="answered")
    migration.forwards(apps, editor)
    assert AccessibilityFeedback.objects.get(pk=feedback.pk).status == "done"
    migration.backwards(apps, editor)
    assert AccessibilityFeedback.objects.get(pk=feedback.pk).status == "answered"
