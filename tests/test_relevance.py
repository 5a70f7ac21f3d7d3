"""Relevance of the directory's search on realistic data: the keynote and the demo Kreis.

The everyday questions of ``actors/tests/relevance.py`` ("Ausländeramt", "Sprachkurs
Erkelenz", "counselling in Arabic", …) are asked of the directory as a visitor asks them
(``/akteure/?q=…``, sorted by relevance); a question passes when one of the actors it
means is among the first three. The data is loaded once for the module: the keynote's
content (``seed_keynote``) and the demo Kreis Heinsberg (``seed_demo --scale kreis``, seed
1, about 2,000 actors with offers), rolled back afterwards, so ``--reuse-db`` keeps an
empty database.

Here and not in actors/tests: the demo data comes from ``devdata``, which the actors app
(and its tests) never imports (tests/test_layering.py, devdata/tests/test_kept_apart.py).

    pytest tests/test_relevance.py -s    # prints the table and "Relevanz: …"
"""

from __future__ import annotations

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from actors.tests import relevance
from devdata.management.commands import seed_demo


@pytest.fixture(scope="module")
def kreis(django_db_setup, django_db_blocker):
    """The keynote and the demo Kreis, loaded once for the module's tests, rolled back after
    them (the tests' own transactions are savepoints inside this one)."""
    with django_db_blocker.unblock(), transaction.atomic():
        # The topics of migration 0009 (a flush by a transactional test of an earlier run
        # may have removed them from a reused database); create-only, as the migration.
        importlib.import_module("actors.migrations.0009_offers").add_topics(apps, None)
        call_command("seed_keynote", stdout=io.StringIO())
        # devdata is installed for manage.py only: the command is handed over as an instance.
        call_command(
            seed_demo.Command(), "--scale", "kreis", stdout=io.StringIO(), stderr=io.StringIO()
        )
        yield
        transaction.set_rollback(True)


@pytest.fixture
def results(kreis, db):
    return relevance.evaluate()


def test_every_expected_actor_of_the_test_set_exists_and_is_public(kreis, db):
    """A renamed demo actor or a slip in the test set would make a question unanswerable."""
    assert relevance.missing_expectations() == []


def test_the_test_set_asks_every_kind_of_question_in_both_languages():
    questions = relevance.QUESTIONS
    assert len(questions) >= 45
    assert {question.category for question in questions} == set(relevance.CATEGORIES)
    assert {question.language for question in questions} == {"de", "en"}
    assert len({question.query for question in questions}) == len(questions)


def test_everyday_questions_find_an_expected_actor_among_the_first_three(results):
    print("\n" + relevance.report(results))  # shown with -s (the README's figure)
    rate = relevance.hit_rate(results)
    assert rate >= relevance.MIN_HIT_RATE, relevance.report(results, everything=False)
