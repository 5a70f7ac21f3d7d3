"""Control characters and direction overrides are refused in every text field, with a
clear message; tab and line breaks are accepted (``core.text_input``)."""

import importlib

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from actors.models import Actor, TargetGroup
from core.models import AccessibilityFeedback
from core.text_input import (
    BIDI_CONTROLS,
    PlainTextFormMixin,
    PlainTextValidator,
)
from networks.models import CoordinationLink, Membership
from networks.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

ESCAPE = "\x1b[31mrot\x1b[0m"
OVERRIDE = "Rechnung \u202efdp.exe"
CONTROL_MESSAGE = "unsichtbares Steuerzeichen (U+001B an Stelle 1)"
BIDI_MESSAGE = "die Schreibrichtung umkehrt (U+202E an Stelle 10)"
HOSTILE = [(ESCAPE, CONTROL_MESSAGE), (OVERRIDE, BIDI_MESSAGE)]
HOSTILE_IDS = ["escape-sequence", "right-to-left-override"]


# --- the rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "\x1b[31m",
        "\x07",
        "\x7f",
        "Zeile\x85",  # C1 "next line"
        "Zeile\rZeile",  # CR only in multi-line fields
        *sorted(BIDI_CONTROLS),
    ],
)
def test_single_line_text_refuses_control_and_direction_characters(value):
    with pytest.raises(ValidationError):
        PlainTextValidator()(value)


@pytest.mark.parametrize(
    "value",
    [
        "Spalte\tSpalte",
        "Zeile\nZeile",
        "مرحبا بالعالم",
        "שלום עולם",
        "abc\u200fdef\u200e",  # direction marks stay allowed
        "Straße 5, 52525 Heinsberg",
    ],
)
def test_single_line_text_accepts_tab_newline_and_right_to_left_scripts(value):
    PlainTextValidator()(value)


def test_multi_line_text_also_accepts_carriage_returns():
    PlainTextValidator(multiline=True)("Erste Zeile\r\nZweite Zeile\r\n\tEingerückt")
    with pytest.raises(ValidationError):
        PlainTextValidator(multiline=True)("\x1b[0m")


def test_a_form_may_name_fields_that_take_line_breaks_without_a_textarea():
    class CellForm(PlainTextFormMixin, forms.Form):
        multiline_fields = ("beschreibung",)

        name = forms.CharField()
        beschreibung = forms.CharField()

    form = CellForm({"name": "Zeile\r\nZeile", "beschreibung": "Zeile\r\nZeile"})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]


# --- the feedback form ------------------------------------------------------------------


@pytest.mark.parametrize("field", ["message", "page_url", "name"])
@pytest.mark.parametrize(("value", "message"), HOSTILE, ids=HOSTILE_IDS)
def test_feedback_form_refuses_control_and_direction_characters(client, field, value, message):
    data = {"message": "Der Kontrast ist zu schwach.", field: value + " und mehr Text"}
    response = client.post("/barrierefreiheit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert message in html
    assert AccessibilityFeedback.objects.count() == 0


def test_feedback_form_accepts_tab_and_line_breaks(client):
    message = "Erste Zeile\r\nZweite Zeile\n\tEingerückt"
    response = client.post(
        "/barrierefreiheit/", {"message": message, "name": "Ada\tLovelace", "page_url": "/a/"}
    )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == message
    assert feedback.name == "Ada\tLovelace"


# --- the coordinators' network forms --------------------------------------------------


def _membership_data(world, note):
    return {
        "version": world.membership.version,
        "role": world.membership.role,
        "since": "2021-01-01",
        "until": "",
        "note": note,
    }


@pytest.mark.parametrize(("value", "message"), HOSTILE, ids=HOSTILE_IDS)
def test_membership_edit_refuses_control_and_direction_characters(
    client, world, coordinator_user, value, message
):
    client.force_login(coordinator_user)
    url = f"/netzwerke/{world.network_a.slug}/mitglieder/{world.membership.pk}/"
    response = client.post(url, _membership_data(world, value))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Membership.objects.get(pk=world.membership.pk).note == ""


def test_membership_edit_accepts_tab_and_line_breaks(client, world, coordinator_user):
    client.force_login(coordinator_user)
    url = f"/netzwerke/{world.network_a.slug}/mitglieder/{world.membership.pk}/"
    note = "Ansprechpartnerin:\tFrau B.\r\nTermin im Mai"
    response = client.post(url, _membership_data(world, note))
    assert response.status_code == 302
    assert Membership.objects.get(pk=world.membership.pk).note == note


@pytest.mark.parametrize(("value", "message"), HOSTILE, ids=HOSTILE_IDS)
def test_adding_members_or_links_refuses_control_and_direction_characters(
    client, world, coordinator_user, value, message
):

    client.force_login(coordinator_user)
    newcomer = ActorFactory(slug="neu", name="Neuer Träger")
    slug = world.network_a.slug
    members = client.post(
        f"/netzwerke/{slug}/mitglieder/",
        {"actors": [newcomer.pk], "role": "member", "since": "2024-01-01", "note": value},
    )
    link = client.post(
        f"/netzwerke/{slug}/verbindungen/neu/",
        {
            "source": world.actor.pk,
            "target": newcomer.pk,
            "kind": "cooperation",
            "since": "2024-01-01",
            "description": value,
        },
    )
    for response in (members, link):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Membership.objects.filter(actor=newcomer).exists()
    assert not CoordinationLink.objects.filter(target=newcomer).exists()


# --- the Django admin (actors, networks, history) ---------------------------------------


@pytest.mark.parametrize(("value", "message"), HOSTILE, ids=HOSTILE_IDS)
def test_admin_refuses_control_and_direction_characters(client, admin_user, value, message):
    client.force_login(admin_user)
    response = client.post(
        "/verwaltung/actors/targetgroup/add/", {"name": value, "slug": "zielgruppe"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TargetGroup.objects.exists()


def test_actor_admin_form_refuses_an_override_in_the_name_and_takes_line_breaks(admin_user):
    request = RequestFactory().get("/verwaltung/actors/actor/add/")
    request.user = admin_user
    form_class = admin.site._registry[Actor].get_form(request)
    form = form_class(
        data={"name": OVERRIDE, "description": "Zeile\r\nZeile", "opening_hours": "Mo\t8–12"}
    )
    form.is_valid()
    assert BIDI_MESSAGE in " ".join(form.errors["name"])
    assert "description" not in form.errors
    assert "opening_hours" not in form.errors


# --- every form of the portal -----------------------------------------------------------

PORTAL_APPS = ("integration_portal", "actors", "networks", "timeline")
#: Modules that define forms outside ``<app>/forms.py``.
FORM_MODULES = ("actors.importing",)


def _portal_form_classes():
    for module in [f"{app}.forms" for app in PORTAL_APPS] + list(FORM_MODULES):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
    seen, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return [
        cls
        for cls in seen
        if cls.__module__.split(".")[0] in PORTAL_APPS and ".tests" not in cls.__module__
    ]


def _is_allauth_form(form_class) -> bool:
    """allauth's sign-in, password and code forms (``integration_portal/forms.py``): they
    get the limits of ``tests/test_text_limits.py`` but no control-character check, so
    that no existing password stops working; their e-mail fields check themselves."""
    return any(base.__module__.startswith("allauth.") for base in form_class.__mro__)


def _text_fields(form_class):
    return [
        name for name, field in form_class.base_fields.items() if isinstance(field, forms.CharField)
    ]


#: Forms in files whose owners add the mixin; strict, so the marker goes once they do.
#: Forms whose check is still to come (an expected failure that turns red once fixed).
PENDING: dict[str, str] = {}


def _form_params():
    params = []
    for form_class in sorted(_portal_form_classes(), key=lambda c: (c.__module__, c.__qualname__)):
        if not _text_fields(form_class) or _is_allauth_form(form_class):
            continue
        name = f"{form_class.__module__}.{form_class.__qualname__}"
        marks = [pytest.mark.xfail(strict=True, reason=PENDING[name])] if name in PENDING else []
        params.append(pytest.param(form_class, id=name, marks=marks))
    return params


@pytest.mark.parametrize("form_class", _form_params())
def test_every_portal_form_with_text_fields_refuses_control_characters(form_class):
    assert issubclass(form_class, PlainTextFormMixin), (
        f"{form_class.__qualname__} takes text ({', '.join(_text_fields(form_class))}) "
        "but lacks core.text_input.PlainTextFormMixin"
    )


def _admin_forms(admin_user):
    request = RequestFactory().get("/verwaltung/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PORTAL_APPS:
            continue
        yield model_admin, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield inline, inline.get_formset(request).form


def test_every_admin_form_of_the_portal_refuses_control_characters(admin_user):
    unprotected = []
    checked = 0
    for model_admin, form_class in _admin_forms(admin_user):
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField):
                continue
            checked += 1
            if not any(isinstance(v, PlainTextValidator) for v in field.validators):
                unprotected.append(f"{type(model_admin).__qualname__}.{name}")
    assert checked > 40
    assert unprotected == []
