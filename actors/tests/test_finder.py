"""The finder „Wer ist zuständig?“ (/zustaendig/): everyday words and a municipality →
the responsible actor with its contact data, explained; who else helps; staff see
contact persons and internal notes; shareable GET answers; bad input never a 500."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors import finder
from actors.models import Actor, OfferStatus, Responsibility, Task
from actors.seed import read_keynote
from actors.tests.factories import (
    ActorFactory,
    ContactPersonFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    OfferPlaceFactory,
    OpeningHoursFactory,
    ResponsibilityFactory,
    TargetGroupFactory,
    TaskFactory,
)
from actors.tests.test_responsibilities import TEN

pytestmark = pytest.mark.django_db

URL = "/zustaendig/"


def ask(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("municipality", TEN)
def test_unterbringung_names_the_municipality_itself_for_each_of_the_ten(
    client, keynote, municipality
):
    page = ask(client, frage="Unterbringung", kommune=municipality)
    name = Actor.objects.get(slug=municipality).name
    answer = page.context["answer"]
    housing = next(t for t in answer.tasks if t.task.slug == "unterbringung-asylbewerber")
    assert [r.actor.slug for r in housing.responsible] == [municipality]
    assert "für das eigene Gebiet zuständig" in page.text
    assert name in page.text


@pytest.mark.parametrize(
    ("question", "task", "body"),
    [
        ("Einbürgerung", "einbuergerungswesen", "ebh-kreis-heinsberg"),
        ("Aufenthaltstitel", "auslaenderwesen", "abh-kreis-heinsberg"),
        ("AUFENTHALTSTITEL verlängern", "auslaenderwesen", "abh-kreis-heinsberg"),
        ("Kita-Platz", "kindergaerten", "jugendamt-kreis-heinsberg"),
        ("Kitaplatz für mein Kind", "kindergaerten", "jugendamt-kreis-heinsberg"),
        ("Integrationskurs", "volkshochschulen", "vhs-kreis-heinsberg"),
        ("Integrationskurse", "volkshochschulen", "vhs-kreis-heinsberg"),
        ("residence permit", "auslaenderwesen", "abh-kreis-heinsberg"),
    ],
)
def test_everyday_words_find_the_task_and_the_right_kind_of_body(
    client, keynote, question, task, body
):
    answer = ask(client, frage=question, kommune="stadt-wegberg").context["answer"]
    assert answer.tasks[0].task.slug == task
    assert body in [r.actor.slug for r in answer.tasks[0].responsible]


def test_the_whole_district_answer_is_explained_as_the_kreis_task_for_all(client, keynote):
    page = ask(client, frage="Einbürgerung", kommune="stadt-erkelenz")
    assert "Pflichtaufgabe zur Erfüllung nach Weisung" in page.text
    assert "für alle Kommunen des Kreises zuständig" in page.text
    assert "Staatsangehörigkeitsgesetz" in page.text


def test_a_task_of_the_catalogue_can_be_chosen_instead_of_words(client, keynote):
    answer = ask(client, thema="auslaenderwesen", kommune="gemeinde-selfkant").context["answer"]
    assert [t.task.slug for t in answer.tasks] == ["auslaenderwesen"]


def test_a_catalogue_answer_lists_only_bodies_that_serve_the_municipality(client, keynote):
    answer = ask(client, thema="schultraegerschaft", kommune="stadt-wegberg").context["answer"]
    slugs = [r.actor.slug for r in answer.tasks[0].responsible]
    assert answer.tasks[0].from_catalogue
    assert "stadt-wegberg" in slugs
    assert "stadt-erkelenz" not in slugs


def test_other_helpers_come_from_the_kreis_and_the_municipality_only():
    wegberg, erkelenz = MunicipalityFactory(slug="wegberg"), MunicipalityFactory(slug="erkelenz")
    TaskFactory(slug="beratung", name="Beratung")
    here = ActorFactory(name="Beratungscafé Wegberg", level="municipality", municipality=wegberg)
    ActorFactory(name="Beratungscafé Erkelenz", level="municipality", municipality=erkelenz)
    kreis = ActorFactory(name="Beratungsdienst des Kreises", level="district")
    answer = finder.answer(AnonymousUser(), wegberg, "Beratung")
    assert {a.pk for a in answer.helpers} == {here.pk, kreis.pk}


def test_staff_see_contact_persons_and_internal_notes_visitors_do_not(client, staff_user):
    municipality = MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")
    task = TaskFactory(slug="wohnen", name="Unterbringung", keywords="Wohnen")
    office = ActorFactory(name="Sozialamt Musterstadt", phone="02452 000000", level="municipality")
    ResponsibilityFactory(
        task=task, actor=office, municipalities=[municipality], internal_notes="Nur intern XYZ"
    )
    ContactPersonFactory(actor=office, name="Erika Beispiel", email="erika@example.org")
    params = {"frage": "wohnen", "kommune": "musterstadt"}

    public = ask(client, **params).text
    assert "Sozialamt Musterstadt" in public and "02452 000000" in public
    assert "Erika Beispiel" not in public and "Nur intern XYZ" not in public

    client.force_login(staff_user)
    internal = ask(client, **params).text
    assert "Erika Beispiel" in internal and "erika@example.org" in internal
    assert "Nur intern XYZ" in internal


def test_internal_responsibilities_and_internal_actors_stay_hidden_from_visitors(client):
    MunicipalityFactory(slug="musterstadt")
    task = TaskFactory(slug="wohnen", name="Unterbringung")
    hidden_actor = ActorFactory(name="Geheimes Amt", is_public=False)
    ResponsibilityFactory(task=task, actor=hidden_actor, for_whole_district=True)
    shown = ActorFactory(name="Offenes Amt")
    ResponsibilityFactory(task=task, actor=shown, for_whole_district=True, is_public=False)
    page = ask(client, frage="Unterbringung", kommune="musterstadt").text
    assert "Geheimes Amt" not in page and "Offenes Amt" not in page


def test_the_answer_is_cached_per_visibility_and_shows_a_change_at_once(client, staff_user):
    MunicipalityFactory(slug="musterstadt")
    task = TaskFactory(slug="wohnen", name="Unterbringung")
    office = ActorFactory(name="Amt für Unterbringung")
    responsibility = ResponsibilityFactory(task=task, actor=office, for_whole_district=True)
    params = {"frage": "Unterbringung", "kommune": "musterstadt"}

    def answered_by_the_office():
        # Asked twice: the second answer is the kept one (the page cache, the fragments).
        ask(client, **params)
        page = ask(client, **params).text
        return "Amt für Unterbringung" in page and "für alle Kommunen des Kreises zuständig" in page

    assert answered_by_the_office()
    responsibility.is_public = False
    responsibility.save()
    assert not answered_by_the_office()
    client.force_login(staff_user)
    assert answered_by_the_office()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"kommune": "musterstadt"},
        {"frage": "", "kommune": "musterstadt"},
        {"frage": "Wohnen"},
        {"frage": "Wohnen", "kommune": "nirgendwo"},
        {"frage": "x" * 5000, "kommune": "musterstadt"},
        {"frage": "a\x00b", "kommune": "musterstadt"},
        {"frage": "\u202eنزل", "kommune": "musterstadt"},
        {"frage": "' OR 1=1; --", "kommune": "musterstadt"},
        {"frage": '"NEAR( * -', "kommune": "musterstadt"},
        {"frage": "Wohnen", "kommune": "musterstadt", "thema": "gibt-es-nicht"},
    ],
)
def test_bad_input_gets_a_clear_answer_and_never_a_500(client, params):
    MunicipalityFactory(slug="musterstadt")
    TaskFactory(slug="wohnen", name="Unterbringung", keywords="Wohnen")
    response = client.get(URL, params)
    assert response.status_code == 200
    if params:
        form = response.context["form"]
        if not form.is_valid():
            assert 'class="kern-error"' in response.text or "kern-alert" in response.text


def test_words_match_stems_compounds_and_short_words_but_not_inside_other_words():
    tasks = [
        TaskFactory.build(pk=1, slug="kita", name="Kindergärten", keywords="Kita, Kita-Platz"),
        TaskFactory.build(pk=2, slug="abh", name="Ausländerwesen", keywords="ABH, Aufenthalt"),
        TaskFactory.build(pk=3, slug="ki", name="Integration", keywords="KI"),
    ]
    assert [t.slug for t in finder.match_tasks("kitaplatz", tasks)] == ["kita"]
    assert [t.slug for t in finder.match_tasks("Kindergarten", tasks)] == ["kita"]
    assert [t.slug for t in finder.match_tasks("AUSLANDERWESEN", tasks)] == ["abh"]
    assert [t.slug for t in finder.match_tasks("abh", tasks)] == ["abh"]
    assert [t.slug for t in finder.match_tasks("Kirche", tasks)] == []
    assert finder.match_tasks("", tasks) == []


@pytest.fixture
def town():
    return MunicipalityFactory(slug="musterstadt", name="Stadt Musterstadt")


def test_offers_of_the_municipality_and_the_whole_kreis_help_with_the_question(client, town):
    arabic = LanguageFactory(code="ar", name="Arabisch")
    course = OfferFactory(
        name="Sprachcafé Musterstadt",
        municipalities=[town],
        languages=[arabic],
        fees_description="kostenlos",
    )
    OpeningHoursFactory(offer=course)
    OfferPlaceFactory(offer=course)
    OfferFactory(name="Sprachkurs für den ganzen Kreis", actor__name="Volkshochschule")
    OfferFactory(name="Sprachcafé Nachbarort", municipalities=[MunicipalityFactory()])
    OfferFactory(name="Sprachcafé eingestellt", status=OfferStatus.DEFUNCT)
    OfferFactory(name="Sprachcafé pausiert", status=OfferStatus.INACTIVE)
    page = ask(client, frage="Sprachcafé Sprachkurs arabisch", kommune="musterstadt")
    names = [item.offer.name for item in page.context["answer"].offers]
    assert names[0] == "Sprachcafé Musterstadt"
    assert set(names) == {"Sprachcafé Musterstadt", "Sprachkurs für den ganzen Kreis"}
    assert "Montag 09:00–12:00" in page.text and "kostenlos" in page.text
    assert "Angebot von Volkshochschule für alle Kommunen des Kreises." in page.text


def test_internal_offers_and_their_notes_are_for_staff_only(client, staff_user, town):
    OfferFactory(name="Sprachcafé intern", is_public=False, internal_notes="Notiz QQQ")
    OfferFactory(name="Sprachcafé offen", internal_notes="Notiz RRR")
    params = {"frage": "Sprachcafé", "kommune": "musterstadt"}
    public = ask(client, **params).text
    assert "Sprachcafé offen" in public
    assert "Sprachcafé intern" not in public and "QQQ" not in public and "RRR" not in public
    client.force_login(staff_user)
    internal = ask(client, **params).text
    assert "Sprachcafé intern" in internal and "Notiz QQQ" in internal and "Notiz RRR" in internal


def test_a_chosen_task_finds_offers_by_its_everyday_words(client, town):
    TaskFactory(slug="kurse", name="Volkshochschulen", keywords="Sprachkurs, Deutschkurs")
    OfferFactory(name="Deutschkurs am Abend")
    answer = ask(client, thema="kurse", kommune="musterstadt").context["answer"]
    assert [item.offer.name for item in answer.offers] == ["Deutschkurs am Abend"]


def test_a_language_or_target_group_narrows_offers_and_helpers(client, town):
    arabic, turkish = LanguageFactory(code="ar", name="Arabisch"), LanguageFactory(code="tr")
    women = TargetGroupFactory(slug="frauen", name="Frauen")
    OfferFactory(name="Beratung auf Arabisch", languages=[arabic], target_groups=[women])
    OfferFactory(name="Beratung auf Türkisch", languages=[turkish])
    helper = ActorFactory(name="Beratungszentrum Nord", level="district")
    helper.languages.add(arabic)
    ActorFactory(name="Beratungszentrum Süd", level="district")
    page = ask(client, frage="Beratung", kommune="musterstadt", sprache="ar")
    answer = page.context["answer"]
    assert [item.offer.name for item in answer.offers] == ["Beratung auf Arabisch"]
    helpers = [actor.name for actor in answer.helpers]
    assert "Beratungszentrum Nord" in helpers and "Beratungszentrum Süd" not in helpers
    assert "Angebote · auf Arabisch" in page.text
    # Without words: every offer in the language (or for the group) in the municipality.
    only_group = ask(client, zielgruppe="frauen", kommune="musterstadt").context["answer"]
    assert [item.offer.name for item in only_group.offers] == ["Beratung auf Arabisch"]
    assert ask(client, sprache="xx", kommune="musterstadt").status_code == 200


def _fill(town, numbers: range) -> None:
    """Responsible actors with contact persons, and offers with hours and places."""
    task = TaskFactory(slug="wohnen", name="Unterbringung")
    for number in numbers:
        actor = ActorFactory(name=f"Unterbringung {number}", level="district")
        ResponsibilityFactory(task=task, actor=actor, for_whole_district=True)
        task.responsible_actors.add(actor)
        ContactPersonFactory(actor=actor)
        offer = OfferFactory(name=f"Unterbringungsberatung {number}", municipalities=[town])
        OpeningHoursFactory(offer=offer)
        OfferPlaceFactory(offer=offer)


@pytest.mark.parametrize(("signed_in", "expected"), [(False, 21), (True, 24)])
def test_the_answer_runs_a_fixed_number_of_queries(client, staff_user, town, signed_in, expected):
    """The form's choices (tasks, municipalities, target groups, languages; the chosen
    rows come from these), the content version; the synonym groups (their cache key's version and the groups), tasks with their
    catalogue actors, the responsibilities, the offers with five relations, the other
    actors with their parent and three relations; signed in also the contact persons of both kinds of responsible actors and the actors
    whose contact persons match the question (the staff's search)."""
    if signed_in:
        client.force_login(staff_user)
        client.get("/impressum/")
        # The account's recent searches record this question once (one statement;
        # asked again within minutes, nothing): not part of the answer counted here.
        ask(client, frage="Unterbringung", kommune="musterstadt")
    counts = []
    for numbers in (range(2), range(2, 20)):
        _fill(town, numbers)
        with CaptureQueriesContext(connection) as queries:
            ask(client, frage="Unterbringung", kommune="musterstadt")
        counts.append(len(queries))
    assert counts == [expected, expected]
    assert Responsibility.objects.count() == 20 and Task.objects.count() == 1


def test_a_repeated_question_is_answered_without_building_the_form(client, town, monkeypatch):
    _fill(town, range(2))
    first = ask(client, frage="Unterbringung", kommune="musterstadt")

    def refuse(*args, **kwargs):
        raise AssertionError("the form was built again")

    monkeypatch.setattr(finder.FinderForm, "__init__", refuse)
    again = ask(client, frage="Unterbringung", kommune="musterstadt")
    assert again.content == first.content
    # A question asked under a new content version is validated afresh.
    monkeypatch.undo()
    OfferFactory(name="Unterbringungsberatung Neu", municipalities=[town])
    assert (
        "Unterbringungsberatung Neu"
        in ask(client, frage="Unterbringung", kommune="musterstadt").text
    )


def test_the_finder_is_linked_from_the_start_page_the_navigation_and_the_directory(client):
    assert URL in client.get("/").text
    assert URL in client.get(reverse("actors:list")).text
    assert client.get("/en/zustaendig/").status_code == 200


def test_the_migration_fills_the_same_everyday_words_as_the_content_file():
    migration = importlib.import_module("actors.migrations.0010_task_keywords")
    content = {task.slug: task.keywords for task in read_keynote().tasks if task.keywords}
    assert migration.KEYWORDS == content


def test_a_long_catalogue_answer_names_the_local_bodies_first_and_counts_the_rest(client, town):
    task = TaskFactory(slug="kurse", name="Volkshochschulen", keywords="Sprachkurs")
    local = ActorFactory(name="Zweckverband VHS Musterstadt", level="municipality")
    local.municipality = town
    local.save()
    task.responsible_actors.add(local)
    for number in range(finder.MAX_CATALOGUE + 3):
        task.responsible_actors.add(
            ActorFactory(name=f"Volkshochschule {number}", level="district")
        )
    page = ask(client, frage="Sprachkurs", kommune="musterstadt")
    (item,) = page.context["answer"].tasks
    assert item.responsible[0].actor == local
    assert len(item.responsible) == finder.MAX_CATALOGUE
    assert item.more == 4
    assert "… und 4 weitere Akteure laut Aufgabenkatalog" in page.text
    assert f'href="{reverse("actors:tasks")}#aufgabe-kurse"' in page.text


def test_the_cached_form_shows_each_question_as_it_was_asked(client, town):
    other = MunicipalityFactory(slug="nachbarort", name="Gemeinde Nachbarort")
    for place in (town, other, town):
        html = ask(client, frage="Sprachkurs", kommune=place.slug).text
        assert f'<option value="{place.slug}" selected>' in html
    TaskFactory(slug="neu", name="Neue Aufgabe")
    assert (
        '<option value="neu">Neue Aufgabe</option>'
        in ask(client, kommune="musterstadt", frage="x").text
    )
    assert "Bitte wählen" in client.get(reverse("finder"), {"kommune": "gibt-es-nicht"}).text
