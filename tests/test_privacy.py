"""Data protection: the staff register of processing activities, Art. 15 export and
Art. 17 erasure of contact persons."""

import io
import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor, ContactPerson
from core.models import AccessibilityFeedback
from core.privacy import register, unregistered_personal_fields
from core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSON = "erika.beispiel@example.org"


def _actor(slug, **extra):
    return Actor.objects.create(
        name=f"Akteur {slug}", slug=slug, level="district", kind="administration", **extra
    )


@pytest.fixture
def erika():
    """One person, contact at two actors; a second person who must stay untouched."""
    abh = _actor("abh", internal_notes="Vertretung: Erika Beispiel (bis März)")
    ki = _actor("ki")
    first = ContactPerson.objects.create(
        actor=abh, name="Erika Beispiel", function="Sachgebietsleitung", email=PERSON, is_demo=True
    )
    second = ContactPerson.objects.create(
        actor=ki, name="Erika Beispiel", phone="0000 demo", email=PERSON.upper(), is_demo=True
    )
    other = ContactPerson.objects.create(
        actor=ki, name="Max Muster", email="max.muster@example.org", is_demo=True
    )
    AccessibilityFeedback.objects.create(
        reference="BF-ERIKA", message="Kontrast der Tabelle", name="Erika", email=PERSON
    )
    for person in (first, second):
        person.function = person.function + " (geprüft)"
        person.save()  # a second history entry, where the model keeps history
    return first, second, other


# --- the register ---------------------------------------------------------------------


def test_register_page_is_for_signed_in_accounts_only(client, staff_user):
    response = client.get("/datenschutz/intern/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    client.force_login(staff_user)
    response = client.get("/datenschutz/intern/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verzeichnis der Verarbeitungstätigkeiten" in html
    for activity in register():
        assert str(activity.title) in html
    # Field names come from the models.
    assert "Ansprechpersonen" in html and "Funktion" in html and "Interne Notizen" in html
    assert "<caption" in html and 'scope="col"' in html


def test_register_page_in_english(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/en/datenschutz/intern/")
    assert response.status_code == 200
    assert "Record of processing activities" in response.content.decode()


def test_public_privacy_page_links_the_register_for_staff_only(client, staff_user):
    assert "/datenschutz/intern/" not in client.get("/datenschutz/").content.decode()
    client.force_login(staff_user)
    assert "/datenschutz/intern/" in client.get("/datenschutz/").content.decode()


def test_every_field_with_personal_data_is_in_the_register():
    assert unregistered_personal_fields() == []


# --- Art. 15: export ------------------------------------------------------------------


def _export(**options) -> dict:
    out = io.StringIO()
    call_command("contact_person_export", stdout=out, **options)
    return json.loads(out.getvalue())


def test_export_gives_every_entry_of_the_person_and_nothing_of_others(erika):
    first, second, other = erika
    UserFactory(email=PERSON, role="staff")
    data = _export(email=PERSON)
    assert data["legal_basis"] == "Art. 15 DSGVO"
    assert {p["id"] for p in data["contact_persons"]} == {first.pk, second.pk}
    assert {p["actor"]["name"] for p in data["contact_persons"]} == {"Akteur abh", "Akteur ki"}
    assert data["accessibility_feedback"][0]["reference"] == "BF-ERIKA"
    assert data["accounts"][0]["email"] == PERSON
    assert "password" not in data["accounts"][0]
    assert {"model": "actors.Actor", "id": first.actor_id, "field": "internal_notes"} in (
        data["mentions_in_free_text"]
    )
    if hasattr(ContactPerson, "history"):
        assert {h["id"] for h in data["history"]} == {first.pk, second.pk}
    text = json.dumps(data)
    assert "Max Muster" not in text and "max.muster" not in text


def test_export_of_one_entry_by_id_to_a_private_file(erika, tmp_path):
    first, _, _ = erika
    target = tmp_path / "auskunft.json"
    call_command("contact_person_export", id=first.pk, output=str(target), stdout=io.StringIO())
    data = json.loads(target.read_text())
    assert [p["id"] for p in data["contact_persons"]] == [first.pk]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_of_an_unknown_person_says_so(db):
    with pytest.raises(CommandError, match="keine Ansprechperson"):
        _export(email="niemand@example.org")


def test_export_needs_exactly_one_way_to_find_the_person(db):
    with pytest.raises(CommandError):
        call_command("contact_person_export")


# --- Art. 17: erasure -----------------------------------------------------------------


def test_erase_removes_every_entry_and_its_history_and_keeps_others(erika):
    first, second, other = erika
    out = io.StringIO()
    call_command("contact_person_erase", email=PERSON, interactive=False, stdout=out)
    assert not ContactPerson.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert ContactPerson.objects.filter(pk=other.pk).exists()
    if hasattr(ContactPerson, "history"):
        assert not ContactPerson.history.filter(id__in=[first.pk, second.pk]).exists()
        assert ContactPerson.history.filter(id=other.pk).exists()
    report = out.getvalue()
    assert "Gelöscht: 2" in report
    # The free-text note is named for review and left as it is.
    assert "internal_notes" in report
    assert "Erika Beispiel" in Actor.objects.get(slug="abh").internal_notes


def test_erase_dry_run_and_refusal_change_nothing(erika, monkeypatch):
    call_command("contact_person_erase", email=PERSON, dry_run=True, stdout=io.StringIO())
    assert ContactPerson.objects.filter(email__iexact=PERSON).count() == 2
    monkeypatch.setattr("builtins.input", lambda prompt: "nein")
    with pytest.raises(CommandError, match="Abgebrochen"):
        call_command("contact_person_erase", email=PERSON, stdout=io.StringIO())
    assert ContactPerson.objects.filter(email__iexact=PERSON).count() == 2


def test_erase_of_an_unknown_person_says_so(db):
    with pytest.raises(CommandError, match="keine Ansprechperson"):
        call_command("contact_person_erase", email="niemand@example.org", interactive=False)
