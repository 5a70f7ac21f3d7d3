"""The relevance test set of the directory's search: everyday questions and whom they mean.

Each :class:`Question` is what a member of staff (or a visitor) types into the directory's
search box, with the actors they would expect to see first: the question passes when at
least one expected actor is among the first three results of the directory
(``/akteure/?q=…``, sorted by relevance). The data is the keynote's content
(``seed_keynote``) and the demo Kreis Heinsberg (``seed_demo --scale kreis``, seed 1):
tests/test_relevance.py loads both and asserts the hit rate.

Expectations say how the search *should* answer, not how it answers today: an actor is
meant to be found by its name, short name and description, by the tasks it carries out
(their names and everyday words, ``Task.keywords``), by its public offers (names,
descriptions, topics, target groups, languages), by its own target groups and languages,
and by its municipality ("… in Wegberg").

An expected entry is a slug or a pattern of slugs (``fnmatch``: ``jugendmigrationsdienst-*``
stands for every Jugendmigrationsdienst of a town); ``speaks`` additionally asks that
the actor is in that language ("counselling in Arabic"): it lists it, one of its public
offers does, or its name says so. Questions are asked as a visitor (not signed in).

The report, from the test (``pytest tests/test_relevance.py -s``) or for the database the
settings point to, after ``manage.py seed_keynote`` and ``manage.py seed_demo --scale
kreis``::

    python manage.py shell -c "from actors.tests.relevance import main; main()"
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from actors.models import Actor, Language, Offer
from actors.tests.test_responsibilities import TEN
from actors.views import ActorListView

# How many results count: the first screenful of the directory on a phone.
TOP = 3
# The share of questions that must find an expected actor among the first TOP.
MIN_HIT_RATE = 0.95

CATEGORIES = (
    "exact",
    "case",
    "umlaut",
    "typo",
    "plural",
    "synonym",
    "short name",
    "english",
    "multi-word",
)

# --- Who is who in the data (slugs of the keynote, patterns of the demo Kreis) -----------

ABH = ("abh-kreis-heinsberg", "auslanderbehorde-kreis-heinsberg")
EBH = ("ebh-kreis-heinsberg", "einburgerungsbehorde-kreis-heinsberg")
KI = ("ki-kreis-heinsberg",)
KIM = ("kim-koordinierende-stelle-kreis-heinsberg", "kim-case-management-kreis-heinsberg")
VHS = ("vhs-kreis-heinsberg",)
JOBCENTER = ("jobcenter-kreis-heinsberg",)
JUGENDAMT = ("jugendamt-kreis-heinsberg", "jugendamt-kreis-heinsberg-2")
JMD = ("jmd-heinsberg", "jugendmigrationsdienst-*")
MBE = ("mbe-heinsberg", "migrationsberatung-fur-erwachsene-zuwanderer-*")
KITAS = ("*-kindertagesstatte-*",)
SOZIALAMT = ("sozialamt-kreis-heinsberg", "sozialamt-kreis-heinsberg-2", "sozialamt-*")
# The ten towns and municipalities: they house the refugees allocated to them and pay
# the benefits under the AsylbLG (keynote tasks with their keywords).
MUNICIPALITIES = tuple(TEN)
HOUSING = (
    "wohnungsgesellschaften",
    "stadtentwicklungsbehoerden",
    "wohnungsbaugesellschaft-kreis-heinsberg",
    "amt-fur-stadtentwicklung-und-wohnen-*",
)
# Counselling services, keynote and demo (for the questions about a language).
COUNSELLING = (
    "caritasverband-kreis-heinsberg",  # the Migrationsberatung offers of every town
    "mbe-heinsberg",
    "jmd-heinsberg",
    "*beratung*",
    "integrationsagentur-*",
    "jugendmigrationsdienst-*",
    "servicestelle-antidiskriminierungsarbeit-*",
    "deutsch-arabischer-freundeskreis-*",  # "Beratung in der Herkunftssprache"
)


@dataclass(frozen=True)
class Question:
    query: str
    expected: tuple[str, ...]  # slugs or fnmatch patterns of slugs
    category: str  # one of CATEGORIES
    language: str  # "de" or "en": the language of the question
    speaks: str = ""  # ISO 639-1: the expected actor (or its offer) is in this language
    why: str = ""  # where the expectation comes from, when not obvious

    def expects(self, slug: str) -> bool:
        return any(fnmatch.fnmatchcase(slug, pattern) for pattern in self.expected)


Q = Question

QUESTIONS: tuple[Question, ...] = (
    # --- exact: the words of the name, as written --------------------------------------
    Q("Ausländerbehörde", ABH, "exact", "de"),
    Q("Jugendmigrationsdienst", JMD, "exact", "de"),
    Q("Kommunales Integrationszentrum", KI, "exact", "de"),
    Q("Case Management", KIM, "exact", "de"),
    Q("Psychosoziale Beratung", ("psychosoziale-beratung-fur-gefluchtete-*",), "exact", "de"),
    # --- case ------------------------------------------------------------------------------
    Q("AUSLÄNDERBEHÖRDE", ABH, "case", "de"),
    Q("jobcenter", JOBCENTER, "case", "de"),
    Q("VOLKSHOCHSCHULE", VHS, "case", "de"),
    Q("jugendmigrationsdienst", JMD, "case", "de"),
    Q("KREIS HEINSBERG", ("kreis-heinsberg", "kreis-heinsberg-2"), "case", "de"),
    # --- umlauts typed as plain letters (ä → a, or ä → ae) ----------------------------------
    Q("Auslanderbehorde", ABH, "umlaut", "de"),
    Q("Auslaenderbehoerde", ABH, "umlaut", "de"),
    Q("Huckelhoven", ("stadt-hueckelhoven",), "umlaut", "de"),
    Q("Uebach-Palenberg", ("stadt-uebach-palenberg",), "umlaut", "de"),
    Q("Einburgerung", EBH, "umlaut", "de"),
    Q("Fluechtlingsberatung", ("*-fluchtlingsberatung-*",), "umlaut", "de"),
    Q("Kindergaerten", JUGENDAMT + KITAS, "umlaut", "de", why="task Kindergärten"),
    # --- typos ------------------------------------------------------------------------------
    Q("Auslenderbehörde", ABH, "typo", "de"),
    Q("Volkshochschle", VHS, "typo", "de"),
    Q("Jugendmigrationsdinst", JMD, "typo", "de"),
    Q("Integrationszentrun", KI, "typo", "de"),
    Q("Migrationsberatnug", (*MBE, "caritasverband-kreis-heinsberg"), "typo", "de"),
    Q("Einbürgrungsbehörde", EBH, "typo", "de"),
    Q("Sozialammt", SOZIALAMT, "typo", "de"),
    Q("Jobcentre", JOBCENTER, "typo", "en"),
    Q("Kindergarden", JUGENDAMT + KITAS, "typo", "en", why="task Kindergärten, synonym Kita"),
    # --- plurals and inflected forms --------------------------------------------------------
    Q("Integrationszentren", KI, "plural", "de"),
    Q("Volkshochschulen", VHS, "plural", "de"),
    Q("Jugendämter", JUGENDAMT, "plural", "de"),
    Q("Ausländerbehörden", ABH, "plural", "de"),
    Q("Sprachkurse", VHS, "plural", "de", why="task Volkshochschulen: keyword Sprachkurs"),
    Q("Kindergärten", JUGENDAMT + KITAS, "plural", "de", why="task Kindergärten"),
    Q(
        "Flüchtlingsunterkünfte",
        MUNICIPALITIES + SOZIALAMT,
        "plural",
        "de",
        why="task Unterbringung: keyword Flüchtlingsunterkunft",
    ),
    # --- synonyms and everyday words (synonym groups, task keywords) ------------------------
    Q("Ausländeramt", ABH, "synonym", "de", why="what people call the Ausländerbehörde"),
    Q("Kita", JUGENDAMT + KITAS, "synonym", "de"),
    Q("Kindergarten", JUGENDAMT + KITAS, "synonym", "de"),
    Q("Deutschkurs", VHS, "synonym", "de"),
    Q("Migrantenorganisation", ("migrantenselbstorganisationen",), "synonym", "de"),
    Q("Asylunterkunft", MUNICIPALITIES + SOZIALAMT, "synonym", "de"),
    Q("Arbeitssuche", JOBCENTER, "synonym", "de"),
    Q("Staatsangehörigkeit", EBH, "synonym", "de"),
    Q("Aufenthaltserlaubnis", ABH, "synonym", "de"),
    Q("Einbürgerungstest", EBH, "synonym", "de"),
    Q("Wohnberechtigungsschein", HOUSING, "synonym", "de"),
    Q("Berufsanerkennung", (*JOBCENTER, "anerkennungsberatung-*"), "synonym", "de"),
    Q(
        "Ehrenamt",
        (*KI, "buerger-und-sportvereine"),
        "synonym",
        "de",
        why="KI coordinates the volunteers (§ 8 TIntG); clubs as places of volunteering",
    ),
    Q("Migrationserstberatung", (*MBE, "caritasverband-kreis-heinsberg"), "synonym", "de"),
    # --- short names ------------------------------------------------------------------------
    Q("KI", KI, "short name", "de"),
    Q("KIM", KIM, "short name", "de"),
    Q("ABH", ABH, "short name", "de"),
    Q("VHS", VHS, "short name", "de"),
    Q("JMD", JMD, "short name", "de"),
    Q("MBE", MBE, "short name", "de"),
    Q("EBH", EBH, "short name", "de"),
    Q("BAMF", ("bamf", "bamf-regionalstelle", "bamf-regionalstelle-erkelenz"), "short name", "de"),
    Q(
        "MSO",
        ("migrantenselbstorganisationen",),
        "short name",
        "de",
        why="the overview entry before the hundreds of single MSOs",
    ),
    Q("UMA", JUGENDAMT, "short name", "de", why="task UMA of the Jugendamt"),
    Q("IHK", ("ihk-aachen",), "short name", "de"),
    # --- English ----------------------------------------------------------------------------
    Q("immigration office", ABH, "english", "en"),
    Q("residence permit", ABH, "english", "en"),
    Q("work permit", ABH, "english", "en", why="task Ausländerwesen: Arbeitserlaubnis"),
    Q("citizenship", EBH, "english", "en"),
    Q("language course", VHS, "english", "en"),
    Q("daycare", JUGENDAMT + KITAS, "english", "en"),
    Q("unaccompanied minors", JUGENDAMT, "english", "en"),
    Q(
        "refugees housing",
        MUNICIPALITIES + SOZIALAMT + HOUSING,
        "english",
        "en",
        why="task Unterbringung; offer Wohnraumberatung",
    ),
    Q("counselling in Arabic", COUNSELLING, "english", "en", speaks="ar"),
    # --- several words: what, and where or for whom -----------------------------------------
    Q(
        "Beratung für Geflüchtete in Wegberg",
        (
            "psychosoziale-beratung-fur-gefluchtete-wegberg*",
            "*-fluchtlingsberatung-wegberg*",
            "stadt-wegberg",  # offer Sozialberatung im Rathaus Wegberg, for Geflüchtete
        ),
        "multi-word",
        "de",
    ),
    Q("Sprachkurs Erkelenz", VHS, "multi-word", "de", why="VHS offer Sprachcafé Erkelenz"),
    Q("Integrationskurs Heinsberg", VHS, "multi-word", "de"),
    Q("Unterbringung Flüchtlinge", MUNICIPALITIES + SOZIALAMT, "multi-word", "de"),
    Q(
        "Hausaufgabenhilfe Gangelt",
        ("arbeiterwohlfahrt-kreis-heinsberg",),
        "multi-word",
        "de",
        why="offer Hausaufgabenhilfe Gangelt",
    ),
    Q("Sozialamt Erkelenz", ("sozialamt-erkelenz",), "multi-word", "de"),
    Q(
        "Migrationsberatung Hückelhoven",
        ("caritasverband-kreis-heinsberg",),
        "multi-word",
        "de",
        why="offer Migrationsberatung Hückelhoven",
    ),
    Q("Kita Wegberg", ("*-kindertagesstatte-wegberg*",), "multi-word", "de"),
    Q("Beratung auf Arabisch", COUNSELLING, "multi-word", "de", speaks="ar"),
    Q(
        "Caritas Wegberg",
        ("caritas-*-wegberg*", "caritasverband-kreis-heinsberg"),
        "multi-word",
        "de",
    ),
    Q("Jugendamt Kreis Heinsberg", JUGENDAMT, "multi-word", "de"),
    Q(
        "Hilfe bei der Wohnungssuche",
        ("sozialamt-kreis-heinsberg-2",),
        "multi-word",
        "de",
        why="offer Wohnraumberatung",
    ),
    Q(
        "Asylbewerberleistungen Selfkant",
        ("gemeinde-selfkant", "sozialamt-selfkant"),
        "multi-word",
        "de",
    ),
    Q(
        "psychosoziale Beratung Heinsberg",
        ("psychosoziale-beratung-fur-gefluchtete-heinsberg*",),
        "multi-word",
        "de",
    ),
)


# --- Running the questions ---------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    question: Question
    top: tuple[tuple[str, str], ...]  # (slug, name) of the first TOP results
    hit: bool
    # Where a missed question's first expected actor stands (1-based; None: not among
    # the first DEPTH results, or not found at all).
    position: int | None = None


# How far down the list a missed question's expected actors are looked for.
DEPTH = 200


def directory_top(query: str, user=None, count: int = TOP) -> list[tuple[str, str]]:
    """The first ``count`` actors of the directory for ``?q=query``, as (slug, name): the
    list view's own queryset (visibility, filter set, sort by relevance)."""
    request = RequestFactory().get(reverse("actors:list"), {"q": query})
    request.user = user or AnonymousUser()
    view = ActorListView()
    view.setup(request)
    return [(actor.slug, actor.name) for actor in view.get_queryset()[:count]]


def speaks(slug: str, code: str) -> bool:
    """Whether the actor is in the language ``code``: it lists the language, or one of its
    public offers that still exists does, or its name says so ("Deutsch-Arabischer
    Freundeskreis")."""
    language = Language.objects.get(code=code)
    actor = Actor.objects.filter(slug=slug)
    return (
        actor.filter(
            models.Q(languages=language) | models.Q(name__icontains=language.name)
        ).exists()
        or Offer.objects.public().filter(actor__slug=slug, languages=language).exists()
    )


def is_hit(question: Question, slug: str) -> bool:
    return question.expects(slug) and (not question.speaks or speaks(slug, question.speaks))


def evaluate(questions=QUESTIONS, user=None) -> list[Result]:
    results = []
    for question in questions:
        top = tuple(directory_top(question.query, user))
        hit = any(is_hit(question, slug) for slug, _name in top)
        position = None
        if not hit:
            ranked = directory_top(question.query, user, count=DEPTH)
            position = next(
                (
                    index
                    for index, (slug, _name) in enumerate(ranked, start=1)
                    if is_hit(question, slug)
                ),
                None,
            )
        results.append(Result(question, top, hit, position))
    return results


def missing_expectations(questions=QUESTIONS) -> list[str]:
    """Expected slugs and patterns that match no public actor (a renamed demo actor, a
    typo in this file): such a question could never pass."""
    public = list(Actor.objects.public().values_list("slug", flat=True))
    return [
        f"{question.query!r}: {pattern}"
        for question in questions
        for pattern in question.expected
        if not fnmatch.filter(public, pattern)
    ]


def hit_rate(results: list[Result]) -> float:
    return sum(result.hit for result in results) / len(results) if results else 0.0


def summary(results: list[Result]) -> str:
    hits = sum(result.hit for result in results)
    return (
        f"Relevanz: {hits}/{len(results)} ({hit_rate(results) * 100:.1f} %) "
        f"in den ersten {'drei' if TOP == 3 else TOP}"
    )


def report(results: list[Result], everything: bool = True) -> str:
    """A table of the questions (or only the failing ones), the rate by category and the
    summary line."""
    width = max(len(result.question.query) for result in results)
    lines = []
    for result in results:
        if result.hit and not everything:
            continue
        question = result.question
        first = " · ".join(f"{name} [{slug}]" for slug, name in result.top) or "(nichts)"
        mark = "ok  " if result.hit else "FEHL"
        lines.append(
            f"{mark} {question.category:<10} {question.language} {question.query:<{width}}  {first}"
        )
        if not result.hit:
            wanted = ", ".join(question.expected)
            spoken = f" (Sprache: {question.speaks})" if question.speaks else ""
            where = f"Platz {result.position}" if result.position else f"nicht unter {DEPTH}"
            lines.append(f"{'':<19}{'':<{width}}  erwartet ({where}): {wanted}{spoken}")
    asked = Counter(result.question.category for result in results)
    found = Counter(result.question.category for result in results if result.hit)
    lines.append(
        "Nach Art: "
        + ", ".join(f"{category} {found[category]}/{asked[category]}" for category in asked)
    )
    lines.append(summary(results))
    return "\n".join(lines)


def main() -> None:
    """Print the report for the database the settings point to (read only)."""
    gaps = missing_expectations()
    if gaps:
        print("Erwartete Akteure, die es nicht gibt:\n  " + "\n  ".join(gaps))
    print(report(evaluate()))
