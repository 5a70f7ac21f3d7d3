"""The pages behind the links of a review reminder.

"Stimmt noch" (``ReviewConfirmView``) needs no sign-in: the signed link is the authority.
GET only shows the entry's name and a button (mail scanners fetch links they find, so a
GET never writes); POST records the review (``services.entry_review_confirm``).
"Ändern" (``ReviewEditView``) checks the link the same way and sends the owner to the
entry's admin page, which asks for a sign-in. A link that is used, expired, tampered with
or for another entry is refused with a page that says so (410 or 404), never an error.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from stewardship import review_links
from stewardship.review_links import LinkExpired, LinkInvalid, LinkUsed
from stewardship.services import ReviewChangedError, entry_review_confirm

REFUSED_TEMPLATE = "stewardship/review_link_refused.html"


def _refused(request, reason: str, status: int) -> TemplateResponse:
    return TemplateResponse(request, REFUSED_TEMPLATE, {"reason": reason}, status=status)


class ReviewLinkMixin:
    """Checks the link of the URL before any handler runs; refuses it with a page."""

    #: Whether the link works once (see ``review_links.check``).
    once = True

    def dispatch(self, request, *args, **kwargs):
        try:
            self.link = review_links.check(
                kwargs["kind"], kwargs["pk"], kwargs["token"], once=self.once
            )
        except LinkInvalid:
            return _refused(request, "invalid", 404)
        except LinkExpired:
            return _refused(request, "expired", 410)
        except LinkUsed:
            return _refused(request, "used", 410)
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ReviewConfirmView(ReviewLinkMixin, View):
    template_name = "stewardship/review_confirm.html"

    def get(self, request, *args, **kwargs):
        return TemplateResponse(
            request, self.template_name, {"entry": self.link.entry, "is_offer": self._is_offer}
        )

    def post(self, request, *args, **kwargs):
        try:
            entry = entry_review_confirm(
                entry=self.link.entry,
                by=self.link.owner,
                seen_last_verified=self.link.last_verified,
            )
        except ReviewChangedError:
            return _refused(request, "used", 410)
        return TemplateResponse(
            request,
            "stewardship/review_confirmed.html",
            {"entry": entry, "is_offer": self._is_offer},
        )

    @property
    def _is_offer(self) -> bool:
        return review_links.kind_of(self.link.entry) == "offer"


@method_decorator(never_cache, name="dispatch")
class ReviewEditView(ReviewLinkMixin, View):
    # Only leads to the admin page (which asks for a sign-in): it still works after the
    # entry was confirmed, until it expires.
    once = False

    def get(self, request, *args, **kwargs):
        entry = self.link.entry
        name = f"admin:actors_{review_links.kind_of(entry)}_change"
        return redirect(reverse(name, args=[entry.pk]))
