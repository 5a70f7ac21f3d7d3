"""Pages of the networks: list, detail, maps, history, export, editing, explainers.

Reads go through ``networks.graph`` / ``networks.history`` (fixed query counts), writes
through ``networks.services``. Who may do what is asked of
``integration_portal.permissions``: anonymous visitors see public networks with public
members only; every signed-in account reads internal networks, history and exports;
only a network's coordinators and administrators edit it.
"""

from __future__ import annotations

import hashlib
import json
from copy import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from actors.models import Level
from integration_portal import versions
from integration_portal.caching import form_variant, page_cache
from integration_portal.csv_export import csv_response
from integration_portal.pagination import CachedCountListMixin
from integration_portal.permissions import InternalRequiredMixin, can_edit_network, is_internal
from networks import graph, services
from networks.forms import (
    ActorSearchForm,
    EndForm,
    LinkForm,
    MembershipAddForm,
    MembershipForm,
    NetworkFilter,
)
from networks.history import network_history
from networks.models import (
    CoordinationLink,
    FieldOfWork,
    Membership,
    Network,
    NetworkKind,
    Programme,
)

# ---------------------------------------------------------------------------
# Reading


class NetworkListView(CachedCountListMixin, ListView):
    template_name = "networks/network_list.html"
    context_object_name = "networks"
    # All NRW has some 2,000 networks: one page of them is a table, all of them a megabyte.
    paginate_by = 50
    page_kwarg = "seite"
    count_namespace = "networks:list"

    def get_queryset(self):
        user = self.request.user
        base = (
            Network.objects.visible_to(user)
            .with_member_counts(user)
            .select_related("lead_actor", "parent")
            .order_by("programme", "name")
        )
        self.filterset = NetworkFilter(self.request.GET or None, queryset=base)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return base.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class VisibleNetworkMixin:
    """Look the network up among those the viewer may see; others are a plain 404."""

    def get_network(self) -> Network:
        if not hasattr(self, "_network"):
            self._network = get_object_or_404(
                Network.objects.visible_to(self.request.user).select_related(
                    "lead_actor", "parent"
                ),
                slug=self.kwargs["slug"],
            )
        return self._network


class NetworkDetailView(VisibleNetworkMixin, DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_object(self, queryset=None):
        return self.get_network()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        network = self.object
        # The member and link tables are a cached fragment of the template (keyed by the
        # network's version): the members are fetched only when it has to be rendered.
        context["members"] = SimpleLazyObject(lambda: graph.network_members(network, user))
        context["today"] = timezone.localdate()
        context["children"] = list(network.children.visible_to(user).order_by("name"))
        context["can_edit"] = can_edit_network(user, network)
        context["is_internal"] = is_internal(user)
        return context


class NetworkMapView(VisibleNetworkMixin, TemplateView):
    template_name = "networks/network_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.get_network()
        context["network"] = network
        context["members"] = graph.network_members(network, self.request.user)
        context["data_url"] = reverse("networks:map_data", kwargs={"slug": network.slug})
        context["levels"] = Level.choices
        return context


class NetworkMapDataView(VisibleNetworkMixin, View):
    def get(self, request, *args, **kwargs):
        network = self.get_network()
        key = (
            f"networks:map-data:{network.pk}:{versions.for_request(request)}:"
            f"{int(is_internal(request.user))}:{timezone.localdate().isoformat()}"
        )
        content = page_cache.get(key)
        if content is None:
            content = json.dumps(graph.network_graph(network, request.user), cls=DjangoJSONEncoder)
            page_cache.set(key, content, settings.PORTAL_FRAGMENT_TIMEOUT)
        return HttpResponse(content, content_type="application/json")


def _overview_filter(request) -> tuple[NetworkFilter, object]:
    """The overview's filter (as on the network list) and the networks it leaves, or
    ``None`` for all networks the viewer may see."""
    filterset = NetworkFilter(
        request.GET or None, queryset=Network.objects.visible_to(request.user)
    )
    if not filterset.is_bound:
        return filterset, None
    return filterset, filterset.qs if filterset.is_valid() else Network.objects.none()


class OverviewMapView(TemplateView):
    template_name = "networks/overview_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, networks = _overview_filter(self.request)
        query = self.request.GET.urlencode()
        context["filter"] = filterset
        # Fetched only when the template's cached fragment has to be rendered.
        context["overview"] = SimpleLazyObject(lambda: graph.overview(self.request.user, networks))
        context["today"] = timezone.localdate()
        context["filter_variant"] = form_variant(filterset.form)
        context["data_url"] = reverse("networks:overview_map_data") + (f"?{query}" if query else "")
        context["levels"] = Level.choices
        context["limit"] = graph.OVERVIEW_LIMIT
        return context


def overview_map_data(request):
    filterset, networks = _overview_filter(request)
    variant = form_variant(filterset.form)
    if variant is None:  # a name search or an invalid filter: not cached
        content = json.dumps(graph.overview_graph(request.user, networks), cls=DjangoJSONEncoder)
        return HttpResponse(content, content_type="application/json")
    key = (
        f"networks:overview-data:{versions.for_request(request)}:"
        f"{int(is_internal(request.user))}:{timezone.localdate().isoformat()}:"
        f"{hashlib.sha256(variant.encode()).hexdigest()}"
    )
    content = page_cache.get(key)
    if content is None:
        content = json.dumps(graph.overview_graph(request.user, networks), cls=DjangoJSONEncoder)
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
    """Memberships of a network as CSV (``integration_portal.csv_export``: opens in German
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
    template_name = "networks/explainer_ki.html"
    programme = Programme.KI

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_field: dict[str, list[Network]] = {}
        for network in context["networks"]:
            by_field.setdefault(network.field_of_work, []).append(network)
        context["fields_of_work"] = [
            {
                "label": FieldOfWork.EDUCATION.label,
                "paragraph": "§ 8 Abs. 1 Nr. 1",
                "text": _(
                    "Angebote im Elementarbereich, in der Schule und beim Übergang von der "
                    "Schule in den Beruf unterstützen – zusammen mit den unteren "
                    "Schulaufsichtsbehörden –, damit Kinder und Jugendliche mit "
                    "Einwanderungsgeschichte bessere Bildungschancen haben."
                ),
                "networks": by_field.get(FieldOfWork.EDUCATION, []),
            },
            {
                "label": FieldOfWork.CROSS_CUTTING.label,
                "paragraph": "§ 8 Abs. 1 Nr. 2",
                "text": _(
                    "Die Aktivitäten und Angebote der kommunalen Ämter und Einrichtungen und "
                    "der freien Träger zu Integration und Zusammenleben in Vielfalt koordinieren."
                ),
                "networks": by_field.get(FieldOfWork.CROSS_CUTTING, []),
            },
            {
                "label": FieldOfWork.VOLUNTEERING.label,
                "paragraph": "§ 8 Abs. 1 Nr. 3",
                "text": _(
                    "Ehrenamtliche Angebote in den Kommunen koordinieren und unterstützen, "
                    "besonders für geflüchtete Menschen und weitere Neueingewanderte."
                ),
                "networks": by_field.get(FieldOfWork.VOLUNTEERING, []),
            },
        ]
        return context


class KimView(ExplainerView):
    template_name = "networks/explainer_kim.html"
    programme = Programme.KIM

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_kind: dict[str, list[Network]] = {}
        for network in context["networks"]:
            by_kind.setdefault(network.kind, []).append(network)
        context["building_blocks"] = [
            {"label": label, "networks": by_kind.get(kind, [])}
            for kind, label in (
                (NetworkKind.STEERING_GROUP, _("Lenkungsgruppe")),
                (NetworkKind.COORDINATING_OFFICE, _("Koordinierende Stelle")),
                (
                    NetworkKind.CASE_MANAGEMENT,
                    _(
                        "KIM Case Management als Ergänzung zu bestehenden Case Management "
                        "Ansätzen vor Ort"
                    ),
                ),
                (
                    NetworkKind.IMMIGRATION_OFFICE_POSTS,
                    _("Personalstellen bei den Ausländerbehörden"),
                ),
            )
        ]
        return context


# ---------------------------------------------------------------------------
# Editing (coordinators of the network and administrators)


class NetworkEditMixin(AccessMixin):
    """Only the network's coordinators and administrators; anonymous visitors log in first.

    The check is on the object: a coordinator of another network gets 403 here.
    """

    raise_exception = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.network = get_object_or_404(Network, slug=kwargs["slug"])
        if not can_edit_network(request.user, self.network):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def members_url(self) -> str:
        return reverse("networks:members", kwargs={"slug": self.network.slug})


class MembersEditView(NetworkEditMixin, View):
    """The coordinators' page: add members (picker with search), list to edit and end."""

    template_name = "networks/members_edit.html"

    def get(self, request, *args, **kwargs):
        search = ActorSearchForm(request.GET or None)
        q = search.cleaned_data["q"] if search.is_valid() else ""
        form = MembershipAddForm(network=self.network, q=q)
        return self.render(search, form)

    def post(self, request, *args, **kwargs):
        form = MembershipAddForm(request.POST, network=self.network)
        search = ActorSearchForm({"q": request.POST.get("q", "")[:100]})
        search.is_valid()
        if form.is_valid():
            try:
                added = services.membership_add(
                    network=self.network,
                    actors=form.cleaned_data["actors"],
                    role=form.cleaned_data["role"],
                    since=form.cleaned_data["since"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                names = ", ".join(m.actor.name for m in added)
                messages.success(request, _("Aufgenommen: %(names)s") % {"names": names})
                return redirect(self.members_url())
        return self.render(search, form, status=400)

    def render(self, search, form, status=200):
        members = graph.network_members(self.network, self.request.user)
        return render(
            self.request,
            self.template_name,
            {"network": self.network, "search": search, "form": form, "members": members},
            status=status,
        )


class _VersionedEditView(NetworkEditMixin, View):
    """Shared handling of a stale version: refuse, say so, show the current values."""

    model = None

    def get_object(self):
        return get_object_or_404(
            self.model.objects.select_related(*self.related),
            pk=self.kwargs["pk"],
            network=self.network,
        )

    def conflict(self, form, current, template_name):
        messages.error(
            self.request,
            _(
                "Jemand anderes hat diesen Eintrag gespeichert, nachdem Sie ihn geöffnet "
                "haben. Ihre Änderung wurde nicht übernommen. Die aktuellen Werte stehen "
                "unten; prüfen Sie sie und speichern Sie erneut, wenn Ihre Änderung noch "
                "gilt."
            ),
        )
        return render(
            self.request,
            template_name,
            {"network": self.network, "object": current, "form": form, "conflict": current},
            status=409,
        )


class MembershipEditView(_VersionedEditView):
    model = Membership
    related = ("actor",)
    template_name = "networks/membership_form.html"

    def get(self, request, *args, **kwargs):
        membership = self.get_object()
        return self.show(MembershipForm(instance=membership), membership)

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        form = MembershipForm(request.POST, instance=membership)
        if not form.is_valid():
            return self.show(form, membership, status=400)
        data = form.cleaned_data
        try:
            services.membership_update(
                membership=membership,
                version=data["version"],
                role=data["role"],
                since=data["since"],
                until=data["until"],
                note=data["note"],
                by=request.user,
            )
        except services.StaleVersionError as exc:
            current = Membership.objects.select_related("actor").get(pk=exc.current.pk)
            # The form gets its own copy: validating it writes the input into its instance.
            form = _rebased(MembershipForm, request.POST, current, instance=copy(current))
            return self.conflict(form, current, self.template_name)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.show(form, membership, status=400)
        messages.success(
            request, _("Mitgliedschaft von %(name)s gespeichert.") % {"name": membership.actor.name}
        )
        return redirect(self.members_url())

    def show(self, form, membership, status=200):
        return render(
            self.request,
            self.template_name,
            {"network": self.network, "object": membership, "form": form},
            status=status,
        )


def _rebased(form_class, post, current, **kwargs):
    """The user's input on top of the current version, so a second save is deliberate."""
    data = post.copy()
    data["version"] = str(current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


class _EndView(_VersionedEditView):
    """End a membership or a link (``services.time_bounded_end``); the form asks only for
    the day, the model refuses one before the start."""

    template_name = "networks/end_form.html"

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        if not obj.is_current:
            raise Http404
        form = EndForm(initial={"version": obj.version}, since=obj.since)
        return self.show(form, obj)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = EndForm(request.POST, since=obj.since)
        if not form.is_valid():
            return self.show(form, obj, status=400)
        try:
            services.time_bounded_end(
                record=obj,
                version=form.cleaned_data["version"],
                until=form.cleaned_data["until"],
                by=request.user,
            )
        except services.StaleVersionError as exc:
            current = self.get_object()
            form = _rebased(EndForm, request.POST, exc.current, since=current.since)
            return self.conflict(form, current, self.template_name)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.show(form, obj, status=400)
        messages.success(request, self.done_message(obj))
        return redirect(self.members_url())

    def show(self, form, obj, status=200):
        return render(
            self.request,
            self.template_name,
            {"network": self.network, "object": obj, "form": form},
            status=status,
        )


class MembershipEndView(_EndView):
    model = Membership
    related = ("actor",)

    def done_message(self, membership) -> str:
        return _("Mitgliedschaft von %(name)s beendet.") % {"name": membership.actor.name}


class LinkEndView(_EndView):
    model = CoordinationLink
    related = ("source", "target")

    def done_message(self, link) -> str:
        return _("Verbindung %(link)s beendet.") % {"link": str(link)}


class LinkAddView(NetworkEditMixin, View):
    template_name = "networks/link_form.html"

    def get(self, request, *args, **kwargs):
        return self.show(LinkForm())

    def post(self, request, *args, **kwargs):
        form = LinkForm(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        data = form.cleaned_data
        try:
            link = services.link_add(
                source=data["source"],
                target=data["target"],
                kind=data["kind"],
                since=data["since"],
                until=data["until"],
                description=data["description"],
                network=self.network,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.show(form, status=400)
        messages.success(request, _("Verbindung %(link)s angelegt.") % {"link": str(link)})
        return redirect(self.members_url())

    def show(self, form, status=200):
        return render(
            self.request, self.template_name, {"network": self.network, "form": form}, status=status
        )
