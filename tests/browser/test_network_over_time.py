"""The network over time with the keyboard alone: "Stand am …" on the network map, then
"Was hat sich geändert?" between two days; axe-core at 1280 and 375 px on both pages."""

from __future__ import annotations

from tests.browser.browsing import DESKTOP, PHONE, axe_violations, describe
from tests.browser.keyboard import KeyboardUser
from tests.browser.pages import KIM, MAP_DRAWN


def assert_accessible_at_both_sizes(page) -> None:
    problems = []
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        if violations := axe_violations(page):
            problems.append(f"{name} {page.url}\n{describe(violations)}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: the page scrolls sideways ({width} px)"
    page.set_viewport_size(DESKTOP)
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)


PARTS = ("year", "month", "day")


def date_segments(page) -> list[str]:
    """The order of the segments of the focused date input (it follows the browser's own
    language, not the page's), found with the arrow keys: down changes the segment that
    has the focus (up where down would give a day that does not exist), up changes it
    back."""
    order = []
    for step in range(3):
        before = page.evaluate("document.activeElement.value").split("-")
        for there, back in (("ArrowDown", "ArrowUp"), ("ArrowUp", "ArrowDown")):
            page.keyboard.press(there)
            after = page.evaluate("document.activeElement.value").split("-")
            page.keyboard.press(back)
            if len(after) == 3:  # not a day that does not exist (31 June)
                break
        order.append(next(PARTS[i] for i in range(3) if before[i] != after[i]))
        if step < 2:
            page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    return order


def type_day(person: KeyboardUser, label: str, day: str) -> None:
    """Tab to a date input and type the day (ISO), segment by segment, as a person would."""
    focus = person.tab_to(label, tag="input")
    assert focus.tag == "input", focus
    year, month, date = day.split("-")
    digits = {"year": year, "month": month, "day": date}
    order = date_segments(person.page)
    for position, part in enumerate(order):
        person.type(digits[part])
        if part == "year" and position < 2:  # a year may have more digits: move on
            person.page.keyboard.press("ArrowRight")
    assert person.page.evaluate("document.activeElement.value") == day


def test_a_citizen_looks_at_the_network_on_a_past_day_and_at_what_changed(visit, keynote_content):
    page = visit.page
    visit.goto(f"{KIM}karte/")
    page.wait_for_selector(MAP_DRAWN)
    person = KeyboardUser(page)

    # "Stand am": the KIM began in 2021; on 30 June 2021 it had its twelve members.
    type_day(person, "Stand am", "2021-06-30")
    person.activate("Enter")
    assert page.url.endswith("karte/?stand=2021-06-30"), page.url
    assert "Stand am 30.06.2021" in page.locator("h1").inner_text()
    page.wait_for_selector(MAP_DRAWN)
    table = page.get_by_role("table", name="Mitglieder am 30.06.2021")
    assert table.locator("tbody tr").count() == 12
    assert (
        page.locator(".networks-map__canvas")
        .get_attribute("data-network-map")
        .endswith("daten.json?stand=2021-06-30")
    )
    assert_accessible_at_both_sizes(page)

    # A year earlier the steering group had no members yet.
    type_day(person, "Stand am", "2020-06-30")
    person.activate("Enter")
    assert "Am 30.06.2020 hatte dieses Netzwerk keine Mitglieder." in page.inner_text("main")

    # "Was hat sich geändert?" leads to the change list up to the day shown.
    person.tab_to("Was hat sich geändert?", tag="a")
    person.activate()
    assert page.locator("h1").inner_text().startswith("Was hat sich geändert?")
    assert page.get_by_label("Bis").input_value() == "2020-06-30"
    type_day(person, "Von", "2020-12-31")
    type_day(person, "Bis", "2021-06-30")
    person.tab_to("Vergleichen", tag="button")
    person.activate()
    assert "von=2020-12-31" in page.url and "bis=2021-06-30" in page.url
    assert page.get_by_role("heading", name="Neu aufgenommen: 12").is_visible()
    assert page.get_by_role("heading", name="Ausgeschieden: 0").is_visible()
    assert page.get_by_role("heading", name="Hinzugekommen: 1").is_visible()
    joined = page.get_by_role("table", name="Neu aufgenommen")
    assert "Ausländerbehörde des Kreises Heinsberg" in joined.inner_text()
    assert_accessible_at_both_sizes(page)

    # The change list leads back to the map of the last day.
    person.tab_to("Karte am 30.06.2021", tag="a")
    person.activate()
    assert page.url.endswith("karte/?stand=2021-06-30")
    page.wait_for_selector(MAP_DRAWN)
    visit.assert_same_origin()


def test_a_mistyped_day_is_announced_and_has_the_focus(visit, keynote_content):
    page = visit.page
    visit.goto(f"{KIM}?stand=2099-01-01")
    person = KeyboardUser(page)
    focus = person.focus()
    assert focus.role == "alert" and focus.id == "fehler", focus
    assert (
        "Bitte wählen Sie einen Tag zwischen dem 01.01.1950"
        in page.get_by_role("alert").inner_text()
    )
    person.tab_to("Stand am:", tag="a")
    person.press("Enter")
    assert person.focus().tag == "input"
