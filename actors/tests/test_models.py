"""Model rules: database constraints, validation, the seed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors.models import (
    Actor,
    ActorDimension,
    ContactPerson,
    Dimension,
    Kind,
    Level,
    MunicipalTaskType,
    Obligation,
    Sector,
    Task,
)
from actors.seed import keynote as keynote_content
from actors.seed import load_keynote
from actors.tests.factories import ActorFactory, MunicipalityFactory
from core.seeding import Outcome

pytestmark = pytest.mark.django_db


def _violates(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


@pytest.mark.parametrize(
    "fields",
    [
        {"level": "planet"},
        {"kind": "alien"},
        {"kind": Kind.POLITICS, "sector": Sector.WELFARE},
        {"name": ""},
    ],
    ids=["unknown level", "unknown kind", "sector of another kind", "empty name"],
)
def test_database_rejects_invalid_actor(fields):
    values = {"name": "X", "slug": "x", "level": Level.DISTRICT, "kind": Kind.EXTERNAL} | fields
    _violates(lambda: Actor.objects.create(**values))


def test_database_rejects_actor_as_its_own_parent():
    actor = ActorFactory()
    actor.parent = actor
    _violates(lambda: actor.save())


def test_database_rejects_municipality_on_federal_actor():
    town = MunicipalityFactory()
    _violates(
        lambda: ActorFactory(
            level=Level.FEDERAL, kind=Kind.SUPERORDINATE, sector="", municipality=town
        )
    )


def test_database_allows_municipality_on_local_actor():
    town = MunicipalityFactory()
    assert ActorFactory(level=Level.DISTRICT, municipality=town).municipality == town


def test_database_rejects_duplicate_slug():
    ActorFactory(slug="abh")
    _violates(lambda: Actor.objects.create(name="Y", slug="abh", level="district", kind="external"))


def test_actor_has_each_dimension_once():
    actor = ActorFactory()
    ActorDimension.objects.create(actor=actor, dimension=Dimension.SECURITY, obligation="mandatory")
    _violates(
        lambda: ActorDimension.objects.create(
            actor=actor, dimension=Dimension.SECURITY, obligation="voluntary"
        )
    )


@pytest.mark.parametrize(
    ("obligation", "task_type", "allowed"),
    [
        (Obligation.MANDATORY, MunicipalTaskType.INSTRUCTED, True),
        (Obligation.MANDATORY, MunicipalTaskType.MANDATORY_SELF_GOVERNMENT, True),
        (Obligation.VOLUNTARY, MunicipalTaskType.VOLUNTARY_SELF_GOVERNMENT, True),
        (Obligation.VOLUNTARY, "", True),
        (Obligation.VOLUNTARY, MunicipalTaskType.INSTRUCTED, False),
        (Obligation.MANDATORY, MunicipalTaskType.VOLUNTARY_SELF_GOVERNMENT, False),
    ],
)
def test_municipal_task_type_must_match_obligation(obligation, task_type, allowed):
    def create():
        return Task.objects.create(
            name="T",
            slug="t",
            directness="direct",
            obligation=obligation,
            municipal_task_type=task_type,
        )

    task = Task(
        name="T",
        slug="t",
        directness="direct",
        obligation=obligation,
        municipal_task_type=task_type,
    )
    if allowed:
        task.full_clean()
        create()
    else:
        with pytest.raises(ValidationError):
            task.full_clean()
        _violates(create)


def test_contact_person_needs_a_name():
    actor = ActorFactory()
    _violates(lambda: ContactPerson.objects.create(actor=actor, name=""))


def test_clean_rejects_parent_cycles():
    top = ActorFactory(slug="oben")
    middle = ActorFactory(slug="mitte", parent=top)
    top.parent = middle
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict


def test_clean_rejects_future_verification_date_and_mismatched_sector():
    actor = ActorFactory.build(
        slug="neu",
        kind=Kind.POLITICS,
        sector=Sector.POLICE,
        last_verified=datetime.date.today() + datetime.timedelta(days=2),
    )
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert {"sector", "last_verified"} <= set(error.value.message_dict)


@pytest.mark.parametrize("field", ["parent", "municipality"])
def test_clean_refuses_a_public_actor_pointing_to_an_internal_one(field):
    internal = MunicipalityFactory(slug="intern", name="Interne Gemeinde", is_public=False)
    actor = ActorFactory.build(slug="neu", **{field: internal})
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert list(error.value.message_dict) == [field]
    assert "„Interne Gemeinde“ ist nicht öffentlich" in error.value.message_dict[field][0]


def test_clean_lets_an_internal_actor_point_to_internal_ones():
    internal = MunicipalityFactory(slug="intern", is_public=False)
    ActorFactory.build(
        slug="neu", is_public=False, parent=internal, municipality=internal
    ).full_clean()


def test_clean_lets_an_actor_become_internal_while_public_actors_point_to_it():
    """Pages hide it from visitors then (``core.visibility``)."""
    municipality = MunicipalityFactory(slug="gemeinde")
    ActorFactory(slug="vor-ort", municipality=municipality, parent=municipality)
    municipality.is_public = False
    municipality.full_clean()


def test_clean_keeps_an_actor_editable_whose_municipality_became_internal_later():
    municipality = MunicipalityFactory(slug="gemeinde")
    actor = ActorFactory(slug="vor-ort", municipality=municipality)
    municipality.is_public = False
    municipality.save()
    actor.refresh_from_db()
    actor.phone = "02452 0000"
    actor.full_clean()


def test_clean_refuses_moving_a_public_actor_to_an_internal_municipality():
    actor = ActorFactory(slug="vor-ort", municipality=MunicipalityFactory(slug="offen"))
    actor.municipality = MunicipalityFactory(slug="intern", is_public=False)
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert list(error.value.message_dict) == ["municipality"]


def test_clean_refuses_making_an_actor_public_while_its_parent_is_internal():
    parent = ActorFactory(slug="dach", is_public=False)
    actor = ActorFactory(slug="stelle", is_public=False, parent=parent)
    actor.is_public = True
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert list(error.value.message_dict) == ["parent"]


def test_admin_refuses_a_public_actor_in_an_internal_municipality(client, admin_user):
    internal = MunicipalityFactory(slug="intern", name="Interne Gemeinde", is_public=False)
    client.force_login(admin_user)
    response = client.post(
        "/verwaltung/actors/actor/add/",
        {
            "name": "Beratung vor Ort",
            "slug": "beratung-vor-ort",
            "is_public": "on",
            "level": Level.MUNICIPALITY,
            "kind": Kind.EXTERNAL,
            "sector": Sector.WELFARE,
            "municipality": internal.pk,
            "dimension_roles-TOTAL_FORMS": "0",
            "dimension_roles-INITIAL_FORMS": "0",
            "contact_persons-TOTAL_FORMS": "0",
            "contact_persons-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "„Interne Gemeinde“ ist nicht öffentlich" in response.content.decode()
    assert not Actor.objects.filter(slug="beratung-vor-ort").exists()


def test_queryset_public_and_visible_to(staff_user):
    from django.contrib.auth.models import AnonymousUser

    ActorFactory(slug="offen")
    ActorFactory(slug="intern", is_public=False)
    assert set(Actor.objects.public().values_list("slug", flat=True)) == {"offen"}
    assert set(Actor.objects.visible_to(AnonymousUser()).values_list("slug", flat=True)) == {
        "offen"
    }
    assert set(Actor.objects.visible_to(staff_user).values_list("slug", flat=True)) == {
        "offen",
        "intern",
    }


CONTRACT_SLUGS = {
    "bmi", "bamf", "bamf-regionalstelle", "kreis-heinsberg", "kreistag-heinsberg",
    "ki-kreis-heinsberg", "kim-case-management-kreis-heinsberg", "abh-kreis-heinsberg",
    "ebh-kreis-heinsberg", "jobcenter-kreis-heinsberg", "sozialamt-kreis-heinsberg",
    "jugendamt-kreis-heinsberg", "schulamt-kreis-heinsberg", "vhs-kreis-heinsberg",
    "caritas-heinsberg", "diakonie-heinsberg", "awo-heinsberg", "mbe-heinsberg",
    "jmd-heinsberg", "polizei-heinsberg", "ihk-aachen", "stadt-erkelenz",
    "stadt-geilenkirchen", "stadt-heinsberg", "stadt-hueckelhoven", "stadt-uebach-palenberg",
    "stadt-wassenberg", "stadt-wegberg", "gemeinde-gangelt", "gemeinde-selfkant",
    "gemeinde-waldfeucht",
}  # fmt: skip


def test_seed_creates_the_slugs_other_parts_rely_on(keynote):
    assert CONTRACT_SLUGS <= set(Actor.objects.values_list("slug", flat=True))
    regional = Actor.objects.select_related("parent__parent").get(slug="bamf-regionalstelle")
    assert (regional.parent.slug, regional.parent.parent.slug) == ("bamf", "bmi")
    assert Actor.objects.get(slug="kim-case-management-kreis-heinsberg").parent.slug == (
        "ki-kreis-heinsberg"
    )


def test_seed_has_the_ten_municipalities_of_the_kreis(keynote):
    towns = Actor.objects.filter(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)
    assert sorted(towns.values_list("name", flat=True)) == [
        "Gemeinde Gangelt", "Gemeinde Selfkant", "Gemeinde Waldfeucht", "Stadt Erkelenz",
        "Stadt Geilenkirchen", "Stadt Heinsberg", "Stadt Hückelhoven", "Stadt Wassenberg",
        "Stadt Wegberg", "Stadt Übach-Palenberg",
    ]  # fmt: skip


def test_seed_has_the_bogumil_hafner_tasks(keynote):
    direct = list(Task.objects.direct().order_by("position").values_list("name", flat=True))
    indirect = list(Task.objects.indirect().order_by("position").values_list("name", flat=True))
    assert direct == [
        "Ausländerwesen",
        "Einbürgerungswesen",
        "Leistungsverwaltung Asylbewerberleistungsgesetz (AsylbLG)",
        "Unterbringung von Asylbewerbern",
        "Unbegleitete Minderjährige Ausländer (UMA)",
        "Freiwillige Integrationsleistungen",
    ]
    assert indirect == [
        "Schulträgerschaft",
        "Kindergärten",
        "Sozial-, Kinder- und Jugendhilfe",
        "Volkshochschulen",
        "Sozialer Wohnungsbau",
        "(Arbeitsmarktbezogene) Eingliederungsmaßnahmen",
        "Kultur- und Vereinsförderung",
    ]
    assert all(task.responsible_actors.exists() for task in Task.objects.all())


def test_seed_is_idempotent(keynote):
    counts = (Actor.objects.count(), ActorDimension.objects.count(), Task.objects.count())
    links = Task.responsible_actors.through.objects.count()
    again = load_keynote()
    assert again.with_outcome(Outcome.CREATED, Outcome.DIFFERS, Outcome.RESET) == []
    content = keynote_content()
    actors, tasks = content.actors, content.tasks
    records = len(actors) + len(tasks) + len(content.target_groups) + len(content.languages)
    records += len(content.synonyms)
    assert len(again.with_outcome(Outcome.SAME)) == records
    assert (Actor.objects.count(), ActorDimension.objects.count(), Task.objects.count()) == counts
    assert Task.responsible_actors.through.objects.count() == links
    assert counts == (len(actors), sum(len(a.dimensions) for a in actors), len(tasks))


def test_seed_invents_no_contact_data(keynote):
    assert not ContactPerson.objects.exists()
    assert not Actor.objects.exclude(phone="").exists()
    assert not Actor.objects.exclude(email="").exists()


def test_seed_keynote_command_loads_actors(db):
    from django.core.management import call_command

    call_command("seed_keynote")
    assert Actor.objects.filter(slug="abh-kreis-heinsberg").exists()
