"""The administrators' inbox of accessibility feedback (BITV NRW feedback mechanism).

``/mein-bereich/rueckmeldungen/`` lists the messages, newest first, filtered by status,
in pages of a fixed number of queries; each message has its own page with the whole
text, the sender's contact data, the history of its handling and the form that sets
status and answer note (``core.services.feedback_update``, optimistic locking).
Administrators only (``AdminRequiredMixin``): the pages hold personal data, so they are
never cached anywhere.
"""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView

from core import services
from core.models import AccessibilityFeedback
from core.pagination import StatusQueueMixin
from core.permissions import AdminRequiredMixin
from core.security import EditsSharedDataMixin
from integration_portal.forms import FeedbackFilterForm, FeedbackHandleForm

#: Characters of a message shown in the list; the rest is on the message's own page.
EXCERPT_LENGTH = 120
#: Fields the history shows, with their labels taken from the model.
HISTORY_FIELDS = ("status", "answer_note")


@method_decorator(never_cache, name="dispatch")
class FeedbackListView(AdminRequiredMixin, StatusQueueMixin, ListView):
    """All feedback messages, newest first; ``?status=new`` shows one status only (an
    unknown status shows all, with a note)."""

    template_name = "inbox/feedback_list.html"
    context_object_name = "feedbacks"
    paginate_by = 25
    filter_form_class = FeedbackFilterForm
    status_choices = AccessibilityFeedback.Status.choices

    def status_queryset(self):
        # The list's one query for its rows: no message text beyond the excerpt.
        return (
            AccessibilityFeedback.objects.newest_first()
            .only("reference", "created_at", "page_url", "status")
            .annotate(excerpt=Substr("message", 1, EXCERPT_LENGTH + 1))
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "excerpt_length": EXCERPT_LENGTH}


@method_decorator(never_cache, name="dispatch")
class FeedbackDetailView(AdminRequiredMixin, EditsSharedDataMixin, FormView):
    """One message in full, its history, and the form for status and answer note.

    A save based on a stale version is refused with 409, a message and the values now
    stored; the form keeps the input on top of the current version, so that a second
    save is a deliberate decision."""

    template_name = "inbox/feedback_detail.html"
    form_class = FeedbackHandleForm

    def get_object(self) -> AccessibilityFeedback:
        return get_object_or_404(
            AccessibilityFeedback.objects.select_related("handled_by"),
            reference=self.kwargs["reference"],
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        # The form gets its own copy: validating it writes the input into its instance.
        return {**super().get_form_kwargs(), "instance": copy(self.object)}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("feedback", self.object)
        kwargs.setdefault("history", feedback_history(self.object))
        kwargs.setdefault(
            "answer_subject",
            _("Ihre Rückmeldung zur Barrierefreiheit – Vorgangsnummer %(reference)s")
            % {"reference": self.object.reference},
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.feedback_update(
                feedback=self.object,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                answer_note=form.cleaned_data["answer_note"],
                by=self.request.user,
            )
        except services.StaleVersionError:
            current = self.get_object()
            data = self.request.POST.copy()
            data["version"] = str(current.version)
            rebased = self.get_form_class()(data, instance=copy(current))
            rebased.is_valid()
            messages.error(
                self.request,
                _(
                    "Jemand anderes hat diese Rückmeldung gespeichert, nachdem Sie sie "
                    "geöffnet haben. Ihre Änderung wurde nicht übernommen. Die aktuellen "
                    "Werte stehen unten; prüfen Sie sie und speichern Sie erneut, wenn Ihre "
                    "Änderung noch gilt."
                ),
            )
            self.object = current
            context = self.get_context_data(form=rebased, conflict=current)
            return self.render_to_response(context, status=409)
        messages.success(
            self.request,
            _("Rückmeldung %(reference)s gespeichert.") % {"reference": self.object.reference},
        )
        return redirect("inbox_detail", reference=self.object.reference)


def feedback_history(feedback: AccessibilityFeedback) -> list[dict]:
    """Each recorded change of the handling, newest first: when, by whom, and the old and
    new value of each field that changed (one query)."""
    records = list(feedback.history.select_related("history_user").order_by("history_id"))
    fields = {name: AccessibilityFeedback._meta.get_field(name) for name in HISTORY_FIELDS}
    entries = []
    previous = None
    for record in records:
        changes = []
        for name, field in fields.items():
            new = getattr(record, name)
            old = getattr(previous, name) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and not new:
                continue
            changes.append(
                {
                    "label": field.verbose_name,
                    "old": _display(field, old) if previous is not None else "",
                    "new": _display(field, new),
                }
            )
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "created": record.history_type == "+",
                "changes": changes,
            }
        )
        previous = record
    return entries[::-1]


def _display(field, value) -> str:
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return value or "–"
