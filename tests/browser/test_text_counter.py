"""The counter of text fields with a limit (``static/js/text-counter.js``), in Chromium.

A textarea shows how many of its characters are used; screen readers hear about it
only near the limit (a polite live region), once on the way in and once at the limit;
a single-line field shows its counter only near its limit; a text longer than the
limit that the server sent back says how much is too much.
"""

from __future__ import annotations

import pytest

from core.models import AccessibilityFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MESSAGE = "textarea[name=message]"


def _counter(page, field: str):
    return page.locator(f"{field} + .portal-text-counter")


def _spoken(page, field: str):
    return page.locator(f"{field} + .portal-text-counter + [aria-live=polite]")


def test_the_counter_counts_and_speaks_only_near_the_limit(visit):
    page = visit.page
    visit.goto("/barrierefreiheit/")
    counter, spoken = _counter(page, MESSAGE), _spoken(page, MESSAGE)
    assert counter.inner_text() == "0 von 5.000 Zeichen"

    page.locator(MESSAGE).press_sequentially("Kontrast")
    assert counter.inner_text() == "8 von 5.000 Zeichen"
    assert spoken.text_content() == ""

    page.locator(MESSAGE).fill("x" * 4_499)
    assert spoken.text_content() == ""
    page.locator(MESSAGE).fill("x" * 4_500)
    assert counter.inner_text() == "4.500 von 5.000 Zeichen"
    assert spoken.text_content() == "Noch 500 Zeichen bis zur Höchstgrenze."
    # A line break counts once, as the browser counts it against maxlength.
    page.locator(MESSAGE).evaluate(
        "(field) => { field.value = 'x\\n'.repeat(2500); field.dispatchEvent(new Event('input')); }"
    )
    assert counter.inner_text() == "5.000 von 5.000 Zeichen"
    assert spoken.text_content() == "Höchstgrenze von 5.000 Zeichen erreicht."
    page.locator(MESSAGE).fill("kurz")
    assert spoken.text_content() == ""


def test_a_single_line_field_shows_its_counter_only_near_the_limit(visit):
    page = visit.page
    visit.goto("/barrierefreiheit/")
    name = "input[name=name]"
    assert page.locator(name).get_attribute("maxlength") == "150"
    assert _counter(page, name).is_hidden()
    page.locator(name).fill("n" * 140)
    assert _counter(page, name).inner_text() == "140 von 150 Zeichen"
    assert _spoken(page, name).text_content() == "Noch 10 Zeichen bis zur Höchstgrenze."


def test_a_text_the_server_refused_as_too_long_says_how_much_is_too_much(visit):
    page = visit.page
    visit.goto("/barrierefreiheit/")
    # Past maxlength, as a script or an old browser could send it.
    page.locator(MESSAGE).evaluate("(field) => { field.value = 'x'.repeat(6000); }")
    with page.expect_navigation():
        page.get_by_role("button", name="Rückmeldung senden").click()
    assert (
        "Höchstens 5.000 Zeichen, Sie haben 6.000 eingegeben." in page.locator("main").inner_text()
    )
    assert _counter(page, MESSAGE).inner_text() == (
        "6.000 von 5.000 Zeichen – 1.000 Zeichen zu viel."
    )
    assert not AccessibilityFeedback.objects.exists()
