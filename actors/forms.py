"""Forms of the actor directory."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from actors.importing import COLUMN_LABELS, COLUMNS, REQUIRED_COLUMNS
from actors.models import RecentSearch, SavedSearch, SearchKind
from actors.services import search_query
from core.text_input import PlainTextFormMixin

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ActorImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder Excel)"),
        help_text=_(
            "CSV (Semikolon oder Komma, UTF-8 oder Windows-1252) oder Excel-Arbeitsmappe "
            "(.xlsx, erstes Blatt), Kopfzeile wie beim Export. Höchstens 10 MB und "
            "10.000 Zeilen."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Fehlerhafte Zeilen überspringen und die gültigen übernehmen"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 10 MB."))
        return upload


class ImportSkipForm(forms.Form):
    """The confirmation of a previewed import."""

    skip_invalid = forms.BooleanField(
        label=_("Fehlerhafte Zeilen überspringen und die gültigen übernehmen"),
        required=False,
    )


class ImportMappingForm(forms.Form):
    """One select per column of the file: the field it fills, or "ignorieren"."""

    def __init__(self, *args, header: list[str], columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("ignorieren"))] + [
            (column, f"{COLUMN_LABELS[column]} ({column})") for column in COLUMNS
        ]
        self.header = header
        for index, (cell, column) in enumerate(zip(header, columns, strict=True)):
            self.fields[f"spalte_{index}"] = forms.ChoiceField(
                label=_("Spalte %(number)s: „%(name)s“")
                % {"number": index + 1, "name": cell.strip() or "–"},
                choices=choices,
                required=False,
                initial=column if column in COLUMNS else "",
            )

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in self.fields if data.get(name)]
        twice = sorted({c for c in chosen if chosen.count(c) > 1})
        if twice:
            raise forms.ValidationError(
                _("Jedes Feld darf nur einer Spalte zugeordnet werden: %(columns)s.")
                % {"columns": ", ".join(twice)}
            )
        if missing := [c for c in REQUIRED_COLUMNS if c not in chosen]:
            raise forms.ValidationError(
                _("Diese Pflichtfelder sind keiner Spalte zugeordnet: %(columns)s.")
                % {"columns": ", ".join(missing)}
            )
        return data

    @property
    def columns(self) -> list[str]:
        return [self.cleaned_data.get(f"spalte_{i}") or "" for i in range(len(self.header))]


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
