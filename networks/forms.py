"""Forms of the networks app. They own validation and error messages; views stay thin."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from core import ids
from core.text_input import PlainTextFormMixin
from networks.models import (
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    CoordinationLink,
    MaxCharactersValidator,
    Membership,
    MembershipRole,
    Network,
    NetworkKind,
    Programme,
    grouped_number,
    today,
    validate_plausible_end,
    validate_plausible_start,
)

# The picker shows at most this many actors; the search narrows the rest.
PICKER_LIMIT = 100


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TextLimitsFormMixin:
    """Every visible text field with a ``max_length`` says its limit in its hint
    ("höchstens 2.000 Zeichen"; the browser gets ``maxlength``) and refuses a longer
    text with the limit and the count (``MaxCharactersValidator``) instead of Django's
    general message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or field.max_length is None:
                continue
            if field.widget.is_hidden:
                continue
            field.validators = [
                MaxCharactersValidator(field.max_length)
                if type(validator) is MaxLengthValidator
                else validator
                for validator in field.validators
            ]
            hint = gettext("Höchstens %(limit)s Zeichen.") % {
                "limit": grouped_number(field.max_length)
            }
            field.help_text = f"{field.help_text} {hint}" if field.help_text else hint


class NetworkFilter(django_filters.FilterSet):
    """Filters of the network list and the overview map
    (``/netzwerke/?name=integration&programm=kim&art=steering_group``)."""

    name = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=100, label=_("Name enthält")
    )
    programm = django_filters.ChoiceFilter(
        field_name="programme",
        choices=Programme.choices,
        label=_("Programm"),
        empty_label=_("Alle"),
    )
    art = django_filters.ChoiceFilter(
        field_name="kind", choices=NetworkKind.choices, label=_("Art"), empty_label=_("Alle")
    )

    class Meta:
        model = Network
        fields: list[str] = []


def search_actors(queryset, q: str):
    """Narrow actors by a search term in name, short name or address."""
    # The bound add form passes the raw POST value: drop NUL characters (PostgreSQL
    # refuses them in a query) and cut it to the search field's length (a very long
    # LIKE pattern fails on SQLite and costs time everywhere).
    q = q.replace("\x00", "").strip()[:100]
    if not q:
        return queryset
    return queryset.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(slug__icontains=q))


class ActorSearchForm(PlainTextFormMixin, forms.Form):
    """The GET search above the picker; works without JavaScript."""

    q = forms.CharField(
        label=_("Akteure suchen"),
        required=False,
        max_length=100,
        help_text=_("Name oder Kurzname, z. B. „Jobcenter“ oder „ABH“."),
    )


class ActorChoiceField(ids.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        short = f" ({obj.short_name})" if obj.short_name else ""
        return f"{obj.name}{short} – {obj.get_level_display()}"


class MembershipAddForm(TextLimitsFormMixin, PlainTextFormMixin, forms.Form):
    """Add one or several actors at once with the same role and start date."""

    q = forms.CharField(
        required=False, max_length=100, widget=forms.HiddenInput(attrs={"id": "id_add_q"})
    )
    actors = ActorChoiceField(
        label=_("Akteure"),
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        error_messages={"required": _("Bitte wählen Sie mindestens einen Akteur aus.")},
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )
    since = forms.DateField(
        label=_("Mitglied seit"),
        initial=today,
        widget=DateInput,
        validators=[validate_plausible_start],
    )
    note = forms.CharField(
        label=_("Interne Notiz"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur für angemeldete Mitarbeitende sichtbar."),
    )

    def __init__(self, *args, network: Network, q: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        if self.is_bound:
            q = self.data.get("q", "")
        self.fields["q"].initial = q
        current = Membership.objects.current().filter(network=network).values("actor_id")
        candidates = search_actors(Actor.objects.exclude(pk__in=current), q).order_by("name")
        self.truncated = False
        if not self.is_bound:
            # Show a bounded list; the search narrows it. A bound form validates against
            # every candidate, so a choice made from the shown list is always accepted.
            ids = list(candidates.values_list("pk", flat=True)[: PICKER_LIMIT + 1])
            self.truncated = len(ids) > PICKER_LIMIT
            candidates = candidates.filter(pk__in=ids[:PICKER_LIMIT])
        self.fields["actors"].queryset = candidates


class VersionedForm(PlainTextFormMixin, forms.Form):
    """A form that carries the version its values were read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MembershipForm(TextLimitsFormMixin, PlainTextFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Membership
        fields = ["role", "since", "until", "note"]
        widgets = {
            "since": DateInput,
            "until": DateInput,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "until": _("Leer lassen, solange die Mitgliedschaft besteht."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version


class EndForm(VersionedForm):
    """End a membership or link on a day. That it is not before the start is the model's
    rule (``TimeBounded``): the service reports it at ``until``."""

    until = forms.DateField(
        label=_("Enddatum"),
        initial=today,
        widget=DateInput,
        validators=[validate_plausible_end],
    )

    def __init__(self, *args, since, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].help_text = _("Begonnen am %(since)s.") % {
            "since": since.strftime("%d.%m.%Y")
        }


class LinkForm(TextLimitsFormMixin, PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = CoordinationLink
        fields = ["source", "kind", "target", "since", "until", "description"]
        field_classes = {"source": ids.ModelChoiceField, "target": ids.ModelChoiceField}
        widgets = {
            "since": DateInput,
            "until": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _("Bei Verweisung/Fallübergabe: von der abgebenden zur aufnehmenden Stelle."),
            "until": _("Leer lassen, solange die Verbindung besteht."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actors = Actor.objects.order_by("name")
        self.fields["source"].queryset = actors
        self.fields["target"].queryset = actors


class NetworkProfileForm(TextLimitsFormMixin, VersionedForm):
    """The profile of a network that its coordinators keep up to date
    (``services.network_profile_update``)."""

    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Steht oben auf der Seite des Netzwerks."),
    )
    purpose = forms.CharField(
        label=_("Zweck"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wozu das Netzwerk da ist, z. B. „Abstimmung der Fallübergaben im KIM“."),
    )
    meeting_rhythm = forms.CharField(
        label=_("Sitzungsrhythmus"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        help_text=_("Z. B. „vierteljährlich, jeweils am ersten Dienstag“."),
    )
    is_public = forms.BooleanField(
        label=_("Öffentlich sichtbar"),
        required=False,
        help_text=_(
            "Ohne Haken ist das Netzwerk intern: Nur angemeldete Mitarbeitende sehen es, "
            "seine Mitglieder und seine Verbindungen."
        ),
    )

    @classmethod
    def initial_for(cls, network: Network) -> dict:
        """The form's values read from the network, with the version they belong to."""
        return {
            "version": network.version,
            "description": network.description,
            "purpose": network.purpose,
            "meeting_rhythm": network.meeting_rhythm,
            "is_public": network.is_public,
        }
