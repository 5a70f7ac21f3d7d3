"""The directory finds an actor by its tasks, offers, target groups, languages and
municipality (``Actor.search_text``), and staff by its contact persons; on both
databases."""

import pytest
from django.urls import reverse

from actors import search_document
from actors.models import Actor, OfferStatus, Responsibility
from actors.services import actors_import
from actors.tests.factories import (
    ActorFactory,
    ContactPersonFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    ResponsibilityFactory,
    TargetGroupFactory,
    TaskFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _slugs(query, staff=False):
    found = Actor.objects.search(query, staff=staff).order_by("-search_rank", "name")
    return list(found.values_list("slug", flat=True))


def _text(actor):
    return Actor.objects.get(pk=actor.pk).search_text


def test_an_actor_is_found_by_its_offers_and_their_topics_groups_and_languages():
    actor = ActorFactory(name="Caritasverband Beispielstadt", slug="caritas")
    assert _slugs("Sprachcafé") == []
    offer = OfferFactory(actor=actor, name="Sprachcafé am Markt")
    assert _slugs("Sprachcafe") == ["caritas"]
    offer.topics.add(TopicFactory(name="Wohnen", slug="wohnen"))
    offer.target_groups.add(TargetGroupFactory(name="Geflüchtete", slug="gefluechtete"))
    offer.languages.add(LanguageFactory(name="Arabisch", code="ar"))
    assert _slugs("Wohnen") == _slugs("Geflüchtete") == _slugs("arabisch") == ["caritas"]
    offer.languages.clear()
    assert _slugs("Arabisch") == []


def test_internal_and_discontinued_offers_are_not_searchable():
    actor = ActorFactory(slug="traeger")
    offer = OfferFactory(actor=actor, name="Schuldnerberatung", is_public=False)
    assert _slugs("Schuldnerberatung") == []
    assert "Schuldnerberatung" not in _text(actor)
    offer.is_public = True
    offer.save()
    assert _slugs("Schuldnerberatung") == ["traeger"]
    offer.status = OfferStatus.DEFUNCT
    offer.save()
    assert _slugs("Schuldnerberatung") == []
    offer.status = OfferStatus.ACTIVE
    offer.save()
    offer.delete()
    assert _slugs("Schuldnerberatung") == []


def test_an_offer_moved_to_another_actor_leaves_the_first_one():
    first, second = ActorFactory(slug="erster"), ActorFactory(slug="zweiter")
    offer = OfferFactory(actor=first, name="Hausaufgabenhilfe")
    offer.actor = second
    offer.save()
    assert _slugs("Hausaufgabenhilfe") == ["zweiter"]


def test_tasks_with_their_everyday_words_and_public_responsibilities_count():
    actor = ActorFactory(name="Amt für Ordnung", slug="ordnungsamt")
    task = TaskFactory(name="Unterbringung von Asylsuchenden", keywords="Wohnheim, Unterkunft")
    task.responsible_actors.add(actor)
    assert _slugs("Unterkunft") == ["ordnungsamt"]
    task.keywords = "Notunterkunft"
    task.save()
    assert _slugs("Notunterkunft") == ["ordnungsamt"]
    task.responsible_actors.remove(actor)
    assert _slugs("Notunterkunft") == []
    other = ActorFactory(slug="sozialamt")
    responsibility = ResponsibilityFactory(task=task, actor=other, is_public=False)
    assert _slugs("Notunterkunft") == []
    Responsibility.objects.filter(pk=responsibility.pk).update(is_public=True)
    responsibility.refresh_from_db()
    responsibility.save()
    assert _slugs("Notunterkunft") == ["sozialamt"]


def test_the_municipality_and_own_groups_and_languages_count():
    town = MunicipalityFactory(name="Stadt Wegberg", slug="stadt-wegberg")
    actor = ActorFactory(name="Begegnungszentrum", slug="bz", level="municipality")
    actor.municipality = town
    actor.save()
    actor.languages.add(LanguageFactory(name="Türkisch", code="tr"))
    assert _slugs("Begegnungszentrum Wegberg") == ["bz"]
    assert _slugs("turkisch") == ["bz"]
    town.name = "Stadt Wegberg am Schwalmtal"
    town.save()
    assert _slugs("Begegnungszentrum Schwalmtal") == ["bz"]


def test_contact_persons_are_found_by_staff_only(client, staff_user):
    actor = ActorFactory(name="Integrationsbüro", slug="buero")
    ContactPersonFactory(actor=actor, name="Erika Musterfrau", function="Ehrenamtslotsin")
    assert "Musterfrau" not in _text(actor)
    assert _slugs("Musterfrau") == []
    assert _slugs("musterfrau", staff=True) == ["buero"]
    assert _slugs("Ehrenamtslotsinnen", staff=True) == ["buero"]
    url = reverse("actors:list") + "?q=Musterfrau"
    assert "Integrationsbüro" not in client.get(url).content.decode()
    client.force_login(staff_user)
    assert "Integrationsbüro" in client.get(url).content.decode()


def test_the_import_rebuilds_the_texts_once_at_the_end(monkeypatch):
    group = TargetGroupFactory(name="Neuzugewanderte", slug="neuzugewanderte")
    calls = []
    original = search_document.refresh

    def counting(actor_ids=None, **kwargs):
        calls.append(set(actor_ids))
        return original(actor_ids, **kwargs)

    monkeypatch.setattr(search_document, "refresh", counting)
    rows = "\n".join(f"akteur-{n};Akteur {n};kommune;extern;{group.slug}" for n in range(30))
    report = actors_import(data=("slug;name;ebene;art;zielgruppen\n" + rows).encode())
    assert report.ok, report.errors
    assert len(calls) == 1 and len(calls[0]) == 30
    assert len(_slugs("Neuzugewanderte")) == 30


@pytest.mark.parametrize("count", [3, 30])
def test_refresh_rebuilds_what_bulk_writes_left_behind_in_fixed_queries(
    count, django_assert_max_num_queries
):
    actors = [OfferFactory(name=f"Kurs {n}").actor for n in range(count)]
    Actor.objects.filter(pk__in=[a.pk for a in actors]).update(search_text="veraltet")
    # Ids, the texts' parts (nine), the stored texts, one UPDATE: whatever the number.
    with django_assert_max_num_queries(12):
        assert search_document.refresh() == count
    assert search_document.refresh() == 0
    assert _slugs("veraltet") == []
    assert len(_slugs("Kurs")) == count


def test_changes_from_the_other_side_of_a_relation_count_too():
    actor = ActorFactory(name="Migrationsdienst", slug="dienst")
    offer = OfferFactory(actor=ActorFactory(slug="traeger"), name="Sprechstunde")
    arabic = LanguageFactory(name="Arabisch", code="ar")
    arabic.actors.add(actor)
    arabic.offers.add(offer)
    assert set(_slugs("Arabisch")) == {"dienst", "traeger"}
    arabic.offers.clear()
    assert _slugs("Arabisch") == ["dienst"]
    arabic.actors.clear()
    assert _slugs("Arabisch") == []
    task = TaskFactory(name="Erstberatung")
    actor.tasks.add(task)
    assert _slugs("Erstberatung") == ["dienst"]
    task.responsible_actors.clear()
    assert _slugs("Erstberatung") == []


def test_a_renamed_target_group_language_or_topic_is_found_by_its_new_name():
    group = TargetGroupFactory(name="Zugewanderte", slug="zugewanderte")
    language = LanguageFactory(name="Farsi", code="fa")
    topic = TopicFactory(name="Lebenslage Alt", slug="lebenslage-alt")
    actor = ActorFactory(slug="verein")
    actor.target_groups.add(group)
    OfferFactory(actor=ActorFactory(slug="traeger"), languages=[language], topics=[topic])
    for row, new_name in ((group, "Neuzugewanderte"), (language, "Dari"), (topic, "Wohnungssuche")):
        row.name = new_name
        row.save()
    assert _slugs("Neuzugewanderte") == ["verein"]
    assert _slugs("Dari") == _slugs("Wohnungssuche") == ["traeger"]
    assert _slugs("Farsi") == []
