"""Directory search: German full text and typos on PostgreSQL, substrings everywhere."""

import pytest

from actors.models import Actor
from actors.search import prefix_tsquery
from actors.tests.factories import ActorFactory
from actors.tests.helpers import postgres_only

pytestmark = pytest.mark.django_db


def _slugs(query):
    return list(
        Actor.objects.search(query).order_by("-search_rank", "name").values_list("slug", flat=True)
    )


def test_search_finds_a_substring_of_the_name(keynote):
    assert "abh-kreis-heinsberg" in _slugs("ausländerbehörde")


def test_search_finds_by_short_name_and_description(keynote):
    assert "jmd-heinsberg" in _slugs("JMD")
    assert "ki-kreis-heinsberg" in _slugs("Ehrenamts")


def test_search_requires_every_word(keynote):
    assert _slugs("Jugendamt Heinsberg") == ["jugendamt-kreis-heinsberg"]


def test_empty_or_operator_only_query_returns_everything(keynote):
    assert len(_slugs("")) == Actor.objects.count()
    assert len(_slugs("  &|!  ")) == Actor.objects.count()


def test_prefix_query_keeps_only_word_characters():
    assert prefix_tsquery("Integrationszentren Heinsberg") == "Integrationszentren:* & Heinsberg:*"
    assert prefix_tsquery("a':* | b") == ""
    assert prefix_tsquery('"Kreis Heinsberg"') == ""


@postgres_only
def test_plural_finds_singular_through_the_german_stemmer(keynote):
    assert _slugs("Integrationszentren")[0] == "ki-kreis-heinsberg"


@postgres_only
def test_inflected_form_finds_the_actor(keynote):
    assert "jugendamt-kreis-heinsberg" in _slugs("Jugendämter")[
        :3
    ] or "jugendamt-kreis-heinsberg" in _slugs("Jugendamtes")
    assert _slugs("Volkshochschulen")[0] == "vhs-kreis-heinsberg"


@postgres_only
def test_typo_finds_the_auslaenderbehoerde(keynote):
    assert _slugs("Auslenderbehörde") == ["abh-kreis-heinsberg"]
    assert _slugs("Einbürgerungsbehorde")[0] == "ebh-kreis-heinsberg"


@postgres_only
def test_typo_tolerance_does_not_flood_results_with_related_compounds(keynote):
    # "Integrationsbeauftragte" shares much with "Integrationszentren" but is not meant.
    assert "kommunale-integrationsbeauftragte" not in _slugs("Integrationszentren")


@postgres_only
def test_name_matches_rank_above_description_matches(db):
    ActorFactory(slug="in-beschreibung", name="Fachdienst A", description="Auch Sprachkurse")
    ActorFactory(slug="im-namen", name="Sprachkurse im Kreis", description="")
    assert _slugs("Sprachkurse") == ["im-namen", "in-beschreibung"]


@postgres_only
def test_websearch_syntax_excludes_words(keynote):
    slugs = _slugs("Kreis Heinsberg -Jugendamt")
    assert "jugendamt-kreis-heinsberg" not in slugs
    assert "abh-kreis-heinsberg" in slugs


@postgres_only
def test_search_vector_is_generated_by_the_database(db):
    actor = ActorFactory(
        name="Kommunales Integrationszentrum", short_name="KI", description="Bildung"
    )
    vector = Actor.objects.values_list("search_vector", flat=True).get(pk=actor.pk)
    assert "'integrationszentrum':2A" in vector and "'ki':3B" in vector and "'bildung':4C" in vector
