"""Forms of the actor directory."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
