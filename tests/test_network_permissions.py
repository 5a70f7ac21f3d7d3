"""Role rules of the networks that the project-wide access table cannot show.

Which role may GET or POST each networks route (the object-level rule "a coordinator
edits only their own network" among them) is declared once, in
``tests/access_policy.py``, and proven for every route by
``test_access_control.py``. The expectations here are read from that table; these tests
add what a table of outcomes cannot see: a POST with valid data saves for those who may
edit and changes nothing for the others, internal networks never show their names to
anonymous visitors, the edit controls appear only for those who may edit, and a
membership of another network cannot be reached under one's own network's address.
"""

import datetime

import pytest
from django.urls import reverse

from networks.models import CoordinationLink, Membership
from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)
from tests.access_policy import POLICY, ROLES
from tests.access_walk import outcome

pytestmark = pytest.mark.django_db

OK, LOGIN, MISSING = 200, 302, 404


def may(route: str, role: str, method: str = "POST") -> bool:
    """Whether the access table lets the role through on the route."""
    get, post = POLICY[route]
    return (get if method == "GET" else post)[role] in ("ok", "page")


@pytest.fixture
def objects(network, membership):
    link = CoordinationLinkFactory(network=network)
    return {"slug": network.slug, "membership": membership.pk, "link": link.pk}


def _posts(objects):
    actor = ActorFactory()
    other = ActorFactory()
    return {
        "networks:members": (
            reverse("networks:members", args=[objects["slug"]]),
            {"actors": [actor.pk], "role": "member", "since": "2024-01-01"},
            lambda: Membership.objects.filter(actor=actor).exists(),
        ),
        "networks:membership_edit": (
            reverse("networks:membership_edit", args=[objects["slug"], objects["membership"]]),
            {"version": 1, "role": "chair", "since": "2021-01-01", "until": "", "note": "neu"},
            lambda: Membership.objects.get(pk=objects["membership"]).role == "chair",
        ),
        "networks:membership_end": (
            reverse("networks:membership_end", args=[objects["slug"], objects["membership"]]),
            {"version": 1, "until": "2024-06-30"},
            lambda: Membership.objects.get(pk=objects["membership"]).until is not None,
        ),
        "networks:link_add": (
            reverse("networks:link_add", args=[objects["slug"]]),
            {"source": actor.pk, "target": other.pk, "kind": "cooperation", "since": "2024-01-01"},
            lambda: CoordinationLink.objects.filter(source=actor, target=other).exists(),
        ),
        "networks:link_end": (
            reverse("networks:link_end", args=[objects["slug"], objects["link"]]),
            {"version": 1, "until": "2024-06-30"},
            lambda: CoordinationLink.objects.get(pk=objects["link"]).until is not None,
        ),
    }


POSTS = [
    "networks:members",
    "networks:membership_edit",
    "networks:membership_end",
    "networks:link_add",
    "networks:link_end",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", POSTS)
def test_a_valid_post_saves_for_those_who_may_edit_and_changes_nothing_for_the_others(
    client, login_as, objects, role, route
):
    login_as(role)
    url, data, changed = _posts(objects)[route]
    response = client.post(url, data)
    if may(route, role):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == reverse("networks:members", args=[objects["slug"]])
        assert changed()
    else:
        assert outcome(response) == POLICY[route][1][role]
        if outcome(response) == "login":
            assert response["Location"].startswith(reverse("account_login"))
        assert not changed()


INTERNAL_VIEWS = ["networks:detail", "networks:map", "networks:map_data", "networks:history"]


@pytest.mark.parametrize("name", INTERNAL_VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_internal_networks_are_missing_for_anonymous_visitors(client, login_as, role, name):
    network = NetworkFactory(name="Geheime Runde", slug="geheime-runde", is_public=False)
    login_as(role)
    response = client.get(reverse(name, args=[network.slug]))
    if role == "anonymous":
        assert response.status_code in (MISSING, LOGIN)
        assert b"Geheime Runde" not in response.content
    else:
        assert response.status_code == OK


@pytest.mark.parametrize("role", ROLES)
def test_edit_controls_only_for_those_who_may_edit(client, login_as, network, role):
    login_as(role)
    html = client.get(reverse("networks:detail", args=[network.slug])).content.decode()
    edit_url = reverse("networks:members", args=[network.slug])
    assert (edit_url in html) is may("networks:members", role, "GET")


def test_coordinator_edits_only_memberships_of_own_network(client, coordinator_user, network):
    foreign = NetworkFactory()
    m = MembershipFactory(network=foreign)
    client.force_login(coordinator_user)
    # The membership id of another network under the coordinator's own slug: not found.
    response = client.get(reverse("networks:membership_edit", args=[network.slug, m.pk]))
    assert response.status_code == 404
    response = client.post(
        reverse("networks:membership_end", args=[network.slug, m.pk]),
        {"version": 1, "until": datetime.date.today().isoformat()},
    )
    assert response.status_code == 404
    m.refresh_from_db()
    assert m.until is None
