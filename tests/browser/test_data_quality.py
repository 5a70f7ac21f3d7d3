"""The data-quality page for staff in a real Chromium: the overview and one list, at
1280 and 375 px, checked by axe-core. Screenshots go to
``var/screenshots/data-quality/`` (untracked)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from actors.models import WebsiteStatus
from actors.tests.factories import ActorFactory, MunicipalityFactory, OfferFactory
from networks.tests.factories import MembershipFactory, NetworkFactory
from tests.browser.browsing import DESKTOP, PHONE, SCRATCH_SCREENSHOTS, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "data-quality"
OVERVIEW = "/mein-bereich/datenqualitaet/"
BROKEN_LINKS = "/mein-bereich/datenqualitaet/akteure-internetseite-nicht-erreichbar/"


@pytest.fixture
def problems(transactional_db):
    town = MunicipalityFactory(name="Gemeinde Waldfeucht")
    ActorFactory(name="Caritasverband Waldfeucht", municipality=town)
    ActorFactory(name="caritasverband waldfeucht", municipality=town, is_public=False)
    ActorFactory(
        name="Integrationsagentur Nord",
        website="https://integrationsagentur.example/kontakt",
        website_status=WebsiteStatus.BROKEN,
        website_problem="HTTP 404",
        website_checked_at=timezone.now() - datetime.timedelta(days=1),
    )
    OfferFactory(name="Sprachcafé am Markt", email="", url="")
    MembershipFactory(network=NetworkFactory(name="AK Ehrenamt"))


def _check(visit, path: str, name: str) -> None:
    page = visit.page
    for label, size in (("1280", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        visit.goto(path)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}_{label}.png"), full_page=True)
        violations = axe_violations(page)
        assert not violations, f"{path} at {label} px:\n{describe(violations)}"
    visit.assert_same_origin()


def test_staff_find_the_data_gaps_and_follow_a_count_to_its_list(visit, staff_user, problems):
    visit.log_in(staff_user.email)
    _check(visit, OVERVIEW, "overview")
    page = visit.page
    page.set_viewport_size(DESKTOP)
    visit.goto(OVERVIEW)
    assert page.get_by_role("heading", level=1).inner_text() == "Datenqualität"
    with page.expect_navigation():
        page.get_by_role("link", name="Akteure mit nicht erreichbarer Internetseite").click()
    assert page.url.endswith(BROKEN_LINKS)
    assert "HTTP 404" in page.locator("table").inner_text()
    _check(visit, BROKEN_LINKS, "broken-links")
    _check(visit, "/mein-bereich/datenqualitaet/moegliche-dubletten/", "duplicates")
