"""Suggestions from outside: the public form, its anti-abuse, the staff's queue and the
actions accept, edit then accept, and reject, with history, mails and permissions."""

from __future__ import annotations

import datetime
import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Offer, OfferStatus
from actors.tests.factories import ActorFactory, MunicipalityFactory, OfferFactory
from core import privacy
from core.tests.factories import UserFactory
from stewardship import services
from stewardship.models import Suggestion, SuggestionKind, SuggestionStatus
from stewardship.suggestion_forms import HONEYPOT

pytestmark = pytest.mark.django_db

ACTOR_URL = "/vorschlag/akteur/{}/"
OFFER_URL = "/vorschlag/angebot/{}/"
NEW_OFFER_URL = "/vorschlag/akteur/{}/neues-angebot/"
QUEUE_URL = "/mein-bereich/vorschlaege/"


@pytest.fixture
def actor(db):
    return ActorFactory(
        slug="migrationsberatung",
        name="Migrationsberatung Heinsberg",
        phone="02452 1234",
        city="Heinsberg",
        email="info@example.org",
    )


def actor_form_data(actor: Actor, **changes) -> dict[str, str]:
    """What the prefilled form sends back, with ``changes`` typed in."""
    data = {
        name: str(getattr(actor, name) or "")
        for name in (
            "name",
            "short_name",
            "description",
            "street",
            "postal_code",
            "city",
            "phone",
            "email",
            "website",
            "opening_hours",
        )
    }
    return {**data, "comment": "", "proposer_name": "", "proposer_email": "", **changes}


def offer_form_data(offer: Offer, **changes) -> dict[str, str]:
    data = {
        name: str(getattr(offer, name) or "")
        for name in (
            "name",
            "description",
            "application_process",
            "fees_description",
            "url",
            "email",
            "phone",
        )
    }
    return {**data, **changes}


def suggest(client, actor, **changes):
    return client.post(ACTOR_URL.format(actor.slug), actor_form_data(actor, **changes))


def make_suggestion(actor, **fields) -> Suggestion:
    values = {
        "kind": SuggestionKind.ACTOR,
        "actor": actor,
        "proposed": {"phone": "02452 9999"},
        "base": {"phone": actor.phone},
        **fields,
    }
    return services.suggestion_submit(**values)


def handler_with_import_permission():
    user = UserFactory(email="import@example.org", role="staff")
    user.user_permissions.add(Permission.objects.get(codename="import_actors"))
    return user


# --- the public form -------------------------------------------------------------------


def test_the_form_is_prefilled_with_the_current_public_values(client, actor):
    response = client.get(ACTOR_URL.format(actor.slug))
    assert response.status_code == 200
    html = response.text
    assert 'value="02452 1234"' in html
    assert 'value="Migrationsberatung Heinsberg"' in html
    assert "Änderung vorschlagen" in html


def test_a_correction_stores_only_the_changed_fields(
    client, actor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = suggest(
            client,
            actor,
            phone="02452 5555",
            comment="Neue Nummer seit März.",
            proposer_name="Ida Muster",
            proposer_email="ida@example.org",
            may_credit="on",
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("stewardship:suggestion_thanks")
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == SuggestionKind.ACTOR
    assert suggestion.proposed == {"phone": "02452 5555"}
    assert suggestion.base["phone"] == "02452 1234"
    assert suggestion.status == SuggestionStatus.NEW
    assert (suggestion.proposer_name, suggestion.proposer_email) == (
        "Ida Muster",
        "ida@example.org",
    )
    assert suggestion.may_credit
    # Nothing reaches the entry before acceptance.
    actor.refresh_from_db()
    assert actor.phone == "02452 1234"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Vielen Dank für Ihren Vorschlag" in thanks.text
    assert not mailoutbox


def test_a_correction_of_an_offer_and_a_new_offer(client, actor):
    offer = OfferFactory(actor=actor, slug="sprachkurs", name="Sprachkurs", fees_description="")
    response = client.post(
        OFFER_URL.format(offer.slug), offer_form_data(offer, fees_description="kostenlos")
    )
    assert response.status_code == 302
    response = client.post(
        NEW_OFFER_URL.format(actor.slug), {"name": "Frauencafé", "description": "Jeden Freitag."}
    )
    assert response.status_code == 302
    correction, new = Suggestion.objects.order_by("pk")
    assert (correction.kind, correction.offer, correction.proposed) == (
        SuggestionKind.OFFER,
        offer,
        {"fees_description": "kostenlos"},
    )
    assert (new.kind, new.actor, new.offer) == (SuggestionKind.NEW_OFFER, actor, None)
    assert new.proposed == {"name": "Frauencafé", "description": "Jeden Freitag."}


def test_the_actor_page_links_to_the_forms_and_the_offer_choice_lists_public_offers(client, actor):
    OfferFactory(actor=actor, slug="sprachkurs", name="Sprachkurs")
    OfferFactory(actor=actor, slug="intern", name="Internes Angebot", is_public=False)
    page = client.get(actor.get_absolute_url()).text
    assert ACTOR_URL.format(actor.slug) in page
    assert NEW_OFFER_URL.format(actor.slug) in page
    choice = client.get(f"/vorschlag/akteur/{actor.slug}/angebote/").text
    assert OFFER_URL.format("sprachkurs") in choice
    assert "Internes Angebot" not in choice


@pytest.mark.parametrize("viewer", ["anonymous", "staff", "admin"])
def test_internal_actors_and_offers_are_not_found_on_the_public_forms(client, login_as, viewer):
    login_as(viewer)
    hidden = ActorFactory(slug="intern", is_public=False)
    public = ActorFactory(slug="oeffentlich")
    internal_offer = OfferFactory(actor=public, slug="internes-angebot", is_public=False)
    offer_of_hidden = OfferFactory(actor=hidden, slug="angebot-intern")
    defunct = OfferFactory(actor=public, slug="eingestellt", status=OfferStatus.DEFUNCT)
    urls = [
        ACTOR_URL.format(hidden.slug),
        NEW_OFFER_URL.format(hidden.slug),
        f"/vorschlag/akteur/{hidden.slug}/angebote/",
        OFFER_URL.format(internal_offer.slug),
        OFFER_URL.format(offer_of_hidden.slug),
        OFFER_URL.format(defunct.slug),
        ACTOR_URL.format("gibt-es-nicht"),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        if not url.endswith("/angebote/"):
            assert client.post(url, {"name": "X"}).status_code == 404, url
    assert not Suggestion.objects.exists()


def test_a_filled_honeypot_gets_the_thank_you_page_but_nothing_is_stored(client, actor):
    response = suggest(client, actor, phone="0800 1", **{HONEYPOT: "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("stewardship:suggestion_thanks")
    assert "Vielen Dank für Ihren Vorschlag" in client.get(response["Location"]).text
    assert not Suggestion.objects.exists()


def test_the_honeypot_is_hidden_from_people_assistive_technology_and_the_keyboard(client, actor):
    html = client.get(ACTOR_URL.format(actor.slug)).text
    wrapper = re.search(
        r'<div class="kern-sr-only" aria-hidden="true">(.*?)</div>\s*<div', html, re.S
    )
    assert wrapper and f'name="{HONEYPOT}"' in wrapper.group(1)
    field = re.search(rf'<input[^>]*name="{HONEYPOT}"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


def test_the_sixth_suggestion_within_an_hour_is_refused_with_429(client, actor):
    for number in range(5):
        assert suggest(client, actor, phone=f"02452 {number}").status_code == 302
    response = suggest(client, actor, phone="02452 6")
    assert response.status_code == 429
    assert "sehr viele Vorschläge" in response.text
    assert 'value="02452 6"' in response.text  # what was typed is kept
    assert Suggestion.objects.count() == 5


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"comment": "x" * 2001}, "Höchstens 2.000 Zeichen"),
        ({"name": "N" * 201}, "Höchstens 200 Zeichen"),
        ({"phone": "1" * 51}, "Höchstens 50 Zeichen"),
        ({"name": ""}, "Dieses Feld ist zwingend erforderlich"),
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"proposer_email": "keine-adresse", "phone": "1"}, "gültige E-Mail-Adresse"),
        ({"phone": "1", "may_credit": "on"}, "wenn er genannt werden darf"),
        ({"city": "Heins\u202eberg"}, "Schreibrichtung"),
        ({}, "Sie haben keine Angabe geändert"),
        ({"comment": "Nur ein Kommentar"}, "Sie haben keine Angabe geändert"),
    ],
)
def test_bad_input_and_no_change_are_refused_with_clear_errors(client, actor, changes, message):
    response = suggest(client, actor, **changes)
    assert response.status_code == 200
    assert message in response.text
    assert "Bitte prüfen Sie Ihre Eingaben" in response.text
    assert not Suggestion.objects.exists()


def test_a_new_offer_needs_a_name(client, actor):
    response = client.post(NEW_OFFER_URL.format(actor.slug), {"description": "Ohne Namen"})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.text
    assert not Suggestion.objects.exists()


# --- handling ----------------------------------------------------------------------------


def test_accepting_applies_the_values_with_history_review_date_and_mail(
    client, editor_user, actor, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(
        actor, proposer_name="Ida Muster", proposer_email="ida@example.org", may_credit=True
    )
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stewardship:suggestion_accept", args=[suggestion.pk]),
            {"version": suggestion.version},
        )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.phone == "02452 9999"
    assert actor.last_verified == timezone.localdate()
    assert actor.last_verified_by == editor_user
    record = actor.history.latest("history_id")
    assert record.history_user == editor_user
    assert record.history_change_reason == f"Vorschlag Nr. {suggestion.pk} von Ida Muster"
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.handled_by == editor_user and suggestion.handled_at is not None
    assert suggestion.applied == {"phone": "02452 9999"}
    assert [m.to for m in mailoutbox] == [["ida@example.org"]]
    assert "übernommen" in mailoutbox[0].subject
    # The public page shows the new number and today's review date.
    page = client.get(actor.get_absolute_url()).text
    assert "02452 9999" in page
    assert timezone.localdate().isoformat() in page


def test_the_proposer_is_named_in_the_history_only_with_consent(client, editor_user, actor):
    suggestion = make_suggestion(actor, proposer_name="Ida Muster", may_credit=False)
    services.suggestion_accept(suggestion=suggestion, by=editor_user)
    reason = actor.history.latest("history_id").history_change_reason
    assert reason == f"Vorschlag Nr. {suggestion.pk}"


def test_accepting_a_new_offer_creates_a_public_active_offer_of_the_actor(editor_user):
    town = MunicipalityFactory(slug="wassenberg")
    actor = ActorFactory(slug="treff", municipality=town, level="municipality")
    OfferFactory(slug="frauencafe", actor=ActorFactory())
    suggestion = services.suggestion_submit(
        kind=SuggestionKind.NEW_OFFER,
        actor=actor,
        proposed={"name": "Frauencafé", "phone": "02432 1"},
        base={},
    )
    services.suggestion_accept(suggestion=suggestion, by=editor_user)
    offer = Offer.objects.get(name="Frauencafé")
    assert (offer.actor, offer.is_public, offer.status) == (actor, True, OfferStatus.ACTIVE)
    assert offer.slug == "frauencafe-2"
    assert list(offer.municipalities.all()) == [town]
    assert offer.last_verified == timezone.localdate() and offer.last_verified_by == editor_user
    assert offer.history.latest("history_id").history_user == editor_user
    suggestion.refresh_from_db()
    assert suggestion.offer == offer
    assert offer in Offer.objects.public()


def test_edit_then_accept_applies_and_records_the_edited_values(client, admin_user, actor):
    suggestion = make_suggestion(
        actor, proposed={"phone": "02452 9999", "city": "Heinsberg-Oberbruch"}
    )
    client.force_login(admin_user)
    url = reverse("stewardship:suggestion_edit", args=[suggestion.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="02452 9999"' in form.text and 'value="Heinsberg-Oberbruch"' in form.text
    data = actor_form_data(actor, phone="02452 99 99", city="Heinsberg", version=suggestion.version)
    response = client.post(url, data)
    assert response.status_code == 302
    actor.refresh_from_db()
    assert (actor.phone, actor.city) == ("02452 99 99", "Heinsberg")
    suggestion.refresh_from_db()
    assert suggestion.applied == {"phone": "02452 99 99"}
    assert suggestion.status == SuggestionStatus.ACCEPTED
    detail = client.get(suggestion.get_absolute_url()).text
    assert "02452 99 99" in detail and "Übernommene Werte" in detail


def test_edit_then_accept_refuses_an_invalid_value_with_an_error(client, admin_user, actor):
    suggestion = make_suggestion(actor)
    client.force_login(admin_user)
    url = reverse("stewardship:suggestion_edit", args=[suggestion.pk])
    response = client.post(url, actor_form_data(actor, email="kaputt", version=suggestion.version))
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.text
    assert Suggestion.objects.get().status == SuggestionStatus.NEW


def test_rejecting_needs_a_reason_and_tells_the_proposer(
    client, editor_user, actor, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = make_suggestion(actor, proposer_email="ida@example.org")
    client.force_login(editor_user)
    url = reverse("stewardship:suggestion_reject", args=[suggestion.pk])
    response = client.post(url, {"rejection_reason": "  ", "version": suggestion.version})
    assert response.status_code == 400
    assert "Bitte geben Sie einen Grund für die Ablehnung an." in response.text
    assert Suggestion.objects.get().status == SuggestionStatus.NEW
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"rejection_reason": "Die Nummer ist die private.", "version": suggestion.version}
        )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert suggestion.rejection_reason == "Die Nummer ist die private."
    actor.refresh_from_db()
    assert actor.phone == "02452 1234"
    assert len(mailoutbox) == 1
    assert "Die Nummer ist die private." in mailoutbox[0].body
    assert "nicht übernommen" in mailoutbox[0].subject


def test_no_mail_without_an_address(
    editor_user, actor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_accept(suggestion=make_suggestion(actor), by=editor_user)
    assert not mailoutbox


def test_a_handled_suggestion_cannot_be_handled_again(client, editor_user, actor):
    suggestion = make_suggestion(actor)
    client.force_login(editor_user)
    accept = reverse("stewardship:suggestion_accept", args=[suggestion.pk])
    assert client.post(accept, {"version": suggestion.version}).status_code == 302
    actor.phone = "0000"
    actor.save()
    suggestion.refresh_from_db()
    for url, data in (
        (accept, {"version": suggestion.version}),
        (
            reverse("stewardship:suggestion_reject", args=[suggestion.pk]),
            {"rejection_reason": "Doch nicht", "version": suggestion.version},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code == 409
        assert "bereits bearbeitet" in response.text
    actor.refresh_from_db()
    assert actor.phone == "0000"
    assert Suggestion.objects.get().status == SuggestionStatus.ACCEPTED
    edit = client.get(reverse("stewardship:suggestion_edit", args=[suggestion.pk]), follow=True)
    assert "bereits bearbeitet" in edit.text
    with pytest.raises(services.SuggestionHandledError):
        services.suggestion_reject(suggestion=suggestion, by=editor_user, reason="x")


def test_a_stale_version_is_refused(client, editor_user, actor):
    suggestion = make_suggestion(actor)
    client.force_login(editor_user)
    response = client.post(
        reverse("stewardship:suggestion_accept", args=[suggestion.pk]),
        {"version": suggestion.version + 1},
    )
    assert response.status_code == 409
    assert Suggestion.objects.get().status == SuggestionStatus.NEW


def test_the_detail_page_compares_and_says_when_the_entry_changed_since(client, editor_user, actor):
    suggestion = make_suggestion(
        actor, comment="Seit März", proposer_name="Ida Muster", proposer_email="ida@example.org"
    )
    actor.phone = "02452 7777"
    actor.save()
    client.force_login(editor_user)
    html = client.get(suggestion.get_absolute_url()).text
    assert "Der Eintrag wurde inzwischen geändert" in html
    assert "02452 7777" in html and "02452 9999" in html  # current | proposed
    assert "geändert" in html and "unverändert" in html
    assert "Seit März" in html and "ida@example.org" in html and "Ida Muster" in html


# --- permissions and the queue ------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("staff", 403),
        ("coordinator", 403),
        ("editor", 200),
        ("admin", 200),
        ("importer", 200),
    ],
)
def test_only_accounts_that_edit_the_directory_see_the_queue(
    client, login_as, actor, role, expected
):
    suggestion = make_suggestion(actor)
    if role == "importer":
        client.force_login(handler_with_import_permission())
    else:
        login_as(role)
    for url in (QUEUE_URL, suggestion.get_absolute_url()):
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and "/konto/login/" in response["Location"]
        else:
            assert response.status_code == expected, url
    accept = client.post(
        reverse("stewardship:suggestion_accept", args=[suggestion.pk]),
        {"version": suggestion.version},
    )
    if expected != 200:
        assert accept.status_code in (302, 403)
        assert Suggestion.objects.get().status == SuggestionStatus.NEW


def test_the_queue_lists_newest_first_and_filters_by_status(client, editor_user, actor):
    old = make_suggestion(actor)
    Suggestion.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    new = make_suggestion(actor, proposed={"city": "Wassenberg"})
    services.suggestion_reject(suggestion=old, by=editor_user, reason="falsch")
    client.force_login(editor_user)
    html = client.get(QUEUE_URL).text
    assert html.index(f"Nr. {new.pk}<") < html.index(f"Nr. {old.pk}<")
    only_new = client.get(QUEUE_URL + "?status=new").text
    assert f"Nr. {new.pk}<" in only_new and f"Nr. {old.pk}<" not in only_new
    assert "Diesen Status gibt es nicht" in client.get(QUEUE_URL + "?status=kaputt").text
    assert client.get(QUEUE_URL + "?seite=999").status_code == 200
    assert "never" not in html  # no cache headers leak into the body
    response = client.get(QUEUE_URL)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("count", [1, 20])
def test_the_queue_costs_the_same_queries_for_one_or_twenty(
    client, editor_user, django_assert_num_queries, count
):
    for number in range(count):
        actor = ActorFactory()
        offer = OfferFactory(actor=actor)
        make_suggestion(actor)
        services.suggestion_submit(
            kind=SuggestionKind.OFFER, actor=actor, offer=offer, proposed={"phone": "1"}, base={}
        )
        if number % 2:
            services.suggestion_submit(
                kind=SuggestionKind.NEW_OFFER, actor=actor, proposed={"name": "Neu"}, base={}
            )
    client.force_login(editor_user)
    client.get(QUEUE_URL)  # the session and the content version are read once
    with django_assert_num_queries(3):  # the count, the page of rows, the status counts
        response = client.get(QUEUE_URL)
    assert response.status_code == 200


# --- privacy -----------------------------------------------------------------------------


def test_the_proposers_contact_data_is_erased_90_days_after_handling(editor_user, actor):
    handled = make_suggestion(actor, proposer_name="Ida", proposer_email="ida@example.org")
    services.suggestion_reject(suggestion=handled, by=editor_user, reason="nein")
    recent = make_suggestion(actor, proposer_name="Ola", proposer_email="ola@example.org")
    services.suggestion_reject(suggestion=recent, by=editor_user, reason="nein")
    still_open = make_suggestion(actor, proposer_name="Uma", proposer_email="uma@example.org")
    Suggestion.objects.filter(pk__in=[handled.pk, still_open.pk]).update(
        handled_at=timezone.now() - datetime.timedelta(days=91)
    )
    call_command("suggestions_trim", stdout=io.StringIO())
    rows = {s.pk: (s.proposer_name, s.proposer_email) for s in Suggestion.objects.all()}
    assert rows[handled.pk] == ("", "")
    assert rows[recent.pk] == ("Ola", "ola@example.org")
    assert rows[still_open.pk] == ("Uma", "uma@example.org")
    # The history never held them.
    assert not hasattr(Suggestion.history.model, "proposer_email")


def test_the_privacy_register_lists_the_proposers_data():
    assert not [
        key for key in privacy.unregistered_personal_fields() if key.startswith("stewardship.")
    ]
    assert "vorschlaege" in {activity.slug for activity in privacy.register()}


HREF = re.compile(r"""(?:href|src)="(/[^"#]*)""")
SKIP = ("/konto/", "/en/konto/", "/verwaltung/", "/en/verwaltung/", "/i18n/", "/static/")


def crawl(client, seeds: list[str], limit: int = 250) -> dict[str, str]:
    """Breadth-first through the same-site links, as the client sees the site."""
    seen, pages, queue = set(), {}, deque(seeds)
    while queue and len(pages) < limit:
        url = urldefrag(queue.popleft())[0].replace("&amp;", "&")
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = text = body.decode("utf-8", "replace")
        if "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
            queue.extend(link for link in HREF.findall(text) if not urlsplit(link).netloc)
    return pages


def test_nothing_of_a_suggestion_reaches_a_public_page_before_acceptance(
    client, client_factory, actor, editor_user, staff_user
):
    offer = OfferFactory(actor=actor, slug="sprachkurs", name="Sprachkurs")
    markers = {}

    def mark(name):
        markers[name] = f"zqsugg{name}x"
        return markers[name]

    services.suggestion_submit(
        kind=SuggestionKind.ACTOR,
        actor=actor,
        proposed={
            "name": mark("name"),
            "short_name": mark("short"),
            "description": mark("description"),
            "street": mark("street"),
            "postal_code": "99999",
            "city": mark("city"),
            "phone": mark("phone"),
            "email": f"{mark('entryemail')}@example.org",
            "website": f"https://{mark('website')}.example.org/",
            "opening_hours": mark("hours"),
        },
        base={},
        comment=mark("comment"),
        proposer_name=mark("proposer"),
        proposer_email=f"{mark('proposeremail')}@example.org",
        may_credit=True,
    )
    services.suggestion_submit(
        kind=SuggestionKind.OFFER,
        actor=actor,
        offer=offer,
        proposed={
            "name": mark("offername"),
            "description": mark("offerdesc"),
            "application_process": mark("offerapp"),
            "fees_description": mark("offerfees"),
            "url": f"https://{mark('offerurl')}.example.org/",
            "email": f"{mark('offeremail')}@example.org",
            "phone": mark("offerphone"),
        },
        base={},
    )
    services.suggestion_submit(
        kind=SuggestionKind.NEW_OFFER,
        actor=actor,
        proposed={"name": mark("newoffer"), "description": mark("newofferdesc")},
        base={},
    )
    seeds = [
        "/",
        "/akteure/",
        actor.get_absolute_url(),
        f"/en{actor.get_absolute_url()}",
        "/kommunen/",
        "/zustaendig/",
        "/sitemap.xml",
        "/api/hsds/organizations?per_page=200&full=true",
        "/api/hsds/services?per_page=200&full=true",
        f"/api/hsds/organizations/{actor.uuid}",
        f"/api/hsds/services/{offer.uuid}",
        f"/vorschlag/akteur/{actor.slug}/angebote/",
        OFFER_URL.format(offer.slug),
        NEW_OFFER_URL.format(actor.slug),
        QUEUE_URL,
    ]
    for marker in markers.values():
        seeds += [f"/akteure/?q={marker}", f"/zustaendig/?frage={marker}"]
    pages = crawl(client, seeds)
    assert actor.get_absolute_url() in pages and ACTOR_URL.format(actor.slug) in pages
    leaks = [
        f"{name} in {url}"
        for url, text in pages.items()
        for name, marker in markers.items()
        if marker in text and marker not in url
    ]
    assert not leaks, leaks
    # Signed-in staff without the right to handle them see none of it either.
    staff = client_factory()
    staff.force_login(staff_user)
    for url in (actor.get_absolute_url(), f"{actor.get_absolute_url()}verlauf/", "/mein-bereich/"):
        text = staff.get(url).text
        assert not [name for name, marker in markers.items() if marker in text], url
    # Those who handle them do see them, so the test can fail.
    editor = client_factory()
    editor.force_login(editor_user)
    queue = editor.get(QUEUE_URL).text
    assert markers["newoffer"] in queue
    detail = editor.get(Suggestion.objects.get(kind=SuggestionKind.ACTOR).get_absolute_url()).text
    for name in ("name", "comment", "proposer", "proposeremail", "hours"):
        assert markers[name] in detail, name
