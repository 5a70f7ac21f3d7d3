"""Synonyms of the search: a word of a group finds the group's other entries, on
PostgreSQL and SQLite alike; editors' groups apply to the next search; queries with
search syntax ask for exactly their words; the seed creates the portal's groups once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from actors import finder
from actors.models import Actor, Synonym
from actors.search import alternatives, synonym_groups
from actors.seed import load_keynote
from actors.tests.factories import ActorFactory, MunicipalityFactory, OfferFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Synonym.objects.create(key="gefluechtete", words="Geflüchtete, Flüchtlinge, Asylsuchende")
    Synonym.objects.create(key="abh", words="ABH, Ausländerbehörde")
    Synonym.objects.create(key="ki", words="KI, Kommunales Integrationszentrum")


def names(query: str) -> list[str]:
    return list(
        Actor.objects.search(query).order_by("-search_rank", "name").values_list("name", flat=True)
    )


def test_a_word_finds_the_other_words_of_its_group(groups):
    ActorFactory(name="Café für Geflüchtete")
    ActorFactory(name="Treffpunkt Asylsuchende")
    ActorFactory(name="Sportverein Nord")
    assert set(names("Flüchtlinge")) == {"Café für Geflüchtete", "Treffpunkt Asylsuchende"}
    assert set(names("flüchtling")) == {"Café für Geflüchtete", "Treffpunkt Asylsuchende"}


def test_an_abbreviation_finds_the_long_form_and_the_long_form_the_abbreviation(groups):
    ActorFactory(name="Ausländerbehörde des Kreises")
    ActorFactory(name="Meldebehörde")
    ActorFactory(name="Servicestelle ABH")
    assert set(names("ABH")) == {"Ausländerbehörde des Kreises", "Servicestelle ABH"}
    assert "Servicestelle ABH" in names("Ausländerbehörde")


def test_an_entry_of_several_words_is_found_as_a_phrase(groups):
    ActorFactory(name="Kommunales Integrationszentrum Kreis Heinsberg")
    ActorFactory(name="Kirchen im Kreis")
    ActorFactory(name="Integrationszentrum, kommunales Archiv")
    assert names("KI") == ["Kommunales Integrationszentrum Kreis Heinsberg"]


def test_the_exact_word_ranks_above_its_synonym(groups):
    ActorFactory(name="Beratung für Flüchtlinge")
    ActorFactory(name="Beratung für Geflüchtete")
    assert names("Flüchtlinge")[0] == "Beratung für Flüchtlinge"


def test_queries_with_search_syntax_ask_for_exactly_their_words(groups):
    ActorFactory(name="Café für Geflüchtete")
    ActorFactory(name="Flüchtlingshilfe")
    assert "Café für Geflüchtete" not in names('"Flüchtlinge"')
    assert "Café für Geflüchtete" not in names("Flüchtlinge -Sport")
    assert "Café für Geflüchtete" not in names("Flüchtlingshilfe or Sport")


def test_a_group_editors_add_applies_to_the_next_search():
    ActorFactory(name="Kindertagesstätte Sonnenschein")
    assert names("Kita") == []
    Synonym.objects.create(key="kita", words="Kita, Kindertagesstätte")
    assert names("Kita") == ["Kindertagesstätte Sonnenschein"]


def test_without_groups_the_search_is_unchanged():
    ActorFactory(name="Café für Geflüchtete")
    assert names("Flüchtlinge") == []


def test_groups_are_read_once_per_content_version_and_parsed(groups, django_assert_num_queries):
    # The version of the cache key and the groups; then the version alone.
    with django_assert_num_queries(2):
        parsed = synonym_groups()
    with django_assert_num_queries(1):
        assert synonym_groups() == parsed
    assert ("kommunales", "integrationszentrum") in next(g for g in parsed if ("ki",) in g)
    terms = alternatives("Flüchtlinge", parsed)
    assert [t.words for t in terms] == [("geflüchtete",), ("asylsuchende",)]
    assert alternatives("Sport", parsed) == []


def test_the_finder_understands_synonyms_for_tasks_and_offers(groups):
    town = MunicipalityFactory(slug="musterstadt")
    TaskFactory(slug="unterbringung", name="Unterbringung", keywords="Geflüchtete")
    OfferFactory(name="Sprechstunde für Asylsuchende")
    answer = finder.answer(AnonymousUser(), town, "Flüchtlinge")
    assert [t.task.slug for t in answer.tasks] == ["unterbringung"]
    assert [o.offer.name for o in answer.offers] == ["Sprechstunde für Asylsuchende"]


def test_the_seed_creates_the_portals_groups_once_and_keeps_edits():
    load_keynote()
    group = Synonym.objects.get(key="gefluechtete")
    assert "Flüchtlinge" in group.words
    group.words = "Geflüchtete, Flüchtlinge"
    group.save()
    Synonym.objects.filter(key="abh").delete()
    load_keynote()
    assert Synonym.objects.get(key="gefluechtete").words == "Geflüchtete, Flüchtlinge"
    assert Synonym.objects.filter(key="abh").exists()


def test_a_group_needs_two_words():
    with pytest.raises(ValidationError):
        Synonym(key="allein", words="Kita").full_clean()
