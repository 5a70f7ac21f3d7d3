"""Forms of the networks app. They own validation and error messages; views stay thin."""

from __future__ import annotations

import datetime
import functools

import django_filters
from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from core import ids
from core.text_input import PlainTextFormMixin, TextLimitsFormMixin
from networks import picker
from networks.models import (
    DESCRIPTION_MAX_LENGTH,
    EARLIEST_DATE,
    NOTE_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    CoordinationLink,
    Membership,
    MembershipRole,
    Network,
    NetworkKind,
    Programme,
    latest_plausible_date,
    today,
    validate_plausible_end,
    validate_plausible_start,
)

PICKER_LIMIT = picker.PICKER_LIMIT


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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


class ActorSearchForm(PlainTextFormMixin, forms.Form):
    """The GET search above the member picker; works without JavaScript. With JavaScript
    its field is the combobox that suggests actors while one types."""

    q = forms.CharField(
        label=_("Akteure suchen"),
        required=False,
        max_length=picker.MAX_TEXT_LENGTH,
        help_text=_("Name oder Kurzname, z. B. „Jobcenter“ oder „ABH“."),
    )


class LinkSearchForm(PlainTextFormMixin, forms.Form):
    """The GET search above the link form: one text for each end of the link."""

    von = forms.CharField(
        label=_("Von: Akteur suchen"),
        required=False,
        max_length=picker.MAX_TEXT_LENGTH,
        help_text=_("Name oder Kurzname der abgebenden oder ersten Stelle."),
    )
    zu = forms.CharField(
        label=_("Zu: Akteur suchen"),
        required=False,
        max_length=picker.MAX_TEXT_LENGTH,
        help_text=_("Name oder Kurzname der aufnehmenden oder zweiten Stelle."),
    )

    def text(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


class SuggestionForm(PlainTextFormMixin, forms.Form):
    """The question of the combobox to ``networks:actor_suggestions``
    (``?q=erk&ohne=mitglieder``)."""

    q = forms.CharField(required=False, max_length=picker.MAX_TEXT_LENGTH)
    ohne = forms.ChoiceField(
        required=False, choices=[("mitglieder", _("aktuelle Mitglieder des Netzwerks"))]
    )


class ShownActors(BaseChoiceIterator):
    """The bounded list of actors a picker shows, computed when the form is rendered
    (not when a valid form is saved). The field itself validates against every actor it
    accepts, so a choice made from a suggestion of the combobox is accepted too.

    ``find()`` returns the matching actors, at most ``PICKER_LIMIT + 1`` of them;
    ``chosen`` are the ids sent (kept on top when the form comes back with an error),
    ``queryset`` what the field accepts."""

    def __init__(self, find, chosen: list[int], queryset):
        self._find, self._chosen, self._queryset = find, chosen, queryset
        self._choices: list[tuple[int, str]] | None = None
        self._truncated = False

    def _compute(self) -> list[tuple[int, str]]:
        if self._choices is None:
            found = list(self._find())
            self._truncated = len(found) > PICKER_LIMIT
            shown = found[:PICKER_LIMIT]
            missing = set(self._chosen) - {actor.pk for actor in shown}
            extra = list(self._queryset.filter(pk__in=missing).order_by("name")) if missing else []
            self._choices = [(actor.pk, picker.choice_label(actor)) for actor in [*extra, *shown]]
        return self._choices

    def __iter__(self):
        return iter(self._compute())

    def __len__(self):
        return len(self._compute())

    @property
    def truncated(self) -> bool:
        """Whether more actors match than are shown."""
        self._compute()
        return self._truncated


def _chosen_ids(data, name: str) -> list[int]:
    """The ids among the values sent for a picker (the others are the field's errors)."""
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
    if not isinstance(values, list | tuple):
        values = [values]
    chosen = []
    for value in values:
        try:
            number = int(str(value).strip())
        except ValueError:
            continue
        if ids.in_range(number):
            chosen.append(number)
    return chosen


class ActorChoiceField(ids.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return picker.choice_label(obj)


class ActorPickField(ids.ModelChoiceField):
    """One actor, picked from radio buttons (search-then-pick) or the combobox."""

    def label_from_instance(self, obj):
        return picker.choice_label(obj)


class MembershipAddForm(TextLimitsFormMixin, PlainTextFormMixin, forms.Form):
    """Add one or several actors at once with the same role and start date.

    The checkboxes show at most ``PICKER_LIMIT`` actors that match the search ``q`` and
    are not current members; any actor that is not a current member is accepted (the
    combobox adds the one it suggested)."""

    q = forms.CharField(
        required=False,
        max_length=picker.MAX_TEXT_LENGTH,
        widget=forms.HiddenInput(attrs={"id": "id_add_q"}),
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
            q = picker.clean_text(self.data.get("q", ""))
        self.fields["q"].initial = q
        candidates = picker.non_members(network)
        self.fields["actors"].queryset = candidates
        chosen = _chosen_ids(self.data, "actors") if self.is_bound else []
        self.shown = ShownActors(
            functools.partial(_first_matches, candidates, q), chosen, candidates
        )
        self.fields["actors"].widget.choices = self.shown

    @property
    def truncated(self) -> bool:
        return self.shown.truncated


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
    """A coordination link in the context of a network. Each end is picked from radio
    buttons: the network's current members, or the actors matching the search above the
    form (``von``, ``zu``, carried along as hidden fields), at most ``PICKER_LIMIT`` of
    them; with JavaScript the combobox ticks (or adds) the actor it suggested. Any actor
    is accepted."""

    von = forms.CharField(
        required=False,
        max_length=picker.MAX_TEXT_LENGTH,
        widget=forms.HiddenInput(attrs={"id": "id_link_von"}),
    )
    zu = forms.CharField(
        required=False,
        max_length=picker.MAX_TEXT_LENGTH,
        widget=forms.HiddenInput(attrs={"id": "id_link_zu"}),
    )

    class Meta:
        model = CoordinationLink
        fields = ["source", "kind", "target", "since", "until", "description"]
        field_classes = {"source": ActorPickField, "target": ActorPickField}
        widgets = {
            "source": forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
            "target": forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
            "since": DateInput,
            "until": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _("Bei Verweisung/Fallübergabe: von der abgebenden zur aufnehmenden Stelle."),
            "until": _("Leer lassen, solange die Verbindung besteht."),
        }

    def __init__(self, *args, network: Network, von: str = "", zu: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            von, zu = (picker.clean_text(self.data.get(name, "")) for name in ("von", "zu"))
        self.fields["von"].initial, self.fields["zu"].initial = von, zu
        actors = Actor.objects.all()
        members = Actor.objects.filter(
            pk__in=Membership.objects.current().filter(network=network).values("actor_id")
        ).order_by("name", "pk")
        self.shown = {}
        for name, text in (("source", von), ("target", zu)):
            field = self.fields[name]
            field.queryset = actors
            if text:
                find = functools.partial(_first_matches, actors, text)
            else:
                find = functools.partial(_first_matches, members, "")
            chosen = _chosen_ids(self.data, name) if self.is_bound else []
            self.shown[name] = field.widget.choices = ShownActors(find, chosen, actors)
        # What each list shows, for its hint: the search's matches or the members.
        self.searched = {"source": bool(von), "target": bool(zu)}


def _first_matches(queryset, text: str):
    """One more than the picker shows (to know whether there are more); narrow rows, so
    that PostgreSQL sorts thousands of matches in memory."""
    return picker.matching(queryset, text).only("pk", "name", "short_name", "level")[
        : PICKER_LIMIT + 1
    ]


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


# ---------------------------------------------------------------------------
# The network over time: "Stand am …" and "Was hat sich geändert?" (GET forms)


class DayField(forms.DateField):
    """A day from 1950 (the networks are younger) until one year ahead (the latest a
    membership may be planned), typed as ISO (the date input sends it) or as 19.09.2024.
    Anything else – words, year 0, 99999-01-01 – is a clear message, never an error page.
    """

    widget = DateInput
    input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Bitte geben Sie ein gültiges Datum ein, z. B. 19.09.2024.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 40:  # no date is that long
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        latest = latest_plausible_date()
        if not EARLIEST_DATE <= value <= latest:
            raise forms.ValidationError(
                _("Bitte wählen Sie einen Tag zwischen dem %(earliest)s und dem %(latest)s."),
                code="out_of_range",
                params={
                    "earliest": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                    "latest": date_format(latest, "SHORT_DATE_FORMAT"),
                },
            )


class AsOfForm(forms.Form):
    """``?stand=2023-06-30``: the network's memberships and links as they were that day.
    Empty or missing: today."""

    stand = DayField(
        label=_("Stand am"),
        initial=today,
        help_text=_("Mitglieder und Verbindungen, wie sie an diesem Tag bestanden."),
    )

    def __init__(self, data=None, **kwargs):
        # Only its own parameter: the page's other parameters (filters) are not its business.
        if data is not None:
            data = {"stand": data["stand"]} if "stand" in data else None
        super().__init__(data, **kwargs)

    @property
    def day(self) -> datetime.date:
        """The day asked for; today when none (or no valid one) was given."""
        if self.is_bound and self.is_valid() and self.cleaned_data["stand"]:
            return self.cleaned_data["stand"]
        return today()

    @property
    def chosen(self) -> bool:
        """Whether a valid day was asked for (``?stand=`` with a date)."""
        return bool(self.is_bound and self.is_valid() and self.cleaned_data["stand"])


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class ChangesForm(forms.Form):
    """``?von=…&bis=…``: what changed in a network between two days. ``bis`` defaults to
    today, ``von`` to a year before ``bis``."""

    von = DayField(
        label=_("Von"),
        initial=lambda: year_before(today()),
        help_text=_("Stand am ersten Tag des Vergleichs (ohne Angabe: ein Jahr vor „Bis“)."),
    )
    bis = DayField(
        label=_("Bis"),
        initial=today,
        help_text=_("Stand am letzten Tag des Vergleichs (ohne Angabe: heute)."),
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {name: data[name] for name in ("von", "bis") if data.get(name)} or None
        if data is not None:
            # The form shows the two days compared, also the one left out.
            data.setdefault("bis", today().isoformat())
            if "von" not in data:
                try:
                    last = self.base_fields["bis"].clean(data["bis"])
                    data["von"] = max(year_before(last), EARLIEST_DATE)
                except forms.ValidationError:
                    pass
                else:
                    data["von"] = data["von"].isoformat()
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("von")
        if first and "bis" not in self.errors and first > (cleaned.get("bis") or today()):
            self.add_error("bis", _("„Bis“ darf nicht vor „Von“ liegen (ohne Angabe: heute)."))
        return cleaned

    def days(self) -> tuple[datetime.date, datetime.date]:
        """The two days compared, defaults filled in (both defaults for an invalid form)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        last = data.get("bis") or today()
        return data.get("von") or max(year_before(last), EARLIEST_DATE), last
