"""Suggestions from outside: the public form "Änderung vorschlagen" and the staff's queue.

Public (anyone, no account): ``/vorschlag/akteur/<slug>/`` (a correction of a public
actor), ``/vorschlag/angebot/<slug>/`` (of a public offer), ``/vorschlag/akteur/<slug>/
angebote/`` (which offer) and ``/vorschlag/akteur/<slug>/neues-angebot/``. An internal
actor or offer is a 404 for everyone here. Anti-abuse without third parties: a
honeypot (a filled one gets the same thank-you page, nothing is stored), a rate limit
per address and session (``SUGGESTION_RATES``; 429 with the form kept), the fields'
limits, and a correction that changes nothing is refused. POST-redirect-GET to a
thank-you page.

Staff (``can_handle_suggestions``): ``/mein-bereich/vorschlaege/`` lists them newest
first by status in a fixed number of queries; each has a page with the side-by-side
comparison, the comment and the proposer's contact, and the actions accept, edit then
accept, and reject with a reason (``stewardship.services``). Never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import FormView, ListView, TemplateView, View

from actors.models import Actor, Offer
from core import ratelimits
from core.pagination import StatusQueueMixin
from core.permissions import PortalAccessMixin, is_editor, is_internal
from core.security import EditsSharedDataMixin
from core.services import StaleVersionError
from stewardship import services
from stewardship.models import (
    ACTOR_FIELDS,
    OFFER_FIELDS,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    public_values,
)
from stewardship.suggestion_forms import (
    SuggestionFilterForm,
    SuggestionRejectForm,
    SuggestionVersionForm,
    accept_form_class,
    suggestion_form_class,
)

#: A person corrects an entry or two; a script sends hundreds.
SUGGESTION_RATES = (ratelimits.Rate(5, 60 * 60),)
#: The session key of the thank-you page (POST-redirect-GET).
THANKS_SESSION_KEY = "stewardship_suggestion_thanks"
QUEUE_PAGE_SIZE = 25


def can_handle_suggestions(user) -> bool:
    """Accounts that may edit the directory: administrators, editors, and accounts with
    the permission ``actors.import_actors``."""
    if is_editor(user):
        return True
    return is_internal(user) and user.has_perm("actors.import_actors")


class SuggestionHandlerRequiredMixin(PortalAccessMixin):
    """Anonymous visitors sign in first; accounts without the right get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not can_handle_suggestions(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


# --- the public form -------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class SuggestionFormView(FormView):
    """The form of one kind of suggestion; subclasses find the public entry (or 404)."""

    template_name = "stewardship/suggestion/form.html"
    kind: str

    def get_target(self) -> tuple[Actor, Offer | None]:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.actor, self.offer = self.get_target()
        return super().dispatch(request, *args, **kwargs)

    @property
    def names(self) -> tuple[str, ...]:
        return ACTOR_FIELDS if self.kind == SuggestionKind.ACTOR else OFFER_FIELDS

    @property
    def current(self) -> dict[str, str]:
        if self.kind == SuggestionKind.NEW_OFFER:
            return {}
        return public_values(self.offer or self.actor, self.names)

    def get_form_class(self):
        return suggestion_form_class(
            Actor if self.kind == SuggestionKind.ACTOR else Offer, self.names
        )

    def get_initial(self):
        return {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("initial", None)
        return {
            **kwargs,
            "current": self.current,
            "is_new": self.kind == SuggestionKind.NEW_OFFER,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actor=self.actor, offer=self.offer, kind=self.kind, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.honeypot_filled:
            # The same answer as a real suggestion: a script learns nothing.
            return self._thank()
        if not form.is_valid():
            return self.form_invalid(form)
        if not ratelimits.consume(request, action="suggestion", rates=SUGGESTION_RATES):
            form.add_error(
                None,
                _(
                    "Sie haben in kurzer Zeit sehr viele Vorschläge gesendet. Bitte warten Sie "
                    "eine Stunde und senden Sie diesen Vorschlag dann noch einmal; Ihre "
                    "Eingaben stehen unten."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        data = form.cleaned_data
        services.suggestion_submit(
            kind=self.kind,
            actor=self.actor,
            offer=self.offer,
            proposed=form.proposed(),
            base=self.current,
            comment=data["comment"],
            proposer_name=data["proposer_name"],
            proposer_email=data["proposer_email"],
            may_credit=data["may_credit"],
        )
        return self._thank()

    def _thank(self) -> HttpResponse:
        self.request.session[THANKS_SESSION_KEY] = self.actor.slug
        return redirect(reverse("stewardship:suggestion_thanks"))


class ActorSuggestionView(SuggestionFormView):
    kind = SuggestionKind.ACTOR

    def get_target(self):
        return get_object_or_404(Actor.objects.public(), slug=self.kwargs["slug"]), None


class OfferSuggestionView(SuggestionFormView):
    kind = SuggestionKind.OFFER

    def get_target(self):
        offer = get_object_or_404(
            Offer.objects.public().select_related("actor"), slug=self.kwargs["slug"]
        )
        return offer.actor, offer


class NewOfferSuggestionView(SuggestionFormView):
    kind = SuggestionKind.NEW_OFFER

    def get_target(self):
        return get_object_or_404(Actor.objects.public(), slug=self.kwargs["slug"]), None


class OfferChoiceView(TemplateView):
    """Which offer of the actor a correction is about: its public offers."""

    template_name = "stewardship/suggestion/offer_choice.html"

    def get_context_data(self, **kwargs):
        actor = get_object_or_404(Actor.objects.public(), slug=self.kwargs["slug"])
        offers = Offer.objects.public().filter(actor=actor).only("name", "slug").order_by("name")
        return super().get_context_data(actor=actor, offers=offers, **kwargs)


@never_cache
@require_safe
def suggestion_thanks(request: HttpRequest) -> HttpResponse:
    slug = request.session.pop(THANKS_SESSION_KEY, None)
    if slug is None:
        messages.info(request, _("Es liegt kein neuer Vorschlag zur Bestätigung vor."))
        return redirect(reverse("actors:list"))
    actor = Actor.objects.public().filter(slug=slug).only("name", "slug").first()
    return render(request, "stewardship/suggestion/thanks.html", {"actor": actor})


# --- the staff's queue ---------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class SuggestionQueueView(SuggestionHandlerRequiredMixin, StatusQueueMixin, ListView):
    """All suggestions, newest first; ``?status=new`` one status only (an unknown status
    shows all, with a note)."""

    template_name = "stewardship/suggestion/queue.html"
    context_object_name = "suggestions"
    paginate_by = QUEUE_PAGE_SIZE
    filter_form_class = SuggestionFilterForm
    status_choices = SuggestionStatus.choices

    def status_queryset(self):
        return (
            Suggestion.objects.newest_first()
            .select_related("actor", "offer")
            .only(
                "kind",
                "status",
                "created_at",
                "proposed",
                "actor__name",
                "actor__slug",
                "offer__name",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for suggestion in context["suggestions"]:
            suggestion.changed_labels = field_labels(suggestion)
        return context


def field_labels(suggestion: Suggestion) -> list[str]:
    model = suggestion.entry_model
    return [
        str(model._meta.get_field(name).verbose_name)
        for name in suggestion.field_names
        if name in suggestion.proposed
    ]


def comparison(suggestion: Suggestion) -> dict:
    """What the review page shows: per field the label, the current value and the
    proposed (or, once accepted, the applied) one, and whether it changes; the fields
    whose value changed since the suggestion came in."""
    model = suggestion.entry_model
    entry = suggestion.entry
    current = public_values(entry, suggestion.field_names) if entry is not None else {}
    shown = suggestion.applied if suggestion.status == SuggestionStatus.ACCEPTED else None
    proposed = suggestion.proposed if shown is None else shown
    rows = []
    for name in suggestion.field_names:
        label = model._meta.get_field(name).verbose_name
        now = current.get(name, "")
        if name in proposed:
            value = proposed[name]
            if shown is not None:
                state = "applied"
            else:
                state = "changed" if value != now else "same"
        else:
            value, state = now, ""
        if suggestion.kind == SuggestionKind.NEW_OFFER and not value:
            continue
        rows.append(
            {"name": name, "label": label, "current": now, "proposed": value, "state": state}
        )
    changed_since = []
    if suggestion.is_open and suggestion.kind != SuggestionKind.NEW_OFFER:
        changed_since = [
            model._meta.get_field(name).verbose_name
            for name in suggestion.field_names
            if name in suggestion.base and suggestion.base[name] != current.get(name, "")
        ]
    return {"rows": rows, "changed_since": changed_since}


def _suggestion(pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.select_related("actor", "offer", "handled_by"), pk=pk
    )


def render_detail(request, suggestion: Suggestion, *, status: int = 200, **extra) -> HttpResponse:
    context = {
        "suggestion": suggestion,
        **comparison(suggestion),
        "accept_form": SuggestionVersionForm(initial={"version": suggestion.version}),
        "reject_form": SuggestionRejectForm(initial={"version": suggestion.version}),
        **extra,
    }
    return render(request, "stewardship/suggestion/detail.html", context, status=status)


def handled_message(current: Suggestion) -> str:
    return _(
        "Dieser Vorschlag wurde bereits bearbeitet (Status: %(status)s) und kann nicht noch "
        "einmal übernommen oder abgelehnt werden."
    ) % {"status": current.get_status_display()}


STALE_MESSAGE = _(
    "Jemand anderes hat diesen Vorschlag bearbeitet, nachdem Sie ihn geöffnet haben. Bitte "
    "prüfen Sie den aktuellen Stand."
)


@method_decorator(never_cache, name="dispatch")
class SuggestionDetailView(SuggestionHandlerRequiredMixin, View):
    def get(self, request, pk: int):
        return render_detail(request, _suggestion(pk))


class SuggestionActionMixin(SuggestionHandlerRequiredMixin, EditsSharedDataMixin):
    """The actions on one suggestion; each answers a handled or stale one with its
    page, the message and 409."""

    def refused(self, exc) -> HttpResponse:
        current = _suggestion(exc.current.pk)
        if isinstance(exc, services.SuggestionHandledError):
            messages.error(self.request, handled_message(current))
        else:
            messages.error(self.request, STALE_MESSAGE)
        return render_detail(self.request, current, status=409)

    def accepted(self, suggestion: Suggestion) -> HttpResponse:
        messages.success(
            self.request,
            _("Vorschlag Nr. %(number)s übernommen.") % {"number": suggestion.pk},
        )
        return redirect(suggestion.get_absolute_url())


@method_decorator(never_cache, name="dispatch")
class SuggestionAcceptView(SuggestionActionMixin, View):
    """Accept as proposed (POST with the version the page showed)."""

    def post(self, request, pk: int):
        suggestion = _suggestion(pk)
        form = SuggestionVersionForm(request.POST)
        if not form.is_valid():
            return render_detail(request, suggestion, status=400)
        try:
            suggestion = services.suggestion_accept(
                suggestion=suggestion, by=request.user, version=form.cleaned_data["version"]
            )
        except (services.SuggestionHandledError, StaleVersionError) as exc:
            return self.refused(exc)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(reverse("stewardship:suggestion_edit", kwargs={"pk": pk}))
        return self.accepted(suggestion)


@method_decorator(never_cache, name="dispatch")
class SuggestionEditView(SuggestionActionMixin, FormView):
    """Edit the proposal, then accept: the edited values are applied and recorded."""

    template_name = "stewardship/suggestion/edit.html"

    def dispatch(self, request, *args, **kwargs):
        # The right first: who may not handle suggestions learns nothing of their numbers.
        if not can_handle_suggestions(request.user):
            return self.handle_no_permission()
        self.suggestion = _suggestion(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.suggestion.is_open:
            messages.error(request, handled_message(self.suggestion))
            return redirect(self.suggestion.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_class(self):
        suggestion = self.suggestion
        return accept_form_class(suggestion.entry_model, suggestion.field_names)

    def get_initial(self):
        suggestion = self.suggestion
        entry = suggestion.entry
        current = public_values(entry, suggestion.field_names) if entry is not None else {}
        return {**current, **suggestion.proposed, "version": suggestion.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(suggestion=self.suggestion, **kwargs)

    def form_valid(self, form):
        try:
            suggestion = services.suggestion_accept(
                suggestion=self.suggestion,
                by=self.request.user,
                values=form.values(),
                version=form.cleaned_data["version"],
            )
        except (services.SuggestionHandledError, StaleVersionError) as exc:
            return self.refused(exc)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.accepted(suggestion)


@method_decorator(never_cache, name="dispatch")
class SuggestionRejectView(SuggestionActionMixin, View):
    """Reject with a reason (required)."""

    def post(self, request, pk: int):
        suggestion = _suggestion(pk)
        form = SuggestionRejectForm(request.POST)
        if not form.is_valid():
            return render_detail(request, suggestion, status=400, reject_form=form)
        try:
            services.suggestion_reject(
                suggestion=suggestion,
                by=request.user,
                reason=form.cleaned_data["rejection_reason"],
                version=form.cleaned_data["version"],
            )
        except (services.SuggestionHandledError, StaleVersionError) as exc:
            return self.refused(exc)
        messages.success(request, _("Vorschlag Nr. %(number)s abgelehnt.") % {"number": pk})
        return redirect(suggestion.get_absolute_url())
