"""„Mein Bereich“: the page every signed-in account lands on after signing in.

``/mein-bereich/`` shows, as lists under their own headings, what the account's role
needs: coordinators their networks with the open tasks there (memberships that end soon,
members without a valid role, the latest changes by others); the Redaktion the history
content still in draft, the drafts of changes and the English and Leichte-Sprache texts
flagged "veraltet", each linked into the editorial area at /redaktion/
(``timeline.editorial.redaktion_tasks``); administrators the accounts per role, new
accessibility feedback and the gaps in the directory's data; and everyone their recent
and saved searches.

The page runs a fixed number of queries, however many networks, memberships or searches
exist, and is never cached: it holds the account's own data. The searches are the
account's alone (``actors.models.RecentSearch``, ``SavedSearch``): every query of them
is filtered by the account, and a saved search of another account is a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from actors.forms import SavedSearchForm
from actors.models import (
    Actor,
    Offer,
    OfferStatus,
    RecentSearch,
    Responsibility,
    SavedSearch,
    SearchKind,
)
from actors.services import saved_search_create, saved_search_delete
from actors.views import can_import_actors
from core.history import ACTIONS
from core.models import AccessibilityFeedback, Role, User
from core.permissions import InternalRequiredMixin, is_admin, is_editor
from networks.models import CoordinationLink, Membership, MembershipRole, Network
from stewardship.models import Suggestion
from stewardship.reviews import due_actors_owned_by, due_offers_owned_by
from stewardship.suggestions import can_handle_suggestions
from timeline.editorial import redaktion_tasks

#: Memberships ending within this many days are a task of the network's coordination.
ENDING_WITHIN_DAYS = 60
#: The latest changes by others shown to a coordinator.
CHANGES_SHOWN = 10
#: Data not checked for longer than this is a gap in the directory.
VERIFIED_WITHIN_DAYS = 365
#: The entries due for review listed by name; the rest are counted.
DUE_SHOWN = 10
#: Parameters whose value is the words searched for; the others are filters.
WORDS_PARAMETERS = ("q", "frage")


@method_decorator(never_cache, name="dispatch")
class WorkspaceView(InternalRequiredMixin, TemplateView):
    """The sections of the account's role, and its searches."""

    template_name = "workspace/workspace.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            recent_searches=recent_searches(user),
            saved_searches=[_search_row(search) for search in saved_searches(user)],
            coordination=coordination(user),
            stewardship=stewardship(user),
            redaktion=redaktion_tasks() if is_editor(user) else None,
            administration=administration() if is_admin(user) else None,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class SavedSearchCreateView(InternalRequiredMixin, FormView):
    """Save the search shown under a name (the form on the directory's results). A name
    that is too long or taken shows this page with the error and the form again."""

    template_name = "workspace/saved_search_form.html"
    form_class = SavedSearchForm
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        kind = form.data.get("kind")
        query = form.data.get("query", "")
        if kind in SearchKind.values and query:
            context["back_url"] = SavedSearch(kind=kind, query=query).get_absolute_url()
        return context

    def form_valid(self, form):
        search = saved_search_create(
            user=self.request.user,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            query=form.cleaned_data["query"],
        )
        messages.success(
            self.request,
            _("Die Suche „%(name)s“ ist gespeichert. Sie finden sie in „Mein Bereich“.")
            % {"name": search.name},
        )
        return redirect(search.get_absolute_url())


@method_decorator(never_cache, name="dispatch")
class SavedSearchDeleteView(InternalRequiredMixin, View):
    """Delete one of the account's saved searches; another account's is a 404."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not saved_search_delete(user=request.user, pk=kwargs["pk"]):
            raise Http404
        messages.success(request, _("Die gespeicherte Suche ist gelöscht."))
        return redirect(reverse("workspace") + "#gespeicherte-suchen")


# --- the account's searches -------------------------------------------------------------


@dataclass(frozen=True)
class SearchRow:
    label: str
    url: str
    kind_label: str
    when: datetime.datetime
    pk: int | None = None
    name: str = ""


def search_label(query: str) -> str:
    """A search in words: the words searched for in quotes, then the filters."""
    words, filters = [], []
    for key, value in parse_qsl(query):
        if key in WORDS_PARAMETERS:
            words.append(f"„{value}“")
        else:
            filters.append(f"{key}: {value}")
    return " · ".join(words + filters)


def _search_row(search) -> SearchRow:
    when = getattr(search, "searched_at", None) or search.created_at
    return SearchRow(
        label=search_label(search.query),
        url=search.get_absolute_url(),
        kind_label=search.get_kind_display(),
        when=when,
        pk=search.pk if isinstance(search, SavedSearch) else None,
        name=getattr(search, "name", ""),
    )


def recent_searches(user) -> list[dict]:
    """The account's recent searches per search page, newest first (one query; the rows
    are few: ``RecentSearch.PER_KIND`` per page)."""
    rows = list(RecentSearch.objects.of(user).kept().order_by("-searched_at", "-pk"))
    groups = []
    for kind, label in SearchKind.choices:
        seen, searches = set(), []
        for row in rows:
            if row.kind == kind and row.query not in seen:
                seen.add(row.query)
                searches.append(_search_row(row))
        groups.append({"kind": kind, "label": label, "searches": searches[: RecentSearch.PER_KIND]})
    return groups


def saved_searches(user) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user).order_by("name", "pk"))


# --- coordination -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    date: datetime.datetime
    user: User | None
    network: Network
    subject_kind: str
    subject: str
    action: str
    reason: str


def coordination(user) -> dict | None:
    """The networks the account coordinates with their open tasks (five queries), or
    None for an account that coordinates none and is no coordinator (administrators see
    the section only for networks assigned to them)."""
    networks = list(Network.objects.filter(coordinators=user).order_by("name"))
    if not networks:
        if user.role != Role.COORDINATOR or user.is_superuser:
            return None
        return {"networks": [], "ending": [], "without_role": [], "changes": []}
    ids = [network.pk for network in networks]
    by_id = {network.pk: network for network in networks}
    today = timezone.localdate()
    ending = list(
        Membership.objects.filter(
            network_id__in=ids,
            until__gte=today,
            until__lte=today + datetime.timedelta(days=ENDING_WITHIN_DAYS),
        )
        .select_related("actor")
        .order_by("until", "actor__name", "pk")
    )
    without_role = list(
        Membership.objects.current()
        .filter(network_id__in=ids)
        .exclude(role__in=MembershipRole.values)
        .select_related("actor")
        .order_by("actor__name", "pk")
    )
    for membership in ending + without_role:
        membership.network = by_id[membership.network_id]
    return {
        "networks": networks,
        "ending": ending,
        "ending_within": ENDING_WITHIN_DAYS,
        "without_role": without_role,
        "changes": changes_by_others(user, by_id),
    }


def changes_by_others(user, networks: dict[int, Network]) -> list[ChangeRow]:
    """The latest changes of the networks, their memberships and links by other accounts
    (or by none: an import, a command), newest first: three queries for the history rows
    and one for the actors' names."""
    ids = list(networks)
    groups = [
        (Network, Network.history.filter(id__in=ids)),
        (Membership, Membership.history.filter(network_id__in=ids)),
        (CoordinationLink, CoordinationLink.history.filter(network_id__in=ids)),
    ]
    records = []
    for model, history in groups:
        latest = (
            history.exclude(history_user=user)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:CHANGES_SHOWN]
        )
        records += [(model, record) for record in latest]
    records.sort(key=lambda item: (item[1].history_date, item[1].history_id), reverse=True)
    records = records[:CHANGES_SHOWN]
    actor_ids = set()
    for model, record in records:
        if model is Membership:
            actor_ids.add(record.actor_id)
        elif model is CoordinationLink:
            actor_ids.update((record.source_id, record.target_id))
    names = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name"))
    rows = []
    for model, record in records:
        if model is Network:
            kind, subject, network_id = _("Netzwerk"), record.name, record.id
        elif model is Membership:
            kind, network_id = _("Mitgliedschaft"), record.network_id
            subject = names.get(record.actor_id, "–")
        else:
            kind, network_id = _("Verbindung"), record.network_id
            subject = f"{names.get(record.source_id, '–')} → {names.get(record.target_id, '–')}"
        rows.append(
            ChangeRow(
                date=record.history_date,
                user=record.history_user,
                network=networks[network_id],
                subject_kind=kind,
                subject=subject,
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
            )
        )
    return rows


# --- administration -------------------------------------------------------------------


def stewardship(user) -> dict:
    """Keeping the directory true: the entries the account owns that are due for review
    (the first ``DUE_SHOWN`` of each kind and their numbers), the suggestions from outside
    waiting for someone with the right to handle them, and the links to the data-quality
    page and the import. Four queries, five with the suggestions."""
    actors = due_actors_owned_by(user)
    offers = due_offers_owned_by(user)
    handles = can_handle_suggestions(user)
    return {
        "due_actors": list(actors[:DUE_SHOWN]),
        "due_actor_count": actors.count(),
        "due_offers": list(offers[:DUE_SHOWN]),
        "due_offer_count": offers.count(),
        "open_suggestions": Suggestion.objects.open().count() if handles else None,
        "can_import": can_import_actors(user),
    }


def administration() -> dict:
    """Accounts per role, feedback per status and the directory's gaps (seven queries)."""
    accounts = dict(
        User.objects.filter(is_active=True)
        .order_by()
        .values_list("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    feedback = dict(
        AccessibilityFeedback.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    unverified_since = timezone.localdate() - datetime.timedelta(days=VERIFIED_WITHIN_DAYS)
    not_verified = Q(last_verified__isnull=True) | Q(last_verified__lt=unverified_since)
    gaps = [
        {
            "label": _("Akteure ohne Ansprechperson"),
            "count": Actor.objects.filter(contact_persons__isnull=True).count(),
            "url": reverse("admin:actors_actor_changelist"),
        },
        {
            "label": _("Akteure, seit über zwölf Monaten nicht geprüft"),
            "count": Actor.objects.filter(not_verified).count(),
            "url": reverse("admin:actors_actor_changelist"),
        },
        {
            "label": _("Angebote, seit über zwölf Monaten nicht geprüft"),
            "count": Offer.objects.exclude(status=OfferStatus.DEFUNCT).filter(not_verified).count(),
            "url": reverse("admin:actors_offer_changelist"),
        },
        {
            "label": _("Zuständigkeiten ohne Rechtsgrundlage"),
            "count": Responsibility.objects.filter(legal_basis="", task__legal_basis="").count(),
            "url": reverse("admin:actors_responsibility_changelist"),
        },
    ]
    return {
        "accounts": [
            {"label": label, "count": accounts.get(value, 0)} for value, label in Role.choices
        ],
        "feedback": [
            {"value": value, "label": label, "count": feedback.get(value, 0)}
            for value, label in AccessibilityFeedback.Status.choices
        ],
        "new_feedback": feedback.get(AccessibilityFeedback.Status.NEW, 0),
        "gaps": gaps,
    }
