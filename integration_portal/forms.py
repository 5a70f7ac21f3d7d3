"""Forms of the site pages, and allauth's forms with the portal's limits of typed text.
Markup and ARIA wiring come from ``includes/form_field.html``."""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import AccessibilityFeedback
from core.text_input import PlainTextFormMixin, TextLengthFormMixin


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
            # The limit („Höchstens 5.000 Zeichen.“) follows from the model field.
            "message": _(
                "Beschreiben Sie, was für Sie nicht funktioniert hat. Mindestens 10 Zeichen."
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


# --- allauth's forms -------------------------------------------------------------------
#
# Sign-in, password and second-factor forms come from allauth, whose password and code
# fields have no limit of their own. These subclasses (``ACCOUNT_FORMS`` and
# ``MFA_FORMS`` in the settings) give every text field one (``LINE_MAX_LENGTH`` where
# allauth sets none), refused with the portal's message. Passwords are not checked for
# control characters: nobody's existing password must stop working.


class LoginForm(TextLengthFormMixin, account_forms.LoginForm):
    pass


class SignupForm(TextLengthFormMixin, account_forms.SignupForm):
    pass


class AddEmailForm(TextLengthFormMixin, account_forms.AddEmailForm):
    pass


class ChangeEmailForm(TextLengthFormMixin, account_forms.ChangeEmailForm):
    pass


class ChangePasswordForm(TextLengthFormMixin, account_forms.ChangePasswordForm):
    pass


class SetPasswordForm(TextLengthFormMixin, account_forms.SetPasswordForm):
    pass


class ResetPasswordForm(TextLengthFormMixin, account_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(TextLengthFormMixin, account_forms.ResetPasswordKeyForm):
    pass


class UserTokenForm(TextLengthFormMixin, account_forms.UserTokenForm):
    pass


class AccountReauthenticateForm(TextLengthFormMixin, account_forms.ReauthenticateForm):
    pass


class ConfirmLoginCodeForm(TextLengthFormMixin, account_forms.ConfirmLoginCodeForm):
    pass


class AuthenticateForm(TextLengthFormMixin, mfa_forms.AuthenticateForm):
    pass


class MfaReauthenticateForm(TextLengthFormMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(TextLengthFormMixin, totp_forms.ActivateTOTPForm):
    pass
