"""Bad input at the filters, searches, sorting, pagination and edit forms of the actor
directory, the networks and the history: never a 500, input escaped, a clear error
where input is rejected, nothing half-written."""

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networks.models import CoordinationLink, Membership
from tests.strategies import HTML, NUMBERS_AND_DATES, assert_escaped, hostile

pytestmark = pytest.mark.django_db


def _query(params: dict) -> str:
    return urlencode({k: v.replace("\x00", "\ufffd") if k == "_" else v for k, v in params.items()})


def _get(client, url, params):
    response = client.get(f"{url}?{urlencode(params)}")
    assert response.status_code in (200, 400, 404), (url, params, response.status_code)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8", "replace")
    assert_escaped(body, *params.values())
    return response


# --- actor directory -------------------------------------------------------------------

ACTOR_PARAMS = [
    "q",
    "ebene",
    "art",
    "bereich",
    "kommune",
    "zielgruppe",
    "sprache",
    "sortierung",
    "seite",
]


@given(params=st.dictionaries(st.sampled_from(ACTOR_PARAMS), hostile, max_size=5))
def test_directory_filters_search_sort_and_pages_never_fail(client, world, params):
    response = _get(client, "/akteure/", params)
    if response.status_code == 200:
        assert "<h1" in response.content.decode()


@given(params=st.dictionaries(st.sampled_from(ACTOR_PARAMS), hostile, max_size=4))
def test_directory_export_never_fails_for_staff(client, world, staff_user, params):
    client.force_login(staff_user)
    _get(client, "/akteure/export.csv", params)


@given(
    params=st.dictionaries(
        st.sampled_from(["q", "ebene", "art", "dimension", "pflicht", "unmittelbar", "seite"]),
        hostile,
        max_size=4,
    )
)
def test_task_catalogue_and_multilevel_table_ignore_or_refuse_bad_filters(client, world, params):
    _get(client, "/akteure/aufgaben/", params)
    _get(client, "/akteure/mehrebenen/", params)


@given(slug=hostile)
def test_any_actor_or_network_address_is_a_page_or_a_404(client, world, slug):
    from urllib.parse import quote

    for base in ("/akteure/", "/netzwerke/", "/geschichte/", "/en/geschichte/"):
        response = client.get(f"{base}{quote(slug, safe='')}/")
        assert response.status_code in (200, 301, 404)


# --- networks -------------------------------------------------------------------------


@given(
    params=st.dictionaries(st.sampled_from(["programm", "art", "seite", "q"]), hostile, max_size=3)
)
def test_network_list_history_and_map_data_never_fail(client, world, staff_user, params):
    _get(client, "/netzwerke/", params)
    _get(client, f"/netzwerke/{world.network_a.slug}/karte/daten.json", params)
    _get(client, "/netzwerke/karte/daten.json", params)
    client.force_login(staff_user)
    _get(client, f"/netzwerke/{world.network_a.slug}/verlauf/", params)
    _get(client, f"/netzwerke/{world.network_a.slug}/mitglieder.csv", params)


def _snapshot():
    return (
        list(Membership.objects.order_by("pk").values()),
        list(CoordinationLink.objects.order_by("pk").values()),
    )


dates = st.one_of(hostile, st.sampled_from(NUMBERS_AND_DATES), st.dates().map(str))


@given(
    data=st.fixed_dictionaries(
        {"actors": hostile, "role": hostile, "since": dates, "note": hostile, "q": hostile}
    )
)
def test_adding_members_with_bad_input_writes_nothing(client, world, coordinator_user, data):
    client.force_login(coordinator_user)
    before = _snapshot()
    response = client.post(f"/netzwerke/{world.network_a.slug}/mitglieder/", data)
    assert response.status_code in (200, 302, 400, 409)
    if response.status_code != 302:
        assert _snapshot() == before
        assert_escaped(response.content.decode(), *data.values())


@given(
    data=st.fixed_dictionaries(
        {"role": hostile, "since": dates, "until": dates, "note": hostile, "version": hostile}
    )
)
def test_editing_a_membership_with_bad_input_writes_nothing(client, world, coordinator_user, data):
    client.force_login(coordinator_user)
    before = _snapshot()
    url = f"/netzwerke/{world.network_a.slug}/mitglieder/{world.membership.pk}/"
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 409)
    if response.status_code != 302:
        assert _snapshot() == before
        assert_escaped(response.content.decode(), *data.values())


@given(data=st.fixed_dictionaries({"until": dates, "version": hostile}))
def test_ending_a_membership_or_link_with_bad_input_writes_nothing(
    client, world, coordinator_user, data
):
    client.force_login(coordinator_user)
    before = _snapshot()
    slug = world.network_a.slug
    for url in (
        f"/netzwerke/{slug}/mitglieder/{world.membership.pk}/beenden/",
        f"/netzwerke/{slug}/verbindungen/{world.link.pk}/beenden/",
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400, 409)
        if response.status_code != 302:
            assert _snapshot() == before


@given(
    data=st.fixed_dictionaries(
        {
            "source": hostile,
            "target": hostile,
            "kind": hostile,
            "since": dates,
            "until": dates,
            "description": st.one_of(hostile, st.sampled_from(HTML)),
        }
    )
)
def test_adding_a_link_with_bad_input_writes_nothing(client, world, coordinator_user, data):
    client.force_login(coordinator_user)
    before = _snapshot()
    response = client.post(f"/netzwerke/{world.network_a.slug}/verbindungen/neu/", data)
    assert response.status_code in (200, 302, 400, 409)
    if response.status_code != 302:
        assert _snapshot() == before


# --- history --------------------------------------------------------------------------


@given(params=st.dictionaries(st.sampled_from(["ebene", "art", "seite", "q"]), hostile, max_size=3))
def test_history_filters_never_fail(client, world, params):
    for url in ("/geschichte/", f"/geschichte/{world.period.slug}/", "/en/geschichte/literatur/"):
        _get(client, url, params)
