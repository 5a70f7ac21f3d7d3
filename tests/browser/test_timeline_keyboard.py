"""The timeline picture of /geschichte/ with the keyboard alone, on a desktop and a phone.

After one page.goto only keys: Tab from the way past the picture's caption through every
period band and every event mark of the picture, in the order of the periods and their
events, each with a visible focus and on screen; Enter on a mark opens its event on its
period's page. axe-core checks the page at 1280 and 375 pixels.
"""

from __future__ import annotations

import pytest

from tests.browser.browsing import axe_violations, describe
from tests.browser.keyboard import KeyboardUser
from timeline.models import Period

VIEWPORTS = {
    "horizontal": {"width": 1280, "height": 900},
    "vertical": {"width": 375, "height": 900},
}
# Where the focused element sits: which of the two pictures, and what kind of link.
WHERE_SCRIPT = """() => {
  const el = document.activeElement;
  const frame = el.closest('.tl-chart__frame');
  return {
    frame: frame ? (frame.classList.contains('tl-chart__frame--vertical') ? 'vertical' : 'horizontal') : '',
    kind: el.classList.contains('tl-mark') ? 'mark' : el.classList.contains('tl-band__link') ? 'band' : '',
  };
}"""


def expected_stops() -> list[tuple[str, str]]:
    """Every link of the picture in reading order: a period, then its events."""
    stops = []
    for period in Period.objects.published().prefetch_related("events"):
        stops.append(("band", period.get_absolute_url()))
        stops.extend(
            ("mark", event.get_absolute_url())
            for event in period.events.all()
            if event.is_published
        )
    return stops


@pytest.mark.parametrize("orientation", list(VIEWPORTS))
def test_keyboard_user_tabs_through_every_mark_and_opens_an_event(
    visit, keynote_content, orientation
):
    page = visit.page
    page.set_viewport_size(VIEWPORTS[orientation])
    visit.goto("/geschichte/")
    person = KeyboardUser(page, max_steps=60)

    person.tab_to("Zur Liste unter dem Bild", tag="a")
    stops = []
    for _ in expected_stops():
        focus = person.press("Tab")
        where = page.evaluate(WHERE_SCRIPT)
        # Only the picture of this screen size is reachable; the other one is hidden.
        assert where["frame"] == orientation, f"{focus} is outside the {orientation} picture"
        stops.append((where["kind"], focus.href))
    assert stops == expected_stops()
    # The marks carry names a screen reader announces, beginning with what they show.
    assert focus.name == "Zuzug von Ukrainer:innen – Ab 2010er Jahre, Bund, Migrationsbewegung"
    # After the picture, the list under it.
    after = person.press("Tab")
    assert page.evaluate(WHERE_SCRIPT)["frame"] == ""
    assert after.name == "1970er Jahre" and after.href == "/geschichte/1970er/"

    # Back to a mark by name, and Enter opens its event.
    mark = person.tab_to("1993 Einschränkung des Grundrechts auf Asyl", backwards=True)
    assert mark.href == "/geschichte/1990er/#ereignis-1993-asylkompromiss-art-16a-gg"
    person.activate("Enter")
    assert page.url.endswith("/geschichte/1990er/#ereignis-1993-asylkompromiss-art-16a-gg")
    assert page.locator("h1").inner_text() == "1990er Jahre"
    event = page.locator("#ereignis-1993-asylkompromiss-art-16a-gg")
    assert "Einschränkung des Grundrechts auf Asyl" in event.inner_text()
    assert event.is_visible()
    visit.assert_same_origin()


@pytest.mark.parametrize("path", ["/geschichte/", "/en/geschichte/?art=law"])
def test_timeline_has_no_axe_violations_at_1280_and_375(visit, keynote_content, path):
    page = visit.page
    problems = []
    for orientation, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        visit.goto(path)
        picture = page.locator(f".tl-chart__frame--{orientation} svg")
        assert picture.is_visible(), f"the {orientation} picture is not shown at {viewport}"
        assert not page.locator(
            ".tl-chart__frame--" + ("vertical" if orientation == "horizontal" else "horizontal")
        ).is_visible()
        if violations := axe_violations(page):
            problems.append(f"{viewport['width']} px {page.url}\n{describe(violations)}")
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)
    visit.assert_same_origin()


def test_the_timeline_prints_its_horizontal_picture(visit, keynote_content):
    page = visit.page
    page.set_viewport_size(VIEWPORTS["vertical"])
    visit.goto("/geschichte/")
    page.emulate_media(media="print")
    assert page.locator(".tl-chart__frame--horizontal svg").is_visible()
    assert not page.locator(".tl-chart__frame--vertical").is_visible()
    assert not page.locator(".timeline-filter").is_visible()
