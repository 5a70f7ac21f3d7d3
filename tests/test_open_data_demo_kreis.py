"""The open data of a whole Kreis: the keynote content and the demo Kreis
(``seed_demo --scale kreis``) through every endpoint of the HSDS API, every page and
every filter, and its data package, each answer and file valid against HSDS 3.0 with the portal's profile (opendata/)."""

from __future__ import annotations

import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from actors.models import Actor, Offer
from devdata.management.commands import seed_demo
from opendata import export
from opendata.tests.hsds_crawl import crawl, invalid
from opendata.tests.test_reuse import assert_valid_package


@pytest.fixture(scope="module")
def kreis(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        importlib.import_module("actors.migrations.0009_offers").add_topics(apps, None)
        call_command("seed_keynote", stdout=io.StringIO())
        call_command(
            seed_demo.Command(), "--scale", "kreis", stdout=io.StringIO(), stderr=io.StringIO()
        )
        yield
        transaction.set_rollback(True)


def test_every_answer_for_the_demo_kreis_is_valid_hsds(kreis, db, client):
    answers = crawl(client, per_page=200, searches=("Sprachkurs", "Beratung"), details=60, terms=12)
    problems = invalid(answers)
    assert not problems, problems[:20]
    first = answers["/api/hsds/organizations?per_page=200&page=1"]
    assert first["total_items"] == Actor.objects.public().count() > 1500
    services = answers["/api/hsds/services?per_page=200&page=1"]
    assert services["total_items"] == Offer.objects.public().count() > 30
    demo = [url for url, data in answers.items() if "Beispieldaten" in str(data)]
    assert demo  # the demo flag is an attribute


def test_every_file_of_the_package_of_the_demo_kreis_is_valid_hsds(kreis, db, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    call_command("export_open_data", stdout=io.StringIO())
    document = json.loads((tmp_path / export.JSON_NAME).read_text())
    assert len(document["organizations"]) == Actor.objects.public().count() > 1500
    assert len(document["services"]) == Offer.objects.public().count() > 30
    assert_valid_package(tmp_path)
