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
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView

from core import services
from core.models import AccessibilityFeedback
from core.permissions import AdminRequiredMixin
from core.security import EditsSharedDataMixin
from integration_portal.forms import FeedbackFilterForm, FeedbackHandleForm

#: Characters of a message shown in the list; the rest is on the message's own page.
EXCERPT_LENGTH = 120
#: Fields the history shows, with their labels taken from the model.
HISTORY_FIELDS = ("status", "answer_note")


@method_decorator(never_cache, name="dispatch")
class FeedbackListView(AdminRequiredMixin, ListView):
    """All feedback messages, newest first; ``?status=new`` shows one status only (an
    unknown status shows all, with a note)."""

    template_name = "inbox/feedback_list.html"
    context_object_name = "feedbacks"
    paginate_by = 25
    page_kwarg = "seite"

    def get_filter(self) -> FeedbackFilterForm:
        if not hasattr(self, "_filter"):
            self._filter = FeedbackFilterForm(self.request.GET or None)
        return self._filter

    def get_queryset(self):
        # The list's one query for its rows: no message text beyond the excerpt.
        queryset = (
            AccessibilityFeedback.objects.newest_first()
            .only("reference", "created_at", "page_url", "status")
            .annotate(excerpt=Substr("message", 1, EXCERPT_LENGTH + 1))
        )
        form = self.get_filter()
        if form.is_bound and form.is_valid() and form.cleaned_data["status"]:
            queryset = queryset.filter(status=form.cleaned_data["status"])
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or malformed shows the nearest valid page (a shared
        # link outlives the messages it listed), not a 404.
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_filter()
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        counts = dict(
            AccessibilityFeedback.objects.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        paginator, page_obj = context["paginator"], context["page_obj"]
        valid = form.is_bound and form.is_valid()
        context.update(
            filter_status=form.cleaned_data["status"] if valid else "",
            filter_invalid=form.is_bound and not valid,
            status_counts=[
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in AccessibilityFeedback.Status.choices
            ],
            excerpt_length=EXCERPT_LENGTH,
            query_string=query.urlencode(),
            page_links=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            ellipsis=paginator.ELLIPSIS,
        )
        return context


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
