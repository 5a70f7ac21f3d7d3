"""A signed-in account's repeat of a page comes whole from its worker's memory
(core.caching.CachedSignedInPageMixin): exact, per account, with the request's own
CSRF token."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import RecentSearch, SavedSearch
from actors.services import recorded_searches
from actors.tests.factories import ActorFactory
from core.models import Role
from core.tests.factories import UserFactory
from networks.tests.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def actor():
    return ActorFactory(
        name="Beratungsstelle am Markt", slug="markt", internal_notes="Nur intern: Hinweis"
    )


def signed_in(client_factory, user):
    client = client_factory()
    client.force_login(user)
    client.get(reverse("imprint"))  # the CSRF cookie, as a browser keeps it
    return client


def test_a_repeated_page_is_served_whole_without_rendering(client_factory, staff_user, actor):
    client = signed_in(client_factory, staff_user)
    url = reverse("actors:detail", args=[actor.slug])
    first = client.get(url)
    assert first.context is not None  # rendered
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.context is None  # not rendered: the kept page
    assert len(queries) <= 1  # the content versions (none on PostgreSQL outside a test)
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())
    assert "private" in again["Cache-Control"]


def test_the_kept_page_carries_the_requests_own_csrf_token_and_its_forms_work(
    client_factory, staff_user
):
    ActorFactory.create_batch(2)
    client = signed_in(client_factory, staff_user)
    client.handler.enforce_csrf_checks = True
    url = reverse("actors:list") + "?q=Beratung"
    client.get(url)
    again = client.get(url)
    assert again.context is None
    tokens = TOKEN.findall(again.content.decode())
    assert len(tokens) == 2  # the sign-out and the form that saves the search
    assert "csrf-" not in again.content.decode()
    saved = client.post(
        reverse("workspace_search_save"),
        {
            "kind": "directory",
            "query": "q=Beratung",
            "name": "Beratung",
            "csrfmiddlewaretoken": tokens[1],
        },
    )
    assert saved.status_code == 302
    assert SavedSearch.objects.filter(user=staff_user, name="Beratung").exists()


def test_accounts_never_see_each_others_pages(client_factory, actor):
    first = UserFactory(role=Role.STAFF, name="Erste Kollegin")
    second = UserFactory(role=Role.STAFF, name="Zweiter Kollege")
    url = reverse("actors:detail", args=[actor.slug])
    one, two = signed_in(client_factory, first), signed_in(client_factory, second)
    one.get(url)
    one.get(url)
    page = two.get(url)
    assert page.context is not None  # rendered for this account
    assert "Angemeldet als Zweiter Kollege" in page.content.decode()
    assert "Erste Kollegin" not in two.get(url).content.decode()


def test_a_visitor_never_gets_a_staff_members_page(client_factory, client, staff_user, actor):
    staff = signed_in(client_factory, staff_user)
    url = reverse("actors:detail", args=[actor.slug])
    staff.get(url)
    assert "Nur intern" in staff.get(url).content.decode()
    page = client.get(url).content.decode()
    assert "Nur intern" not in page and "Angemeldet als" not in page


def test_a_change_of_any_content_shows_on_the_next_request(client_factory, staff_user, actor):
    client = signed_in(client_factory, staff_user)
    url = reverse("actors:detail", args=[actor.slug])
    client.get(url)
    client.get(url)
    MembershipFactory(actor=actor, network=NetworkFactory(name="Runder Tisch Wohnen"))
    assert "Runder Tisch Wohnen" in client.get(url).content.decode()
    actor.name = "Beratungsstelle am Rathaus"
    actor.save()
    assert "Beratungsstelle am Rathaus" in client.get(url).content.decode()


def test_an_account_changed_by_an_administrator_gets_its_pages_rendered_afresh(
    client_factory, coordinator_user, actor
):
    client = signed_in(client_factory, coordinator_user)
    url = reverse("actors:detail", args=[actor.slug])
    client.get(url)
    assert client.get(url).context is None
    coordinator_user.version += 1  # as the account services do with role or networks
    coordinator_user.save()
    client.force_login(coordinator_user)
    assert client.get(url).context is not None


def test_a_waiting_message_is_shown_and_the_page_is_not_kept(client_factory, staff_user, actor):
    client = signed_in(client_factory, staff_user)
    url = reverse("actors:detail", args=[actor.slug])
    client.get(url)
    client.get(url)
    storage = CookieStorage(RequestFactory().get("/"))
    message = Message(constants.SUCCESS, "Gespeichert: Ihre Angaben")
    client.cookies[CookieStorage.cookie_name] = storage._encode([message])
    page = client.get(url)
    assert page.context is not None
    assert "Gespeichert: Ihre Angaben" in page.content.decode()
    assert "Gespeichert: Ihre Angaben" not in client.get(url).content.decode()


def test_a_search_served_whole_is_still_recorded_among_the_recent_ones(client_factory, staff_user):
    ActorFactory(name="Sprachcafé")
    client = signed_in(client_factory, staff_user)
    url = reverse("finder") + "?frage=Sprachkurs"
    client.get(url)
    RecentSearch.objects.all().delete()
    recorded_searches.clear()  # another worker, or after the window
    assert client.get(url).context is None
    assert RecentSearch.objects.filter(user=staff_user, query="frage=Sprachkurs").exists()


def test_visitors_finder_answers_are_kept_but_not_for_a_visitor_with_a_session(
    client_factory, client
):
    url = reverse("finder") + "?frage=Sprachkurs"
    client.get(url)
    assert client.get(url).context is None
    with_session = client_factory()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "einer-mit-sitzung"
    assert with_session.get(url).context is not None
