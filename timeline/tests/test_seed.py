"""The seed carries the keynote completely and faithfully, checked against the transcript."""

from __future__ import annotations

import re

import pytest

from core.seeding import Outcome, SeedRun
from timeline.models import Characteristic, Citation, Event, Period, Quote, Source, Status, Thesis
from timeline.seed import load_keynote
from timeline.tests.conftest import (
    PERIOD_SLUGS,
    normalize,
    parse_literature,
    parse_periods,
    parse_theses,
)

pytestmark = pytest.mark.django_db

# The transcript misspells two authors; the portal uses the correct names.
AUTHOR_CORRECTIONS = {"Bommers": "Bommes", "Krummacker": "Krummacher"}

# Dated events the issue names, per period: (year or None when the keynote gives none, words).
EXPECTED_EVENTS = {
    "1970er": [(None, "Ausländerbeiräten")],
    "1980er": [(None, "Ausländerbeauftragte"), (None, "Pro Asyl")],
    "1990er": [(1993, "Art. 16a GG")],
    "2000er": [
        (2000, "Staatsangehörigkeitsrechts"),
        (2001, "Unabhängige Kommission Zuwanderung"),
        (2005, "Zuwanderungsgesetzes"),
        (2007, "Nationaler Integrationsplan"),
        (None, "Komm-IN NRW"),
        (None, "Integrationsräte"),
    ],
    "ab-2010er": [
        (2012, "Nationaler Aktionsplan Integration"),
        (2012, "TIntG NRW"),
        (2015, "Syrien, Afghanistan, Irak"),
        (2015, "Willkommenskultur"),
        (2021, "Kommunales Integrationsmanagement"),
        (2022, "Reform des TIntG NRW"),
        (None, "Komm-AN NRW"),
        (None, "Integrationsagenturen"),
        (None, "Ukrainer"),
    ],
}

TRAILING_CITATION = re.compile(r"\s*\(([A-ZÄÖÜ][^()]*?\d{4})\)$")


def _first_author(label: str) -> str:
    name = re.split(r"[\s,&]", label.strip())[0]
    return AUTHOR_CORRECTIONS.get(name, name)


@pytest.mark.parametrize("slug", PERIOD_SLUGS)
def test_period_characteristics_match_the_transcript_bullet_for_bullet(seeded, transcript, slug):
    expected = parse_periods(transcript)[slug]["bullets"]
    period = Period.objects.get(slug=slug)
    stored = list(
        Characteristic.objects.filter(period=period)
        .order_by("position")
        .prefetch_related("citations__source")
    )
    assert len(stored) == len(expected)
    for characteristic, (text, depth) in zip(stored, expected, strict=True):
        cited = TRAILING_CITATION.search(text)
        if cited:
            # "„…“ (Weber et. al. 2024)": the quote is the text, the reference a citation.
            text = text[: cited.start()]
            sources = [c.source for c in characteristic.citations.all()]
            assert [s.year for s in sources] == [int(cited.group(1)[-4:])]
            assert sources[0].short_citation.startswith(_first_author(cited.group(1)))
        else:
            assert not characteristic.citations.exists()
        assert normalize(characteristic.text) == text
        assert (characteristic.parent_id is not None) == (depth == 1)
        assert characteristic.text_en.strip(), "every bullet has an English translation"


@pytest.mark.parametrize("slug", PERIOD_SLUGS)
def test_period_focus_matches_the_transcript(seeded, transcript, slug):
    assert (
        normalize(Period.objects.get(slug=slug).focus) == parse_periods(transcript)[slug]["focus"]
    )


@pytest.mark.parametrize("slug", PERIOD_SLUGS)
def test_period_events_are_complete_and_dated_only_as_the_keynote_dates_them(seeded, slug):
    period = Period.objects.get(slug=slug)
    events = list(period.events.select_related("characteristic"))
    for year, words in EXPECTED_EVENTS[slug]:
        matching = [e for e in events if words in e.title or words in e.text]
        assert matching, f"{slug}: no event about {words!r}"
        assert any(e.year == year for e in matching), f"{slug}: {words!r} not dated {year}"
    for event in events:
        assert event.status == Status.PUBLISHED
        if event.year is not None:
            # No invented years: the year stands on the event's own slide, in its bullet
            # or in the slide's focus line.
            bullet = event.characteristic.text if event.characteristic else ""
            grounding = f"{bullet} {period.focus}"
            assert str(event.year) in grounding, event.slug


def test_the_periods_come_in_order_with_their_years(seeded):
    periods = list(Period.objects.published())
    assert [p.slug for p in periods] == PERIOD_SLUGS
    assert [(p.start_year, p.end_year) for p in periods] == [
        (1970, 1979),
        (1980, 1989),
        (1990, 1999),
        (2000, 2009),
        (2010, None),
    ]


def test_every_period_cites_the_sources_slide_of_the_keynote(seeded, transcript):
    slide = transcript.split("Quellen:", 1)[1].split("Die Kommunen betreiben", 1)[0]
    names = [line.strip(" ;") for line in slide.splitlines() if line.strip()]
    assert len(names) == 5
    for period in Period.objects.all():
        cited = [c.source for c in period.citations.select_related("source")]
        assert len(cited) == len(names)
        for name, source in zip(names, cited, strict=True):
            assert source.year == int(name[-4:])
            assert _first_author(name) in source.authors


def test_the_literature_list_is_carried_in_full_with_the_corrected_names(seeded, transcript):
    listed = Source.objects.filter(in_keynote_bibliography=True, is_recommendation=False)
    expected = [
        normalize(entry).replace("Bommers,", "Bommes,") for entry in parse_literature(transcript)
    ]
    assert sorted(normalize(s.citation) for s in listed) == sorted(expected)
    assert "Bommers" not in " ".join(s.citation for s in Source.objects.all())
    assert "Michael Bommes" in Source.objects.get(key="bommes-2018").note
    assert "Michael Krummacher" in Source.objects.get(key="krummacher-2011").note


def test_the_recommended_reading_is_in_the_bibliography(seeded):
    recommended = Source.objects.get(is_recommendation=True)
    assert recommended.citation.startswith("Bätge, Frank; Effing, Klaus; Möltgen-Sicking, Katrin")
    assert "Wiesbaden: Springer VS" in recommended.citation


def test_every_reference_in_the_transcript_resolves_to_one_bibliography_entry(seeded, transcript):
    references = set(re.findall(r"\(([A-ZÄÖÜ][^()\d]*?) (\d{4})(?::\s*\d+)?\)", transcript))
    assert ("Häußermann & Oswald", "1997") in references
    sources = list(Source.objects.all())
    for authors, year in references:
        author = _first_author(authors.replace("-Stiftung", "").replace(" Stiftung", ""))
        matches = [s for s in sources if s.year == int(year) and author in s.short_citation]
        assert len(matches) == 1, (authors, year)


@pytest.mark.parametrize(
    "key",
    [
        "haeussermann-oswald-1997",
        "kgst-2005",
        "mkjfgfi-nrw-2024",
        "bogumil-hafner",
        "tintg-nrw-2022",
    ],
)
def test_sources_quoted_outside_the_literature_list_are_flagged(seeded, key):
    source = Source.objects.get(key=key)
    assert source.in_keynote_bibliography is False
    assert "nicht in ihrem Literaturverzeichnis" in source.note
    assert source.citations.exists() or source.quotes.exists()


def test_every_citation_and_quote_points_at_a_published_bibliography_entry(seeded):
    assert Citation.objects.count() > 0
    for citation in Citation.objects.select_related("source"):
        assert citation.source.status == Status.PUBLISHED
    for quote in Quote.objects.select_related("source"):
        assert quote.source.status == Status.PUBLISHED


def test_quotes_are_verbatim_from_the_transcript(seeded, transcript):
    flat = normalize(transcript)
    quotes = list(Quote.objects.select_related("source"))
    assert len(quotes) == 7
    for quote in quotes:
        assert normalize(quote.text) in flat, quote.text[:60]
        assert quote.translation_en.strip()
    attributions = {q.source.key for q in quotes}
    assert attributions == {
        "krummacher-2011",
        "bertelsmann-bmi-2005",
        "schamann-gluns-2021",
        "reimann-hollbach-groemig-2022",
        "mkjfgfi-nrw-2024",
        "tintg-nrw-2022",
    }


def test_inline_quotes_of_thesis_one_cite_otten_and_bommes_with_pages(seeded):
    thesis = Thesis.objects.get(number=1)
    labels = [c.label for c in thesis.citations.select_related("source")]
    assert labels == ["Otten 2021: 232", "Bommes 2018: 101"]
    assert "„den Charakter einer zielgruppenspezifischen Querschnittspolitik“" in thesis.explanation
    assert "„kommunale Moderationspotenzial von Integrationsprozessen“" in thesis.explanation


def test_the_six_theses_match_the_transcript(seeded, transcript):
    theses = list(Thesis.objects.published())
    assert [normalize(t.title) for t in theses] == parse_theses(transcript)
    for thesis in theses:
        assert thesis.explanation.strip() and thesis.explanation_en.strip()


def test_all_seeded_content_has_english(seeded):
    for model in (Period, Characteristic, Event, Thesis, Source):
        for obj in model.objects.all():
            assert obj.missing_translations() == [], (model.__name__, str(obj))


@pytest.mark.parametrize("slug", PERIOD_SLUGS)
def test_leichte_sprache_summary_has_short_sentences_one_idea_each(seeded, slug):
    period = Period.objects.get(slug=slug)
    for text in (period.easy_summary, period.easy_summary_en):
        sentences = [line.strip() for line in text.splitlines() if line.strip()]
        assert len(sentences) >= 5
        for sentence in sentences:
            assert sentence[-1] in ".!?", sentence
            assert len(re.findall(r"[.!?](\s|$)", sentence)) == 1, sentence
            assert len(sentence.split()) <= 12, sentence
            assert ";" not in sentence, sentence


def test_seed_is_idempotent_and_writes_no_history_when_nothing_changed(seeded):
    counts = {model: model.objects.count() for model in (Source, Period, Event, Citation, Quote)}
    history = {model: model.history.count() for model in (Source, Period, Event, Citation)}
    again = load_keynote()
    assert again.with_outcome(Outcome.CREATED, Outcome.DIFFERS, Outcome.RESET) == []
    assert not again.created_parts
    assert {model: model.objects.count() for model in counts} == counts
    assert {model: model.history.count() for model in history} == history


def test_seed_leaves_edited_content_alone_and_reports_it(seeded):
    period = Period.objects.get(slug="1990er")
    bullet = period.characteristics.get(position=1)
    bullet.text = "verändert"
    bullet.save()
    Citation.objects.filter(period=period).delete()

    run = load_keynote()

    assert period.characteristics.get(position=1).text == "verändert"
    assert period.citations.count() == 0
    [entry] = run.with_outcome(Outcome.DIFFERS)
    assert (entry.model, entry.key, entry.labels) == (Period, "1990er", ["Merkmale", "Belege"])


def test_reset_repairs_edited_content(seeded):
    period = Period.objects.get(slug="1990er")
    period.characteristics.filter(position=1).update(text="verändert")
    Citation.objects.filter(period=period).delete()
    load_keynote(SeedRun(reset=["1990er"]))
    assert period.characteristics.get(position=1).text == (
        "Stärker koordinierte Migrationspolitik in Bund und EU"
    )
    assert period.citations.count() == 5


def test_seed_keynote_command_runs_the_timeline_seeder(db):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("seed_keynote", stdout=out)
    assert "  Quellen: 15 neu angelegt" in out.getvalue().splitlines()
    assert "  Zeitabschnitte: 5 neu angelegt" in out.getvalue().splitlines()
    assert Event.objects.count() == 23
