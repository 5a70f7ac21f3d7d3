"""schema.org JSON-LD on the network pages: public networks and public members only."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.urls import reverse

from actors.tests.factories import ActorFactory
from networks.models import Membership
from networks.tests.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _blocks(client, network, query="") -> list[str]:
    response = client.get(reverse("networks:detail", args=[network.slug]) + query)
    assert response.status_code == 200
    return LD.findall(response.content.decode())


def test_a_public_network_names_its_public_current_members(client):
    mark = "zqnetworkldmark"
    parent = NetworkFactory(name="Kommunales Integrationsmanagement", slug="kim")
    lead = ActorFactory(name="Kommunales Integrationszentrum", slug="ki")
    network = NetworkFactory(
        name="Arbeitskreis Sprache",
        slug="ak-sprache",
        parent=parent,
        lead_actor=lead,
        description="Sprachförderung im Kreis.",
        internal_note=f"{mark}note",
    )
    MembershipFactory(network=network, actor=lead)
    MembershipFactory(network=network, actor=ActorFactory(name="Volkshochschule", slug="vhs"))
    hidden = ActorFactory(name=f"{mark}hidden", slug="versteckt")
    MembershipFactory(network=network, actor=hidden, note=f"{mark}memnote")
    hidden.is_public = False
    hidden.save()
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Früheres Mitglied", slug="frueher"),
        until=datetime.date(2022, 1, 1),
    )

    [block] = _blocks(client, network)
    assert mark not in block
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == "Arbeitskreis Sprache"
    assert data["url"].endswith("/netzwerke/ak-sprache/")
    assert data["parentOrganization"]["name"] == "Kommunales Integrationsmanagement"
    assert data["founder"]["name"] == "Kommunales Integrationszentrum"
    assert [member["name"] for member in data["member"]] == [
        "Kommunales Integrationszentrum",
        "Volkshochschule",
    ]
    assert all(member["url"].startswith("http") for member in data["member"])


def test_an_internal_network_has_no_json_ld_even_for_staff(client, staff_user):
    network = NetworkFactory(slug="intern", is_public=False)
    MembershipFactory(network=network)
    client.force_login(staff_user)
    assert _blocks(client, network) == []


def test_staff_see_the_same_public_json_ld(client, staff_user):
    network = NetworkFactory(slug="offen")
    MembershipFactory(network=network, actor=ActorFactory(slug="a"))
    hidden = ActorFactory(slug="b", name="Internes Mitglied")
    Membership.objects.create(network=network, actor=hidden, since=datetime.date(2021, 1, 1))
    hidden.is_public = False
    hidden.save()
    anonymous = _blocks(client, network)
    client.force_login(staff_user)
    assert _blocks(client, network) == anonymous
    assert "Internes Mitglied" not in anonymous[0]
