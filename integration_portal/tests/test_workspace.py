"""„Mein Bereich“: where every account lands after signing in, with the sections of its
role, its own searches and nobody else's, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import RecentSearch, SavedSearch, SearchKind
from actors.services import saved_search_create
from actors.tests.factories import OfferFactory
from core.models import Role
from core.tests.factories import (
    TEST_TOTP_SECRET,
    AccessibilityFeedbackFactory,
    UserFactory,
    totp_code,
)
from networks.models import Membership
from networks.tests.factories import ActorFactory, MembershipFactory, NetworkFactory
from stewardship.models import Suggestion, SuggestionKind
from timeline.models import ContentKind, Revision, Status, TranslationFlag
from timeline.tests.factories import EventFactory, PeriodFactory, ThesisFactory

pytestmark = pytest.mark.django_db

URL = "/mein-bereich/"
PASSWORD = "test-password-123"

#: A heading of each role's section(s), and the roles that see it.
SECTIONS = {
    "Meine Netzwerke": {"coordinator"},
    "Redaktion: Geschichte": {"editor", "admin"},
    "Datenqualität des Verzeichnisses": {"admin"},
    "Ihre letzten Suchen": {"staff", "coordinator", "editor", "admin"},
    "Gespeicherte Suchen": {"staff", "coordinator", "editor", "admin"},
}


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    return response.content.decode()


# --- signing in -------------------------------------------------------------------------


def test_signing_in_leads_to_mein_bereich(client, staff_user):
    response = client.post("/konto/login/", {"login": staff_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == URL


def test_signing_in_with_password_and_code_leads_to_mein_bereich(client, coordinator_user):
    client.post("/konto/login/", {"login": coordinator_user.email, "password": PASSWORD})
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert "Meine Netzwerke" in _page(client)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (URL, "/mein-bereich/suchen/speichern/", "/mein-bereich/suchen/1/loeschen/"):
        response = client.post(url) if "suchen" in url else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/")


def test_the_header_links_to_mein_bereich_for_signed_in_accounts_only(client, staff_user):
    assert 'href="/mein-bereich/"' not in client.get("/impressum/").content.decode()
    client.force_login(staff_user)
    assert 'href="/mein-bereich/"' in client.get("/impressum/").content.decode()


# --- the sections of each role ------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "coordinator", "editor", "admin"])
def test_each_role_sees_its_sections_and_not_the_others(client, login_as, network, role):
    login_as(role)
    page = _page(client)
    for heading, roles in SECTIONS.items():
        assert (heading in page) == (role in roles), heading


def test_a_coordinator_sees_the_tasks_of_their_own_networks_only(
    client, coordinator_user, other_coordinator, network
):
    today = timezone.localdate()
    other = other_coordinator.coordinated_networks.get()
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Jobcenter Kreis", slug="jobcenter"),
        since=datetime.date(2020, 1, 1),
        until=today + datetime.timedelta(days=30),
    )
    MembershipFactory(
        network=network,
        actor=ActorFactory(name="Später Verband", slug="spaeter"),
        since=datetime.date(2020, 1, 1),
        until=today + datetime.timedelta(days=90),
    )
    no_role = MembershipFactory(network=network, actor=ActorFactory(name="Ohne Rolle e. V."))
    Membership.objects.filter(pk=no_role.pk).update(role="")
    MembershipFactory(
        network=other,
        actor=ActorFactory(name="Fremder Träger", slug="fremd"),
        since=datetime.date(2020, 1, 1),
        until=today + datetime.timedelta(days=10),
    )
    changed = MembershipFactory(network=other, actor=ActorFactory(name="Fremde Änderung"))
    changed._history_user = other_coordinator
    changed.note = "geändert"
    changed.save()
    client.force_login(coordinator_user)
    page = _page(client)
    assert "KIM-Lenkungsgruppe" in page
    assert f'href="/netzwerke/{network.slug}/mitglieder/"' in page
    ending = page.split('id="enden-bald"', 1)[1].split('id="ohne-rolle"', 1)[0]
    assert "Jobcenter Kreis" in ending
    assert "Später Verband" not in ending  # ends after the 60 days
    without_role = page.split('id="ohne-rolle"', 1)[1].split('id="letzte-aenderungen"', 1)[0]
    assert "Ohne Rolle e. V." in without_role
    assert "Jobcenter Kreis" not in without_role
    assert other.name not in page
    assert "Fremder Träger" not in page
    assert "Fremde Änderung" not in page


def test_a_coordinator_sees_the_latest_changes_by_others_not_their_own(
    client, coordinator_user, network
):
    colleague = UserFactory(email="kollegin@example.org", name="Kim Kollegin", role="admin")
    for n in range(12):
        membership = MembershipFactory(network=network, actor=ActorFactory(name=f"Träger {n:02d}"))
        membership._history_user = colleague if n else coordinator_user
        membership.note = "neu"
        membership.save()
    network._history_user = coordinator_user
    network.description = "Eigene Änderung"
    network.save()
    client.force_login(coordinator_user)
    page = _page(client)
    section = page.split('id="letzte-aenderungen"', 1)[1].split("</ol>", 1)[0]
    assert section.count("<li>") == 10
    assert "Kim Kollegin" in section
    assert "Cora Koordination" not in section
    assert "Träger 11" in section


def test_an_editor_sees_drafts_with_links_to_edit_them(client, editor_user):
    period = PeriodFactory(title="Entwurf Zeitabschnitt", status=Status.DRAFT)
    EventFactory(period=period, title="Entwurf Ereignis", status=Status.DRAFT)
    ThesisFactory(title="Veröffentlichte These", status=Status.PUBLISHED)
    client.force_login(editor_user)
    page = _page(client)
    assert "Entwurf Zeitabschnitt" in page
    assert f'href="/redaktion/zeitabschnitte/{period.pk}/"' in page
    assert "Entwurf Ereignis" in page
    assert "Veröffentlichte These" not in page


def test_an_editor_sees_outdated_translations_and_drafts_of_changes_until_they_are_done(
    client, editor_user
):
    period = PeriodFactory(title="Die 1970er")
    client.force_login(editor_user)
    edit = f"/redaktion/zeitabschnitte/{period.pk}/"
    data = {
        name: getattr(period, name)
        for name in (
            "title",
            "start_year",
            "end_year",
            "position",
            "focus",
            "summary",
            "title_en",
            "focus_en",
            "summary_en",
            "easy_summary",
            "easy_summary_en",
        )
    }
    client.post(edit, {**data, "title": "Die 1970er Jahre", "version": 0})
    page = _page(client)
    assert "Änderungen im Entwurf (1)" in page
    assert f'href="{edit}"' in page

    client.post(edit + "veroeffentlichen/", {"p-version": 1, "p-note": "Titel ergänzt"})
    page = _page(client)
    assert "Änderungen im Entwurf (0)" in page
    assert "Veraltete Übersetzungen (1)" in page
    assert "Titel (Englisch): Die 1970er Jahre" in page
    assert f'href="{edit}#id_title_en"' in page

    client.post(edit + "uebersetzungen/title_en/aktuell/")
    assert "Veraltete Übersetzungen (0)" in _page(client)


def test_an_administrator_sees_accounts_feedback_and_gaps(client, admin_user):
    AccessibilityFeedbackFactory(message="Geheime Nachricht")
    AccessibilityFeedbackFactory(status="done")
    ActorFactory(name="Ohne Kontakt")
    client.force_login(admin_user)
    page = _page(client)
    assert 'href="/mein-bereich/rueckmeldungen/?status=new">Neu: 1</a>' in page
    assert "Geheime Nachricht" not in page
    assert "Akteure ohne Ansprechperson: 1" in page
    assert "Zuständigkeiten ohne Rechtsgrundlage: 0" in page
    assert "Administration: 1" in page


# --- searches ---------------------------------------------------------------------------


def test_searches_are_recorded_for_signed_in_accounts_only(client, staff_user):
    client.get("/akteure/", {"q": "Beratung"})
    assert not RecentSearch.objects.exists()
    client.force_login(staff_user)
    client.get("/akteure/", {"q": "Beratung", "seite": "1"})
    client.get("/akteure/")  # the whole directory is no search
    client.get("/zustaendig/", {"frage": "Wohnen"})
    assert set(RecentSearch.objects.values_list("user", "kind", "query")) == {
        (staff_user.pk, SearchKind.DIRECTORY, "q=Beratung"),
        (staff_user.pk, SearchKind.FINDER, "frage=Wohnen"),
    }
    page = _page(client)
    assert 'href="/akteure/?q=Beratung"' in page
    assert 'href="/zustaendig/?frage=Wohnen"' in page


def test_recent_searches_are_capped_per_account(client, staff_user):
    client.force_login(staff_user)
    for n in range(RecentSearch.PER_KIND + 3):
        client.get("/akteure/", {"q": f"Suche{n}"})
    assert RecentSearch.objects.filter(user=staff_user).count() == RecentSearch.PER_KIND


def test_nobody_sees_another_accounts_searches(client, staff_user, editor_user):
    client.force_login(staff_user)
    client.get("/akteure/", {"q": "Vertraulich"})
    saved_search_create(user=staff_user, name="Mein Geheimfilter", kind="directory", query="q=x")
    client.force_login(editor_user)
    page = _page(client)
    assert "Vertraulich" not in page
    assert "Mein Geheimfilter" not in page
    saved = SavedSearch.objects.get(name="Mein Geheimfilter")
    response = client.post(f"/mein-bereich/suchen/{saved.pk}/loeschen/")
    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_saving_and_deleting_a_search(client, staff_user):
    client.force_login(staff_user)
    page = client.get("/akteure/", {"q": "Beratung", "ebene": "kreis"}).content.decode()
    assert "Diese Suche speichern" in page
    response = client.post(
        "/mein-bereich/suchen/speichern/",
        {"name": "Beratung im Kreis", "kind": "directory", "query": "q=Beratung&ebene=kreis"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/akteure/?ebene=kreis&q=Beratung"
    page = _page(client)
    assert "Beratung im Kreis" in page
    saved = SavedSearch.objects.get(user=staff_user)
    response = client.post(f"/mein-bereich/suchen/{saved.pk}/loeschen/")
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_save_button_is_for_signed_in_accounts_only(client):
    page = client.get("/akteure/", {"q": "Beratung"}).content.decode()
    assert "Diese Suche speichern" not in page


def test_saving_a_search_with_a_too_long_name_gives_a_clear_error(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/mein-bereich/suchen/speichern/",
        {"name": "x" * 81, "kind": "directory", "query": "q=Beratung"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Der Name darf höchstens 80 Zeichen lang sein; Ihrer hat 81." in page
    assert 'href="/akteure/?q=Beratung"' in page  # back to the search
    assert not SavedSearch.objects.exists()


# --- a fixed number of queries ------------------------------------------------------------


def _fill(user, network, size: int):
    today = timezone.localdate()
    colleague = UserFactory(email=f"kollege{size}@example.org")
    for n in range(size):
        membership = MembershipFactory(
            network=network,
            actor=ActorFactory(),
            since=datetime.date(2020, 1, 1),
            until=today + datetime.timedelta(days=n % 50),
        )
        membership._history_user = colleague
        membership.note = "geändert"
        membership.save()
        if n % 3 == 0:
            Membership.objects.filter(pk=membership.pk).update(role="")
        extra = NetworkFactory(coordinators=[user])
        MembershipFactory(network=extra, actor=ActorFactory())
        RecentSearch.objects.create(user=user, kind=SearchKind.DIRECTORY, query=f"q=s{n}")
        saved_search_create(user=user, name=f"Suche {size}-{n}", kind="directory", query="q=x")
        PeriodFactory(status=Status.DRAFT)
        # A draft of a change and an outdated translation, of a period and of an event.
        for obj, kind, field in (
            (PeriodFactory(), ContentKind.PERIOD, "title_en"),
            (EventFactory(), ContentKind.EVENT, "text_en"),
        ):
            Revision.objects.create(
                kind=kind, object_id=obj.pk, changes={"title": "Neu"}, base={"title": obj.title}
            )
            TranslationFlag.objects.create(
                kind=kind, object_id=obj.pk, field=field, flagged_at=timezone.now()
            )
        AccessibilityFeedbackFactory()


# The account's recent and saved searches (2); a coordinator's networks, memberships that
# end soon, members without a role, the three histories and the actors' names (7); an
# administrator's drafts of four models, the drafts of changes, the outdated translations
# and the names of their content (one query per kind: two here), accounts, feedback and
# four gaps (14), and the
# coordination section of the networks assigned to them; everyone's entries due for review
# (4: two kinds, listed and counted), and the permissions asked for the suggestions and the
# import (2; an administrator needs none, but counts the open suggestions: 1). The session
# and the account come from the sessions cache.
@pytest.mark.parametrize(("role", "expected"), [("coordinator", 15), ("admin", 28)])
def test_the_page_runs_a_fixed_number_of_queries(
    client, login_as, network, django_assert_max_num_queries, role, expected
):
    user = login_as(role)
    network.coordinators.add(user)
    client.get("/impressum/")  # the first request after signing in refreshes the session
    counts = []
    for size in (2, 15):
        _fill(user, network, size)
        with CaptureQueriesContext(connection) as queries:
            _page(client)
        counts.append(len(queries))
    assert counts == [expected, expected]
    with django_assert_max_num_queries(expected):
        _page(client)


def test_the_stewardship_section_lists_the_accounts_due_entries_and_its_links(client):
    owner = UserFactory(role=Role.STAFF)
    other = UserFactory(role=Role.STAFF)
    due = ActorFactory(name="Fällige Beratungsstelle", owner=owner, last_verified=None)
    ActorFactory(name="Frisch geprüft", owner=owner, last_verified=timezone.localdate())
    ActorFactory(name="Fremde Stelle", owner=other, last_verified=None)
    OfferFactory(name="Sprachcafé ohne Prüfung", actor=due, last_verified=None)
    client.force_login(owner)
    html = client.get(reverse("workspace")).content.decode()
    assert "Fällige Beratungsstelle" in html and "Sprachcafé ohne Prüfung" in html
    assert "Frisch geprüft" not in html and "Fremde Stelle" not in html
    assert reverse("admin:actors_actor_change", args=[due.pk]) in html
    assert reverse("stewardship:quality") in html
    # Plain staff may neither handle suggestions nor import.
    assert reverse("stewardship:suggestion_queue") not in html
    assert reverse("actors:import") not in html


def test_the_stewardship_section_counts_new_suggestions_for_those_who_handle_them(
    client, admin_user
):
    actor = ActorFactory()
    Suggestion.objects.create(kind=SuggestionKind.ACTOR, actor=actor, proposed={"phone": "1"})
    client.force_login(admin_user)
    html = client.get(reverse("workspace")).content.decode()
    assert "Vorschläge von außen: 1 neuer" in html
    assert reverse("actors:import") in html
