"""The Redaktion changes a published period in the portal, in a real Chromium (Playwright).

Journey: sign in with password and authenticator code, go from „Mein Bereich“ to the
editorial area, change the German summary of the 1970s and save it as a draft, look at
the preview, see that visitors still get the published page (also from the page cache),
publish with a note, see visitors get the new text at once, see the English summary and
the Leichte-Sprache text flagged „veraltet“ on the edit page and in „Mein Bereich“,
confirm one of them, and find the publication with its note under „Versionen“. Every
page of the editorial area on the way is checked with axe-core at 1280 and 375 px.
"""

import re

import pytest

from tests.browser.browsing import (
    DESKTOP,
    PHONE,
    SCRATCH_SCREENSHOTS,
    Visit,
    axe_violations,
    describe,
)
from timeline.models import Period, Revision, TranslationFlag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCRATCH_SCREENSHOTS / "editorial"
ADDED = "Die Redaktion ergänzt: Viele Kommunen beginnen erst spät mit eigener Planung."


def _check(page, name: str, problems: list[str]) -> None:
    """axe-core at desktop and phone width, with a screenshot of each (var/, untracked)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        if violations := axe_violations(page):
            problems.append(f"{name} ({label}): {describe(violations)}")
    page.set_viewport_size(DESKTOP)


def _public_summary(new_context, live_server) -> str:
    """The 1970s page as an anonymous visitor gets it (served from the page cache)."""
    visitor = Visit(new_context(locale="de-DE"), live_server.url)
    visitor.goto("/geschichte/1970er/")
    text = visitor.page.locator("main").inner_text()
    visitor.context.close()
    return text


def test_editor_drafts_previews_publishes_and_sees_the_english_version_outdated(
    visit, new_context, live_server, keynote_content, editor_user
):
    page = visit.page
    problems: list[str] = []
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "favicon" not in (m.location or {}).get("url", "")
            and errors.append(f"{page.url}: {m.text}")
        ),
    )
    period = Period.objects.get(slug="1970er")
    published = period.summary
    assert ADDED not in _public_summary(new_context, live_server)  # also fills the cache

    # From „Mein Bereich“ into the editorial area, to the 1970s.
    visit.log_in(editor_user.email)
    visit.goto("/mein-bereich/")
    page.get_by_role("link", name=re.compile("^Zur Redaktion")).click()
    page.get_by_role("heading", name="Redaktion: Geschichte", level=1).wait_for()
    _check(page, "01-overview", problems)
    page.get_by_role("link", name="1970er Jahre", exact=True).click()
    page.get_by_role("heading", name="Zeitabschnitt bearbeiten: 1970er Jahre").wait_for()
    _check(page, "02-edit", problems)

    # A change to the German summary, saved as a draft.
    summary = page.get_by_label("Zusammenfassung", exact=True)
    summary.fill(f"{summary.input_value()} {ADDED}")
    with page.expect_navigation():
        page.get_by_role("button", name="Entwurf speichern").click()
    page.get_by_text(re.compile("^Entwurf gespeichert")).wait_for()
    assert Revision.objects.open().count() == 1
    _check(page, "03-draft-saved", problems)

    # The preview shows it; visitors still get the published page.
    page.get_by_role("link", name="Vorschau des Entwurfs").click()
    page.get_by_text("Vorschau für die Redaktion").wait_for()
    assert ADDED in page.locator("main").inner_text()
    _check(page, "04-preview", problems)
    public = _public_summary(new_context, live_server)
    assert ADDED not in public
    assert published[:60] in public
    assert Period.objects.get(pk=period.pk).summary == published

    # Publish with a note.
    page.get_by_role("link", name="Zurück zum Bearbeiten").click()
    page.get_by_label("Notiz zur Veröffentlichung").fill("Satz zur Planung ergänzt")
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_text(re.compile("^Veröffentlicht. Die öffentliche Seite zeigt")).wait_for()
    assert ADDED in _public_summary(new_context, live_server)

    # The English summary (and the Leichte-Sprache text) are flagged outdated.
    flags = page.get_by_role("region", name="Veraltete Übersetzungen")
    flags.wait_for()
    assert flags.get_by_role("link", name="Zusammenfassung (Englisch)").is_visible()
    assert flags.get_by_role("link", name="Zusammenfassung in Leichter Sprache").is_visible()
    assert page.get_by_text(re.compile("^Veraltet seit")).count() == 2
    _check(page, "05-published-outdated", problems)

    # „Mein Bereich“ lists them until they are updated or confirmed.
    visit.goto("/mein-bereich/")
    outdated = page.get_by_role("list", name=re.compile("Veraltete Übersetzungen"))
    assert outdated.get_by_role("link", name="Zusammenfassung (Englisch): 1970er Jahre").count()
    _check(page, "06-mein-bereich", problems)

    # The Leichte-Sprache text still fits: confirmed; it leaves „Mein Bereich“.
    outdated.get_by_role("link", name=re.compile("^Zusammenfassung in Leichter Sprache")).click()
    confirm = page.get_by_role("button", name=re.compile("Ist noch aktuell.*Leichter Sprache"))
    with page.expect_navigation():
        confirm.click()
    page.get_by_text(re.compile("ist als noch aktuell bestätigt")).wait_for()
    assert list(TranslationFlag.objects.open().values_list("field", flat=True)) == ["summary_en"]
    visit.goto("/mein-bereich/")
    assert "Zusammenfassung in Leichter Sprache: 1970er Jahre" not in page.content()
    assert "Zusammenfassung (Englisch): 1970er Jahre" in page.content()

    # The publication is in the versions, with who, the note and what changed.
    visit.goto(f"/redaktion/zeitabschnitte/{period.pk}/versionen/")
    latest = page.locator(".editorial-version").first
    assert "Satz zur Planung ergänzt" in latest.inner_text()
    assert "Eda Redaktion" in latest.inner_text()
    assert ADDED.split(":")[0] in latest.locator("ins").first.inner_text()
    _check(page, "07-versions", problems)

    assert not problems, "axe-core found violations:\n" + "\n".join(problems)
    assert not errors, errors
    visit.assert_same_origin()
