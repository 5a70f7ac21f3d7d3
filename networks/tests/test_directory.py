"""The networks inside the actor directory: the actor page and the "member of" filter."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from actors.extensions import DETAIL_SECTIONS, DIRECTORY_FILTERS
from actors.filters import ActorFilterSet, directory_filterset_class
from actors.models import Actor
from networks import directory
from networks.models import Network
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobcenter(network):
    actor = ActorFactory(name="Jobcenter Kreis Heinsberg", slug="jobcenter-test")
    MembershipFactory(network=network, actor=actor, role="member", note="Ansprechpartnerin neu")
    internal = NetworkFactory(name="Interne Fallrunde", slug="interne-fallrunde", is_public=False)
    MembershipFactory(network=internal, actor=actor)
    CoordinationLinkFactory(
        source=ActorFactory(name="Ausländerbehörde"), target=actor, kind="case_conference"
    )
    return actor


def test_actor_page_shows_memberships_and_links(client, jobcenter):
    html = client.get(reverse("actors:detail", args=[jobcenter.slug])).content.decode()
    assert "Netzwerke und Zusammenarbeit" in html
    assert 'href="/netzwerke/kim-lenkungsgruppe/"' in html
    assert "rechtskreisübergreifende Fallkonferenz" in html
    assert "Interne Fallrunde" not in html and "Ansprechpartnerin neu" not in html


def test_actor_page_shows_internal_memberships_to_staff(client, staff_user, jobcenter):
    client.force_login(staff_user)
    html = client.get(reverse("actors:detail", args=[jobcenter.slug])).content.decode()
    assert "Interne Fallrunde" in html and "Ansprechpartnerin neu" in html


def test_network_pages_link_to_the_actor_pages(client, jobcenter, network):
    html = client.get(network.get_absolute_url()).content.decode()
    assert f'href="{reverse("actors:detail", args=[jobcenter.slug])}"' in html


def test_directory_filters_by_current_membership(client, jobcenter, network):
    ended = ActorFactory(name="Früheres Mitglied")
    MembershipFactory(
        network=network,
        actor=ended,
        since=datetime.date(2019, 1, 1),
        until=datetime.date(2020, 1, 1),
    )
    ActorFactory(name="Außenstehende Stelle")
    html = client.get(reverse("actors:list"), {"netzwerk": network.slug}).content.decode()
    assert "Jobcenter Kreis Heinsberg" in html
    assert "Früheres Mitglied" not in html and "Außenstehende Stelle" not in html
    assert "Mitglied im Netzwerk" in html


@pytest.mark.parametrize("slug", ["gibt-es-nicht", "interne-fallrunde", "%00"])
def test_unknown_or_internal_network_in_the_filter_is_an_error_not_a_leak(client, jobcenter, slug):
    response = client.get(reverse("actors:list"), {"netzwerk": slug})
    assert response.status_code in (200, 400)
    assert "Interne Fallrunde" not in response.content.decode()


def test_a_filter_staff_asked_for_first_leaks_nothing_to_a_visitor_asking_the_same(
    client, client_factory, staff_user, jobcenter
):
    # The validated filters of a query string are remembered per visibility: the staff
    # member's valid internal filter must not become the visitor's.
    staff = client_factory()
    staff.force_login(staff_user)
    for _ in range(2):
        html = staff.get(reverse("actors:list"), {"netzwerk": "interne-fallrunde"}).content
        assert "Jobcenter Kreis Heinsberg" in html.decode()
    for _ in range(2):
        response = client.get(reverse("actors:list"), {"netzwerk": "interne-fallrunde"})
        html = response.content.decode()
        assert "Interne Fallrunde" not in html
        assert "kern-error" in html  # the filter is refused, as if staff had never asked


def test_the_network_page_links_to_its_members_in_the_directory(client, jobcenter):
    network = NetworkFactory(name="Runder Tisch Flucht", slug="runder-tisch-flucht")
    MembershipFactory(network=network, actor=jobcenter)
    html = client.get(reverse("networks:detail", args=[network.slug])).content.decode()
    assert 'href="/akteure/?netzwerk=runder-tisch-flucht"' in html
    listed = client.get("/akteure/?netzwerk=runder-tisch-flucht").content.decode()
    assert jobcenter.name in listed


def test_with_very_many_networks_the_filter_is_a_text_field_not_a_huge_select(
    client, jobcenter, monkeypatch
):
    monkeypatch.setattr(directory, "SELECT_LIMIT", 2)
    for i in range(3):
        NetworkFactory(name=f"Arbeitskreis {i}", slug=f"arbeitskreis-{i}")
    MembershipFactory(network=NetworkFactory(slug="arbeitskreis-0"), actor=jobcenter)
    html = client.get(reverse("actors:list")).content.decode()
    assert '<input type="text" name="netzwerk"' in html
    assert "Arbeitskreis 1</option>" not in html
    filtered = client.get(reverse("actors:list"), {"netzwerk": "arbeitskreis-0"})
    assert jobcenter.name in filtered.content.decode()
    assert 'value="arbeitskreis-0"' in filtered.content.decode()
    wrong = client.get(reverse("actors:list"), {"netzwerk": "gibt-es-nicht"}).content.decode()
    assert "kern-error" in wrong


def test_the_filter_and_the_section_are_registered_not_patched_in():
    assert DIRECTORY_FILTERS["netzwerk"] is directory.network_filter
    assert directory.DETAIL_SECTION in DETAIL_SECTIONS
    assert "netzwerk" in directory_filterset_class().base_filters
    assert "netzwerk" not in ActorFilterSet.base_filters


def test_without_a_request_the_filter_offers_only_public_networks(jobcenter, network):
    filterset = directory_filterset_class()(None, queryset=Actor.objects.all())
    offered = set(filterset.form.fields["netzwerk"].queryset.values_list("slug", flat=True))
    assert network.slug in offered and "interne-fallrunde" not in offered


def test_the_field_picks_a_text_input_above_the_limit(network, monkeypatch):
    networks = Network.objects.all()
    listed = directory.NetworkChoiceField(queryset=networks).widget
    assert isinstance(listed, forms.CheckboxSelectMultiple)
    monkeypatch.setattr(directory, "SELECT_LIMIT", 0)
    field = directory.NetworkChoiceField(queryset=networks, to_field_name="slug")
    assert isinstance(field.widget, forms.TextInput) and field.help_text == directory.TEXT_HELP
    assert field.clean([network.slug]) == [network]


def test_directory_takes_several_networks_and_counts_their_current_members(
    client, jobcenter, network
):
    other = NetworkFactory(name="Runder Tisch Flucht", slug="runder-tisch-flucht")
    MembershipFactory(network=other, actor=ActorFactory(name="Caritas Heinsberg"))
    MembershipFactory(
        network=other,
        actor=ActorFactory(name="Früheres Mitglied"),
        since=datetime.date(2019, 1, 1),
        until=datetime.date(2020, 1, 1),
    )
    response = client.get(reverse("actors:list"), {"netzwerk": [network.slug, other.slug]})
    html = response.content.decode()
    assert "Jobcenter Kreis Heinsberg" in html and "Caritas Heinsberg" in html
    assert "Früheres Mitglied" not in html
    (facet,) = [f for f in response.context["facets"] if f.field.name == "netzwerk"]
    counts = {option.value: option.count for option in facet.options}
    # Current members only; the internal network is neither offered nor counted.
    assert counts == {network.slug: 1, other.slug: 1}
    assert 'name="netzwerk" value="runder-tisch-flucht" id="id_netzwerk_1" checked>' in html
