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


class FeedbackFilterForm(forms.Form):
    """The inbox's filter (GET): one status, or all."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + list(AccessibilityFeedback.Status.choices),
    )


class FeedbackHandleForm(PlainTextFormMixin, forms.ModelForm):
    """Status and answer note of a feedback message, with the version it was read at
    (optimistic locking: ``core.services.feedback_update`` refuses an older one)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = AccessibilityFeedback
        fields = ["status", "answer_note"]
        widgets = {
            "status": forms.RadioSelect,
            "answer_note": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version
