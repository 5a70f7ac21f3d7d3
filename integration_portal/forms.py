"""Forms of the site pages. Markup and ARIA wiring come from ``includes/form_field.html``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import AccessibilityFeedback
from core.text_input import PlainTextFormMixin


class AccessibilityFeedbackForm(PlainTextFormMixin, forms.ModelForm):
    """Feedback on barriers (BITV NRW): a message is required, contact data is optional."""

    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "name", "email"]
        labels = {
            "page_url": _("Betroffene Seite (Adresse oder Titel)"),
            "message": _("Auf welche Barriere sind Sie gestoßen?"),
            "name": _("Ihr Name"),
            "email": _("Ihre E-Mail-Adresse, falls Sie eine Antwort wünschen"),
        }
        help_texts = {
            "message": _(
                "Beschreiben Sie, was für Sie nicht funktioniert hat. Mindestens 10, höchstens 5.000 Zeichen."
            ),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(
                _("Bitte beschreiben Sie die Barriere in mindestens 10 Zeichen.")
            )
        return message
