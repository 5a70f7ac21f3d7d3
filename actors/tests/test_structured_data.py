"""schema.org JSON-LD on the actor pages: public data only, safely escaped."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.urls import reverse

from actors.choices import Kind, Level, Sector
from actors.models import Weekday
from actors.tests.factories import (
    ActorFactory,
    ContactPersonFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    OpeningHoursFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(block) for block in LD.findall(html)]


def _page(client, actor) -> str:
    response = client.get(reverse("actors:detail", args=[actor.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_public_body_is_a_government_organization_with_its_government_services(client):
    town = MunicipalityFactory(name="Stadt Musterstadt", slug="stadt-musterstadt")
    office = ActorFactory(
        name="Ausländerbehörde",
        slug="auslaenderbehoerde",
        level=Level.DISTRICT,
        kind=Kind.ADMINISTRATION,
        sector=Sector.IMMIGRATION_AUTHORITY,
        street="Valkenburger Straße 45",
        postal_code="52525",
        city="Heinsberg",
        phone="02452 13-0",
        website="https://example.org/",
    )
    offer = OfferFactory(
        actor=office,
        name="Beratung zur Einbürgerung",
        municipalities=[town],
        languages=[LanguageFactory(code="xq", name="Testsprache")],
        topics=[TopicFactory(name="Aufenthalt")],
    )
    OpeningHoursFactory(offer=offer, weekday=Weekday.TUESDAY)
    OpeningHoursFactory(
        offer=offer, weekday=Weekday.FRIDAY, opens_at=None, closes_at=None, by_appointment_only=True
    )

    [data] = json_ld_blocks(_page(client, office))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Ausländerbehörde"
    assert data["url"].endswith("/akteure/auslaenderbehoerde/")
    assert data["address"]["postalCode"] == "52525"
    assert data["telephone"] == "02452 13-0"
    [made] = data["makesOffer"]
    service = made["itemOffered"]
    assert service["@type"] == "GovernmentService"
    assert service["name"] == "Beratung zur Einbürgerung"
    assert service["provider"]["@id"] == data["@id"]
    assert service["areaServed"] == [{"@type": "AdministrativeArea", "name": "Stadt Musterstadt"}]
    assert service["availableLanguage"] == [
        {"@type": "Language", "name": "Testsprache", "alternateName": "xq"}
    ]
    # By appointment only is no opening time.
    assert service["hoursAvailable"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "09:00",
            "closes": "12:00",
        }
    ]


def test_an_association_is_an_organization_offering_services(client):
    club = ActorFactory(
        slug="verein", kind=Kind.EXTERNAL, sector=Sector.CLUB, level=Level.MUNICIPALITY
    )
    OfferFactory(actor=club, name="Sprachcafé")
    [data] = json_ld_blocks(_page(client, club))
    assert data["@type"] == "Organization"
    service = data["makesOffer"][0]["itemOffered"]
    assert service["@type"] == "Service"
    assert service["areaServed"][0]["@type"] == "AdministrativeArea"


def test_json_ld_holds_no_internal_data_for_anyone(client, staff_user):
    mark = "zqjsonldmark"
    actor = ActorFactory(slug="stelle", internal_notes=f"{mark}note")
    ContactPersonFactory(actor=actor, name=f"{mark}person", email="person@example.org")
    OfferFactory(actor=actor, name=f"{mark}internaloffer", is_public=False)
    OfferFactory(actor=actor, name=f"{mark}defunct", status="defunct")
    OfferFactory(actor=actor, name="Öffentliches Angebot", internal_notes=f"{mark}offernote")
    parent = ActorFactory(name=f"{mark}parent", is_public=False)
    actor.parent = parent
    actor.save()
    for signed_in in (False, True):
        if signed_in:
            client.force_login(staff_user)
        blocks = LD.findall(_page(client, actor))
        assert len(blocks) == 1
        assert mark not in blocks[0]
        assert "person@example.org" not in blocks[0]
        assert (
            "Öffentliches Angebot" in json.loads(blocks[0])["makesOffer"][0]["itemOffered"]["name"]
        )


def test_an_internal_actor_page_has_no_json_ld_even_for_staff(client, staff_user):
    hidden = ActorFactory(slug="intern", is_public=False)
    OfferFactory(actor=hidden)
    client.force_login(staff_user)
    assert json_ld_blocks(_page(client, hidden)) == []


def test_text_cannot_break_out_of_the_data_block(client):
    actor = ActorFactory(
        slug="boese",
        name="A </script><script>alert(1)</script> & <b>",
        description="x\u2028y",
    )
    html = _page(client, actor)
    [block] = LD.findall(html)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in block
    assert json.loads(block)["name"] == "A </script><script>alert(1)</script> & <b>"


def test_the_data_block_needs_no_nonce_and_the_policy_stays_strict(client):
    actor = ActorFactory(slug="stelle")
    response = client.get(reverse("actors:detail", args=[actor.slug]))
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "'unsafe-inline'" not in script_src
    # The block is data, not script: it carries no nonce (and needs none).
    assert '<script type="application/ld+json">' in response.content.decode()


def test_the_json_ld_follows_a_change_of_the_actor(client):
    actor = ActorFactory(slug="stelle", name="Alter Name")
    assert json_ld_blocks(_page(client, actor))[0]["name"] == "Alter Name"
    actor.name = "Neuer Name"
    actor.last_verified = datetime.date(2025, 1, 1)
    actor.save()
    assert json_ld_blocks(_page(client, actor))[0]["name"] == "Neuer Name"


@pytest.mark.parametrize("offers", [1, 6])
def test_the_json_ld_of_offers_costs_the_same_queries_for_one_or_many(
    client, django_assert_num_queries, offers
):
    actor = ActorFactory(slug="stelle")
    for number in range(offers):
        offer = OfferFactory(actor=actor, languages=[LanguageFactory(code=f"q{number}")])
        OpeningHoursFactory(offer=offer)
    url = reverse("actors:detail", args=[actor.slug])
    # Cold, anonymous: the 13 of the page without offers (actors/tests/test_query_counts.py),
    # the four relations of the offers for the JSON-LD (languages, topics, municipalities,
    # hours) and the five of the offers section (topics, target groups, languages, places,
    # hours).
    with django_assert_num_queries(13 + 4 + 5):
        assert client.get(url).status_code == 200
