"""A browser never keeps showing a page that was withdrawn.

Public pages are cached on the server under the content version in the database and sent
with ``Cache-Control: public, no-cache`` and an ETag (``core.caching.cache_public_page``):
the browser may keep its copy but asks every time. So the moment a period is set back to
draft, the next visit of its page gets "not found", and the history lists it no more.
The change is made in the database by this test, as an editor in another process would
make it; neither the server's cache nor the browser's is touched.
"""

from __future__ import annotations

from timeline.models import Period, Status

SLUG = "1990er"
PERIOD_URL = f"/geschichte/{SLUG}/"
OVERVIEW_URL = "/geschichte/"


def period_links(page) -> int:
    return page.locator(f'main a[href="{PERIOD_URL}"]').count()


def test_a_period_set_to_draft_is_gone_on_the_next_visit(visit, keynote_content):
    page = visit.page
    period = Period.objects.get(slug=SLUG)
    assert period.status == Status.PUBLISHED

    visit.goto(OVERVIEW_URL)
    assert period_links(page) > 0
    response = visit.goto(PERIOD_URL)
    assert response.status == 200
    assert page.locator("h1").inner_text() == period.title
    assert response.headers["cache-control"] in ("public, no-cache", "no-cache, public")
    assert response.headers["etag"]

    # Unchanged: the browser asks again and shows the same page.
    response = page.reload(wait_until="load")
    assert response.status in (200, 304)
    assert page.locator("h1").inner_text() == period.title

    # An editor withdraws the period (through the model: its signal moves the history's
    # content version on in the database, and nothing else happens).
    period.status = Status.DRAFT
    period.save()

    response = visit.goto(PERIOD_URL)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    response = page.reload(wait_until="load")
    assert response.status == 404

    response = visit.goto(OVERVIEW_URL)
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Geschichte der kommunalen Integrationsarbeit"
    assert period_links(page) == 0
    assert period.title not in page.locator("main").inner_text()
    visit.assert_same_origin()
