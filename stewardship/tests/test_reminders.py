"""Review reminders: who is reminded of what, the digest mail, its signed links and what
public pages say about the age of an entry's data."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import signing
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from actors.models import Actor, Offer
from actors.tests.factories import ActorFactory, MunicipalityFactory, OfferFactory
from core.tests.factories import UserFactory
from stewardship.reviews import due_by_owner, due_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=800)  # more than twice twelve months
RECENTLY = TODAY - datetime.timedelta(days=30)
LINK = re.compile(r"https?://\S+/pruefung/\S+/")


def _links(body: str) -> list[str]:
    return LINK.findall(body)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _confirm_links(body: str) -> list[str]:
    return [_path(url) for url in _links(body) if not url.endswith("/aendern/")]


@pytest.fixture
def directory():
    """Two owners with several due entries each, entries not due, an offer without an
    owner of its own, and owners who cannot be mailed."""
    anna = UserFactory(email="anna@example.org", name="Anna Acker")
    bert = UserFactory(email="bert@example.org", name="Bert Brandt")
    inactive = UserFactory(email="weg@example.org", is_active=False)
    no_mail = UserFactory(email="", name="Ohne Adresse")
    anna_actor = ActorFactory(name="Caritas Heinsberg", owner=anna, last_verified=None)
    anna_old = ActorFactory(name="Awo Erkelenz", owner=anna, last_verified=LONG_AGO)
    anna_fresh = ActorFactory(name="Frisch geprüft", owner=anna, last_verified=RECENTLY)
    bert_actor = ActorFactory(name="Diakonie Geilenkirchen", owner=bert, last_verified=LONG_AGO)
    return {
        "anna": anna,
        "bert": bert,
        "anna_actor": anna_actor,
        "anna_old": anna_old,
        "anna_fresh": anna_fresh,
        "bert_actor": bert_actor,
        # Falls back to its actor's owner (Anna).
        "fallback_offer": OfferFactory(
            name="Sprachcafé", actor=anna_fresh, owner=None, last_verified=LONG_AGO
        ),
        "bert_offer": OfferFactory(
            name="Migrationsberatung", actor=anna_actor, owner=bert, last_verified=None
        ),
        "fresh_offer": OfferFactory(
            name="Frisches Angebot", actor=bert_actor, owner=bert, last_verified=RECENTLY
        ),
        "inactive_actor": ActorFactory(name="Inaktiv betreut", owner=inactive),
        "no_mail_actor": ActorFactory(name="Ohne Adresse betreut", owner=no_mail),
        "orphan": ActorFactory(name="Niemandes Eintrag", owner=None),
    }


def _send(*args) -> None:
    call_command("send_review_reminders", *args)


# --- who is reminded ------------------------------------------------------------------


def test_due_by_owner_groups_due_entries_by_their_effective_owner(
    directory, django_assert_num_queries
):
    with django_assert_num_queries(2):
        due = due_by_owner(TODAY)
        names = {
            owner.email: (
                sorted(a.name for a in entries.actors),
                sorted(o.name for o in entries.offers),
            )
            for owner, entries in due.items()
        }
    assert names == {
        "anna@example.org": (["Awo Erkelenz", "Caritas Heinsberg"], ["Sprachcafé"]),
        "bert@example.org": (["Diakonie Geilenkirchen"], ["Migrationsberatung"]),
    }


def test_due_for_lists_the_entries_an_account_is_asked_to_review(directory):
    due = due_for(directory["anna"], TODAY)
    assert [a.name for a in due.actors] == ["Awo Erkelenz", "Caritas Heinsberg"]
    assert [o.name for o in due.offers] == ["Sprachcafé"]
    assert not due_for(directory["anna"], TODAY - datetime.timedelta(days=10_000)).offers


# --- the command ------------------------------------------------------------------------


def test_the_command_sends_one_digest_per_owner_listing_only_due_entries(
    directory, mailoutbox, settings, capsys
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    _send()
    assert sorted(mail.to[0] for mail in mailoutbox) == ["anna@example.org", "bert@example.org"]
    anna_mail = next(mail for mail in mailoutbox if mail.to == ["anna@example.org"])
    assert settings.PORTAL_NAME in anna_mail.subject
    body = anna_mail.body
    for name in ("Caritas Heinsberg", "Awo Erkelenz", "Sprachcafé"):
        assert name in body
    for name in ("Frisch geprüft", "Migrationsberatung", "Diakonie", "Niemandes Eintrag"):
        assert name not in body
    assert "noch nie geprüft" in body
    assert f"Zuletzt geprüft am {date_format(LONG_AGO, 'DATE_FORMAT')}" in body
    assert "Stimmt noch:" in body and "Ändern:" in body
    # Two absolute links per entry.
    links = _links(body)
    assert len(links) == 6
    assert all(link.startswith("https://portal.example.org/pruefung/") for link in links)
    # The HTML alternative carries the same links.
    html, mimetype = anna_mail.alternatives[0]
    assert mimetype == "text/html"
    assert all(link in html for link in links)
    out = capsys.readouterr().out
    assert "2 reminder mail(s) sent for 5 entries" in out


def test_inactive_owners_and_owners_without_an_address_get_no_mail(directory, mailoutbox):
    _send()
    recipients = {mail.to[0] for mail in mailoutbox}
    assert recipients == {"anna@example.org", "bert@example.org"}
    bodies = "".join(mail.body for mail in mailoutbox)
    assert "Inaktiv betreut" not in bodies
    assert "Ohne Adresse betreut" not in bodies


def test_a_dry_run_sends_nothing(directory, mailoutbox, capsys):
    _send("--dry-run")
    assert mailoutbox == []
    out = capsys.readouterr().out
    assert "Would mail anna@example.org: 2 actor(s), 1 offer(s)" in out
    assert "2 reminder mail(s) would be sent for 5 entries" in out


def test_nothing_due_ends_cleanly(mailoutbox, capsys):
    ActorFactory(owner=UserFactory(), last_verified=RECENTLY)
    _send()
    assert mailoutbox == []
    assert "No entries due" in capsys.readouterr().out


def test_today_option_computes_what_is_due_on_that_day(mailoutbox):
    owner = UserFactory(email="zukunft@example.org")
    ActorFactory(name="Bald fällig", owner=owner, last_verified=RECENTLY)
    _send("--today", (TODAY + datetime.timedelta(days=400)).isoformat())
    assert [mail.to for mail in mailoutbox] == [["zukunft@example.org"]]


def test_an_invalid_today_is_a_clear_error():
    with pytest.raises(CommandError, match="--today"):
        _send("--today", "gestern")


# --- the links --------------------------------------------------------------------------


def _mail_for(mailoutbox, email):
    return next(mail for mail in mailoutbox if mail.to == [email])


def test_stimmt_noch_get_shows_the_entry_and_writes_nothing(client, directory, mailoutbox):
    _send()
    link = _confirm_links(_mail_for(mailoutbox, "anna@example.org").body)[0]
    response = client.get(link)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Awo Erkelenz" in content
    assert "Angaben stimmen noch" in content
    assert 'method="post"' in content
    assert "anna@example.org" not in content
    assert Actor.objects.get(name="Awo Erkelenz").last_verified == LONG_AGO
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_confirmation_link_sets_last_verified_once_then_refuses(client, directory, mailoutbox):
    _send()
    link = _confirm_links(_mail_for(mailoutbox, "anna@example.org").body)[0]
    response = client.post(link)
    assert response.status_code == 200
    assert "Danke" in response.content.decode()
    actor = Actor.objects.get(name="Awo Erkelenz")
    assert actor.last_verified == TODAY
    assert actor.last_verified_by == directory["anna"]
    again = client.post(link)
    assert again.status_code == 410
    assert "Dieser Link wurde schon benutzt" in again.content.decode()
    assert client.get(link).status_code == 410


def test_the_confirmation_is_in_the_history_by_the_owner(client, directory, mailoutbox):
    _send()
    links = _confirm_links(_mail_for(mailoutbox, "anna@example.org").body)
    offer_link = next(link for link in links if "/angebot/" in link)
    assert client.post(offer_link).status_code == 200
    record = Offer.history.filter(id=directory["fallback_offer"].pk).latest("history_date")
    assert record.history_user == directory["anna"]
    assert record.history_change_reason == "Geprüft über den Link der Erinnerung"
    assert record.last_verified == TODAY


def test_a_link_is_used_once_the_entry_was_checked_otherwise(client, directory, mailoutbox):
    _send()
    link = _confirm_links(_mail_for(mailoutbox, "bert@example.org").body)[0]
    Actor.objects.filter(pk=directory["bert_actor"].pk).update(last_verified=TODAY)
    response = client.post(link)
    assert response.status_code == 410
    assert Actor.objects.get(pk=directory["bert_actor"].pk).last_verified_by is None


def test_an_expired_link_is_refused(client, directory, mailoutbox, monkeypatch, settings):
    settings.PORTAL_REVIEW_LINK_DAYS = 14
    sent_at = int(timezone.now().timestamp()) - 15 * 86400
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(sent_at)
    )
    _send()
    monkeypatch.undo()
    body = _mail_for(mailoutbox, "anna@example.org").body
    confirm = _confirm_links(body)[0]
    response = client.post(confirm)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    edit = next(_path(url) for url in _links(body) if url.endswith("/aendern/"))
    assert client.get(edit).status_code == 410
    assert Actor.objects.get(name="Awo Erkelenz").last_verified == LONG_AGO


def test_tampered_links_and_links_for_another_entry_are_not_found(client, directory, mailoutbox):
    _send()
    link = _confirm_links(_mail_for(mailoutbox, "anna@example.org").body)[0]
    kind, pk, token = re.match(r"/pruefung/(\w+)/(\d+)/([^/]+)/$", link).groups()
    other = (
        directory["anna_actor"] if int(pk) != directory["anna_actor"].pk else directory["anna_old"]
    )
    tampered = [
        f"/pruefung/{kind}/{pk}/{token[:-3]}abc/",
        f"/pruefung/{kind}/{other.pk}/{token}/",
        f"/pruefung/angebot/{pk}/{token}/",
        f"/pruefung/irgendwas/{pk}/{token}/",
        f"/pruefung/{kind}/{pk}/kein-token/",
    ]
    for url in tampered:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, url
            assert "ungültig" in response.content.decode()
    assert Actor.objects.get(pk=pk).last_verified == LONG_AGO
    assert Actor.objects.get(pk=other.pk).last_verified_by is None


def test_a_link_of_an_owner_who_lost_the_entry_is_refused(client, directory, mailoutbox):
    _send()
    link = _confirm_links(_mail_for(mailoutbox, "bert@example.org").body)[0]
    Actor.objects.filter(pk=directory["bert_actor"].pk).update(owner=directory["anna"])
    assert client.post(link).status_code == 410


def test_aendern_redirects_to_the_admin_change_page(client, directory, mailoutbox):
    _send()
    body = _mail_for(mailoutbox, "bert@example.org").body
    edits = [_path(url) for url in _links(body) if url.endswith("/aendern/")]
    targets = {client.get(url)["Location"] for url in edits}
    assert targets == {
        reverse("admin:actors_actor_change", args=[directory["bert_actor"].pk]),
        reverse("admin:actors_offer_change", args=[directory["bert_offer"].pk]),
    }
    # Still after the entry was confirmed: it only leads to the sign-in.
    for confirm in _confirm_links(body):
        assert client.post(confirm).status_code == 200
    assert {client.get(url).status_code for url in edits} == {302}
    # The admin page asks for a sign-in.
    admin = client.get(edits[0], follow=True)
    assert admin.redirect_chain[-1][0].startswith(reverse("admin:login")) or (
        "login" in admin.redirect_chain[-1][0]
    )


# --- public pages -----------------------------------------------------------------------


def test_the_public_actor_page_says_when_actor_and_offers_were_checked(client, directory):
    actor = directory["anna_fresh"]
    OfferFactory(name="Geprüftes Angebot", actor=actor, owner=None, last_verified=RECENTLY)
    response = client.get(actor.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    recently = (
        f'<time datetime="{RECENTLY.isoformat()}">{date_format(RECENTLY, "DATE_FORMAT")}</time>'
    )
    long_ago = (
        f'<time datetime="{LONG_AGO.isoformat()}">{date_format(LONG_AGO, "DATE_FORMAT")}</time>'
    )
    # One "Zuletzt geprüft" for the actor, one for each of its two offers.
    assert content.count("Zuletzt geprüft") == 3
    assert content.count(recently) == 2  # the actor and "Geprüftes Angebot"
    assert content.count(long_ago) == 1  # "Sprachcafé"
    # The offer "Sprachcafé" was not checked in twice its interval: a note in words.
    assert "Sprachcafé" in content
    assert content.count("Diese Angaben wurden seit längerer Zeit nicht geprüft") == 1


def test_a_far_overdue_actor_carries_the_note_on_its_page(client, directory):
    content = client.get(directory["anna_old"].get_absolute_url()).content.decode()
    assert "Diese Angaben wurden seit längerer Zeit nicht geprüft" in content
    fresh = client.get(directory["anna_fresh"].get_absolute_url()).content.decode()
    # Only the offer's note (Sprachcafé), not one for the actor.
    assert fresh.count("Diese Angaben wurden seit längerer Zeit nicht geprüft") == 1


def test_an_entry_never_checked_says_so_without_the_note(client):
    actor = ActorFactory(name="Noch nie geprüft", last_verified=None)
    OfferFactory(actor=actor, last_verified=None)
    content = client.get(actor.get_absolute_url()).content.decode()
    assert content.count("noch nicht geprüft") == 2  # the actor and its offer
    assert "seit längerer Zeit nicht geprüft" not in content
    # Due for staff all the same.
    assert Actor.objects.review_due().filter(pk=actor.pk).exists()


def test_the_note_follows_the_day_although_the_page_is_cached(client, directory, monkeypatch):
    actor = directory["anna_fresh"]
    Actor.objects.filter(pk=actor.pk).update(last_verified=TODAY - datetime.timedelta(days=700))
    first = client.get(actor.get_absolute_url()).content.decode()
    assert first.count("seit längerer Zeit nicht geprüft") == 1  # the offer only
    later = TODAY + datetime.timedelta(days=60)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    second = client.get(actor.get_absolute_url()).content.decode()
    assert second.count("seit längerer Zeit nicht geprüft") == 2  # the actor too


def test_public_pages_never_show_the_owner(client, directory):
    actor = directory["anna_actor"]
    pages = [actor.get_absolute_url(), directory["anna_old"].get_absolute_url()]
    for url in pages:
        content = client.get(url).content.decode()
        for secret in ("anna@example.org", "bert@example.org", "Anna Acker", "Bert Brandt"):
            assert secret not in content, (url, secret)
        assert "Erinnerung" not in content


def test_the_finder_says_when_an_offer_was_checked_and_notes_far_overdue_ones(client, directory):
    MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")
    OfferFactory(name="Sprachkurs geprüft", owner=directory["anna"], last_verified=RECENTLY)
    OfferFactory(name="Sprachkurs alt", owner=directory["anna"], last_verified=LONG_AGO)
    response = client.get("/zustaendig/", {"frage": "Sprachkurs", "kommune": "musterstadt"})
    content = response.content.decode()
    assert "Sprachkurs geprüft" in content and "Sprachkurs alt" in content
    assert (
        f'<time datetime="{RECENTLY.isoformat()}">{date_format(RECENTLY, "DATE_FORMAT")}</time>'
        in content
    )
    assert content.count("Diese Angaben wurden seit längerer Zeit nicht geprüft") == 1
    assert "anna@example.org" not in content and "Anna Acker" not in content


def test_the_confirmation_form_works_with_csrf_checks_without_a_session(directory, mailoutbox):
    _send()
    link = _confirm_links(_mail_for(mailoutbox, "anna@example.org").body)[0]
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(link).status_code == 403  # no token: refused, nothing written
    assert Actor.objects.get(name="Awo Erkelenz").last_verified == LONG_AGO
    page = browser.get(link).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert browser.post(link, {"csrfmiddlewaretoken": token}).status_code == 200
    assert Actor.objects.get(name="Awo Erkelenz").last_verified == TODAY


def test_due_for_costs_two_queries(directory, django_assert_num_queries):
    with django_assert_num_queries(2):
        due = due_for(directory["bert"], TODAY)
    assert len(due) == 2
