"""Every page type, on a desktop and on a phone: no WCAG 2.1 A/AA violation that axe-core
finds, nothing loaded from another origin, and the screenshots for the README (written to
``var/screenshots/``; ``make screenshots`` writes them to ``docs/screenshots/``)."""

from __future__ import annotations

import pytest

from tests.browser.browsing import DESKTOP, PHONE, SCREENSHOTS, axe_violations, describe
from tests.browser.pages import PAGES, PageType

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# A phone screenshot shows the whole page, up to this height (CSS pixels).
PHONE_SCREENSHOT_MAX_HEIGHT = 2400


def write_screenshot(page, name: str, viewport: str) -> None:
    """Write the picture only when it changed, so that an unchanged page leaves git clean."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if viewport == "phone":
        height = page.evaluate("document.documentElement.scrollHeight")
        clip = {
            "x": 0,
            "y": 0,
            "width": PHONE["width"],
            "height": min(height, PHONE_SCREENSHOT_MAX_HEIGHT),
        }
        png = page.screenshot(full_page=True, clip=clip, animations="disabled", caret="initial")
    else:
        png = page.screenshot(animations="disabled", caret="initial")
    target = SCREENSHOTS / f"{name}-{viewport}.png"
    if not target.exists() or target.read_bytes() != png:
        target.write_bytes(png)


@pytest.mark.parametrize("page_type", PAGES, ids=lambda page_type: page_type.id)
def test_page_type_has_no_wcag_violations_on_desktop_and_phone(request, visit, page_type: PageType):
    page = visit.page
    for fixture in page_type.needs:
        request.getfixturevalue(fixture)
    if page_type.role:
        visit.log_in(request.getfixturevalue(f"{page_type.role}_user").email)
    path = page_type.resolve_path()
    problems = []
    for viewport_name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        response = visit.goto(path)
        assert response.status == page_type.status, f"{path}: HTTP {response.status}"
        if page_type.prepare:
            page_type.prepare(page)
        if page_type.ready:
            page.wait_for_selector(page_type.ready)
            # Let a canvas finish its first frames, so the screenshot is the same every run.
            page.evaluate("() => document.fonts.ready")
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            page.wait_for_timeout(300)
        heading = page.locator("h1").first.inner_text()
        assert page_type.heading in heading, f"{path}: expected <h1> {page_type.heading!r}"
        if violations := axe_violations(page):
            problems.append(f"{viewport_name} {page.url}\n{describe(violations)}")
        if page_type.screenshot:
            write_screenshot(page, page_type.id, viewport_name)
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)
    visit.assert_same_origin()


def test_a_request_to_another_origin_is_detected(visit):
    """The origin check must be able to fail: a page that loads a foreign image is caught."""
    visit.goto("/")
    visit.page.route("http://example.org/**", lambda route: route.abort())
    visit.page.evaluate("new Image().src = 'http://example.org/pixel.png'")
    visit.page.wait_for_timeout(200)
    with pytest.raises(AssertionError, match="example.org"):
        visit.assert_same_origin()


def test_axe_finds_a_violation_when_there_is_one(visit):
    """The axe check must be able to fail: an image without alternative text is reported."""
    visit.goto("/")
    visit.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    assert "image-alt" in {violation["id"] for violation in axe_violations(visit.page)}


# The README's pictures of the timeline: the first screen from the picture's heading down,
# on a desktop (the horizontal axis) and on a phone (the vertical one).
TIMELINE_SCREENSHOTS = {
    "1280": {"width": 1280, "height": 900},
    "375": {"width": 375, "height": 900},
}


def test_timeline_screenshots_at_1280_and_375(visit, keynote_content):
    page = visit.page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in TIMELINE_SCREENSHOTS.items():
        page.set_viewport_size(viewport)
        visit.goto("/geschichte/")
        page.evaluate("() => document.fonts.ready")
        page.evaluate(
            "() => window.scrollTo(0, document.getElementById('zeitleiste')"
            ".getBoundingClientRect().top + window.scrollY - 16)"
        )
        orientation = "horizontal" if viewport["width"] > 720 else "vertical"
        assert page.locator(f".tl-chart__frame--{orientation} svg").is_visible()
        png = page.screenshot(animations="disabled", caret="initial")
        target = SCREENSHOTS / f"timeline-{name}.png"
        if not target.exists() or target.read_bytes() != png:
            target.write_bytes(png)
