"""Factories for the actor directory."""

import factory

from actors.models import (
    Actor,
    ActorDimension,
    ContactPerson,
    Dimension,
    Directness,
    Kind,
    Language,
    Level,
    Obligation,
    Responsibility,
    Sector,
    TargetGroup,
    Task,
)


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Zielgruppe {n}")
    slug = factory.Sequence(lambda n: f"zielgruppe-{n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"l{n}")
    name = factory.Sequence(lambda n: f"Sprache {n}")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Beratungsstelle {n}")
    slug = factory.Sequence(lambda n: f"akteur-{n}")
    level = Level.DISTRICT
    kind = Kind.EXTERNAL
    sector = Sector.WELFARE
    is_public = True


class MunicipalityFactory(ActorFactory):
    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    slug = factory.Sequence(lambda n: f"gemeinde-{n}")
    level = Level.MUNICIPALITY
    kind = Kind.ADMINISTRATION
    sector = Sector.LOCAL_AUTHORITY


class ActorDimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorDimension

    actor = factory.SubFactory(ActorFactory)
    dimension = Dimension.SECURITY
    obligation = Obligation.MANDATORY


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Demo-Person {n}")
    function = "Sachbearbeitung"
    phone = "+49 2452 0000-00"
    email = factory.Sequence(lambda n: f"demo{n}@example.org")
    is_demo = True


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Aufgabe {n}")
    slug = factory.Sequence(lambda n: f"aufgabe-{n}")
    directness = Directness.DIRECT
    obligation = Obligation.MANDATORY


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    """For the whole Kreis; ``municipalities=[…]`` makes it one for those municipalities."""

    class Meta:
        model = Responsibility
        skip_postgeneration_save = True

    task = factory.SubFactory(TaskFactory)
    actor = factory.SubFactory(ActorFactory)
    for_whole_district = True
    is_public = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        if self.for_whole_district:
            self.for_whole_district = False
            self.save(update_fields=["for_whole_district"])
        self.municipalities.set(extracted)
