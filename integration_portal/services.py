"""Writes of the site pages that reach beyond the database: accessibility feedback that
is stored and then announced by e-mail.

The message is stored first; the e-mails go out only once it is committed
(``transaction.on_commit``). A mail server that fails loses nothing: the failure is
logged (with the reference, never the sender's data), the visitor still gets the
receipt, and the message waits in the administrators' inbox.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import services as core_services
from core.models import AccessibilityFeedback

logger = logging.getLogger(__name__)


@transaction.atomic
def feedback_submit(
    *, page_url: str, message: str, name: str, email: str, site_url: str
) -> AccessibilityFeedback:
    """Store a feedback message, then tell the contact address and (if the sender gave
    one) the sender. ``site_url`` is the portal's address (scheme and host) for the
    link to the inbox entry."""
    feedback = core_services.feedback_receive(
        page_url=page_url, message=message, name=name, email=email
    )
    transaction.on_commit(
        partial(
            feedback_announce,
            feedback=feedback,
            site_url=site_url,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    )
    return feedback


def feedback_announce(*, feedback: AccessibilityFeedback, site_url: str, language: str) -> None:
    """Send the notice to the contact address and the confirmation to the sender; each
    on its own, so that one failing does not stop the other."""
    _send(feedback, "notice", lambda: _contact_notice(feedback, site_url))
    if feedback.email:
        _send(feedback, "confirmation", lambda: _sender_confirmation(feedback, language))


def _send(feedback: AccessibilityFeedback, kind: str, build) -> None:
    try:
        build().send(fail_silently=False)
    except Exception:
        # Whatever the mail backend raises (refused connection, timeout, SMTP error): the
        # message is stored and in the inbox; the operators see the failure in the log.
        logger.exception("Feedback %s: the %s e-mail could not be sent.", feedback.reference, kind)


def _render(name: str, context: dict) -> str:
    context = {"portal_name": settings.PORTAL_NAME, **context}
    return render_to_string(f"inbox/mail/{name}", context).strip()


def _contact_notice(feedback: AccessibilityFeedback, site_url: str) -> EmailMessage:
    """To the contact address, in the portal's language: the reference and the link to the
    inbox entry; the message and the sender's data stay in the portal."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "feedback": feedback,
            "inbox_url": site_url.rstrip("/")
            + reverse("inbox_detail", kwargs={"reference": feedback.reference}),
            "wants_answer": bool(feedback.email),
        }
        subject = " ".join(_render("notice_subject.txt", context).split())
        body = _render("notice_body.txt", context)
    return EmailMessage(subject, body, to=[settings.PORTAL_CONTACT_EMAIL])


def _sender_confirmation(feedback: AccessibilityFeedback, language: str) -> EmailMessage:
    """To the sender, in the language they wrote in: the reference and how long an answer
    takes. Their message is not repeated, so the form cannot send others any text."""
    with translation.override(language):
        context = {"feedback": feedback}
        subject = " ".join(_render("confirmation_subject.txt", context).split())
        body = _render("confirmation_body.txt", context)
    return EmailMessage(
        subject, body, to=[feedback.email], reply_to=[settings.PORTAL_CONTACT_EMAIL]
    )
