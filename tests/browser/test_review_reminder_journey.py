"""The journey of a review reminder in a real Chromium: the owner follows "Stimmt noch"
from the mail, confirms, and the link is used up; the public actor page of a far overdue
entry says so in words. Each page at 1280 and 375 px, checked by axe-core. Screenshots go
to ``var/screenshots/review-reminders/`` (untracked)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from actors.models import Actor
from actors.tests.factories import ActorFactory, OfferFactory
from core.tests.factories import UserFactory
from tests.browser.browsing import DESKTOP, PHONE, SCRATCH_SCREENSHOTS, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "review-reminders"
LONG_AGO = timezone.localdate() - datetime.timedelta(days=800)


def _check(visit, path: str, name: str, status: int = 200) -> None:
    page = visit.page
    for label, size in (("1280", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        response = visit.goto(path)
        assert response.status == status
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}_{label}.png"), full_page=True)
        violations = axe_violations(page)
        assert not violations, f"{path} at {label} px:\n{describe(violations)}"
    visit.assert_same_origin()


def test_an_owner_confirms_an_entry_from_the_mail_once(visit, settings, mailoutbox):
    settings.PORTAL_BASE_URL = visit.base_url
    owner = UserFactory(email="pflege@example.org", name="Paula Pflege")
    actor = ActorFactory(name="Caritasverband Heinsberg", owner=owner, last_verified=LONG_AGO)
    OfferFactory(name="Sprachcafé am Markt", actor=actor, last_verified=LONG_AGO)
    call_command("send_review_reminders")
    (mail,) = mailoutbox
    links = re.findall(r"https?://\S+/pruefung/\S+/", mail.body)
    confirm = next(link for link in links if "/akteur/" in link and "aendern" not in link)
    path = confirm.removeprefix(visit.base_url)

    _check(visit, path, "confirm")
    page = visit.page
    page.set_viewport_size(DESKTOP)
    visit.goto(path)
    assert page.get_by_role("heading", level=1).inner_text() == "Angaben prüfen"
    assert Actor.objects.get(pk=actor.pk).last_verified == LONG_AGO  # GET wrote nothing
    with page.expect_navigation():
        page.get_by_role("button", name="Angaben stimmen noch").click()
    assert "Danke für die Prüfung" in page.content()
    assert Actor.objects.get(pk=actor.pk).last_verified == timezone.localdate()
    violations = axe_violations(page)
    assert not violations, describe(violations)

    _check(visit, path, "used", status=410)
    assert "Dieser Link wurde schon benutzt" in page.content()


def test_a_far_overdue_offer_is_noted_in_words_on_the_public_actor_page(visit):
    owner = UserFactory(email="pflege@example.org", name="Paula Pflege")
    actor = ActorFactory(name="Diakonie Erkelenz", owner=owner, last_verified=LONG_AGO)
    OfferFactory(name="Migrationsberatung", actor=actor, last_verified=LONG_AGO)
    _check(visit, actor.get_absolute_url(), "actor-page")
    content = visit.page.content()
    assert content.count("Diese Angaben wurden seit längerer Zeit nicht geprüft") == 2
    assert "pflege@example.org" not in content and "Paula Pflege" not in content
