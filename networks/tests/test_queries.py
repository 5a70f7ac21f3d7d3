"""Detail page and maps run a fixed number of queries whatever the number of members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.tests.factories import (
    ActorFactory,
    CoordinationLinkFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db


def _network_with(size, coordinator=None):
    network = NetworkFactory(
        slug=f"gross-{size}",
        coordinators=[coordinator] if coordinator else [],
        lead_actor=ActorFactory(),
    )
    actors = ActorFactory.create_batch(size)
    for i, actor in enumerate(actors):
        MembershipFactory(network=network, actor=actor, role=["chair", "member", "advisory"][i % 3])
    for source, target in zip(actors[::2], actors[1::2], strict=False):
        CoordinationLinkFactory(network=network, source=source, target=target)
    # Former members too, so that both tables are filled.
    for actor in actors[: size // 5]:
        MembershipFactory(network=network, actor=actor, since="2015-01-01", until="2019-12-31")
    return network


# Anonymous: network, memberships, links (+ sub-networks on the detail page), + the
# content version that keys the cached tables and map data (not on the map page).
# Signed in (the first request after signing in): + the account (the session is in the
# sessions cache since the sign-in), + saving the session's refresh mark (savepoint,
# update, release; integration_portal/sessions.py), + on the detail page the coordinator
# check.
EXPECTED = {
    # + the version of the network's memberships (core/versions.py)
    "networks:detail": {"anonymous": 6, "coordinator": 11},
    "networks:map": {"anonymous": 3, "coordinator": 7},
    # The network kept in the cache with its visible sub-networks (as on the detail page):
    # + the sub-networks and the directory's version before the network, once per version.
    "networks:map_data": {"anonymous": 6, "coordinator": 10},
}


@pytest.mark.parametrize("size", [10, 300])
@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
@pytest.mark.parametrize("name", list(EXPECTED))
def test_fixed_query_count(client, django_assert_num_queries, coordinator_user, name, who, size):
    network = _network_with(size, coordinator_user)
    if who == "coordinator":
        client.force_login(coordinator_user)
    with django_assert_num_queries(EXPECTED[name][who]):
        response = client.get(reverse(name, args=[network.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["networks:list", "networks:overview_map", "networks:overview_map_data"]
)
def test_list_and_overview_do_not_grow_with_members(client, name):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        return len(ctx.captured_queries)

    _network_with(10)
    small = count()
    _network_with(300)
    NetworkFactory.create_batch(5)
    assert count() == small
