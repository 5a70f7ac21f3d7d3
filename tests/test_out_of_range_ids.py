"""Ids no row can have (outside the signed 64-bit range) in forms, URLs and filters: a
form error or a 404, never a 500. SQLite refuses such a number as a query parameter
("Python int too large to convert to SQLite INTEGER"); PostgreSQL answers the same
pages the same way."""

from urllib.parse import urlencode

import pytest
from django import forms
from django.urls.converters import IntConverter

from actors.models import Actor
from core import ids
from networks.models import CoordinationLink, Membership
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db

TOO_LARGE = ["9223372036854775808", "99999999999999999999", "1" + "0" * 40]
OUT_OF_RANGE = [*TOO_LARGE, "-9223372036854775809"]
PORTAL_APPS = {"actors", "networks", "timeline", "integration_portal"}


def _snapshot():
    return (
        list(Membership.objects.order_by("pk").values()),
        list(CoordinationLink.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_the_member_form_answers_an_out_of_range_actor_id_with_a_form_error(
    client, world, coordinator_user, value
):
    client.force_login(coordinator_user)
    before = _snapshot()
    url = f"/netzwerke/{world.network_a.slug}/mitglieder/"
    for actors in ([value], [str(world.actor.pk), value]):
        response = client.post(url, {"actors": actors, "role": "member", "since": "2024-01-01"})
        assert response.status_code == 400
        assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_the_link_form_answers_out_of_range_actor_ids_with_a_form_error(
    client, world, coordinator_user, value
):
    client.force_login(coordinator_user)
    before = _snapshot()
    response = client.post(
        f"/netzwerke/{world.network_a.slug}/verbindungen/neu/",
        {"source": value, "target": value, "kind": "cooperation", "since": "2024-01-01"},
    )
    assert response.status_code == 400
    assert _snapshot() == before


@pytest.mark.parametrize("value", [*OUT_OF_RANGE, "9223372036854775807", "0"])
def test_addresses_with_an_id_no_row_has_are_a_404(client, world, coordinator_user, value):
    client.force_login(coordinator_user)
    slug = world.network_a.slug
    for path in (
        f"/netzwerke/{slug}/mitglieder/{value}/",
        f"/netzwerke/{slug}/mitglieder/{value}/beenden/",
        f"/netzwerke/{slug}/verbindungen/{value}/beenden/",
        f"/en/netzwerke/{slug}/mitglieder/{value}/",
    ):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"version": 1, "until": "2024-12-31"}).status_code == 404, path


@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_filter_parameters_with_huge_numbers_are_ignored_or_refused(
    client, world, staff_user, value
):
    for url, names in (
        ("/akteure/", ["kommune", "zielgruppe", "sprache", "netzwerk", "seite"]),
        ("/netzwerke/", ["programm", "art", "seite"]),
        ("/netzwerke/karte/daten.json", ["programm", "art"]),
        ("/geschichte/", ["ebene", "art"]),
    ):
        response = client.get(f"{url}?{urlencode(dict.fromkeys(names, value))}")
        assert response.status_code in (200, 400, 404), (url, response.status_code)
    client.force_login(staff_user)
    response = client.get(f"/akteure/export.csv?{urlencode({'kommune': value, 'seite': value})}")
    assert response.status_code in (200, 400)


def test_portal_urls_take_ids_only_through_the_id_converter():
    offenders = [
        route.pattern
        for route in iter_routes()
        if getattr(route.callback, "__module__", "").split(".")[0] in PORTAL_APPS
        and "<int:" in route.pattern
    ]
    assert offenders == []
    assert any("<id:pk>" in route.pattern for route in iter_routes())


@pytest.mark.parametrize("value", TOO_LARGE)
def test_the_id_converter_refuses_numbers_beyond_the_range(value):
    converter = ids.IdConverter()
    assert converter.to_python("9223372036854775807") == ids.ID_MAX
    with pytest.raises(ValueError):
        converter.to_python(value)
    # The plain int converter would hand the number on to the query.
    assert IntConverter().to_python(value) > ids.ID_MAX


def test_the_choice_fields_check_integer_keys_only(world):
    by_pk = ids.ModelMultipleChoiceField(queryset=Actor.objects.all())
    with pytest.raises(forms.ValidationError) as error:
        by_pk.clean(["99999999999999999999"])
    assert error.value.code == "invalid_choice"
    assert list(by_pk.clean([str(world.actor.pk)])) == [world.actor]

    single = ids.ModelChoiceField(queryset=Actor.objects.all())
    with pytest.raises(forms.ValidationError):
        single.clean("-9223372036854775809")
    assert single.clean(str(world.actor.pk)) == world.actor

    # A slug made of digits is a slug, not an id: the database is asked as usual.
    by_slug = ids.ModelChoiceField(queryset=Actor.objects.all(), to_field_name="slug")
    world.actor.slug = "99999999999999999999"
    world.actor.save(update_fields=["slug"])
    assert by_slug.clean("99999999999999999999") == world.actor


HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/verwaltung/actors/actor/?parent={HUGE}",
        f"/verwaltung/actors/actor/?municipality__id__exact={HUGE}",
        f"/verwaltung/networks/membership/?network={HUGE}",
        f"/verwaltung/networks/membership/?actor__id__exact={HUGE}",
    ],
)
def test_admin_filters_with_an_out_of_range_id_never_answer_500(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code in (200, 302, 400, 404)
