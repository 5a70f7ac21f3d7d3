"""Forms of the suggestions: the public form "Änderung vorschlagen" (the entry's public
fields of the whitelist, prefilled with their current values, a comment and optional
contact data, and a honeypot), the staff's edit-then-accept and reject forms, and the
queue's filter. Limits and the plain-text check come from ``PlainTextFormMixin``;
labels and address formats from the model fields."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text_input import PlainTextFormMixin
from stewardship.models import COMMENT_MAX_LENGTH, SuggestionStatus

#: The honeypot's name: a field people never see (nor hear, nor reach with the keyboard)
#: and scripts that fill every field do fill. A filled one stores nothing.
HONEYPOT = "rueckruf_adresse"


def _formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def entry_fields(model: type[models.Model], names: tuple[str, ...]) -> dict[str, forms.Field]:
    """Form fields for the named fields of the model (labels, limits, formats from the
    model); only the name is required."""
    fields = forms.fields_for_model(model, fields=names, formfield_callback=_formfield)
    for name, field in fields.items():
        field.required = name == "name"
        field.help_text = ""
    return fields


class EntryValuesForm(PlainTextFormMixin, forms.Form):
    """The values of an entry's public fields (``entry_names``); subclasses are built per
    model by ``suggestion_form_class`` and ``accept_form_class``."""

    entry_names: tuple[str, ...] = ()

    def values(self) -> dict[str, str]:
        return {name: str(self.cleaned_data.get(name) or "") for name in self.entry_names}


class SuggestionForm(EntryValuesForm):
    """The public form. ``current``: the entry's public values (empty for a new offer);
    only the fields that differ are proposed, and a correction that changes nothing is
    refused."""

    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Woher wissen Sie es, was sollen wir beachten? Bitte keine Angaben über andere Personen."
        ),
    )
    proposer_name = forms.CharField(
        label=_("Ihr Name"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    proposer_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse für Rückfragen"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Wenn Sie eine Adresse angeben, teilen wir Ihnen mit, ob wir den Vorschlag "
            "übernommen haben. Sie wird nie veröffentlicht und 90 Tage nach der Bearbeitung "
            "gelöscht."
        ),
    )
    may_credit = forms.BooleanField(
        label=_("Ich bin einverstanden, dass mein Name im Änderungsverlauf genannt wird."),
        required=False,
    )
    # Named like a field worth filling; hidden from people by the template.
    rueckruf_adresse = forms.CharField(
        label=_("Dieses Feld bitte leer lassen"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    contact_names = ("comment", "proposer_name", "proposer_email", "may_credit")

    def __init__(self, *args, current: dict[str, str], is_new: bool = False, **kwargs):
        self.current = current
        self.is_new = is_new
        super().__init__(*args, initial=dict(current), **kwargs)

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def entry_field_list(self):
        return [self[name] for name in self.entry_names]

    def contact_field_list(self):
        return [self[name] for name in self.contact_names]

    def clean(self):
        data = super().clean()
        if data.get("may_credit") and not data.get("proposer_name"):
            self.add_error(
                "proposer_name",
                _("Bitte geben Sie Ihren Namen an, wenn er genannt werden darf."),
            )
        if any(name in self.errors for name in self.entry_names):
            return data
        if not self.is_new and not self.proposed():
            raise forms.ValidationError(
                _(
                    "Sie haben keine Angabe geändert. Bitte ändern Sie mindestens ein Feld, "
                    "bevor Sie den Vorschlag senden."
                ),
                code="unchanged",
            )
        return data

    def proposed(self) -> dict[str, str]:
        """The fields whose value differs from the current one (a new offer: those filled)."""
        return {
            name: value
            for name, value in self.values().items()
            if value != self.current.get(name, "")
        }


def suggestion_form_class(model: type[models.Model], names: tuple[str, ...]):
    fields = entry_fields(model, names)
    return type(
        f"{model.__name__}SuggestionForm",
        (SuggestionForm,),
        {
            **fields,
            "entry_names": names,
            "field_order": [*names, *SuggestionForm.contact_names, HONEYPOT],
        },
    )


class SuggestionAcceptForm(EntryValuesForm):
    """The staff's edit-then-accept: the proposal, as they correct it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def accept_form_class(model: type[models.Model], names: tuple[str, ...]):
    return type(
        f"{model.__name__}AcceptForm",
        (SuggestionAcceptForm,),
        {**entry_fields(model, names), "entry_names": names},
    )


class SuggestionVersionForm(forms.Form):
    """Accepting as proposed: only the version the staff saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SuggestionRejectForm(PlainTextFormMixin, forms.Form):
    rejection_reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die vorschlagende Person erhält ihn per E-Mail, wenn sie eine Adresse angab."),
        error_messages={"required": _("Bitte geben Sie einen Grund für die Ablehnung an.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SuggestionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *SuggestionStatus.choices],
    )
