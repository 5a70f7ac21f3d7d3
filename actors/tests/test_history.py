"""The change history of actors, contact persons, responsibilities and offers: what is
recorded (who, when, why, old → new), who sees it, restoring an earlier state, and the
erasure of a contact person's history rows (Art. 17 GDPR)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actors.history import actor_history
from actors.models import (
    Actor,
    ContactPerson,
    Level,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Responsibility,
)
from actors.privacy import contact_person_erase
from actors.services import StaleHistoryError, actor_restore, actors_import
from actors.tests.factories import (
    ActorFactory,
    ContactPersonFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    OfferPlaceFactory,
    OpeningHoursFactory,
    PlaceFactory,
    ResponsibilityFactory,
    TargetGroupFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _save(instance, *, by=None, reason=None, **changes):
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_user = by
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance


def _entries(actor, kind=None):
    return [e for e in actor_history(actor) if kind is None or e.subject_kind == kind]


def _changes(entry) -> dict[str, tuple[str, str]]:
    return {change.label: (change.old, change.new) for change in entry.changes}


# --- what is recorded ------------------------------------------------------------------


def test_creating_changing_and_deleting_each_model_leaves_a_history_row():
    actor = ActorFactory(name="Caritas Heinsberg")
    person = ContactPersonFactory(actor=actor)
    responsibility = ResponsibilityFactory(actor=actor)
    offer = OfferFactory(actor=actor)
    place = PlaceFactory()
    offer_place = OfferPlaceFactory(offer=offer, place=place)
    hours = OpeningHoursFactory(offer=offer)
    records = [actor, person, responsibility, offer, place, offer_place, hours]
    for record in records:
        record.save()
    for record in reversed(records):
        if isinstance(record, Actor | Offer | Place):
            continue
        record.delete()
    for model in (ContactPerson, Responsibility, OfferPlace, OpeningHours):
        kinds = list(model.history.order_by("history_id").values_list("history_type", flat=True))
        assert kinds[0] == "+" and "~" in kinds and kinds[-1] == "-", (model, kinds)
    for model in (Actor, Offer, Place):
        kinds = set(model.history.values_list("history_type", flat=True))
        assert {"+", "~"} <= kinds, model


def test_a_change_names_who_when_why_and_the_old_and_new_display_values(staff_user):
    parent = ActorFactory(name="Diakonie Rheinland")
    actor = ActorFactory(name="Beratung Erkelenz", level=Level.DISTRICT)
    _save(actor, by=staff_user, reason="Telefon geprüft", phone="02431 1234", parent=parent)
    _save(actor, by=staff_user, level=Level.MUNICIPALITY, is_public=False)

    newest, previous = _entries(actor)[:2]
    assert newest.user == staff_user
    assert newest.action == "geändert"
    assert _changes(newest) == {
        "Ebene": ("Kreis", "Kreisangehörige Kommune"),
        "Öffentlich": ("ja", "nein"),
    }
    assert previous.reason == "Telefon geprüft"
    assert _changes(previous) == {
        "Telefon": ("–", "02431 1234"),
        "Übergeordnete Organisation": ("–", "Diakonie Rheinland"),
    }
    assert newest.date >= previous.date


def test_many_to_many_changes_are_shown_with_names():
    actor = ActorFactory()
    refugees = TargetGroupFactory(name="Geflüchtete")
    arabic = LanguageFactory(name="Arabisch")
    actor.target_groups.add(refugees)
    actor.languages.set([arabic])
    actor.languages.clear()
    offer = OfferFactory(actor=actor, topics=[TopicFactory(name="Arbeit finden")])
    town = MunicipalityFactory(name="Stadt Hückelhoven")
    ResponsibilityFactory(actor=actor, municipalities=[town])

    changes = [_changes(e) for e in _entries(actor, "Akteur")]
    assert {"Sprachen": ("Arabisch", "–")} in changes
    assert {"Sprachen": ("–", "Arabisch")} in changes
    assert {"Zielgruppen": ("–", "Geflüchtete")} in changes
    offer_changes = [_changes(e) for e in _entries(actor, "Angebot")]
    assert any(c.get("Lebenslagen") == ("–", "Arbeit finden") for c in offer_changes)
    assert offer.name in {e.subject for e in _entries(actor, "Angebot")}
    area = [_changes(e) for e in _entries(actor, "Zuständigkeit")]
    assert any(c.get("Kommunen") == ("–", "Stadt Hückelhoven") for c in area)


def test_changes_from_the_other_side_of_a_many_to_many_field_are_recorded_too():
    actor = ActorFactory()
    offer = OfferFactory(actor=actor)
    arabic = LanguageFactory(name="Arabisch")
    arabic.actors.add(actor)
    arabic.offers.add(offer)
    arabic.actors.clear()

    changes = [_changes(e) for e in _entries(actor, "Akteur")]
    assert changes[:2] == [{"Sprachen": ("Arabisch", "–")}, {"Sprachen": ("–", "Arabisch")}]
    assert {"Sprachen": ("–", "Arabisch")} in [_changes(e) for e in _entries(actor, "Angebot")]


def test_an_import_records_the_importing_account_and_the_reason(admin_user):
    data = b"name;slug;ebene;art\nNeue Stelle;neue-stelle;kreis;extern\n"
    report = actors_import(data=data, by=admin_user)
    assert report.written, report
    record = Actor.history.get(slug="neue-stelle", history_type="+")
    assert record.history_user == admin_user
    assert record.history_change_reason == "CSV-Import"


# --- who sees it -----------------------------------------------------------------------


def test_staff_see_the_newest_changes_on_the_actor_page_and_all_on_the_history_page(
    client, staff_user
):
    actor = ActorFactory(name="Integrationsagentur")
    for n in range(8):
        _save(actor, by=staff_user, phone=f"0245{n}")
    client.force_login(staff_user)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Änderungsverlauf" in page and "Sam Staff" in page
    assert "02457" in page and "02451" not in page  # capped: the newest five
    assert reverse("actors:history", args=[actor.slug]) in page
    full = client.get(reverse("actors:history", args=[actor.slug])).content.decode()
    assert "02451" in full and "Diesen Stand wiederherstellen" not in full


def test_anonymous_visitors_see_no_history_and_are_sent_to_sign_in(client, staff_user):
    actor = ActorFactory()
    _save(actor, by=staff_user, reason="zqgeheimergrund", phone="0245 1")
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Änderungsverlauf" not in page
    assert "zqgeheimergrund" not in page and "Sam Staff" not in page
    response = client.get(reverse("actors:history", args=[actor.slug]))
    assert response.status_code == 302 and "/konto/" in response["Location"]


@pytest.mark.parametrize("changes", [3, 30])
def test_the_history_reads_a_fixed_number_of_queries(
    client, staff_user, django_assert_num_queries, changes
):
    actor = ActorFactory()
    groups = [TargetGroupFactory() for _ in range(3)]
    town = MunicipalityFactory()
    person = ContactPersonFactory(actor=actor)
    responsibility = ResponsibilityFactory(actor=actor, municipalities=[town])
    offer = OfferFactory(actor=actor, topics=[TopicFactory()], municipalities=[town])
    for n in range(changes):
        _save(actor, by=staff_user, phone=f"0245 {n}")
        actor.target_groups.set(groups[: n % 3 + 1])
        _save(person, by=staff_user, function=f"Leitung {n}")
        _save(responsibility, by=staff_user, public_note=f"Hinweis {n}")
        _save(offer, by=staff_user, phone=f"0245 {n}")
        offer.languages.set([LanguageFactory()])
    client.force_login(staff_user)
    # The request's own (session, account, the session saved in a savepoint: 4), the
    # actor (1), four models (4), the saved many-to-many rows of each field (7), the
    # names of actors, tasks, target groups, languages and topics (5).
    with django_assert_num_queries(21):
        response = client.get(reverse("actors:history", args=[actor.slug]))
    assert response.status_code == 200


# --- restoring an earlier state ------------------------------------------------------


def _restorable(actor):
    staff_entries = _entries(actor, "Akteur")
    return staff_entries[-1], staff_entries[0]


def test_an_administrator_restores_an_earlier_state_with_a_confirmation(client, admin_user):
    english = LanguageFactory(name="Englisch")
    actor = ActorFactory(name="Alter Name", phone="0245 1")
    actor.languages.set([english])
    first = Actor.history.filter(id=actor.pk).order_by("history_id").last()
    _save(actor, by=admin_user, name="Neuer Name", phone="")
    actor.languages.clear()
    client.force_login(admin_user)

    url = reverse("actors:restore", args=[actor.slug, first.history_id])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Stand wiederherstellen" in confirm.content.decode()
    assert 'name="csrfmiddlewaretoken"' in confirm.content.decode()
    seen = confirm.context["seen"]
    response = client.post(url, {"seen": seen})
    assert response.status_code == 302

    actor.refresh_from_db()
    assert (actor.name, actor.phone) == ("Alter Name", "0245 1")
    assert list(actor.languages.all()) == [english]
    newest = actor_history(actor)[0]
    assert newest.user == admin_user
    assert newest.reason.startswith("Wiederhergestellt aus Stand vom ")


def test_a_restore_is_refused_when_the_actor_changed_since_the_confirmation(admin_user):
    actor = ActorFactory(name="Erster Name")
    first = Actor.history.get(id=actor.pk)
    _save(actor, name="Zweiter Name")
    seen = Actor.history.filter(id=actor.pk).order_by("-history_id").first().history_id
    _save(actor, name="Dritter Name")
    with pytest.raises(StaleHistoryError):
        actor_restore(actor=actor, history_id=first.history_id, by=admin_user, seen_history_id=seen)
    actor.refresh_from_db()
    assert actor.name == "Dritter Name"


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("editor", 403)])
def test_accounts_without_the_admin_role_may_not_restore(client, request, role, status):
    actor = ActorFactory(name="Erster Name")
    first = Actor.history.get(id=actor.pk)
    _save(actor, name="Zweiter Name")
    client.force_login(request.getfixturevalue(f"{role}_user"))
    url = reverse("actors:restore", args=[actor.slug, first.history_id])
    assert client.get(url).status_code == status
    assert client.post(url, {"seen": first.history_id}).status_code == status
    actor.refresh_from_db()
    assert actor.name == "Zweiter Name"


def test_anonymous_visitors_are_sent_to_sign_in_instead_of_restoring(client):
    actor = ActorFactory(name="Erster Name")
    first = Actor.history.get(id=actor.pk)
    _save(actor, name="Zweiter Name")
    response = client.post(reverse("actors:restore", args=[actor.slug, first.history_id]))
    assert response.status_code == 302 and "/konto/" in response["Location"]
    actor.refresh_from_db()
    assert actor.name == "Zweiter Name"


def test_the_history_page_offers_administrators_the_earlier_states_only(client, admin_user):
    actor = ActorFactory(name="Erster Name")
    first = Actor.history.get(id=actor.pk)
    _save(actor, name="Zweiter Name")
    client.force_login(admin_user)
    page = client.get(reverse("actors:history", args=[actor.slug])).content.decode()
    assert page.count("Diesen Stand wiederherstellen") == 1
    assert reverse("actors:restore", args=[actor.slug, first.history_id]) in page


# --- erasure (Art. 17 GDPR) ----------------------------------------------------------


def test_erasing_a_contact_person_erases_all_their_history_rows():
    actor = ActorFactory()
    person = ContactPersonFactory(actor=actor, name="Erika Muster", email="erika@example.org")
    _save(person, function="Leitung")
    # An earlier entry of the same person, deleted long ago: only its history is left.
    gone = ContactPersonFactory(actor=ActorFactory(), email="Erika@example.org")
    gone_pk = gone.pk
    gone.delete()
    other = ContactPersonFactory(actor=actor, email="other@example.org")
    assert ContactPerson.history.filter(id__in=[person.pk, gone_pk]).count() == 4

    report = contact_person_erase(email="erika@example.org")

    assert report.contact_persons == 1 and report.history_rows == 4
    assert not ContactPerson.history.filter(id__in=[person.pk, gone_pk]).exists()
    assert not ContactPerson.history.filter(email__iexact="erika@example.org").exists()
    assert ContactPerson.history.filter(id=other.pk).exists()
    assert "Erika Muster" not in {e.subject for e in actor_history(actor)}
