"""Access control, proven for every URL: the URL configuration is walked (so a new route
cannot be forgotten) and each route is requested with GET and POST as every role; the
outcome must match the one declared in ``access_policy.POLICY``."""

import pytest

from actors.models import (
    Language,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Responsibility,
    Synonym,
    TargetGroup,
    Task,
    Topic,
    Weekday,
)
from core.tests.factories import AccessibilityFeedbackFactory
from tests.access_policy import POLICY, ROLES
from tests.access_walk import (
    all_routes,
    outcome,
    policy_for,
    route_url,
    satisfies,
)
from timeline.tests.factories import (
    CharacteristicFactory,
    EventFactory,
    SourceFactory,
    ThesisFactory,
)

pytestmark = pytest.mark.django_db


def test_every_route_of_the_url_configuration_is_in_the_policy():
    missing = [route.key for route in all_routes() if policy_for(route, POLICY) is None]
    assert not missing, f"routes without an access policy: {missing}"


def test_the_walk_reaches_every_part_of_the_portal():
    keys = {route.key for route in all_routes()}
    for key in ("home", "actors:detail", "networks:members", "timeline:preview_period"):
        assert key in keys
    assert sum(key.startswith("admin:") for key in keys) > 50


def test_page_is_the_strict_ok_of_a_page():
    """``page`` accepts only the page itself; ``ok`` also a redirect or an empty-form 400."""
    from django.http import HttpResponse, HttpResponseRedirect

    shown, sent_on, refused_form = (
        HttpResponse(),
        HttpResponseRedirect("/netzwerke/"),
        HttpResponse(status=400),
    )
    assert satisfies(shown, "page") and satisfies(shown, "ok")
    assert not satisfies(sent_on, "page") and satisfies(sent_on, "ok")
    assert not satisfies(refused_form, "page") and satisfies(refused_form, "ok")
    assert not satisfies(HttpResponseRedirect("/konto/login/?next=/"), "page")


@pytest.fixture
def accounts(world, staff_user, coordinator_user, editor_user, admin_user):
    return {
        "anonymous": None,
        "staff": staff_user,
        "coordinator": coordinator_user,  # coordinates network A, the object of the URLs
        "other_coordinator": world.other_coordinator,  # coordinates network B only
        "editor": editor_user,
        "admin": admin_user,
    }


def _admin_objects(world):
    """One object of every model the admin edits, so its URLs name a real object."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    Group.objects.create(name="Beispielgruppe")
    EmailAddress.objects.create(user=world.other_coordinator, email="x@example.org")
    TargetGroup.objects.create(name="Neuzugewanderte", slug="neuzugewanderte")
    Language.objects.create(name="Arabisch", code="ar")
    task = Task.objects.create(
        name="Ausländerwesen", slug="auslaenderwesen", directness="direct", obligation="mandatory"
    )
    Responsibility.objects.create(task=task, actor=world.actor, for_whole_district=True)
    # Offers; the topic is one of the migration's (gone after a flush with --reuse-db).
    Topic.objects.get_or_create(slug="sprache", defaults={"name": "Sprache", "position": 2})
    offer = Offer.objects.create(
        actor=world.actor, name="Sprachcafé", slug="sprachcafe", for_whole_district=True
    )
    at = OfferPlace.objects.create(offer=offer, place=Place.objects.create(name="Rathaus"))
    OpeningHours.objects.create(
        offer=offer, offer_place=at, weekday=Weekday.MONDAY, by_appointment_only=True
    )
    Synonym.objects.create(key="kita", words="Kita, Kindergarten")
    AccessibilityFeedbackFactory(name="Bea Beispiel", email="bea@example.org")  # the inbox
    SourceFactory()
    CharacteristicFactory(period=world.period)
    EventFactory(period=world.period)
    ThesisFactory()


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_the_policy_says(role, world, accounts, client_factory):
    _admin_objects(world)
    user = accounts[role]
    mismatches = []
    client = client_factory(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    for route in all_routes():
        expected_get, expected_post = policy_for(route, POLICY)
        url = route_url(route, world)
        for method, expected in (("get", expected_get), ("post", expected_post)):
            response = getattr(client, method)(url)
            if user is not None and "logout" in route.key:
                client.force_login(user)  # the request may have signed the account out
            if not satisfies(response, expected[role]):
                got = f"{outcome(response)} ({response.status_code})"
                mismatches.append(
                    f"{method.upper()} {url} ({route.key}): {got}, policy {expected[role]}"
                )
    assert not mismatches, "\n".join(mismatches)
