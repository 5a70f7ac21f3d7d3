"""The Redaktion's editorial area (/redaktion/): drafts of published content, preview,
publishing with a note, earlier versions, outdated translations, limits and queries."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from core import versions
from timeline import forms as editorial_forms
from timeline.apps import CONTENT_VERSION
from timeline.editing import BY_MODEL, values_of
from timeline.editorial import word_diff
from timeline.models import (
    ContentKind,
    Event,
    FlagResolution,
    Period,
    Quote,
    Revision,
    RevisionState,
    Source,
    Status,
    Thesis,
    TranslationFlag,
)
from timeline.tests.factories import (
    EventFactory,
    PeriodFactory,
    QuoteFactory,
    SourceFactory,
    ThesisFactory,
)

pytestmark = pytest.mark.django_db

OLD_SUMMARY = "Die Kommunen beginnen mit der Integrationsarbeit."
NEW_SUMMARY = "Die Kommunen beginnen mit ihrer eigenen Integrationsarbeit."


@pytest.fixture
def period(db):
    return PeriodFactory(
        slug="1970er",
        title="1970er Jahre",
        title_en="The 1970s",
        summary=OLD_SUMMARY,
        summary_en="Municipalities start integration work.",
        easy_summary="Die Städte helfen.\nDie Vereine beraten.",
        easy_summary_en="Towns help.\nClubs give advice.",
    )


@pytest.fixture
def editor(client, editor_user):
    client.force_login(editor_user)
    return editor_user


def edit_url(obj) -> str:
    return f"/redaktion/{BY_MODEL[type(obj)].segment}/{obj.pk}/"


def form_data(obj, *, version: int = 0, crlf: bool = False, **changes) -> dict:
    """What the edit form sends back: every field as it stands, with ``changes``.

    ``crlf``: line breaks as a browser sends them from a textarea (CR LF).
    """
    spec = BY_MODEL[type(obj)]
    data = {}
    for name, value in {**values_of(obj, spec.fields), **changes}.items():
        if value is None:
            value = ""
        elif isinstance(value, bool):
            if not value:
                continue
            value = "on"
        elif isinstance(value, str) and crlf:
            value = value.replace("\n", "\r\n")
        data[name] = value
    data["version"] = version
    return data


def save_draft(client, obj, **changes):
    draft = Revision.objects.open().of(BY_MODEL[type(obj)].kind, obj.pk).first()
    version = draft.version if draft else 0
    current = obj
    if draft:
        current = type(obj).objects.get(pk=obj.pk)
    data = form_data(current, version=version, **{**(draft.changes if draft else {}), **changes})
    return client.post(edit_url(obj), data)


def publish(client, obj, note="Text überarbeitet"):
    draft = Revision.objects.open().of(BY_MODEL[type(obj)].kind, obj.pk).first()
    data = {"p-version": draft.version if draft else 0, "p-note": note}
    return client.post(edit_url(obj) + "veroeffentlichen/", data)


# --- the draft, while the published version stays live -------------------------------


def test_a_saved_draft_leaves_the_public_page_and_the_content_version_as_they_are(
    client, editor, period
):
    public = client.get("/geschichte/1970er/").content.decode()  # also fills the page cache
    assert OLD_SUMMARY in public
    before = versions.current(CONTENT_VERSION)

    response = save_draft(client, period, summary=NEW_SUMMARY)

    assert response.status_code == 302
    draft = Revision.objects.get()
    assert draft.changes == {"summary": NEW_SUMMARY}
    assert draft.base == {"summary": OLD_SUMMARY}
    assert Period.objects.get(pk=period.pk).summary == OLD_SUMMARY
    assert period.history.count() == 1
    assert versions.current(CONTENT_VERSION) == before
    client.logout()
    public = client.get("/geschichte/1970er/").content.decode()
    assert OLD_SUMMARY in public and NEW_SUMMARY not in public


def test_the_edit_form_shows_the_draft_over_the_published_values(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    page = client.get(edit_url(period)).content.decode()
    assert NEW_SUMMARY in page
    assert "Im Entwurf geändert" in page
    assert "Der Entwurf ändert" in page


def test_publishing_applies_the_draft_at_once_with_the_note_in_the_history(client, editor, period):
    client.logout()
    assert OLD_SUMMARY in client.get("/geschichte/1970er/").content.decode()  # cached
    client.force_login(editor)
    save_draft(client, period, summary=NEW_SUMMARY)

    response = publish(client, period, note="Zusammenfassung präzisiert")

    assert response.status_code == 302
    period.refresh_from_db()
    assert period.summary == NEW_SUMMARY
    record = period.history.order_by("-history_id").first()
    assert record.history_change_reason == "Zusammenfassung präzisiert"
    assert record.history_user == editor
    draft = Revision.objects.get()
    assert draft.state == RevisionState.PUBLISHED
    assert draft.note == "Zusammenfassung präzisiert"
    assert draft.closed_by == editor
    client.logout()
    public = client.get("/geschichte/1970er/").content.decode()
    assert NEW_SUMMARY in public and OLD_SUMMARY not in public


def test_publishing_needs_a_note(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    response = publish(client, period, note="")
    assert response.status_code == 400
    assert "Bitte schreiben Sie kurz, was sich ändert." in response.content.decode()
    assert Period.objects.get(pk=period.pk).summary == OLD_SUMMARY


def test_publishing_without_a_draft_is_refused(client, editor, period):
    response = publish(client, period)
    assert response.status_code == 400
    assert "keinen Entwurf" in response.content.decode()
    assert period.history.count() == 1


def test_discarding_the_draft_keeps_the_published_version(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    draft = Revision.objects.get()
    response = client.post(edit_url(period) + "verwerfen/", {"d-version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == RevisionState.DISCARDED
    assert Period.objects.get(pk=period.pk).summary == OLD_SUMMARY
    assert "Keine Änderung" not in client.get(edit_url(period)).content.decode()


# --- saving an unchanged field records nothing ----------------------------------------


def test_saving_the_untouched_form_records_nothing_and_says_so(client, editor, period):
    """The browser sends every line break of a textarea as CR LF (the Leichte-Sprache
    summary has one per sentence): still no change, no draft, no history row."""
    response = client.post(edit_url(period), form_data(period, crlf=True), follow=True)

    assert response.status_code == 200
    assert "Keine Änderung" in response.content.decode()
    assert not Revision.objects.exists()
    assert period.history.count() == 1


def test_saving_the_draft_again_unchanged_writes_nothing(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    draft = Revision.objects.get()
    response = save_draft(client, period)
    assert response.status_code == 302
    assert Revision.objects.get().version == draft.version
    assert Revision.objects.get().updated_at == draft.updated_at


def test_a_draft_set_back_to_the_published_values_is_closed(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    save_draft(client, period, summary=OLD_SUMMARY)
    assert Revision.objects.get().state == RevisionState.DISCARDED
    assert period.history.count() == 1


# --- optimistic locking and a change made elsewhere ---------------------------------------


def test_a_draft_saved_by_someone_else_meanwhile_is_not_overwritten(
    client, client_factory, editor, period, admin_user
):
    stale = form_data(period, version=0, title="Alt-Titel des Ersten")
    other = client_factory()
    other.force_login(admin_user)
    other.post(edit_url(period), form_data(period, summary=NEW_SUMMARY))

    response = client.post(edit_url(period), stale)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Aktuell gespeicherter Entwurf" in page and NEW_SUMMARY in page
    assert Revision.objects.get().changes == {"summary": NEW_SUMMARY}


def test_a_change_in_the_admin_after_the_draft_blocks_publishing_until_the_draft_is_saved_again(
    client, editor, period
):
    save_draft(client, period, summary=NEW_SUMMARY)
    Period.objects.filter(pk=period.pk).update(summary="Im Admin geändert.")

    refused = publish(client, period)
    assert refused.status_code == 400
    assert "Die veröffentlichte Fassung wurde geändert" in refused.content.decode()
    assert Period.objects.get(pk=period.pk).summary == "Im Admin geändert."
    edit = client.get(edit_url(period)).content.decode()
    assert "Im Admin geändert." in edit  # the editor sees what was published meanwhile

    save_draft(client, period)  # seen and saved again: the draft rests on it now
    assert publish(client, period).status_code == 302
    assert Period.objects.get(pk=period.pk).summary == NEW_SUMMARY


# --- outdated translations ---------------------------------------------------------------


def test_a_changed_german_text_flags_the_translations_resting_on_it(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    publish(client, period)

    flagged = set(TranslationFlag.objects.open().values_list("field", flat=True))
    # English summary and Leichte Sprache rest on the summary; the titles do not.
    assert flagged == {"summary_en", "easy_summary"}
    page = client.get(edit_url(period)).content.decode()
    assert "Veraltete Übersetzungen" in page
    assert "Veraltet seit" in page


def test_a_translation_changed_with_its_german_text_is_not_flagged(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY, summary_en="Municipalities start.")
    publish(client, period)
    assert set(TranslationFlag.objects.open().values_list("field", flat=True)) == {"easy_summary"}


def test_a_missing_translation_is_missing_not_outdated(client, editor):
    event = EventFactory(text="Was geschah.", text_en="")
    save_draft(client, event, text="Was wirklich geschah.")
    publish(client, event)
    assert not TranslationFlag.objects.exists()


def test_publishing_the_updated_translation_clears_the_flag(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    publish(client, period)
    save_draft(client, Period.objects.get(pk=period.pk), summary_en="Their own work.")
    publish(client, period, note="Englisch nachgezogen")

    flag = TranslationFlag.objects.get(field="summary_en")
    assert flag.resolution == FlagResolution.UPDATED
    assert flag.resolved_by == editor
    # The Leichte-Sprache text is still outdated; its plain-English sibling rests on it.
    assert list(TranslationFlag.objects.open().values_list("field", flat=True)) == ["easy_summary"]


def test_an_updated_leichte_sprache_text_flags_its_plain_english_version(client, editor, period):
    save_draft(client, period, easy_summary="Die Städte helfen viel.\nDie Vereine beraten.")
    publish(client, period)
    assert list(TranslationFlag.objects.open().values_list("field", flat=True)) == [
        "easy_summary_en"
    ]


def test_an_editor_confirms_a_translation_that_still_fits(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    publish(client, period)

    response = client.post(edit_url(period) + "uebersetzungen/summary_en/aktuell/")

    assert response.status_code == 302
    flag = TranslationFlag.objects.get(field="summary_en")
    assert flag.resolution == FlagResolution.CONFIRMED
    assert flag.resolved_by == editor
    assert client.post(edit_url(period) + "uebersetzungen/title/aktuell/").status_code == 404


def test_a_change_in_the_admin_flags_translations_too(client, editor, period):
    data = {
        "status": "published",
        "title": period.title,
        "slug": period.slug,
        "position": period.position,
        "start_year": period.start_year,
        "end_year": period.end_year,
        "focus": period.focus,
        "summary": NEW_SUMMARY,
        "easy_summary": period.easy_summary.replace("\n", "\r\n"),
        "title_en": period.title_en,
        "focus_en": period.focus_en,
        "summary_en": period.summary_en,
        "easy_summary_en": period.easy_summary_en.replace("\n", "\r\n"),
        **_empty_inlines(),
    }
    response = client.post(f"/verwaltung/timeline/period/{period.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(TranslationFlag.objects.open().values_list("field", flat=True)) == {
        "summary_en",
        "easy_summary",
    }


def _empty_inlines() -> dict:
    data = {}
    for prefix in ("characteristics", "citations"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data


def test_saving_the_admin_form_untouched_records_nothing(client, editor, period):
    """The admin, too: CR LF line breaks in the Leichte-Sprache text are no change."""
    data = {
        "status": "published",
        "title": period.title,
        "slug": period.slug,
        "position": period.position,
        "start_year": period.start_year,
        "end_year": period.end_year,
        "focus": period.focus,
        "summary": period.summary,
        "easy_summary": period.easy_summary.replace("\n", "\r\n"),
        "title_en": period.title_en,
        "focus_en": period.focus_en,
        "summary_en": period.summary_en,
        "easy_summary_en": period.easy_summary_en.replace("\n", "\r\n"),
        **_empty_inlines(),
    }
    response = client.post(f"/verwaltung/timeline/period/{period.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert period.history.count() == 1


# --- the preview -------------------------------------------------------------------------


def test_the_preview_shows_the_draft_only_to_editors_and_is_never_cached_or_indexed(
    client, editor, period
):
    save_draft(client, period, summary=NEW_SUMMARY)
    url = edit_url(period) + "vorschau/"

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert NEW_SUMMARY in page and OLD_SUMMARY not in page
    assert "Vorschau für die Redaktion" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_preview_in_english_and_in_leichte_sprache(client, editor, period):
    save_draft(client, period, summary_en="Towns start their own work.", easy_summary="Neu.")
    english = client.get("/en" + edit_url(period) + "vorschau/").content.decode()
    assert "Towns start their own work." in english
    easy = client.get(edit_url(period) + "vorschau/?ansicht=leichte-sprache").content.decode()
    assert "Neu." in easy and "Die Vereine beraten." not in easy


@pytest.mark.parametrize(
    ("make", "change"),
    [
        (EventFactory, {"title": "Neuer Titel des Ereignisses"}),
        (ThesisFactory, {"title": "Neu formulierte These"}),
        (QuoteFactory, {"text": "„Ein neues Zitat.“"}),
        (SourceFactory, {"citation": "Autorin, A. (2020). Neuer Titel."}),
    ],
    ids=["event", "thesis", "quote", "source"],
)
def test_the_preview_shows_each_kind_on_its_public_page(client, editor, make, change):
    obj = make()
    save_draft(client, obj, **change)
    page = client.get(edit_url(obj) + "vorschau/").content.decode()
    expected = next(iter(change.values()))
    assert expected in page
    public_value = getattr(type(obj).objects.get(pk=obj.pk), next(iter(change)))
    assert public_value != expected


def test_an_event_moved_to_another_period_shows_there_in_the_preview(client, editor, period):
    other = PeriodFactory(slug="1980er", title="1980er Jahre")
    event = EventFactory(period=period, title="Anwerbestopp")
    save_draft(client, event, period=other.pk)
    page = client.get(edit_url(event) + "vorschau/").content.decode()
    assert "1980er Jahre" in page and "Anwerbestopp" in page


# --- earlier versions -----------------------------------------------------------------


def test_versions_list_who_when_note_and_what_changed(client, editor, period):
    save_draft(client, period, summary=NEW_SUMMARY)
    publish(client, period, note="Zusammenfassung präzisiert")

    page = client.get(edit_url(period) + "versionen/").content.decode()

    assert "Zusammenfassung präzisiert" in page
    assert "Eda Redaktion" in page
    assert "<ins>" in page and "ihrer eigenen" in page
    assert "<del>" in page and "der" in page
    assert "Diese Fassung als Entwurf übernehmen" in page


def test_restoring_an_earlier_version_makes_it_the_draft_to_publish(client, editor, period):
    first = period.history.get()
    save_draft(client, period, summary=NEW_SUMMARY)
    publish(client, period)

    response = client.post(
        edit_url(period) + f"versionen/{first.history_id}/wiederherstellen/", {"version": 0}
    )

    assert response.status_code == 302
    assert Period.objects.get(pk=period.pk).summary == NEW_SUMMARY  # not yet published
    assert Revision.objects.open().get().changes == {"summary": OLD_SUMMARY}
    publish(client, period, note="Alte Fassung wiederhergestellt")
    assert Period.objects.get(pk=period.pk).summary == OLD_SUMMARY


def test_restoring_another_objects_version_is_a_404(client, editor, period):
    other = PeriodFactory()
    record = other.history.get()
    url = edit_url(period) + f"versionen/{record.history_id}/wiederherstellen/"
    assert client.post(url, {"version": 0}).status_code == 404


# --- new content ------------------------------------------------------------------------


def test_new_content_starts_as_a_draft_and_is_published_by_the_same_step(client, editor, period):
    data = {
        "slug": "anwerbestopp-1973",
        "period": period.pk,
        "year": 1973,
        "level": "federal",
        "kind": "law",
        "title": "Anwerbestopp",
        "text": "Die Anwerbung endet.",
        "version": 0,
    }
    response = client.post("/redaktion/ereignisse/neu/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="anwerbestopp-1973")
    assert event.status == Status.DRAFT
    client.logout()
    assert "Anwerbestopp" not in client.get("/geschichte/1970er/").content.decode()
    client.force_login(editor)

    assert publish(client, event, note="Neues Ereignis").status_code == 302

    client.logout()
    assert "Anwerbestopp" in client.get("/geschichte/1970er/").content.decode()


def test_quotes_cannot_be_created_here_they_are_public_with_their_thesis(client, editor):
    assert client.get("/redaktion/zitate/neu/").status_code == 404


# --- limits ---------------------------------------------------------------------------


def test_every_text_says_its_limit_and_a_longer_text_is_refused_clearly(client, editor, period):
    page = client.get(edit_url(period)).content.decode()
    # Once per field: summary, Leichte Sprache, and their English versions.
    assert page.count("Höchstens 5.000 Zeichen.") == 4
    assert page.count('maxlength="5000"') == 4

    response = save_draft(client, period, summary="x" * 5001)

    assert response.status_code == 400
    assert "Höchstens 5.000 Zeichen, Sie haben 5.001 eingegeben." in response.content.decode()
    assert not Revision.objects.exists()
    save_draft(client, period, summary=NEW_SUMMARY)
    assert "Höchstens 100 Zeichen." in client.get(edit_url(period)).content.decode()  # the note


@pytest.mark.parametrize("form_class_name", ["PeriodForm", "EventForm", "ThesisForm", "QuoteForm"])
def test_every_text_field_of_the_editorial_forms_has_a_limit(form_class_name):
    form = getattr(editorial_forms, form_class_name)()
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            assert field.max_length, name


def test_a_line_break_counts_once_as_in_the_browser(client, editor, period):
    text = "Satz.\r\n" * 700  # 4,200 characters with LF, 4,900 as sent
    response = save_draft(client, period, easy_summary=text)
    assert response.status_code == 302
    assert "\r" not in Revision.objects.get().changes["easy_summary"]


# --- lists at a fixed number of queries -----------------------------------------------------


def _more_content(n: int):
    for _ in range(n):
        period = PeriodFactory()
        event = EventFactory(period=period)
        thesis = ThesisFactory()
        QuoteFactory(thesis=thesis, position=1)
        Revision.objects.create(
            kind=ContentKind.EVENT, object_id=event.pk, changes={"title": "x"}, base={}
        )
        TranslationFlag.objects.create(
            kind=ContentKind.PERIOD,
            object_id=period.pk,
            field="title_en",
            flagged_at=period.updated_at,
        )


# Five kinds (one query each), the open drafts, the flags.
OVERVIEW_QUERIES = 7


def test_the_overview_runs_a_fixed_number_of_queries(client, editor, django_assert_max_num_queries):
    client.get("/impressum/")  # the first request after signing in refreshes the session
    for size in (1, 12):
        _more_content(size)
        with django_assert_max_num_queries(OVERVIEW_QUERIES):
            response = client.get("/redaktion/")
        assert response.status_code == 200
    assert response.content.decode().count('class="editorial-list__item"') == 13 * 5  # five kinds


# The event, its draft, the history rows (with their users), the names of the periods
# the rows point to.
VERSIONS_QUERIES = 4


def test_the_versions_list_runs_a_fixed_number_of_queries(
    client, editor, period, django_assert_max_num_queries
):
    event = EventFactory(period=period)
    client.get("/impressum/")
    for size in (1, 8):
        for n in range(size):
            event.title = f"Titel {size}-{n}"
            event.save()
        with django_assert_max_num_queries(VERSIONS_QUERIES):
            response = client.get(edit_url(event) + "versionen/")
        assert response.status_code == 200


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("staff", 403), ("coordinator", 403), ("editor", 200), ("admin", 200)],
)
def test_only_editors_and_administrators_reach_the_editorial_area(
    client, login_as, period, role, status
):
    login_as(role)
    assert client.get(edit_url(period)).status_code == status
    assert client.get("/redaktion/").status_code == status


def test_an_unknown_kind_or_object_is_a_404(client, editor, period):
    assert client.get(f"/redaktion/gedichte/{period.pk}/").status_code == 404
    assert client.get("/redaktion/zeitabschnitte/999999/").status_code == 404


def test_the_english_editorial_area_works_too(client, editor, period):
    with translation.override("en"):
        response = client.get("/en" + edit_url(period))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Edit Period: 1970er Jahre" in page
    assert "Save draft" in page


def test_every_kind_has_its_edit_page(client, editor):
    for obj in (PeriodFactory(), EventFactory(), ThesisFactory(), QuoteFactory(), SourceFactory()):
        assert client.get(edit_url(obj)).status_code == 200, type(obj)
    assert {Period, Event, Thesis, Quote, Source} == set(BY_MODEL)


def test_the_word_diff_marks_changed_words_and_shortens_long_unchanged_text():
    old = "Anfang " * 60 + "alt " + "Ende " * 80
    new = "Anfang " * 60 + "neu " + "Ende " * 80

    segments = word_diff(old, new)

    assert [op for op, _ in segments] == ["equal", "delete", "insert", "equal"]
    assert segments[1][1] == "alt" and segments[2][1] == "neu"
    assert segments[0][1].startswith("…") and segments[0][1].endswith("Anfang ")
    assert segments[3][1].startswith(" Ende") and segments[3][1].endswith("…")
    assert word_diff("a b c", "a x c") == [
        ("equal", "a "),
        ("delete", "b"),
        ("insert", "x"),
        ("equal", " c"),
    ]
