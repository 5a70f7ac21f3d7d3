"""Factories for the actor directory."""

import datetime

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
    Offer,
    OfferPlace,
    OfferStatus,
    OpeningHours,
    Place,
    Responsibility,
    Sector,
    TargetGroup,
    Task,
    Topic,
    Weekday,
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


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic of its own; the nine of the migration are there already (by slug)."""

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Lebenslage {n}")
    slug = factory.Sequence(lambda n: f"lebenslage-{n}")
    position = factory.Sequence(lambda n: 100 + n)


class OfferFactory(factory.django.DjangoModelFactory):
    """An active public offer for the whole Kreis; ``municipalities=[…]`` makes it one
    for those municipalities, ``topics=[…]`` etc. set the other relations."""

    class Meta:
        model = Offer
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Beratungsangebot {n}")
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    description = "Beratung für Zugewanderte."
    for_whole_district = True
    status = OfferStatus.ACTIVE
    email = factory.Sequence(lambda n: f"angebot{n}@example.org")
    is_public = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        if self.for_whole_district:
            self.for_whole_district = False
            self.save(update_fields=["for_whole_district"])
        self.municipalities.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Begegnungszentrum {n}")
    street = "Hauptstraße 1"
    city = "Heinsberg"


class OfferPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferPlace

    offer = factory.SubFactory(OfferFactory)
    place = factory.SubFactory(PlaceFactory)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    """Monday 09:00–12:00; ``by_appointment_only=True, opens_at=None, closes_at=None``
    for a day by appointment."""

    class Meta:
        model = OpeningHours

    offer = factory.SubFactory(OfferFactory)
    weekday = Weekday.MONDAY
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(12, 0)
    by_appointment_only = False
