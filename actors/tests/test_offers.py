"""Offers (Angebote), shaped after HSDS 3.0: the area rule, the finder's one-query answer
per municipality, visibility, opening hours, the topics of the migration and the admin."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, migrations, transaction
from django.urls import reverse
from django.utils import timezone

from actors.admin import OfferForm
from actors.models import (
    Level,
    Offer,
    OfferPlace,
    OfferStatus,
    OpeningHours,
    Sector,
    Topic,
    Weekday,
)
from actors.tests.factories import (
    ActorFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    OfferPlaceFactory,
    OpeningHoursFactory,
    PlaceFactory,
    TargetGroupFactory,
)
from core import versions

pytestmark = pytest.mark.django_db

migration = importlib.import_module("actors.migrations.0009_offers")


@pytest.fixture
def life_situations(db):
    """The topics of migration 0009. A test database kept with ``--reuse-db`` may have
    lost the rows of data migrations to the flush after a transactional test; this puts
    them back the way the migration creates them (create-only)."""
    migration.add_topics(apps, None)


NINE_TOPICS = [
    ("ankommen-aufenthalt", "Ankommen und Aufenthalt"),
    ("sprache", "Sprache"),
    ("arbeit-ausbildung", "Arbeit und Ausbildung"),
    ("wohnen", "Wohnen"),
    ("gesundheit", "Gesundheit"),
    ("kita-schule", "Kita und Schule"),
    ("familie", "Familie"),
    ("beratung", "Beratung"),
    ("engagement", "Engagement"),
]


# --- the area rule --------------------------------------------------------------------


def _form(instance=None, **data):
    actor = instance.actor if instance else ActorFactory()
    values = {
        "actor": actor.pk,
        "name": instance.name if instance else "Migrationsberatung",
        "slug": instance.slug if instance else "migrationsberatung",
        "status": OfferStatus.ACTIVE,
        "is_public": "on",
        "review_interval_months": 12,
        **data,
    }
    return OfferForm(data=values, instance=instance)


def test_the_offer_form_wants_exactly_one_area_in_the_words_of_an_offer():
    town = MunicipalityFactory()
    both = _form(for_whole_district="on", municipalities=[town.pk])
    assert not both.is_valid()
    assert "Ein Angebot gilt entweder für den ganzen Kreis" in str(both.errors["municipalities"])
    neither = _form()
    assert not neither.is_valid()
    assert "in denen das Angebot gilt" in str(neither.errors["municipalities"])
    assert _form(for_whole_district="on").is_valid()
    saved = _form(municipalities=[town.pk]).save()
    assert list(saved.municipalities.all()) == [town]


def test_the_offer_form_offers_only_member_municipalities():
    form = _form(municipalities=[ActorFactory().pk])
    assert not form.is_valid()
    assert "municipalities" in form.errors
    town = MunicipalityFactory()
    assert list(_form().fields["municipalities"].queryset) == [town]


def test_switching_an_offer_to_the_whole_district_is_checked_against_the_new_area():
    offer = OfferFactory(municipalities=[MunicipalityFactory()])
    form = _form(instance=offer, for_whole_district="on")
    assert form.is_valid(), form.errors
    form.save()
    offer.refresh_from_db()
    assert offer.for_whole_district and not offer.municipalities.exists()


def test_clean_checks_the_stored_area_of_a_saved_offer():
    offer = OfferFactory(municipalities=[MunicipalityFactory()])
    offer.for_whole_district = True
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert "municipalities" in raised.value.message_dict


def test_a_public_offer_may_not_be_given_to_a_new_internal_actor():
    offer = Offer(actor=ActorFactory(is_public=False), name="Sprachcafé", slug="sprachcafe")
    offer.for_whole_district = True
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert "ist nicht öffentlich" in str(raised.value.message_dict["actor"])


def test_an_offer_cannot_be_verified_in_the_future():
    offer = OfferFactory()
    offer.last_verified = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert "last_verified" in raised.value.message_dict


# --- the finder: offers in a municipality ------------------------------------------------


def test_for_municipality_gives_district_wide_and_named_offers_each_once():
    here, there = MunicipalityFactory(), MunicipalityFactory()
    district = OfferFactory(name="A Kreisweit")
    both = OfferFactory(name="B Hier und dort", municipalities=[here, there])
    other = OfferFactory(name="C Nur dort", municipalities=[there])
    assert list(Offer.objects.for_municipality(here)) == [district, both]
    assert list(Offer.objects.for_municipality(there.pk)) == [district, both, other]


def test_offers_of_a_municipality_with_their_actors_are_one_query(django_assert_num_queries):
    here = MunicipalityFactory()
    OfferFactory.create_batch(3)
    OfferFactory.create_batch(3, municipalities=[here, MunicipalityFactory()])
    with django_assert_num_queries(1):
        rows = [
            (offer.name, offer.actor.name)
            for offer in Offer.objects.visible_to(AnonymousUser()).for_municipality(here)
        ]
    assert len(rows) == 6


# --- visibility -------------------------------------------------------------------------


@pytest.fixture
def offers():
    return {
        "public": OfferFactory(internal_notes="Vertretung: Frau Beispiel"),
        "paused": OfferFactory(status=OfferStatus.INACTIVE),
        "internal": OfferFactory(is_public=False),
        "internal actor": OfferFactory(actor=ActorFactory(is_public=False)),
        "defunct": OfferFactory(status=OfferStatus.DEFUNCT),
    }


def test_anonymous_visitors_see_public_offers_of_public_actors_that_still_exist(offers, staff_user):
    anonymous = set(Offer.objects.visible_to(AnonymousUser()))
    assert anonymous == {offers["public"], offers["paused"]}
    assert set(Offer.objects.visible_to(staff_user)) == set(offers.values())


def test_active_offers_are_neither_paused_nor_discontinued(offers):
    assert set(Offer.objects.active()) == {
        offers["public"],
        offers["internal"],
        offers["internal actor"],
    }


# --- places and opening hours -----------------------------------------------------------


def test_a_place_is_listed_once_per_offer():
    at = OfferPlaceFactory()
    twin = OfferPlace(offer=at.offer, place=at.place)
    with pytest.raises(ValidationError) as raised:
        twin.validate_constraints()
    assert "schon eingetragen" in str(raised.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.parametrize(
    ("opens_at", "closes_at"),
    [
        (None, None),
        (datetime.time(9), None),
        (None, datetime.time(12)),
        (datetime.time(12), datetime.time(9)),
        (datetime.time(9), datetime.time(9)),
    ],
)
def test_the_database_refuses_hours_without_valid_times_unless_by_appointment(opens_at, closes_at):
    offer = OfferFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHours.objects.create(
            offer=offer, weekday=Weekday.MONDAY, opens_at=opens_at, closes_at=closes_at
        )
    appointment = OpeningHours.objects.create(
        offer=offer, weekday=Weekday.MONDAY, by_appointment_only=True
    )
    assert appointment.pk


def test_clean_says_in_german_what_is_wrong_with_the_hours():
    offer = OfferFactory()
    reversed_hours = OpeningHours(
        offer=offer, weekday=Weekday.FRIDAY, opens_at=datetime.time(12), closes_at=datetime.time(9)
    )
    with pytest.raises(ValidationError) as raised:
        reversed_hours.full_clean()
    assert raised.value.message_dict == {"closes_at": ["Das Ende muss nach dem Beginn liegen."]}
    no_times = OpeningHours(offer=offer, weekday=Weekday.FRIDAY)
    with pytest.raises(ValidationError) as raised:
        no_times.full_clean()
    assert "Nur nach Terminvereinbarung" in str(raised.value.message_dict["opens_at"])
    # The database constraint says it too, at the closing time, where clean() is skipped.
    with pytest.raises(ValidationError) as raised:
        no_times.validate_constraints()
    assert "Geben Sie Beginn und Ende an" in str(raised.value.message_dict["closes_at"])


def test_hours_may_only_name_a_place_of_their_own_offer():
    elsewhere = OfferPlaceFactory()
    hours = OpeningHours(
        offer=OfferFactory(),
        offer_place=elsewhere,
        weekday=Weekday.MONDAY,
        by_appointment_only=True,
    )
    with pytest.raises(ValidationError) as raised:
        hours.full_clean()
    assert "offer_place" in raised.value.message_dict


def test_opening_hours_read_as_a_german_line():
    monday = OpeningHoursFactory.build(weekday=Weekday.MONDAY)
    tuesday = OpeningHoursFactory.build(
        weekday=Weekday.TUESDAY, opens_at=None, closes_at=None, by_appointment_only=True
    )
    wednesday = OpeningHoursFactory.build(
        weekday=Weekday.WEDNESDAY,
        opens_at=datetime.time(14),
        closes_at=datetime.time(16, 30),
        by_appointment_only=True,
    )
    assert monday.line == "Montag 09:00–12:00"
    assert str(tuesday) == "Dienstag nach Terminvereinbarung"
    assert wednesday.line == "Mittwoch 14:00–16:30 nach Terminvereinbarung"
    assert [Weekday(day).ical for day in Weekday.values] == [
        "MO",
        "TU",
        "WE",
        "TH",
        "FR",
        "SA",
        "SU",
    ]


def test_an_offer_lists_its_places_and_hours():
    at = OfferPlaceFactory(place=PlaceFactory(name="Rathaus", city="Erkelenz"))
    OpeningHoursFactory(offer=at.offer, offer_place=at, weekday=Weekday.THURSDAY)
    OpeningHoursFactory(offer=at.offer, weekday=Weekday.MONDAY)
    assert [str(p.place) for p in at.offer.offer_places.all()] == ["Rathaus, Erkelenz"]
    assert [h.line for h in at.offer.opening_hours.all()] == [
        "Montag 09:00–12:00",
        "Donnerstag 09:00–12:00",
    ]


# --- topics -----------------------------------------------------------------------------


def test_the_migration_creates_the_nine_life_situations_in_order(life_situations):
    assert any(
        isinstance(operation, migrations.RunPython) and operation.code is migration.add_topics
        for operation in migration.Migration.operations
    )
    assert list(Topic.objects.values_list("slug", "name")) == NINE_TOPICS
    assert list(Topic.objects.values_list("position", flat=True)) == list(range(1, 10))
    assert str(Topic.objects.get(slug="kita-schule")) == "Kita und Schule"


def test_the_topics_migration_only_creates_what_is_missing(life_situations):
    Topic.objects.filter(slug="wohnen").update(name="Wohnen und Unterkunft")
    Topic.objects.filter(slug="engagement").delete()
    migration.add_topics(apps, None)
    assert Topic.objects.get(slug="wohnen").name == "Wohnen und Unterkunft"
    assert Topic.objects.count() == 9


# --- admin ------------------------------------------------------------------------------


def test_the_offer_admin_add_page_renders_for_an_administrator(client, admin_user):
    MunicipalityFactory.create_batch(2)
    ActorFactory()
    client.force_login(admin_user)
    response = client.get(reverse("admin:actors_offer_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    choices = form.fields["municipalities"].queryset
    assert set(choices.values_list("level", "sector")) == {
        (Level.MUNICIPALITY, Sector.LOCAL_AUTHORITY)
    }
    assert choices.count() == 2
    html = response.content.decode()
    assert "Nur nach Terminvereinbarung" in html  # the opening hours inline
    assert "Barrierefreiheit" not in html  # places are edited on their own page


def _admin_post(actor, **extra):
    data = {
        "actor": actor.pk,
        "name": "Sprachcafé (Beispiel)",
        "slug": "sprachcafe-beispiel",
        "status": OfferStatus.ACTIVE,
        "is_public": "on",
        "for_whole_district": "on",
        "review_interval_months": "12",
        "offer_places-TOTAL_FORMS": "0",
        "offer_places-INITIAL_FORMS": "0",
        "opening_hours-TOTAL_FORMS": "1",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-0-weekday": "3",
        "opening_hours-0-opens_at": "15:00",
        "opening_hours-0-closes_at": "17:00",
    }
    data.update(extra)
    return data


def test_saving_an_offer_in_the_admin_moves_the_content_version_on(
    client, admin_user, life_situations
):
    actor = ActorFactory()
    topic = Topic.objects.get(slug="sprache")
    group, language = TargetGroupFactory(), LanguageFactory(code="uk", name="Ukrainisch")
    client.force_login(admin_user)
    before = versions.current()
    response = client.post(
        reverse("admin:actors_offer_add"),
        _admin_post(actor, topics=[topic.pk], target_groups=[group.pk], languages=[language.pk]),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer = Offer.objects.get(slug="sprachcafe-beispiel")
    assert list(offer.topics.all()) == [topic]
    assert [h.line for h in offer.opening_hours.all()] == ["Mittwoch 15:00–17:00"]
    assert versions.current() > before


def test_the_admin_refuses_an_offer_with_two_areas_and_reversed_hours(client, admin_user):
    town = MunicipalityFactory()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:actors_offer_add"),
        _admin_post(
            ActorFactory(),
            municipalities=[town.pk],
            **{"opening_hours-0-opens_at": "18:00"},
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein Angebot gilt entweder für den ganzen Kreis" in html
    assert "Das Ende muss nach dem Beginn liegen." in html
    assert not Offer.objects.exists()


def test_the_hours_inline_offers_only_the_places_of_the_offer(client, admin_user):
    own = OfferPlaceFactory()
    OfferPlaceFactory()  # another offer's place
    client.force_login(admin_user)
    response = client.get(reverse("admin:actors_offer_change", args=[own.offer.pk]))
    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.opts.model is OpeningHours
    )
    assert list(formset.empty_form.fields["offer_place"].queryset) == [own]
