"""The role matrix: every view and every POST for each kind of account.

Anonymous visitors are sent to the login page where an account is needed; signed-in
accounts without the right get 403. Internal networks do not exist for anonymous
visitors (404), so their names never leak.
"""

import datetime

import pytest
from django.urls import reverse

from networks.models import CoordinationLink, Membership
from networks.tests.conftest import ROLES
from networks.tests.factories import ActorFactory, CoordinationLinkFactory, NetworkFactory

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404

EVERYONE = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**EVERYONE, "anonymous": LOGIN}
EDITORS = {
    "anonymous": LOGIN,
    "staff": FORBIDDEN,
    "coordinator": OK,
    "other_coordinator": FORBIDDEN,
    "editor": FORBIDDEN,
    "admin": OK,
}


@pytest.fixture
def objects(network, membership):
    link = CoordinationLinkFactory(network=network)
    return {"slug": network.slug, "membership": membership.pk, "link": link.pk}


READ_VIEWS = [
    ("networks:list", [], EVERYONE),
    ("networks:overview_map", [], EVERYONE),
    ("networks:overview_map_data", [], EVERYONE),
    ("networks:ki", [], EVERYONE),
    ("networks:kim", [], EVERYONE),
    ("networks:detail", ["slug"], EVERYONE),
    ("networks:map", ["slug"], EVERYONE),
    ("networks:map_data", ["slug"], EVERYONE),
    ("networks:history", ["slug"], SIGNED_IN),
    ("networks:export", ["slug"], SIGNED_IN),
    ("networks:members", ["slug"], EDITORS),
    ("networks:membership_edit", ["slug", "membership"], EDITORS),
    ("networks:membership_end", ["slug", "membership"], EDITORS),
    ("networks:link_add", ["slug"], EDITORS),
    ("networks:link_end", ["slug", "link"], EDITORS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "expected"), READ_VIEWS, ids=[v[0] for v in READ_VIEWS])
def test_get_permission_matrix(client, login_as, objects, role, name, args, expected):
    login_as(role)
    response = client.get(reverse(name, args=[objects[a] for a in args]))
    assert response.status_code == expected[role]
    if expected[role] == LOGIN:
        assert response["Location"].startswith(reverse("account_login"))


def _posts(objects):
    actor = ActorFactory()
    other = ActorFactory()
    return {
        "add": (
            reverse("networks:members", args=[objects["slug"]]),
            {"actors": [actor.pk], "role": "member", "since": "2024-01-01"},
            lambda: Membership.objects.filter(actor=actor).exists(),
        ),
        "edit": (
            reverse("networks:membership_edit", args=[objects["slug"], objects["membership"]]),
            {"version": 1, "role": "chair", "since": "2021-01-01", "until": "", "note": "neu"},
            lambda: Membership.objects.get(pk=objects["membership"]).role == "chair",
        ),
        "end": (
            reverse("networks:membership_end", args=[objects["slug"], objects["membership"]]),
            {"version": 1, "until": "2024-06-30"},
            lambda: Membership.objects.get(pk=objects["membership"]).until is not None,
        ),
        "link_add": (
            reverse("networks:link_add", args=[objects["slug"]]),
            {"source": actor.pk, "target": other.pk, "kind": "cooperation", "since": "2024-01-01"},
            lambda: CoordinationLink.objects.filter(source=actor, target=other).exists(),
        ),
        "link_end": (
            reverse("networks:link_end", args=[objects["slug"], objects["link"]]),
            {"version": 1, "until": "2024-06-30"},
            lambda: CoordinationLink.objects.get(pk=objects["link"]).until is not None,
        ),
    }


POSTS = ["add", "edit", "end", "link_add", "link_end"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", POSTS)
def test_post_permission_matrix(client, login_as, objects, role, action):
    login_as(role)
    url, data, changed = _posts(objects)[action]
    response = client.post(url, data)
    if EDITORS[role] == OK:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == reverse("networks:members", args=[objects["slug"]])
        assert changed()
    else:
        assert response.status_code == EDITORS[role]
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
    assert (edit_url in html) is (EDITORS[role] == OK)


def test_coordinator_edits_only_memberships_of_own_network(client, coordinator_user, network):
    foreign = NetworkFactory()
    from networks.tests.factories import MembershipFactory

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
