"""Factories for the history: sources, periods, characteristics, events, theses, quotes."""

import factory

from timeline.models import (
    Characteristic,
    Citation,
    Event,
    EventKind,
    Level,
    Period,
    Quote,
    Source,
    Status,
    Thesis,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"autorin-{n}-2020")
    short_citation = factory.Sequence(lambda n: f"Autorin{n} 2020")
    authors = factory.Sequence(lambda n: f"Autorin{n}, A.")
    year = 2020
    citation = factory.LazyAttribute(lambda o: f"{o.authors} (2020). Ein Buch. Ort: Verlag.")
    status = Status.PUBLISHED


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    slug = factory.Sequence(lambda n: f"abschnitt-{n}")
    position = factory.Sequence(lambda n: 100 + n)
    start_year = 2030
    end_year = 2039
    title = factory.Sequence(lambda n: f"Abschnitt {n}")
    title_en = factory.Sequence(lambda n: f"Period {n}")
    focus = "Fokus auf Testgruppen"
    focus_en = "Focus on test groups"
    summary = "Eine Zusammenfassung."
    summary_en = "A summary."
    easy_summary = "Das ist ein Satz.\nDas ist noch ein Satz."
    easy_summary_en = "This is a sentence.\nThis is another sentence."
    status = Status.PUBLISHED


class CharacteristicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Characteristic

    period = factory.SubFactory(PeriodFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Merkmal {n}")
    text_en = factory.Sequence(lambda n: f"Characteristic {n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    period = factory.SubFactory(PeriodFactory)
    slug = factory.Sequence(lambda n: f"ereignis-{n}")
    year = 2031
    title = factory.Sequence(lambda n: f"Ereignis {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    text = "Was geschah."
    text_en = "What happened."
    level = Level.STATE
    kind = EventKind.LAW
    status = Status.PUBLISHED


class ThesisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thesis

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"These {n}")
    title_en = factory.Sequence(lambda n: f"Thesis {n}")
    explanation = "Eine Erläuterung."
    explanation_en = "An explanation."
    status = Status.PUBLISHED


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    thesis = factory.SubFactory(ThesisFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "„Ein Zitat.“"
    source = factory.SubFactory(SourceFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
