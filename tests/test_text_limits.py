"""Every text field has a maximum length the server enforces (``core.text_input``): a
20,000-character note is refused with the limit and the count, and nothing is saved.

The walks below find every form of the portal (site forms, import rows, allauth's sign-in
and password forms, filter forms) and every form of the Django admin, and fail for a
text field without a limit.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
from html.parser import HTMLParser

import django_filters
import pytest
import yaml
from allauth.account import app_settings as account_settings
from allauth.core import context as allauth_context
from allauth.mfa import app_settings as mfa_settings
from allauth.utils import get_form_class
from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxLengthValidator
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from actors.importing import ActorRowForm
from actors.models import Actor, Offer
from actors.tests.factories import ActorFactory, OfferFactory
from core.models import AccessibilityFeedback
from core.text_input import (
    LINE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    MaxCharactersValidator,
    PlainTextAdminMixin,
    TextLengthFormMixin,
    limit_text_field,
    model_text_limit,
)
from networks.models import Membership
from networks.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

LONG_TEXT = "x" * 20_000
PORTAL_PACKAGES = ("core", "integration_portal", "actors", "networks", "timeline")
#: Modules that define no forms and must not be imported twice (settings, servers).
NOT_WALKED = ("tests", "migrations", "management", "settings", "wsgi", "asgi")


def _message(limit: int, count: int = 20_000) -> str:
    def german(number: int) -> str:
        return f"{number:,}".replace(",", ".")

    return f"Höchstens {german(limit)} Zeichen, Sie haben {german(count)} eingegeben."


# --- the rule ---------------------------------------------------------------------------


def _strings(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_the_default_leaves_room_for_every_keynote_text_and_refuses_a_20000_paste():
    texts = []
    for app in ("actors", "networks", "timeline"):
        path = settings.BASE_DIR / app / "content" / "keynote.yaml"
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    longest = max(map(len, texts))
    assert 1_000 < longest < TEXT_MAX_LENGTH < len(LONG_TEXT)
    assert LINE_MAX_LENGTH < TEXT_MAX_LENGTH


def test_a_text_field_without_a_limit_gets_the_default_of_its_kind():
    line = limit_text_field(forms.CharField())
    text = limit_text_field(forms.CharField(widget=forms.Textarea))
    cell = limit_text_field(forms.CharField(), multiline=True)
    assert (line.max_length, text.max_length, cell.max_length) == (
        LINE_MAX_LENGTH,
        TEXT_MAX_LENGTH,
        TEXT_MAX_LENGTH,
    )
    assert line.widget.attrs["maxlength"] == str(LINE_MAX_LENGTH)
    assert text.widget.attrs["maxlength"] == str(TEXT_MAX_LENGTH)


def test_a_field_keeps_its_own_smaller_limit_and_a_model_field_lends_its_limit():
    assert limit_text_field(forms.CharField(max_length=80)).max_length == 80
    assert limit_text_field(forms.CharField(max_length=80), limit=50).max_length == 50
    own_check = forms.CharField(validators=[MaxLengthValidator(30)])
    assert limit_text_field(own_check).max_length == 30
    text_with_validator = models.TextField(validators=[MaxLengthValidator(300)])
    assert model_text_limit(text_with_validator) == 300
    assert model_text_limit(models.CharField(max_length=120)) == 120
    assert model_text_limit(models.TextField()) is None


def test_an_overlong_text_is_refused_with_the_limit_and_the_count_in_each_language():
    field = limit_text_field(forms.CharField(widget=forms.Textarea))
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(LONG_TEXT)
    assert refused.value.messages == [_message(TEXT_MAX_LENGTH)]
    with translation.override("en"), pytest.raises(forms.ValidationError) as refused:
        field.clean(LONG_TEXT)
    assert "10,000" in refused.value.messages[0] and "20,000" in refused.value.messages[0]
    assert field.clean("x" * TEXT_MAX_LENGTH) == "x" * TEXT_MAX_LENGTH


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it():
    # A textarea sends its line breaks as CR LF; maxlength counted each as one.
    validator = MaxCharactersValidator(10)
    validator("12345\r\n6789")  # ten characters as typed, eleven as sent
    with pytest.raises(forms.ValidationError):
        validator("12345\r\n67890")


def test_multi_line_fields_say_their_limit_in_the_hint_single_line_ones_only_on_request():
    text = limit_text_field(forms.CharField(widget=forms.Textarea, help_text="Intern."))
    line = limit_text_field(forms.CharField(max_length=200))
    asked = limit_text_field(forms.CharField(max_length=200), hint=True)
    assert text.help_text == "Intern. Höchstens 10.000 Zeichen."
    assert line.help_text == ""
    assert asked.help_text == "Höchstens 200 Zeichen."


def test_limiting_a_field_twice_changes_nothing():
    field = limit_text_field(forms.CharField(widget=forms.Textarea))
    limit_text_field(field)
    assert field.help_text == "Höchstens 10.000 Zeichen."
    checks = [v for v in field.validators if isinstance(v, MaxLengthValidator)]
    assert checks == [MaxCharactersValidator(TEXT_MAX_LENGTH)]


def test_a_hidden_field_gets_the_limit_but_no_maxlength_and_no_hint():
    field = limit_text_field(forms.CharField(widget=forms.HiddenInput))
    assert field.max_length == LINE_MAX_LENGTH
    assert "maxlength" not in field.widget.attrs
    assert not field.help_text


# --- every form of the portal ---------------------------------------------------------


def _import_portal_modules() -> None:
    for package in PORTAL_PACKAGES:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if not any(part in NOT_WALKED for part in module.name.split(".")[1:]):
                importlib.import_module(module.name)


def _subclasses(root: type) -> list[type]:
    seen, stack = set(), [root]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return sorted(
        (
            cls
            for cls in seen
            if cls.__module__.split(".")[0] in PORTAL_PACKAGES and ".tests" not in cls.__module__
        ),
        key=lambda cls: (cls.__module__, cls.__qualname__),
    )


def _portal_form_classes() -> list[type]:
    _import_portal_modules()
    return [
        cls
        for cls in _subclasses(forms.BaseForm)
        if any(isinstance(f, forms.CharField) for f in cls.base_fields.values())
    ]


def _is_allauth_form(form_class) -> bool:
    return any(base.__module__.startswith("allauth.") for base in form_class.__mro__)


#: allauth's forms take what they need from ``**kwargs``, unseen by their signature.
ALLAUTH_NEEDS = {
    "AccountReauthenticateForm": ("user",),
    "ActivateTOTPForm": ("user",),
    "AddEmailForm": ("user",),
    "AuthenticateForm": ("user",),
    "ChangePasswordForm": ("user",),
    "MfaReauthenticateForm": ("user",),
    "ResetPasswordKeyForm": ("user",),
    "SetPasswordForm": ("user",),
}


def _sample_values(admin_user) -> dict:
    """A value for each argument a portal form asks for when it is made."""
    return {
        "user": admin_user,
        "network": NetworkFactory(),
        "since": datetime.date(2024, 1, 1),
        "target_groups": set(),
        "languages": set(),
    }


def _required_arguments(form_class) -> list[str]:
    names = []
    for cls in form_class.__mro__:
        init = cls.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
                names.append(parameter.name)
    return names + list(ALLAUTH_NEEDS.get(form_class.__name__, ()))


def _make(form_class, admin_user):
    samples = _sample_values(admin_user)
    kwargs = {}
    for name in _required_arguments(form_class):
        assert name in samples, (
            f"{form_class.__qualname__} needs {name!r}: add a sample value to _sample_values"
        )
        kwargs[name] = samples[name]
    request = RequestFactory().get("/")
    request.user, request.session = admin_user, {}
    with allauth_context.request_context(request):
        return form_class(**kwargs)


def _unlimited(form) -> list[str]:
    """The text fields of a form without a limit the server enforces, or without the
    message that names the limit and the count."""
    missing = []
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        checks = [v for v in field.validators if isinstance(v, MaxCharactersValidator)]
        if field.max_length is None or [c.limit_value for c in checks] != [field.max_length]:
            missing.append(name)
        elif not field.widget.is_hidden and field.widget.attrs.get("maxlength") != str(
            field.max_length
        ):
            missing.append(f"{name} (no maxlength in the page)")
    return missing


def _form_params():
    return [
        pytest.param(cls, id=f"{cls.__module__}.{cls.__qualname__}")
        for cls in _portal_form_classes()
    ]


@pytest.mark.parametrize("form_class", _form_params())
def test_every_text_field_of_every_portal_form_has_a_limit(form_class, admin_user):
    assert issubclass(form_class, TextLengthFormMixin), (
        f"{form_class.__qualname__} lacks core.text_input.PlainTextFormMixin "
        "(or TextLengthFormMixin for allauth's forms)"
    )
    assert _unlimited(_make(form_class, admin_user)) == []


def test_the_walk_finds_the_site_the_import_and_the_allauth_forms():
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in _portal_form_classes()}
    assert {
        "integration_portal.forms.AccessibilityFeedbackForm",
        "actors.importing.ActorRowForm",
        "networks.forms.MembershipForm",
        "integration_portal.forms.LoginForm",
        "integration_portal.forms.AuthenticateForm",
    } <= names


def test_allauth_uses_the_portal_forms_with_limits():
    used = [
        get_form_class(account_settings.FORMS, name, None) for name in settings.ACCOUNT_FORMS
    ] + [get_form_class(mfa_settings.FORMS, name, None) for name in settings.MFA_FORMS]
    assert len(used) == 14
    for form_class in used:
        assert issubclass(form_class, TextLengthFormMixin), form_class
        assert _is_allauth_form(form_class), form_class


@pytest.mark.parametrize(
    "filterset_class",
    [
        pytest.param(cls, id=f"{cls.__module__}.{cls.__qualname__}")
        for cls in _subclasses(django_filters.FilterSet)
    ],
)
def test_every_text_filter_has_a_limit(filterset_class):
    form = filterset_class().form
    unlimited = [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert unlimited == []


# --- every form of the admin --------------------------------------------------------------


def _admin_forms(admin_user):
    request = RequestFactory().get("/verwaltung/")
    request.user = admin_user
    for model_admin in admin.site._registry.values():
        yield model_admin, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield inline, inline.get_formset(request).form


def test_every_text_field_of_every_admin_form_has_a_limit(admin_user):
    unlimited, checked = [], 0
    for model_admin, form_class in _admin_forms(admin_user):
        portal = isinstance(model_admin, PlainTextAdminMixin)
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField):
                continue
            checked += 1
            where = f"{type(model_admin).__qualname__}.{name}"
            if field.max_length is None:
                unlimited.append(where)
            elif portal and not any(
                isinstance(v, MaxCharactersValidator) for v in field.validators
            ):
                unlimited.append(f"{where} (Django's general message)")
    assert checked > 40
    assert unlimited == []


def test_the_admin_gives_a_text_field_without_a_limit_the_default_and_says_so(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("admin:actors_actor_add")).content.decode()
    assert f'maxlength="{TEXT_MAX_LENGTH}"' in html
    assert "Höchstens 10.000 Zeichen." in html


# --- 20,000 characters through the pages ---------------------------------------------------


class _FormValues(HTMLParser):
    """What a browser would send for the form with the given id: inputs, checked boxes,
    selected options and textareas."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio"):
                self.values.append((a["name"], a.get("value") or ""))
            elif "checked" in a:
                self.values.append((a["name"], a.get("value") or "on"))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.values.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None


def _admin_change_data(client, url: str, form_id: str, **changes) -> dict:
    """The admin's change form as the page shows it, with some values changed."""
    parser = _FormValues(form_id)
    parser.feed(client.get(url).content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    return data


@pytest.mark.parametrize(
    ("model", "form_id", "field"),
    [
        (Actor, "actor_form", "description"),
        (Actor, "actor_form", "internal_notes"),
        (Offer, "offer_form", "description"),
    ],
)
def test_the_admin_refuses_20000_characters_and_saves_nothing(
    client, admin_user, model, form_id, field
):
    obj = OfferFactory() if model is Offer else ActorFactory()
    before = getattr(obj, field)
    client.force_login(admin_user)
    url = reverse(f"admin:actors_{model._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, _admin_change_data(client, url, form_id, **{field: LONG_TEXT}))
    assert response.status_code == 200
    assert _message(TEXT_MAX_LENGTH) in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == before


def test_the_admin_saves_a_text_of_exactly_the_limit(client, admin_user):
    actor = ActorFactory()
    client.force_login(admin_user)
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    text = "x" * TEXT_MAX_LENGTH
    response = client.post(url, _admin_change_data(client, url, "actor_form", description=text))
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert actor.description == text


def test_membership_edit_refuses_a_20000_character_note(client, world, coordinator_user):
    client.force_login(coordinator_user)
    url = reverse("networks:membership_edit", args=[world.network_a.slug, world.membership.pk])
    data = {"version": world.membership.version, "role": "member", "since": "2021-01-01"}
    response = client.post(url, {**data, "note": LONG_TEXT})
    assert response.status_code == 400
    assert _message(2000) in response.content.decode()
    assert Membership.objects.get(pk=world.membership.pk).note == ""


def test_membership_add_refuses_a_20000_character_note(client, world, coordinator_user):
    client.force_login(coordinator_user)
    newcomer = ActorFactory(slug="neu", name="Neuer Träger")
    response = client.post(
        reverse("networks:members", args=[world.network_a.slug]),
        {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01", "note": LONG_TEXT},
    )
    assert response.status_code == 400
    assert _message(2000) in response.content.decode()
    assert not Membership.objects.filter(actor=newcomer).exists()


def test_the_feedback_form_refuses_20000_characters_and_shows_its_limit(client):
    page = client.get("/barrierefreiheit/").content.decode()
    assert 'maxlength="5000"' in page and "Höchstens 5.000 Zeichen." in page
    assert "js/text-counter.js" in page
    response = client.post("/barrierefreiheit/", {"message": LONG_TEXT})
    assert response.status_code == 200
    assert _message(5000) in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_the_sign_in_refuses_a_20000_character_password_with_the_limit(client, staff_user):
    response = client.post(
        reverse("account_login"), {"login": staff_user.email, "password": LONG_TEXT}
    )
    assert response.status_code == 200
    assert _message(LINE_MAX_LENGTH) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_import_refuses_a_20000_character_description():
    row = ActorRowForm(
        {"slug": "neu", "name": "Neu", "ebene": "kreis", "beschreibung": LONG_TEXT},
        target_groups=set(),
        languages=set(),
    )
    assert not row.is_valid()
    assert row.errors["beschreibung"] == [_message(TEXT_MAX_LENGTH)]
