"""Forms of the actor directory."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actors.models import RecentSearch, SavedSearch, SearchKind
from actors.services import search_query
from core.text_input import PlainTextFormMixin

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ActorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "UTF-8, Spalten durch Semikolon getrennt, Kopfzeile wie beim Export. Höchstens 2 MB."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Fehlerhafte Zeilen überspringen und die gültigen übernehmen"),
        required=False,
    )
    dry_run = forms.BooleanField(
        label=_("Nur prüfen, nichts speichern"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 2 MB."))
        return upload


class SavedSearchForm(PlainTextFormMixin, forms.Form):
    """Save the search shown (its query string) under a name, for the signed-in account."""

    name = forms.CharField(
        label=_("Name der Suche"),
        max_length=SavedSearch.NAME_MAX_LENGTH,
        help_text=_("Höchstens %(limit)d Zeichen, z. B. „Beratung in Musterstadt“.")
        % {"limit": SavedSearch.NAME_MAX_LENGTH},
        error_messages={
            "required": _("Geben Sie der Suche einen Namen."),
            "max_length": _(
                "Der Name darf höchstens %(limit_value)d Zeichen lang sein; Ihrer hat "
                "%(show_value)d. Kürzen Sie ihn bitte."
            ),
        },
    )
    kind = forms.ChoiceField(
        label=_("Suchseite"), choices=SearchKind.choices, widget=forms.HiddenInput
    )
    query = forms.CharField(
        label=_("Suche"),
        max_length=RecentSearch.QUERY_MAX_LENGTH,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Es gibt keine Suche zu speichern: wählen Sie zuerst Filter."),
            "max_length": _("Diese Suche ist zu lang, um sie zu speichern."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if SavedSearch.objects.filter(user=self.user, name=name).exists():
            raise forms.ValidationError(
                _("Sie haben schon eine Suche unter diesem Namen. Wählen Sie einen anderen."),
                code="unique",
            )
        return name

    def clean_query(self) -> str:
        # The same form the recent searches keep: sorted, without empty values and page.
        query = search_query(QueryDict(self.cleaned_data["query"]))
        if not query:
            raise forms.ValidationError(
                self.fields["query"].error_messages["required"], code="required"
            )
        return query

    def clean(self):
        cleaned = super().clean()
        if SavedSearch.objects.filter(user=self.user).count() >= SavedSearch.PER_ACCOUNT:
            raise forms.ValidationError(
                _(
                    "Sie haben schon %(limit)d Suchen gespeichert. Löschen Sie in „Mein "
                    "Bereich“ eine, bevor Sie eine neue speichern."
                )
                % {"limit": SavedSearch.PER_ACCOUNT},
                code="limit",
            )
        return cleaned
