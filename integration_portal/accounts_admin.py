"""The administrators' pages for accounts: list, invitation, role, deactivation.

``/mein-bereich/konten/`` lists every account (name, address, role, active, last
sign-in, second factor, a coordinator's networks), filtered by role and status, in pages
of a fixed number of queries. ``einladen/`` creates an account without a usable
password and e-mails a link with which the person sets it (allauth's password-reset
link, which expires like one). Each account's page changes its role (and a
coordinator's networks) with optimistic locking, deactivates or reactivates it (accounts
are never deleted) and shows who changed what and when. Every write goes through
``core.services``; administrators only, never cached.
"""

from __future__ import annotations

import logging

from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, View

from core import services
from core.models import AccountChange, Role, User, normalize_account_email
from core.permissions import AdminRequiredMixin
from core.security import SECOND_FACTOR_TYPES, EditsSharedDataMixin
from core.text_input import PlainTextFormMixin
from networks.models import Network

logger = logging.getLogger(__name__)

#: The values of the status filter (``?aktiv=ja``), in the URL's language.
ACTIVE_CHOICES = [
    ("", gettext_lazy("Alle")),
    ("ja", gettext_lazy("Aktiv")),
    ("nein", gettext_lazy("Deaktiviert")),
]


# --- forms ---------------------------------------------------------------------------


class AccountFilterForm(forms.Form):
    """The list's filter (GET): one role, active or deactivated accounts, or all."""

    rolle = forms.ChoiceField(
        label=gettext_lazy("Rolle"),
        required=False,
        choices=[("", gettext_lazy("Alle"))] + list(Role.choices),
    )
    aktiv = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=ACTIVE_CHOICES)


def _network_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=gettext_lazy("Koordinierte Netzwerke"),
        queryset=Network.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Nur für die Rolle Koordination: die Netzwerke, die die Person bearbeiten darf."
        ),
    )


class NetworksForCoordinatorsMixin:
    """Networks belong to coordinators only; other roles with networks are a form error."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("networks") and cleaned.get("role") not in (None, Role.COORDINATOR):
            self.add_error(
                "networks",
                _(
                    "Netzwerke können nur einer Person mit der Rolle Koordination zugeordnet werden."
                ),
            )
        return cleaned


class AccountInviteForm(NetworksForCoordinatorsMixin, PlainTextFormMixin, forms.Form):
    """Address, name, role and (for coordinators) networks of a new account."""

    email = forms.EmailField(
        label=gettext_lazy("E-Mail-Adresse"),
        max_length=254,
        help_text=gettext_lazy(
            "An diese Adresse geht die Einladung; mit ihr meldet sich die Person an."
        ),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("Rolle"), choices=Role.choices, widget=forms.RadioSelect
    )
    networks = _network_field()

    def clean_email(self) -> str:
        email = normalize_account_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("Für diese E-Mail-Adresse gibt es bereits ein Konto."), code="exists"
            )
        return email


class AccountRoleForm(NetworksForCoordinatorsMixin, forms.Form):
    """Role and networks of an account, with the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    role = forms.ChoiceField(
        label=gettext_lazy("Rolle"), choices=Role.choices, widget=forms.RadioSelect
    )
    networks = _network_field()

    @classmethod
    def for_account(cls, account: User, data=None) -> AccountRoleForm:
        initial = {
            "version": account.version,
            "role": account.role,
            "networks": list(account.coordinated_networks.all()),
        }
        return cls(data, initial=initial)


class AccountActiveForm(forms.Form):
    """Deactivate (``aktiv=nein``) or reactivate (``aktiv=ja``) at a version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    aktiv = forms.ChoiceField(choices=[("ja", "ja"), ("nein", "nein")], widget=forms.HiddenInput)


# --- views -----------------------------------------------------------------------------


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


def _send_invitation(request, account: User) -> bool:
    """Send the invitation mail; a failing mail server is a message, not an error page
    (the account exists, and the invitation can be sent again)."""
    try:
        services.account_invitation_send(account=account, site_url=_site_url(request))
    except Exception:
        logger.exception("Account %s: the invitation could not be sent.", account.pk)
        messages.error(
            request,
            _(
                "Die Einladung an %(email)s konnte nicht gesendet werden. Das Konto ist "
                "angelegt; versuchen Sie es später mit „Einladung erneut senden“."
            )
            % {"email": account.email},
        )
        return False
    return True


@method_decorator(never_cache, name="dispatch")
class AccountListView(AdminRequiredMixin, ListView):
    """All accounts by address; ``?rolle=coordinator&aktiv=ja`` narrows the list (an
    unknown value shows all, with a note)."""

    template_name = "accounts_admin/account_list.html"
    context_object_name = "accounts"
    paginate_by = 50
    page_kwarg = "seite"

    def get_filter(self) -> AccountFilterForm:
        if not hasattr(self, "_filter"):
            self._filter = AccountFilterForm(self.request.GET or None)
        return self._filter

    def get_queryset(self):
        # The rows, whether each has a second factor (a subquery), and the networks of
        # the page's accounts (one more query): the same count for 3 or 3,000 accounts.
        queryset = (
            User.objects.order_by("email")
            .only("email", "name", "role", "is_active", "is_superuser", "last_login")
            .annotate(
                has_second_factor=Exists(
                    Authenticator.objects.filter(
                        user_id=OuterRef("pk"), type__in=SECOND_FACTOR_TYPES
                    )
                )
            )
            .prefetch_related(
                Prefetch(
                    "coordinated_networks",
                    queryset=Network.objects.order_by("name").only("name", "slug"),
                )
            )
        )
        form = self.get_filter()
        if form.is_bound and form.is_valid():
            if form.cleaned_data["rolle"]:
                queryset = queryset.filter(role=form.cleaned_data["rolle"])
            if form.cleaned_data["aktiv"]:
                queryset = queryset.filter(is_active=form.cleaned_data["aktiv"] == "ja")
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or malformed shows the nearest valid page.
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_filter()
        valid = form.is_bound and form.is_valid()
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        paginator, page_obj = context["paginator"], context["page_obj"]
        context.update(
            filter_form=form,
            filter_role=form.cleaned_data["rolle"] if valid else "",
            filter_active=form.cleaned_data["aktiv"] if valid else "",
            filter_invalid=form.is_bound and not valid,
            role_choices=Role.choices,
            active_choices=ACTIVE_CHOICES[1:],
            coordinator_role=Role.COORDINATOR,
            query_string=query.urlencode(),
            page_links=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            ellipsis=paginator.ELLIPSIS,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class AccountInviteView(AdminRequiredMixin, EditsSharedDataMixin, FormView):
    """Invite a person: the account is created without a password, the mail has the link."""

    template_name = "accounts_admin/account_invite.html"
    form_class = AccountInviteForm

    def form_valid(self, form):
        try:
            account = services.account_invite(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                networks=list(form.cleaned_data["networks"]),
                name=form.cleaned_data["name"],
                by=self.request.user,
            )
        except ValidationError as error:
            # An account created in the meantime, or addresses differing only in case.
            form.add_error("email", error)
            return self.form_invalid(form)
        if _send_invitation(self.request, account):
            messages.success(
                self.request,
                _("Konto angelegt. Die Einladung wurde an %(email)s gesendet.")
                % {"email": account.email},
            )
        return redirect("accounts_admin_detail", account_id=account.pk)


class AccountObjectMixin:
    def get_account(self) -> User:
        return get_object_or_404(User, pk=self.kwargs["account_id"])


@method_decorator(never_cache, name="dispatch")
class AccountDetailView(AdminRequiredMixin, EditsSharedDataMixin, AccountObjectMixin, FormView):
    """One account: its data, the form for role and networks, deactivation or
    reactivation, the invitation, and its history.

    A save based on a stale version is refused with 409, a message and the values now
    stored; the form keeps the input on top of the current version."""

    template_name = "accounts_admin/account_detail.html"
    form_class = AccountRoleForm

    def get(self, request, *args, **kwargs):
        self.object = self.get_account()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_account()
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return AccountRoleForm.for_account(self.object, data)

    def get_context_data(self, **kwargs):
        account = self.object
        kwargs.setdefault("account", account)
        kwargs.setdefault("history", account_history(account))
        kwargs.setdefault(
            "has_second_factor",
            Authenticator.objects.filter(user=account, type__in=SECOND_FACTOR_TYPES).exists(),
        )
        kwargs.setdefault("is_self", account.pk == self.request.user.pk)
        kwargs.setdefault("can_resend", account.is_active and account.last_login is None)
        kwargs.setdefault("coordinator_role", Role.COORDINATOR)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.account_role_change(
                account=self.object,
                version=form.cleaned_data["version"],
                role=form.cleaned_data["role"],
                networks=list(form.cleaned_data["networks"]),
                by=self.request.user,
            )
        except services.StaleVersionError as stale:
            current = stale.current
            data = self.request.POST.copy()
            data["version"] = str(current.version)
            rebased = AccountRoleForm.for_account(current, data)
            rebased.is_valid()
            messages.error(self.request, _stale_message())
            self.object = current
            context = self.get_context_data(form=rebased, conflict=current)
            return self.render_to_response(context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Rolle von %(account)s gespeichert.") % {"account": self.object.email},
        )
        return redirect("accounts_admin_detail", account_id=self.object.pk)


def _stale_message() -> str:
    return _(
        "Jemand anderes hat dieses Konto geändert, nachdem Sie die Seite geöffnet haben. "
        "Ihre Änderung wurde nicht übernommen. Die aktuellen Werte stehen unten; prüfen Sie "
        "sie und speichern Sie erneut, wenn Ihre Änderung noch gilt."
    )


class AccountActiveView(AdminRequiredMixin, EditsSharedDataMixin, AccountObjectMixin, View):
    """Deactivate or reactivate an account (POST only); back to the account's page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.get_account()
        form = AccountActiveForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, _("Die Anfrage war unvollständig. Bitte versuchen Sie es erneut.")
            )
            return redirect("accounts_admin_detail", account_id=account.pk)
        active = form.cleaned_data["aktiv"] == "ja"
        try:
            services.account_active_set(
                account=account,
                version=form.cleaned_data["version"],
                active=active,
                by=request.user,
            )
        except services.StaleVersionError:
            messages.error(request, _stale_message())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if active:
                message = _("Das Konto %(email)s ist wieder aktiv.")
            else:
                message = _(
                    "Das Konto %(email)s ist deaktiviert. Es kann sich nicht mehr anmelden; "
                    "offene Sitzungen enden mit der nächsten Anfrage."
                )
            messages.success(request, message % {"email": account.email})
        return redirect("accounts_admin_detail", account_id=account.pk)


class AccountInvitationResendView(
    AdminRequiredMixin, EditsSharedDataMixin, AccountObjectMixin, View
):
    """Send the invitation again, with a new link, to an account that never signed in."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.get_account()
        if not account.is_active or account.last_login is not None:
            messages.error(
                request,
                _(
                    "Eine Einladung kann nur an ein aktives Konto gesendet werden, das sich "
                    "noch nie angemeldet hat. Wer sein Passwort vergessen hat, setzt es über "
                    "„Passwort vergessen“ neu."
                ),
            )
        elif _send_invitation(request, account):
            services.account_invitation_record_resent(account=account, by=request.user)
            messages.success(
                request,
                _("Die Einladung wurde erneut an %(email)s gesendet.") % {"email": account.email},
            )
        return redirect("accounts_admin_detail", account_id=account.pk)


def account_history(account: User) -> list[AccountChange]:
    """The account's recorded changes, newest first, with who made them (one query)."""
    return list(account.account_changes.select_related("by").order_by("-at", "-pk"))
