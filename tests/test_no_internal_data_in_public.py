"""Anonymous visitors never receive internal data.

Unique marker strings go into every internal field (contact persons, internal notes,
internal actors and networks, membership notes, drafts of the history), also into
internal records that public ones only point to (a lead actor, a parent network, a
municipality, a parent organisation); then every public page is crawled as an
anonymous visitor, in German and English, with CSV and JSON outputs, the sitemap and
searches for the markers themselves. No marker may appear. The same markers do appear
for a signed-in account, so the test can fail.
"""

import datetime
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from actors.models import ContactPerson, Offer
from actors.tests.factories import (
    MunicipalityFactory,
    OfferFactory,
    ResponsibilityFactory,
    TaskFactory,
)
from core.models import User
from core.tests.factories import AccessibilityFeedbackFactory
from networks.models import CoordinationLink, LinkKind, Membership
from networks.tests.factories import ActorFactory, NetworkFactory
from stewardship.models import Suggestion, SuggestionKind
from tests.access_policy import POLICY
from tests.access_walk import all_routes, policy_for, route_url
from timeline.models import ContentKind, Event, Revision, Status
from timeline.tests.factories import EventFactory, PeriodFactory, SourceFactory, ThesisFactory

pytestmark = pytest.mark.django_db

MAX_PAGES = 400


@pytest.fixture
def markers(world):
    """Seed a marker into every internal field; returns the markers."""

    m = {}

    def mark(name):
        m[name] = f"zqmark{name}x"
        return m[name]

    ContactPerson.objects.create(
        actor=world.actor,
        name=mark("cpname"),
        function=mark("cpfunction"),
        phone=mark("cpphone"),
        email=f"{mark('cpemail')}@example.org",
    )
    world.actor.internal_notes = mark("actornote")
    # The change history (staff only): the account that changed the actor, and why.
    world.actor._history_user = User.objects.create_user(
        email=f"{mark('historyemail')}@example.org", name=mark("historyuser")
    )
    world.actor._change_reason = mark("historyreason")
    # Stewardship (staff only): the account reminded to review it and who checked it last.
    world.actor.owner = world.actor.last_verified_by = User.objects.create_user(
        email=f"{mark('owneremail')}@example.org", name=mark("ownername")
    )
    world.actor.save()
    # A suggestion from outside that nobody has accepted yet, with its proposer's contact.
    Suggestion.objects.create(
        kind=SuggestionKind.ACTOR,
        actor=world.actor,
        proposed={"description": mark("suggestiondesc"), "phone": mark("suggestionphone")},
        comment=mark("suggestioncomment"),
        proposer_name=mark("proposername"),
        proposer_email=f"{mark('proposeremail')}@example.org",
    )
    hidden_actor = ActorFactory(
        slug=mark("hiddenactorslug"),
        name=mark("hiddenactorname"),
        is_public=False,
        description=mark("hiddenactordesc"),
    )
    world.network_a.internal_note = mark("networknote")
    world.network_a.save()
    hidden_network = NetworkFactory(
        slug=mark("hiddennetworkslug"),
        name=mark("hiddennetworkname"),
        description=mark("hiddennetworkdesc"),
        is_public=False,
    )
    Membership.objects.create(
        network=hidden_network, actor=world.actor, since=datetime.date(2022, 1, 1)
    )
    Membership.objects.create(
        network=world.network_a,
        actor=hidden_actor,
        since=datetime.date(2022, 1, 1),
        note=mark("hiddenmembershipnote"),
    )
    world.membership.note = mark("membershipnote")
    world.membership.save()
    # Internal records that public ones only point to. Saved without ``clean()``: the
    # state arises when a referenced record is made internal after the reference was set.
    lead_actor = ActorFactory(
        slug=mark("leadactorslug"),
        name=mark("leadactorname"),
        short_name=mark("leadactorshort"),
        is_public=False,
    )
    parent_network = NetworkFactory(
        slug=mark("parentnetworkslug"), name=mark("parentnetworkname"), is_public=False
    )
    NetworkFactory(
        slug="oeffentliches-teilnetzwerk",
        name="Öffentliches Teilnetzwerk",
        lead_actor=lead_actor,
        parent=parent_network,
    )
    municipality = MunicipalityFactory(
        slug=mark("municipalityslug"), name=mark("municipalityname"), is_public=False
    )
    parent_actor = ActorFactory(
        slug=mark("parentactorslug"),
        name=mark("parentactorname"),
        short_name=mark("parentactorshort"),
        is_public=False,
    )
    ActorFactory(
        slug="beratung-vor-ort",
        name="Beratung vor Ort",
        municipality=municipality,
        parent=parent_actor,
    )
    # The finder: a responsibility with internal notes for a public municipality, one
    # that is internal, and one of an internal actor.
    town = MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")
    task = TaskFactory(slug="unterbringung", name="Unterbringung", keywords="Wohnen")
    ResponsibilityFactory(
        task=task, actor=world.actor, municipalities=[town], internal_notes=mark("respnote")
    )
    ResponsibilityFactory(
        task=task,
        actor=ActorFactory(slug="sozialamt", name="Sozialamt"),
        public_note=mark("internalresp"),
        is_public=False,
    )
    ResponsibilityFactory(task=task, actor=hidden_actor)
    OfferFactory(
        name="Beratung zur Unterbringung", municipalities=[town], internal_notes=mark("offernote")
    )
    OfferFactory(name=f"Unterbringung {mark('internaloffer')}", is_public=False)
    OfferFactory(name=f"Unterbringung {mark('offerofinternalactor')}", actor=hidden_actor)
    CoordinationLink.objects.create(
        source=world.actor,
        target=hidden_actor,
        network=world.network_a,
        kind=LinkKind.COOPERATION,
        description=mark("hiddenlinkdesc"),
    )
    CoordinationLink.objects.create(
        source=world.actor,
        target=ActorFactory(slug="vhs", name="VHS"),
        network=hidden_network,
        kind=LinkKind.COOPERATION,
        description=mark("internalnetworklinkdesc"),
    )
    draft = PeriodFactory(
        slug=mark("draftperiodslug"),
        title=mark("draftperiodtitle"),
        title_en=mark("draftperiodtitleen"),
        summary=mark("draftperiodsummary"),
        status=Status.DRAFT,
    )
    EventFactory(
        period=world.period,
        slug=mark("drafteventslug"),
        title=mark("drafteventtitle"),
        title_en=mark("drafteventtitleen"),
        status=Status.DRAFT,
    )
    EventFactory(period=draft, title=mark("eventindraftperiod"))
    ThesisFactory(title=mark("draftthesis"), title_en=mark("draftthesisen"), status=Status.DRAFT)
    SourceFactory(
        authors=mark("draftsourceauthors"),
        short_citation=mark("draftsourceshort"),
        status=Status.DRAFT,
    )
    # Drafts of changes to published content (the editorial area, /redaktion/): the
    # published period and one of its events stay as they are until they are published.
    published_event = EventFactory(period=world.period, slug="oeffentliches-ereignis")
    for obj, kind, changes in (
        (
            world.period,
            ContentKind.PERIOD,
            {"summary": mark("revisionsummary"), "title_en": mark("revisiontitleen")},
        ),
        (published_event, ContentKind.EVENT, {"title": mark("revisioneventtitle")}),
    ):
        Revision.objects.create(kind=kind, object_id=obj.pk, changes=changes, base={})
    # Accessibility feedback: the sender's data and the answer note are for
    # administrators alone.
    AccessibilityFeedbackFactory(
        reference="BF-MARKED01",
        page_url=mark("feedbackpage"),
        message=f"Barriere {mark('feedbackmessage')}",
        name=mark("feedbackname"),
        email=f"{mark('feedbackemail')}@example.org",
        answer_note=mark("feedbacknote"),
    )
    return m


def _public_seeds(world, markers) -> list[str]:
    seeds = []
    for route in all_routes():
        expected = policy_for(route, POLICY)
        if expected is None or expected[0]["anonymous"] not in ("ok", "page"):
            continue
        if route.namespace == "admin" or (route.name or "").startswith(("account_", "mfa_")):
            continue
        if route.key in {"set_language", "accessibility_receipt"}:
            continue
        url = route_url(route, world)
        seeds.append(url)
        if route.i18n:
            seeds.append("/en" + url)
    # The finder's answers for the municipality: by words, by the task, in English.
    for query in ("frage=Unterbringung", "thema=unterbringung", "frage=Wohnen+Beratung"):
        seeds += [
            f"/zustaendig/?{query}&kommune=musterstadt",
            f"/en/zustaendig/?{query}&kommune=musterstadt",
        ]
    # The editorial area and its previews: anonymous visitors are sent to sign in.
    seeds += [route_url(route, world) for route in all_routes() if route.namespace == "editorial"]
    # The open data's API (opendata/): every list, fully nested, and the public records'
    # own addresses; every list searched for each marker below.
    api_lists = (
        "organizations",
        "services",
        "service_at_locations",
        "taxonomy_terms",
        "organization_relationships",
        "networks",
        "memberships",
        "responsibilities",
    )
    for name in api_lists:
        seeds.append(f"/api/hsds/{name}?per_page=200")
        if name in ("organizations", "services", "service_at_locations", "networks"):
            seeds.append(f"/api/hsds/{name}?per_page=200&full=true")
    seeds += [
        f"/api/hsds/organizations/{world.actor.uuid}",
        f"/api/hsds/networks/{world.network_a.uuid}",
    ]
    seeds += [f"/api/hsds/services/{offer.uuid}" for offer in Offer.objects.public()]
    # Searches for the markers themselves, and the objects' own addresses.
    for marker in markers.values():
        seeds += [
            f"/api/hsds/organizations?search={marker}&full=true",
            f"/api/hsds/services?search={marker}&full=true",
        ]
        seeds.append(f"/zustaendig/?frage={marker}&kommune=musterstadt")
        seeds += [f"/akteure/?q={marker}", f"/en/akteure/?q={marker}", f"/akteure/{marker}/"]
        seeds += [f"/netzwerke/{marker}/", f"/netzwerke/?q={marker}", f"/geschichte/{marker}/"]
        # A typo of a marker finds nothing: „Meinten Sie …?“ must not offer the marker.
        seeds.append(f"/akteure/?q={marker[:-2]}{marker[-1]}")
    return seeds


HREF = re.compile(r"""(?:href|src|data-[a-z-]+)="(/[^"#]*)""")
SKIP = ("/konto/", "/en/konto/", "/verwaltung/", "/en/verwaltung/", "/i18n/", "/static/")


def crawl(client, seeds: list[str]) -> dict[str, str]:
    """Breadth-first through every same-site link, as the given client sees the site."""
    seen, pages = set(), {}
    queue = deque(seeds)
    while queue and len(pages) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0].replace("&amp;", "&")
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        pages[url] = text
        content_type = response.get("Content-Type", "")
        if "html" in content_type or "xml" in content_type:
            for link in HREF.findall(text) + re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", text):
                if not urlsplit(link).netloc:
                    queue.append(link)
    return pages


def test_anonymous_visitors_never_receive_internal_data(client, world, markers):
    pages = crawl(client, _public_seeds(world, markers))
    kinds = {url for url in pages if url.endswith((".csv", ".json", ".xml"))}
    assert len(pages) > 40 and kinds, (len(pages), kinds)
    assert sum(url.startswith("/api/hsds/") for url in pages) > 20
    assert any(url.startswith("/en/") for url in pages)
    leaks = [
        f"{name} in {url}"
        for url, text in pages.items()
        for name, marker in markers.items()
        # A search page repeats its own query; that is the visitor's input, not a leak.
        if marker in text and marker not in url
    ]
    assert not leaks, leaks


def test_signed_in_staff_do_see_the_internal_data(client, world, markers, staff_user):
    client.force_login(staff_user)
    actor_page = client.get(f"/akteure/{world.actor.slug}/").content.decode()
    for name in ("cpname", "cpemail", "actornote", "hiddennetworkname"):
        assert markers[name] in actor_page, name
    history_page = client.get(f"/akteure/{world.actor.slug}/verlauf/").content.decode()
    for name in ("historyuser", "historyreason", "actornote", "cpname"):
        assert markers[name] in history_page, name
    network_page = client.get(f"/netzwerke/{world.network_a.slug}/").content.decode()
    assert markers["networknote"] in network_page
    finder_page = client.get("/zustaendig/?frage=Unterbringung&kommune=musterstadt").text
    for name in (
        "cpname",
        "cpemail",
        "respnote",
        "internalresp",
        "hiddenactorname",
        "offernote",
        "internaloffer",
    ):
        assert markers[name] in finder_page, name
    assert client.get(f"/netzwerke/{markers['hiddennetworkslug']}/").status_code == 200


def test_editors_see_the_suggestion_and_its_proposer_in_the_queue(
    client, world, markers, editor_user
):
    client.force_login(editor_user)
    suggestion = Suggestion.objects.get(actor=world.actor)
    page = client.get(f"/mein-bereich/vorschlaege/{suggestion.pk}/").text
    for name in ("suggestiondesc", "suggestionphone", "suggestioncomment", "proposeremail"):
        assert markers[name] in page, name


def test_editors_do_see_the_drafts_of_changes_in_the_editorial_area(
    client, world, markers, editor_user, staff_user
):
    period_preview = f"/redaktion/zeitabschnitte/{world.period.pk}/vorschau/"
    client.force_login(editor_user)
    assert markers["revisionsummary"] in client.get(period_preview).text
    assert markers["revisiontitleen"] in client.get("/en" + period_preview).text
    event = Event.objects.get(slug="oeffentliches-ereignis")
    event_preview = f"/redaktion/ereignisse/{event.pk}/vorschau/"
    assert markers["revisioneventtitle"] in client.get(event_preview).text
    # Signed-in staff without the editor role: refused, and the public page is unchanged.
    client.force_login(staff_user)
    assert client.get(period_preview).status_code == 403
    assert markers["revisionsummary"] not in client.get(f"/geschichte/{world.period.slug}/").text


@pytest.mark.parametrize("language", ["", "/en"])
def test_signed_in_staff_see_the_internal_records_public_ones_point_to(
    client, world, markers, staff_user, language
):
    client.force_login(staff_user)
    network_page = client.get(f"{language}/netzwerke/oeffentliches-teilnetzwerk/").content.decode()
    network_list = client.get(f"{language}/netzwerke/").content.decode()
    for name in ("leadactorname", "leadactorshort", "parentnetworkname"):
        assert markers[name] in network_page, name
    for name in ("leadactorname", "parentnetworkname"):
        assert markers[name] in network_list, name
    directory = client.get(f"{language}/akteure/?q=beratung").content.decode()
    assert markers["municipalityname"] in directory
    assert markers["parentactorshort"] in directory


@pytest.mark.parametrize(
    "name",
    [
        "cpname",
        "cpfunction",
        "cpemail",
        "actornote",
        "hiddenactorname",
        "hiddenactordesc",
        "internaloffer",
        "offernote",
        "internalresp",
    ],
)
def test_searching_for_internal_data_finds_nothing_for_visitors(client, world, markers, name):
    """The search must not be an oracle: internal fields do not make an actor match."""
    html = client.get(f"/akteure/?q={markers[name]}").content.decode()
    assert "(0 Akteure" in html


@pytest.mark.parametrize("name", ["cpname", "cpfunction"])
def test_staff_find_actors_by_their_contact_persons(client, world, markers, staff_user, name):
    client.force_login(staff_user)
    html = client.get(f"/akteure/?q={markers[name]}").content.decode()
    assert "(0 Akteure" not in html


FEEDBACK_MARKERS = ("feedbackname", "feedbackemail", "feedbackmessage", "feedbacknote")


@pytest.mark.parametrize("role", ["staff", "coordinator", "editor"])
def test_feedback_senders_data_reaches_administrators_only(client, world, markers, login_as, role):
    login_as(role)
    urls = [
        "/",
        "/en/",
        "/barrierefreiheit/",
        "/datenschutz/intern/",
        "/mein-bereich/rueckmeldungen/",
        "/mein-bereich/",
    ]
    urls += ["/mein-bereich/rueckmeldungen/BF-MARKED01/", "/akteure/?q=Barriere"]
    pages = {url: client.get(url).text for url in urls}
    leaks = [
        f"{name} in {url}"
        for url, text in pages.items()
        for name in FEEDBACK_MARKERS
        if markers[name] in text
    ]
    assert not leaks, leaks


def test_administrators_do_see_the_feedback_senders_data(client, world, markers, admin_user):
    client.force_login(admin_user)
    listing = client.get("/mein-bereich/rueckmeldungen/").text
    assert markers["feedbackmessage"] in listing
    assert markers["feedbackname"] not in listing  # contact data on the message's page only
    detail = client.get("/mein-bereich/rueckmeldungen/BF-MARKED01/").text
    for name in FEEDBACK_MARKERS:
        assert markers[name] in detail, name
