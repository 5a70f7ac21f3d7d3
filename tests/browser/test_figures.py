"""The figures drawn from the portal's data, used with the keyboard alone.

From the page that refers to each figure (a thesis of the history, the directory, the
list of municipalities) a person reaches it with Tab and Enter only, puts the focus on
the picture (its scrollable region, so that a wide figure can be moved with the arrow
keys on a phone) and opens its table twin with Enter. axe-core then checks the page, twin
open, at 1280 and 375 px; nothing may come from another origin. The pictures are written
as screenshots of the figure alone (``abbildung-<name>-desktop.png``/``-phone.png``;
``make screenshots`` puts them into docs/screenshots/).
"""

from __future__ import annotations

import pytest

from tests.browser.browsing import DESKTOP, PHONE, SCREENSHOTS, axe_violations, describe
from tests.browser.keyboard import KeyboardUser

# (figure id, where the journey starts, the link that leads to it, the figure's page heading)
FROM_THESES = [
    (
        "abbildung-verflechtungen",
        "Politikfeld Integration: horizontale und vertikale Verflechtungen",
        "Integrationspolitik im Mehrebenensystem",
    ),
    (
        "abbildung-ki-rollen",
        "Die drei Rollen des Kommunalen Integrationszentrums",
        "Die drei Rollen des Kommunalen Integrationszentrums",
    ),
    (
        "abbildung-kim-bausteine",
        "Die Bausteine des Kommunalen Integrationsmanagements und ihre Verbindungen",
        "Die Bausteine des Kommunalen Integrationsmanagements",
    ),
    (
        "abbildung-vernetzung",
        "Integration bedarf der Vernetzung aller Akteure vor Ort",
        "Integration bedarf der Vernetzung aller Akteure vor Ort",
    ),
]
DIRECTORY_CHARTS = [
    "abbildung-akteure-nach-ebene",
    "abbildung-akteure-nach-art",
    "abbildung-akteure-nach-kommune",
]
MAX_TABS = 400


def tab_to_id(person: KeyboardUser, element_id: str):
    """Press Tab until the element with this id has the focus."""
    for _ in range(MAX_TABS):
        focus = person.press("Tab")
        if focus.id == element_id:
            return focus
    raise AssertionError(f"#{element_id} not reached with Tab")


def open_twin(person: KeyboardUser, figure_id: str) -> None:
    """From the picture, Tab to the twin's summary and open it with Enter."""
    page = person.page
    focus = person.press("Tab")
    assert focus.tag == "summary", f"after the picture comes the twin's summary, not {focus}"
    person.press("Enter")
    assert page.locator(f"#{figure_id}-tabelle").get_attribute("open") is not None
    assert page.locator(f"#{figure_id}-tabelle table").first.is_visible()


def check_and_photograph(visit, figure_id: str) -> list[str]:
    """axe at both sizes with the twin open; a screenshot of the figure at each size."""
    page = visit.page
    problems = []
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        if violations := axe_violations(page):
            problems.append(f"{name} {page.url}\n{describe(violations)}")
        page.evaluate("() => document.fonts.ready")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        canvas = page.locator(f"#{figure_id}-bild")
        canvas.scroll_into_view_if_needed()
        png = canvas.screenshot(animations="disabled", caret="initial")
        target = SCREENSHOTS / f"{figure_id}-{name}.png"
        if not target.exists() or target.read_bytes() != png:
            target.write_bytes(png)
    page.set_viewport_size(DESKTOP)
    return problems


@pytest.mark.parametrize(("figure_id", "link", "heading"), FROM_THESES, ids=lambda v: v)
def test_each_figure_of_a_thesis_is_reached_and_read_with_the_keyboard(
    visit, keynote_content, figure_id, link, heading
):
    page = visit.page
    visit.goto("/geschichte/thesen/")
    person = KeyboardUser(page, max_steps=MAX_TABS)
    focus = person.tab_to(link, tag="a")
    assert "abbildungen" in focus.href or "mehrebenen" in focus.href
    person.activate()
    assert heading in page.locator("h1").inner_text()
    picture = tab_to_id(person, f"{figure_id}-bild")
    assert picture.role == "region"
    # A wide figure scrolls sideways in its own box with the arrow keys (phones).
    person.press("ArrowRight")
    open_twin(person, figure_id)
    problems = check_and_photograph(visit, figure_id)
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)
    visit.assert_same_origin()


def test_directory_charts_are_reached_and_read_with_the_keyboard(visit, keynote_content):
    page = visit.page
    visit.goto("/akteure/")
    person = KeyboardUser(page, max_steps=MAX_TABS)
    person.tab_to("Das Verzeichnis in Zahlen", tag="a")
    heading = person.press("Enter")  # a link within the page: its target takes the focus
    assert heading.id == "zahlen-heading"
    problems = []
    for figure_id in DIRECTORY_CHARTS:
        tab_to_id(person, f"{figure_id}-bild")
        open_twin(person, figure_id)
        problems += check_and_photograph(visit, figure_id)
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)
    visit.assert_same_origin()


def test_a_municipality_page_is_reached_from_the_list_with_the_keyboard(visit, keynote_content):
    page = visit.page
    visit.goto("/kommunen/")
    person = KeyboardUser(page, max_steps=MAX_TABS)
    focus = person.tab_to("Stadt Wegberg", tag="a")
    assert focus.href == "/kommunen/stadt-wegberg/"
    person.activate()
    assert page.locator("h1").inner_text() == "Stadt Wegberg"
    assert "Netzwerk des Kommunalen Integrationszentrums" in page.locator("main").inner_text()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert not axe_violations(page), describe(axe_violations(page))
    visit.assert_same_origin()
