"""Pages of the networks: list, detail, maps, history, export, editing, explainers.

Reads go through ``networks.graph`` / ``networks.history`` (fixed query counts), writes
through ``networks.services``. Who may do what is asked of
``core.permissions``: anonymous visitors see public networks with public
members only; every signed-in account reads internal networks, history and exports;
only a network's coordinators and administrators edit it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from copy import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from actors.models import Actor, ContactPerson, Level
from core import versions
from core.caching import CachedSignedInPageMixin, form_variant, page_cache
from core.csv_export import csv_response
from core.pagination import CachedCountListMixin, LazyQuerySet
from core.permissions import (
    InternalRequiredMixin,
    PortalAccessMixin,
    can_edit_network,
    is_internal,
)
from core.security import EditsSharedDataMixin
from networks import graph, picker, services
from networks.forms import (
    ActorSearchForm,
    AsOfForm,
    ChangesForm,
    EndForm,
    LinkForm,
    LinkSearchForm,
    MembershipAddForm,
    MembershipForm,
    NetworkFilter,
    NetworkProfileForm,
    SuggestionForm,
)
from networks.history import network_changes, network_history
from networks.models import (
    CoordinationLink,
    FieldOfWork,
    Membership,
    Network,
    NetworkKind,
    Programme,
)
from networks.structured_data import network_json_ld

# ---------------------------------------------------------------------------
# Reading


# The network pages show actors (``directory``) and memberships and links.
NETWORK_VERSIONS = (versions.DIRECTORY, versions.MEMBERSHIPS)


class NetworkListView(CachedSignedInPageMixin, CachedCountListMixin, ListView):
    template_name = "networks/network_list.html"
    context_object_name = "networks"
    # All NRW has some 2,000 networks: one page of them is a table, all of them a megabyte.
    paginate_by = 50
    page_kwarg = "seite"
    count_namespace = "networks:list"

    def count_stamp(self) -> str:
        # Filters such as "mit mindestens … Mitgliedern" count memberships.
        return versions.stamp(self.request, *NETWORK_VERSIONS)

    def get_queryset(self):
        # Built where the rows, the count or the form are needed: a page whose count,
        # form fields and table come from the cache builds neither the queryset with its
        # member counts nor the filter (a quarter of such a page's time).
        request = self.request
        self.filterset = filterset = SimpleLazyObject(
            lambda: NetworkFilter(request.GET or None, queryset=self._networks())
        )

        def rows():
            if filterset.is_bound and not filterset.is_valid():
                return filterset.queryset.none()
            return filterset.qs

        return LazyQuerySet(rows)

    def _networks(self):
        return (
            Network.objects.visible_to(self.request.user)
            .with_member_counts(self.request.user)
            .select_related("lead_actor", "parent")
            .order_by("programme", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class VisibleNetworkMixin:
    """Look the network up among those the viewer may see; others are a plain 404."""

    #: Whether a page view takes the network from the cache (``_find_network``).
    cache_network = False

    def get_network(self) -> Network:
        if not hasattr(self, "_network"):
            self._network = self._find_network()
        return self._network

    def _find_network(self) -> Network:
        request = self.request
        slug = self.kwargs["slug"]
        queryset = Network.objects.visible_to(request.user).select_related("lead_actor", "parent")
        if not self.cache_network or request.method not in ("GET", "HEAD"):
            return get_object_or_404(queryset, slug=slug)
        # A page view takes the network (with lead and parent) and its visible
        # sub-networks from the cache, kept under the content version: the two queries
        # cost more than the rest of a cached network page. Not found (or not visible to
        # the viewer) is never cached and stays a 404. Writes always ask the database.
        internal = int(is_internal(request.user))
        key = f"networks:network:{versions.for_request(request)}:{internal}:{slug}"
        network = page_cache.get(key)
        if network is None:
            network = get_object_or_404(queryset, slug=slug)
            network.visible_children = list(
                network.children.visible_to(request.user).order_by("name")
            )
            page_cache.set(key, network, settings.PORTAL_FRAGMENT_TIMEOUT)
        return network


class AsOfMixin:
    """The day a page shows the network(s) on: ``?stand=2016-06-30`` ("Stand am …"),
    today without it. An invalid day is answered with 400, the form's message, and the
    state of today; it never reaches a cache key (the day does, validated: a page for a
    day is a page of its own)."""

    @cached_property
    def as_of_form(self) -> AsOfForm:
        return AsOfForm(self.request.GET or None)

    @property
    def as_of(self):
        return self.as_of_form.day

    @property
    def as_of_invalid(self) -> bool:
        return self.as_of_form.is_bound and not self.as_of_form.is_valid()

    def as_of_context(self) -> dict:
        form, day = self.as_of_form, self.as_of
        return {
            "as_of_form": form,
            "as_of": day,
            "as_of_today": day == timezone.localdate(),
            "as_of_invalid": self.as_of_invalid,
            # Carried on to the links between the network's views.
            "as_of_query": f"?stand={day.isoformat()}" if form.chosen else "",
            "as_of_param": day.isoformat() if form.chosen else "",
            # The key part of the cached form: none where the day is invalid (its message).
            "as_of_variant": None if self.as_of_invalid else (form.chosen and day.isoformat()),
            "today": timezone.localdate(),
        }

    def render_to_response(self, context, **kwargs):
        if self.as_of_invalid:
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


def _as_of_error(form: AsOfForm) -> JsonResponse:
    return JsonResponse({"error": " ".join(form.errors.get("stand", []))}, status=400)


class NetworkDetailView(CachedSignedInPageMixin, AsOfMixin, VisibleNetworkMixin, DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"
    cache_network = True

    def get_object(self, queryset=None):
        return self.get_network()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        network = self.object
        day = self.as_of
        # The member and link tables are a cached fragment of the template (keyed by the
        # network's version and the day shown): the members are fetched only when it has
        # to be rendered.
        context["members"] = SimpleLazyObject(lambda: graph.network_members(network, user, on=day))
        context.update(self.as_of_context())
        context["children"] = network.visible_children
        context["can_edit"] = can_edit_network(user, network)
        # The tables show this network's members and links: keyed by their version.
        context["memberships_version"] = SimpleLazyObject(
            lambda: versions.for_request(self.request, versions.memberships_of_network(network.pk))
        )
        context["is_internal"] = is_internal(user)
        # schema.org JSON-LD (public networks only), built with the cached member tables.
        # Its members are those of the tables (no query of its own).
        context["structured_data"] = functools.partial(
            _network_json_ld, network, self.request.build_absolute_uri("/"), context["members"]
        )
        return context


def _network_json_ld(network: Network, base: str, members) -> dict | None:
    return network_json_ld(network, base, members.current)


class NetworkMapView(AsOfMixin, VisibleNetworkMixin, TemplateView):
    template_name = "networks/network_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.get_network()
        context.update(self.as_of_context())
        context["network"] = network
        context["members"] = graph.network_members(network, self.request.user, on=self.as_of)
        context["data_url"] = (
            reverse("networks:map_data", kwargs={"slug": network.slug}) + context["as_of_query"]
        )
        context["levels"] = Level.choices
        return context


class NetworkMapDataView(VisibleNetworkMixin, View):
    # The map asks for its data on every view of a network's map: the network from the cache.
    cache_network = True

    def get(self, request, *args, **kwargs):
        network = self.get_network()
        form = AsOfForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return _as_of_error(form)
        day = form.day
        key = (
            f"networks:map-data:{network.pk}:"
            f"{versions.stamp(request, versions.DIRECTORY, versions.memberships_of_network(network.pk))}:"
            f"{int(is_internal(request.user))}:{timezone.localdate().isoformat()}:"
            f"{day.isoformat()}"
        )
        content = page_cache.get(key)
        if content is None:
            content = json.dumps(
                graph.network_graph(network, request.user, on=day), cls=DjangoJSONEncoder
            )
            page_cache.set(key, content, settings.PORTAL_FRAGMENT_TIMEOUT)
        return HttpResponse(content, content_type="application/json")


class NetworkChangesView(VisibleNetworkMixin, TemplateView):
    """ "Was hat sich geändert?": who joined, who left, whose role changed, which links
    began and ended between two days (``networks.history.network_changes``), as far as
    the viewer may see; the same rules as the network's page and map. Not cached: three
    queries whatever the size of the network. An invalid day is a 400 with the form's
    message and no list."""

    template_name = "networks/network_changes.html"

    def get(self, request, *args, **kwargs):
        form = ChangesForm(request.GET or None)
        valid = not form.is_bound or form.is_valid()
        context = self.get_context_data(form=form, valid=valid, **kwargs)
        return self.render_to_response(context, status=200 if valid else 400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.get_network()
        first, last = kwargs["form"].days()
        context.update(network=network, first=first, last=last, today=timezone.localdate())
        if kwargs["valid"]:
            context["changes"] = network_changes(network, self.request.user, first, last)
        return context


def _overview_filter(request) -> tuple[NetworkFilter, object]:
    """The overview's filter (as on the network list) and the networks it leaves, or
    ``None`` for all networks the viewer may see. The day (``stand``) is not a filter."""
    data = request.GET.copy()
    data.pop("stand", None)
    filterset = NetworkFilter(data or None, queryset=Network.objects.visible_to(request.user))
    if not filterset.is_bound:
        return filterset, None
    return filterset, filterset.qs if filterset.is_valid() else Network.objects.none()


class OverviewMapView(AsOfMixin, TemplateView):
    template_name = "networks/overview_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, networks = _overview_filter(self.request)
        context.update(self.as_of_context())
        day = self.as_of
        query = self.request.GET.copy()
        query.pop("stand", None)
        if self.as_of_form.chosen:
            query["stand"] = day.isoformat()
        query = query.urlencode()
        context["filter"] = filterset
        # Fetched only when the template's cached fragment has to be rendered.
        context["overview"] = SimpleLazyObject(
            lambda: graph.overview(self.request.user, networks, on=day)
        )
        context["filter_variant"] = form_variant(filterset.form)
        # The date form sends the filter along, and "Stand von heute" keeps it.
        kept = self.request.GET.copy()
        kept.pop("stand", None)
        context["filter_query"] = {
            name: values for name, values in kept.lists() if name in NetworkFilter.base_filters
        }
        context["as_of_reset_url"] = reverse("networks:overview_map") + (
            f"?{kept.urlencode()}" if kept else ""
        )
        context["data_url"] = reverse("networks:overview_map_data") + (f"?{query}" if query else "")
        context["levels"] = Level.choices
        context["limit"] = graph.OVERVIEW_LIMIT
        return context


def overview_map_data(request):
    form = AsOfForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _as_of_error(form)
    day = form.day
    filterset, networks = _overview_filter(request)
    variant = form_variant(filterset.form)
    if variant is None:  # a name search or an invalid filter: not cached
        content = json.dumps(
            graph.overview_graph(request.user, networks, on=day), cls=DjangoJSONEncoder
        )
        return HttpResponse(content, content_type="application/json")
    key = (
        f"networks:overview-data:{versions.stamp(request, *NETWORK_VERSIONS)}:"
        f"{int(is_internal(request.user))}:{timezone.localdate().isoformat()}:"
        f"{day.isoformat()}:{hashlib.sha256(variant.encode()).hexdigest()}"
    )
    content = page_cache.get(key)
    if content is None:
        content = json.dumps(
            graph.overview_graph(request.user, networks, on=day), cls=DjangoJSONEncoder
        )
        page_cache.set(key, content, settings.PORTAL_FRAGMENT_TIMEOUT)
    return HttpResponse(content, content_type="application/json")


class NetworkHistoryView(InternalRequiredMixin, VisibleNetworkMixin, TemplateView):
    template_name = "networks/network_history.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.get_network()
        paginator = Paginator(network_history(network), self.paginate_by)
        context["network"] = network
        context["page_obj"] = paginator.get_page(self.request.GET.get("seite"))
        return context


class NetworkExportView(InternalRequiredMixin, VisibleNetworkMixin, View):
    """Memberships of a network as CSV (``core.csv_export``: opens in German
    Excel, formulas neutralised)."""

    def get(self, request, *args, **kwargs):
        network = self.get_network()
        memberships = (
            Membership.objects.filter(network=network)
            .select_related("actor")
            .order_by("actor__name", "-since")
        )
        header = [
            _("Netzwerk"),
            _("Akteur"),
            _("Kurzname"),
            _("Ebene"),
            _("Rolle"),
            _("Seit"),
            _("Bis"),
            _("Status"),
            _("Interne Notiz"),
        ]
        rows = (
            (
                network.name,
                m.actor.name,
                m.actor.short_name,
                m.actor.get_level_display(),
                m.get_role_display(),
                m.since.isoformat(),
                m.until.isoformat() if m.until else "",
                _("aktuell") if m.is_current else _("beendet"),
                m.note,
            )
            for m in memberships
        )
        return csv_response(f"mitglieder-{network.slug}.csv", header, rows)


class NetworkMailingListView(InternalRequiredMixin, VisibleNetworkMixin, View):
    """The current members of a network with the e-mail addresses the portal holds, as
    CSV for a mailing list: one row per contact person with an address, one row for a
    member without. The file holds personal data (contact persons): its name and its
    first line say that it is internal. Three queries (network, members, contact
    persons), however many members."""

    def get(self, request, *args, **kwargs):
        network = self.get_network()
        contacts = ContactPerson.objects.exclude(email="").order_by("position", "name")
        memberships = (
            Membership.objects.current()
            .filter(network=network)
            .select_related("actor")
            .prefetch_related(Prefetch("actor__contact_persons", queryset=contacts))
            .order_by("actor__name", "pk")
        )
        notice = _(
            "INTERN – nur für den Dienstgebrauch: Verteiler des Netzwerks %(network)s, "
            "Stand %(date)s. Enthält personenbezogene Daten; nicht weitergeben."
        ) % {
            "network": network.name,
            "date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
        }
        columns = [
            _("Akteur"),
            _("Kurzname"),
            _("Rolle im Netzwerk"),
            _("Ansprechperson"),
            _("Funktion"),
            _("E-Mail-Adresse"),
            _("E-Mail-Adresse der Stelle"),
        ]

        def rows():
            yield columns
            for membership in memberships:
                actor = membership.actor
                start = (actor.name, actor.short_name, membership.get_role_display())
                people = list(actor.contact_persons.all())
                if not people:
                    yield (*start, "", "", "", actor.email)
                for person in people:
                    yield (*start, person.name, person.function, person.email, actor.email)

        return csv_response(f"verteiler-{network.slug}-intern.csv", [notice], rows())


class ExplainerView(TemplateView):
    """Public pages on the KI (§ 8 TIntG NRW) and KIM (§ 9), with the networks of each."""

    programme: str = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["networks"] = list(
            Network.objects.visible_to(self.request.user)
            .filter(programme=self.programme)
            .order_by("name")
        )
        return context


class KiView(ExplainerView):
    """The KI's three fields of work; their wording (§ 8 Abs. 1 Nr. 1–3) is in the template."""

    template_name = "networks/explainer_ki.html"
    programme = Programme.KI

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = {field: {"label": field.label, "networks": []} for field in FieldOfWork}
        for network in context["networks"]:
            if network.field_of_work in fields:
                fields[network.field_of_work]["networks"].append(network)
        context["fields_of_work"] = {str(field): value for field, value in fields.items()}
        return context


class KimView(ExplainerView):
    """The KIM's building blocks; their names are in the template."""

    template_name = "networks/explainer_kim.html"
    programme = Programme.KIM

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_kind: dict[str, list[Network]] = {str(kind): [] for kind in NetworkKind}
        for network in context["networks"]:
            by_kind.setdefault(network.kind, []).append(network)
        context["networks_by_kind"] = by_kind
        return context


# ---------------------------------------------------------------------------
# Editing (coordinators of the network and administrators)


class NetworkCoordinatorRequiredMixin(PortalAccessMixin):
    """Only the network's coordinators and administrators: the check is on the object,
    so a coordinator of another network gets 403. Used after ``LoginRequiredMixin``, so
    that an anonymous visitor logs in first (also for a network that does not exist)."""

    def dispatch(self, request, *args, **kwargs):
        self.network = get_object_or_404(Network, slug=kwargs["slug"])
        if not can_edit_network(request.user, self.network):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class NetworkEditView(
    EditsSharedDataMixin, LoginRequiredMixin, NetworkCoordinatorRequiredMixin, FormView
):
    """A form on a network: an invalid form is a 400, a saved one returns to the members
    page with a message. ``save()`` writes through ``networks.services`` and returns that
    message; a ``ValidationError`` from the service is shown on the form."""

    def get_success_url(self) -> str:
        return reverse("networks:members", kwargs={"slug": self.network.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def form_valid(self, form):
        try:
            message = self.save(form)
        except ValidationError as exc:
            self.add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    @staticmethod
    def add_service_errors(form, exc: ValidationError) -> None:
        """The service's messages at the form's fields; a message about a field the form
        does not show (e.g. the start of a record that is being ended) above the form."""
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)

    def save(self, form) -> str:
        raise NotImplementedError


class MembersEditView(NetworkEditView):
    """The coordinators' page: add members (picker with search), list to edit and end."""

    template_name = "networks/members_edit.html"
    form_class = MembershipAddForm

    @cached_property
    def search(self) -> ActorSearchForm:
        if self.request.method == "POST":
            search = ActorSearchForm({"q": self.request.POST.get("q", "")[:100]})
        else:
            search = ActorSearchForm(self.request.GET or None)
        search.is_valid()
        return search

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.network
        if self.request.method == "GET":
            kwargs["q"] = self.search.cleaned_data["q"] if self.search.is_valid() else ""
        return kwargs

    def get_context_data(self, **kwargs):
        members = graph.network_members(self.network, self.request.user)
        return super().get_context_data(search=self.search, members=members, **kwargs)

    def save(self, form) -> str:
        added = services.membership_add(
            network=self.network,
            actors=form.cleaned_data["actors"],
            role=form.cleaned_data["role"],
            since=form.cleaned_data["since"],
            note=form.cleaned_data["note"],
            by=self.request.user,
        )
        names = ", ".join(m.actor.name for m in added)
        return _("Aufgenommen: %(names)s") % {"names": names}


class LinkAddView(NetworkEditView):
    """A link between two actors in the context of the network; each end picked after a
    search (``LinkSearchForm``, without JavaScript) or with the combobox."""

    template_name = "networks/link_form.html"
    form_class = LinkForm

    @cached_property
    def search(self) -> LinkSearchForm:
        if self.request.method == "POST":
            data = {name: self.request.POST.get(name, "")[:100] for name in ("von", "zu")}
            search = LinkSearchForm(data)
        else:
            search = LinkSearchForm(self.request.GET or None)
        search.is_valid()
        return search

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "network": self.network}
        if self.request.method == "GET":
            kwargs["von"], kwargs["zu"] = self.search.text("von"), self.search.text("zu")
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(search=self.search, **kwargs)

    def save(self, form) -> str:
        data = form.cleaned_data
        link = services.link_add(
            source=data["source"],
            target=data["target"],
            kind=data["kind"],
            since=data["since"],
            until=data["until"],
            description=data["description"],
            network=self.network,
            by=self.request.user,
        )
        return _("Verbindung %(link)s angelegt.") % {"link": str(link)}


class ActorSuggestionsView(LoginRequiredMixin, NetworkCoordinatorRequiredMixin, View):
    """What the combobox of the pickers suggests while a coordinator types
    (``static/js/actor-combobox.js``): up to ten actors matching ``q`` as JSON, with
    ``ohne=mitglieder`` without the network's current members (the member picker).
    For those who edit the network only; a fixed number of queries however many actors
    there are (``networks.picker``)."""

    def get(self, request, *args, **kwargs):
        form = SuggestionForm(request.GET)
        if not form.is_valid():
            return JsonResponse({"results": [], "more": False}, status=400)
        if form.cleaned_data["ohne"] == "mitglieder":
            actors = picker.non_members(self.network)
        else:
            actors = Actor.objects.visible_to(request.user)
        found, more = picker.suggestions(actors, form.cleaned_data["q"])
        response = JsonResponse({"results": [picker.suggestion(a) for a in found], "more": more})
        patch_cache_control(response, private=True, no_store=True)
        return response


class VersionedEditView(NetworkEditView):
    """A form on one versioned record of the network (optimistic locking): a save on a
    stale version is refused with 409, the message and the current values, and the form
    keeps the input on top of the current version, so a second save is deliberate."""

    model: type[Membership] | type[CoordinationLink] | type[Network]
    related: tuple[str, ...] = ()

    def get_object(self):
        return get_object_or_404(
            self.model.objects.select_related(*self.related),
            pk=self.kwargs["pk"],
            network=self.network,
        )

    def editable(self, record) -> bool:
        """Whether the form is offered for the record at all (otherwise 404)."""
        return True

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.editable(self.object):
            raise Http404
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("object", self.object)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.StaleVersionError as exc:
            current = self.current(exc.current)
            form = self.rebased_form(current, version=self.rebase_version(exc.current, current))
            messages.error(
                self.request,
                _(
                    "Jemand anderes hat diesen Eintrag gespeichert, nachdem Sie ihn geöffnet "
                    "haben. Ihre Änderung wurde nicht übernommen. Die aktuellen Werte stehen "
                    "unten; prüfen Sie sie und speichern Sie erneut, wenn Ihre Änderung noch "
                    "gilt."
                ),
            )
            context = self.get_context_data(form=form, object=current, conflict=current)
            return self.render_to_response(context, status=409)

    def current(self, stale):
        """The record as now stored, shown on the conflict page."""
        return self.get_object()

    def rebase_version(self, stale, current) -> int:
        return current.version

    def rebased_form(self, current, *, version: int):
        """The user's input on top of the current version, so a second save is deliberate."""
        data = self.request.POST.copy()
        data["version"] = str(version)
        form = self.get_form_class()(data, **self.rebased_form_kwargs(current))
        form.is_valid()
        return form

    def rebased_form_kwargs(self, current) -> dict:
        return {}


class NetworkProfileEditView(VersionedEditView):
    """The network's profile: description, purpose, meeting rhythm, public or internal
    (``services.network_profile_update``, with optimistic locking and history)."""

    model = Network
    template_name = "networks/network_profile_form.html"
    form_class = NetworkProfileForm

    def get_object(self):
        return self.network

    def get_initial(self):
        return NetworkProfileForm.initial_for(self.object)

    def get_success_url(self) -> str:
        return self.network.get_absolute_url()

    def current(self, stale):
        return Network.objects.get(pk=stale.pk)

    def save(self, form) -> str:
        data = form.cleaned_data
        services.network_profile_update(
            network=self.object,
            version=data["version"],
            description=data["description"],
            purpose=data["purpose"],
            meeting_rhythm=data["meeting_rhythm"],
            is_public=data["is_public"],
            by=self.request.user,
        )
        return _("Profil des Netzwerks %(name)s gespeichert.") % {"name": self.network.name}


class MembershipEditView(VersionedEditView):
    model = Membership
    related = ("actor",)
    template_name = "networks/membership_form.html"
    form_class = MembershipForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form) -> str:
        data = form.cleaned_data
        services.membership_update(
            membership=self.object,
            version=data["version"],
            role=data["role"],
            since=data["since"],
            until=data["until"],
            note=data["note"],
            by=self.request.user,
        )
        return _("Mitgliedschaft von %(name)s gespeichert.") % {"name": self.object.actor.name}

    def current(self, stale):
        return Membership.objects.select_related("actor").get(pk=stale.pk)

    def rebased_form_kwargs(self, current) -> dict:
        # The form gets its own copy: validating it writes the input into its instance.
        return {"instance": copy(current)}


class EndView(VersionedEditView):
    """End a membership or a link (``services.time_bounded_end``); the form asks only for
    the day, the model refuses one before the start."""

    template_name = "networks/end_form.html"
    form_class = EndForm

    def editable(self, record) -> bool:
        return record.is_current

    def get_initial(self):
        return {"version": self.object.version}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "since": self.object.since}

    def save(self, form) -> str:
        services.time_bounded_end(
            record=self.object,
            version=form.cleaned_data["version"],
            until=form.cleaned_data["until"],
            by=self.request.user,
        )
        return self.done_message(self.object)

    def rebase_version(self, stale, current) -> int:
        return stale.version

    def rebased_form_kwargs(self, current) -> dict:
        return {"since": current.since}

    def done_message(self, record) -> str:
        raise NotImplementedError


class MembershipEndView(EndView):
    model = Membership
    related = ("actor",)

    def done_message(self, membership) -> str:
        return _("Mitgliedschaft von %(name)s beendet.") % {"name": membership.actor.name}


class LinkEndView(EndView):
    model = CoordinationLink
    related = ("source", "target")

    def done_message(self, link) -> str:
        return _("Verbindung %(link)s beendet.") % {"link": str(link)}
