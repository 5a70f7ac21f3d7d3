"""The digest e-mail of the review reminders: one per owner, listing every entry due for
them with its "Stimmt noch" and "Ändern" links (``review_links``). In the portal's
language, plain text with an HTML alternative."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from stewardship import review_links
from stewardship.reviews import DueEntries


def reminder_message(owner, due: DueEntries) -> EmailMultiAlternatives:
    """The digest for one owner (not sent)."""
    with translation.override(settings.LANGUAGE_CODE):
        sections = []
        for heading, entries in (
            (gettext("Akteure"), due.actors),
            (gettext("Angebote"), due.offers),
        ):
            if entries:
                items = [
                    {"entry": entry, "links": review_links.link_urls(entry, owner)}
                    for entry in entries
                ]
                sections.append({"heading": heading, "items": items})
        context = {
            "portal_name": settings.PORTAL_NAME,
            "owner": owner,
            "sections": sections,
            "count": len(due),
            "valid_days": settings.PORTAL_REVIEW_LINK_DAYS,
            "language": settings.LANGUAGE_CODE,
        }
        subject = " ".join(
            render_to_string("stewardship/mail/review_reminder_subject.txt", context).split()
        )
        context["subject"] = subject
        body = render_to_string("stewardship/mail/review_reminder_body.txt", context).strip()
        html = render_to_string("stewardship/mail/review_reminder_body.html", context)
    message = EmailMultiAlternatives(
        subject, body, to=[owner.email], reply_to=[settings.PORTAL_CONTACT_EMAIL]
    )
    message.attach_alternative(html, "text/html")
    return message
