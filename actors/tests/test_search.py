"""Directory search: the same answers on PostgreSQL and SQLite (docs/search.md).

Every relevance test runs on both databases; only tests of one database's machinery
(the generated vector on PostgreSQL, the FTS5 tables and triggers on SQLite) are
marked for it.
"""

import pytest
from django.db import connection

from actors import search
from actors.models import Actor, Synonym
from actors.search import (
    FTS_TABLE,
    TRIGRAM_FOLDS,
    TRIGRAM_TABLE,
    Term,
    parse_query,
    stem,
    strict_word_similarity,
    trigram_fold,
)
from actors.tests.factories import ActorFactory
from actors.tests.helpers import postgres_only, sqlite_only

pytestmark = pytest.mark.django_db


def _slugs(query):
    return list(
        Actor.objects.search(query).order_by("-search_rank", "name").values_list("slug", flat=True)
    )


# --- What is found, on both databases --------------------------------------------------


def test_search_finds_a_substring_of_the_name(keynote):
    assert "abh-kreis-heinsberg" in _slugs("ausländerbehörde")


def test_search_finds_by_short_name_and_description(keynote):
    assert "jmd-heinsberg" in _slugs("JMD")
    assert "ki-kreis-heinsberg" in _slugs("Ehrenamts")


def test_search_requires_every_word(keynote):
    found = _slugs("Jugendamt Heinsberg")
    # First the Jugendamt itself; then actors whose tasks are the Jugendamt's words.
    assert found[0] == "jugendamt-kreis-heinsberg"
    assert "ki-kreis-heinsberg" not in found  # "Heinsberg" alone is not enough
    assert "jugendamt" not in " ".join(_slugs("Jugendamt Erkelenz"))


def test_empty_or_operator_only_query_returns_everything(keynote):
    assert len(_slugs("")) == Actor.objects.count()
    assert len(_slugs("  &|!  ")) == Actor.objects.count()


@pytest.mark.parametrize("query", ["AUSLÄNDERBEHÖRDE", "auslanderbehorde", "Ausländerbehörde"])
def test_case_and_umlauts_do_not_matter(keynote, query):
    assert _slugs(query)[0] == "abh-kreis-heinsberg"


def test_plural_finds_singular_through_the_german_stemmer(keynote):
    assert _slugs("Integrationszentren")[0] == "ki-kreis-heinsberg"
    # and the other way round: "fördert die Kommunalen Integrationszentren"
    assert "mkjfgfi-nrw" in _slugs("Integrationszentrum")


def test_inflected_form_finds_the_actor(keynote):
    assert "jugendamt-kreis-heinsberg" in _slugs("Jugendämter")[:3]
    assert "jugendamt-kreis-heinsberg" in _slugs("Jugendamtes")
    assert _slugs("Volkshochschulen")[0] == "vhs-kreis-heinsberg"


def test_typo_finds_the_auslaenderbehoerde(keynote):
    assert _slugs("Auslenderbehörde") == ["abh-kreis-heinsberg"]
    assert _slugs("Einbürgerungsbehorde")[0] == "ebh-kreis-heinsberg"
    assert _slugs("Volkshochschle")[0] == "vhs-kreis-heinsberg"


def test_a_typo_in_one_word_of_several(keynote):
    assert _slugs("Auslenderbehörde Heinsberg") == ["abh-kreis-heinsberg"]


def test_typo_tolerance_does_not_flood_results_with_related_compounds(keynote):
    # "Integrationsbeauftragte" shares much with "Integrationszentren" but is not meant.
    assert "kommunale-integrationsbeauftragte" not in _slugs("Integrationszentren")


def test_short_words_match_whole_words_only(keynote):
    slugs = _slugs("KI")
    assert slugs[0] == "ki-kreis-heinsberg"
    assert "diakonie-heinsberg" not in slugs
    assert "kirchen-kreis-heinsberg" not in slugs


def test_a_part_of_a_compound_finds_the_compound(keynote):
    slugs = _slugs("Behörde")
    assert {"abh-kreis-heinsberg", "ebh-kreis-heinsberg", "polizei-heinsberg"} <= set(slugs)
    assert "abh-kreis-heinsberg" in _slugs("Behorde")


def test_name_matches_rank_above_description_matches(db):
    ActorFactory(slug="in-beschreibung", name="Fachdienst A", description="Auch Sprachkurse")
    ActorFactory(slug="im-namen", name="Sprachkurse im Kreis", description="")
    assert _slugs("Sprachkurse") == ["im-namen", "in-beschreibung"]


def test_websearch_syntax_excludes_words(keynote):
    slugs = _slugs("Kreis Heinsberg -Jugendamt")
    assert "jugendamt-kreis-heinsberg" not in slugs
    assert "abh-kreis-heinsberg" in slugs


def test_websearch_syntax_or_and_phrases(keynote):
    assert set(_slugs("Jugendamt or Sozialamt")) == {
        "jugendamt-kreis-heinsberg",
        "sozialamt-kreis-heinsberg",
    }
    # A phrase: these words, inflected or not ("des Kommunalen Integrationszentrums",
    # "die Kommunalen Integrationszentren"), in this order.
    phrase = _slugs('"Kommunales Integrationszentrum"')
    assert phrase[0] == "ki-kreis-heinsberg"
    assert set(phrase) == {"ki-kreis-heinsberg", "schulamt-kreis-heinsberg", "mkjfgfi-nrw"}
    assert _slugs('"Integrationszentrum Kommunales"') == []
    assert "ki-kreis-heinsberg" not in _slugs('Kreis -"Kommunales Integrationszentrum"')


BAD_INPUT = [
    "",
    "x" * 5000,
    "Jugend amt " * 500,
    "Jugendamt\x00",
    "\x00",
    "\u200fJugendamt\u200f",
    "\u202eJugendamt",
    '"',
    '""',
    "*",
    "Jugendamt*",
    "NEAR(",
    "NEAR(Jugendamt Heinsberg, 2)",
    "-",
    "--Jugendamt",
    "AND",
    "Jugendamt AND Heinsberg",
    "or",
    "or or Jugendamt or",
    '"Kreis Heinsberg',
    'Jugendamt "',
    "^",
    "Jugendamt^",
    ":",
    "Jugendamt:*",
    "name:Jugendamt",
    "a':* | b",
    "'; DROP TABLE actors_actor; --",
    "100%",
    "_",
    "\\",
    "(((",
    "{name}",
    "²",
    "中文",
    "e\u0301",
]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_no_input_breaks_the_search(keynote, query):
    slugs = _slugs(query)
    assert len(slugs) == len(set(slugs)) <= Actor.objects.count()


def test_bad_input_gives_a_sensible_result(keynote):
    everything = Actor.objects.count()
    for query in ["", '"', "*", "-", "^", ":", "or", "_", "(((", "\x00", "²"]:
        assert len(_slugs(query)) == everything, query
    for query in [
        "Jugendamt\x00",
        "\u200fJugendamt\u200f",
        "Jugendamt*",
        "Jugendamt^",
        "Jugendamt:*",
        'Jugendamt "',
        "or or Jugendamt or",
    ]:
        assert "jugendamt-kreis-heinsberg" in _slugs(query), query
    assert "ki-kreis-heinsberg" in _slugs('"Kreis Heinsberg')
    # "name:" is no field filter here, just a word; "--" an exclusion like "-".
    assert _slugs("name:Jugendamt") == []
    assert _slugs("--Jugendamt") == _slugs("-Jugendamt")
    assert "jugendamt-kreis-heinsberg" not in _slugs("--Jugendamt")
    assert len(_slugs("--Jugendamt")) == everything - len(_slugs("Jugendamt"))
    assert _slugs("x" * 5000) == []


# --- Edits are found at once, bulk writes included -------------------------------------


def test_edits_and_bulk_writes_are_found(keynote):
    Actor.objects.filter(slug="vhs-kreis-heinsberg").update(name="Sprachschule Selfkant")
    assert _slugs("Sprachschule") == ["vhs-kreis-heinsberg"]
    # Quoted: the old name itself, not its synonyms (the short name "VHS" stays, and
    # the words of its tasks, which name the Volkshochschule).
    assert "vhs-kreis-heinsberg" not in _slugs('"Volkshochschule Kreis Heinsberg"')
    created = Actor.objects.bulk_create(
        [
            Actor(
                name="Zuwanderungsbüro Gangelt",
                slug="zb-gangelt",
                level="municipality",
                kind="external",
            )
        ]
    )
    assert _slugs("Zuwanderungsbüro") == ["zb-gangelt"]
    Actor.objects.filter(pk=created[0].pk).delete()
    assert _slugs("Zuwanderungsbüro") == []


# --- The query language ------------------------------------------------------------------


def test_parse_query_reads_web_search_syntax():
    parsed = parse_query('Kreis "Kommunales Zentrum" -Jugendamt or KI')
    assert parsed.clauses == (
        (
            Term(("kreis",)),
            Term(("kommunales", "zentrum"), phrase=True),
            Term(("jugendamt",), negated=True),
        ),
        (Term(("ki",)),),
    )
    assert parsed.uses_syntax
    assert not parse_query("Kreis Heinsberg").uses_syntax


def test_parse_query_drops_stop_words_and_keeps_only_words():
    assert parse_query("Beratung für Frauen im Kreis").clauses == (
        (Term(("beratung",)), Term(("frauen",)), Term(("kreis",))),
    )
    assert parse_query("a':* | b").clauses == ((Term(("a",)), Term(("b",))),)
    assert parse_query("der die das").clauses == ()


def test_parse_query_is_bounded():
    parsed = parse_query(" ".join(f"wort{i}" for i in range(50)))
    assert sum(len(term.words) for clause in parsed.clauses for term in clause) == 10
    ((term,),) = parse_query("x" * 5000).clauses
    assert len(term.words[0]) == search.MAX_WORD_LENGTH


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("integrationszentren", "integrationszentr"),
        ("integrationszentrum", "integrationszentr"),
        ("integrationszentrums", "integrationszentr"),
        ("jugendämter", "jugendämt"),
        ("jugendamtes", "jugendamt"),
        ("volkshochschulen", "volkshochschul"),
        ("migrantinnen", "migrantin"),
        ("kindern", "kind"),
        ("amts", "amt"),
        ("kreis", "kreis"),  # an "s" after a vowel is no ending
        ("caritas", "caritas"),
        ("amt", "amt"),  # never shorter than three letters
        ("ki", "ki"),
    ],
)
def test_light_german_stemmer(word, expected):
    assert stem(word) == expected


def test_python_similarity_is_pg_trgm_strict_word_similarity():
    assert strict_word_similarity("word", "two words") == pytest.approx(4 / 7)
    assert strict_word_similarity("auslenderbehorde", "Auslanderbehorde des Kreises") == 0.7
    assert strict_word_similarity("integrationszentren", "Kommunale Integrationsbeauftragte") < 0.4


@postgres_only
def test_python_similarity_agrees_with_postgresql(keynote):
    """The SQLite back end's similarity function is pg_trgm's, on every keynote name."""
    queries = ["auslenderbehorde", "jugendamt heinsberg", "integrationszentren", "kreis", "ki"]
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(
                "SELECT name, strict_word_similarity(%s, name) FROM actors_actor", [query]
            )
            rows = cursor.fetchall()
            assert len(rows) == Actor.objects.count()
            for name, expected in rows:
                assert strict_word_similarity(query, name) == pytest.approx(expected, abs=1e-6)


# --- PostgreSQL machinery ---------------------------------------------------------------


@postgres_only
def test_search_vector_is_generated_by_the_database(db):
    actor = ActorFactory(
        name="Kommunales Integrationszentrum", short_name="KI", description="Bildung"
    )
    vector = Actor.objects.values_list("search_vector", flat=True).get(pk=actor.pk)
    assert "'integrationszentrum':2A" in vector and "'ki':3B" in vector and "'bildung':4C" in vector


@postgres_only
def test_search_vector_folds_umlauts_before_stemming(db):
    actor = ActorFactory(name="Ausländerbehörde", short_name="", description="Straße")
    vector = Actor.objects.values_list("search_vector", flat=True).get(pk=actor.pk)
    assert vector == "'auslanderbehord':1A 'strass':2C"


# --- SQLite machinery -------------------------------------------------------------------


def _index(table, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE rowid = %s", [pk])  # noqa: S608
        return cursor.fetchall()


@sqlite_only
def test_the_fts_tables_follow_inserts_updates_and_deletes_including_bulk_writes(db):
    actor = ActorFactory(name="Ausländerbehörde", short_name="ABH", description="Aufenthalt")
    assert _index(FTS_TABLE, actor.pk) == [("Ausländerbehörde", "ABH", "Aufenthalt", "")]
    assert _index(TRIGRAM_TABLE, actor.pk) == [("Auslanderbehorde",)]
    actor.description = "Visa"
    actor.save()
    assert _index(FTS_TABLE, actor.pk) == [("Ausländerbehörde", "ABH", "Visa", "")]
    Actor.objects.filter(pk=actor.pk).update(name="Einbürgerungsbehörde")
    assert _index(FTS_TABLE, actor.pk) == [("Einbürgerungsbehörde", "ABH", "Visa", "")]
    Actor.objects.filter(pk=actor.pk).update(search_text="Sprachkurs")
    assert _index(FTS_TABLE, actor.pk) == [("Einbürgerungsbehörde", "ABH", "Visa", "Sprachkurs")]
    assert _index(TRIGRAM_TABLE, actor.pk) == [("Einburgerungsbehorde",)]
    (bulk,) = Actor.objects.bulk_create(
        [Actor(name="Jobcenter", slug="jobcenter-bulk", level="district", kind="external")]
    )
    assert _index(FTS_TABLE, bulk.pk) == [("Jobcenter", "", "", "")]
    Actor.objects.filter(pk__in=[actor.pk, bulk.pk]).delete()
    assert _index(FTS_TABLE, actor.pk) == _index(TRIGRAM_TABLE, bulk.pk) == []


@sqlite_only
def test_the_trigram_table_folds_like_python(db):
    name = "Übach-Palenberg " + "".join(TRIGRAM_FOLDS) + " Élan"
    actor = ActorFactory(name=name)
    ((stored,),) = _index(TRIGRAM_TABLE, actor.pk)
    assert stored.lower() == trigram_fold(name)


@sqlite_only
def test_lost_triggers_are_restored_after_migrate(keynote):
    """Django rebuilds a table (and so drops its triggers) for many schema changes on
    SQLite; the check after every ``migrate`` puts them back and refills the index."""
    with connection.cursor() as cursor:
        for name in search.SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    Actor.objects.filter(slug="vhs-kreis-heinsberg").update(name="Sprachschule Selfkant")
    assert _slugs("Sprachschule") == []  # the index no longer follows
    assert search.repair_sqlite_index("default")
    assert _slugs("Sprachschule") == ["vhs-kreis-heinsberg"]
    assert not search.repair_sqlite_index("default")  # nothing left to do


# --- Ranking and the widenings of a plain query -----------------------------------------


def test_umlauts_written_as_ae_oe_ue_find_the_umlaut():
    ActorFactory(name="Ausländerbehörde", slug="abh")
    ActorFactory(name="Stadt Übach-Palenberg", slug="uebach")
    assert _slugs("Auslaenderbehoerde") == ["abh"]
    assert _slugs("uebach palenberg") == ["uebach"]
    assert search.umlaut_alternative("Steuerberatung") == ""  # "eue" is no umlaut
    assert search.umlaut_alternative("Kindergaerten") == "kindergärten"


def test_a_name_that_is_the_question_ranks_above_names_that_merely_contain_it():
    ActorFactory(name="Stadt Hückelhoven", slug="stadt")
    for number in range(3):
        ActorFactory(
            name=f"Quartiersbüro Hückelhoven-Lindenallee {number}",
            description="Treffpunkt in Hückelhoven für ganz Hückelhoven.",
        )
    assert _slugs("Huckelhoven")[0] == "stadt"


def test_a_shared_syllable_with_the_name_adds_nothing_to_the_rank():
    ActorFactory(name="Sozialamt", slug="sozialamt", description="Sucht Ehrenamtliche.")
    ActorFactory(name="Bürgerbüro", slug="buero", description="Sucht Ehrenamtliche.")
    ranks = dict(Actor.objects.search("Ehrenamt").values_list("slug", "search_rank"))
    assert ranks["sozialamt"] == pytest.approx(ranks["buero"])


def test_a_synonym_entry_of_several_words_matches_as_a_whole():
    Synonym.objects.create(key="abh", words="ABH, Ausländerbehörde, immigration office")
    ActorFactory(name="Ausländerbehörde", slug="abh")
    ActorFactory(name="Post Office", slug="post")
    assert _slugs("immigration office") == ["abh"]
    assert _slugs('"immigration office"') == []  # a phrase asks for exactly its words
