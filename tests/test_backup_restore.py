"""Backups: back up, wipe, restore, and every row and every history entry is back."""

import os
import stat

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.tests.factories import (
    ActorFactory,
    LanguageFactory,
    MunicipalityFactory,
    OfferFactory,
    OfferPlaceFactory,
    OpeningHoursFactory,
    ResponsibilityFactory,
    TargetGroupFactory,
    TopicFactory,
)
from core import versions
from core.tests.factories import AccessibilityFeedbackFactory, UserFactory
from integration_portal.backups import JSON_EXCLUDED, BackupError, backup_format
from stewardship.models import Suggestion, SuggestionKind
from timeline.tests.factories import (
    CharacteristicFactory,
    CitationFactory,
    EventFactory,
    QuoteFactory,
    SourceFactory,
    ThesisFactory,
)

# pg_dump reads committed data only, so these tests commit (and clean up after themselves).
pytestmark = pytest.mark.django_db(transaction=True)

#: Rebuilt by ``migrate`` with their own ids; compared by natural key instead.
REBUILT = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
#: Moved on by the restore itself, so that no fragment cached before it is served.
MOVED_ON = {"integration_portal.contentversion"}


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table (history and many-to-many tables included), by model.

    Compared by what they mean where the ids may change: ``flush`` recreates the content
    types under new ids (the backup names them by app label and model), and many-to-many
    rows are backed up as lists on their owner, so they get new ids on restore."""
    content_types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in REBUILT | MOVED_ON:
            continue
        references = [
            f.attname
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is ContentType
        ]
        table = []
        for row in model._default_manager.order_by("pk").values():
            for name in references:
                row[name] = content_types.get(row[name])
            if model._meta.auto_created:
                del row["id"]
            table.append(row)
        if model._meta.auto_created:
            table.sort(key=lambda row: sorted(row.items()))
        rows[label] = table
    return rows


def history_models():
    return [m for m in apps.get_models() if m.__name__.startswith("Historical")]


@pytest.fixture
def portal_data(world):
    """Rows in every kind of table: accounts with roles and authenticators, feedback,
    the admin log, and whatever the apps provide, with their change history."""
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    admin = UserFactory(email="ada@example.org", role="admin", name="Ada Ä. Ümlaut")
    UserFactory(email="cora@example.org", role="coordinator")
    staff = UserFactory(email="sam@example.org", role="staff")
    group = Group.objects.create(name="Redaktion Heinsberg")
    staff.groups.add(group)
    AccessibilityFeedbackFactory(message="Kontrast zu schwach – „Fußzeile“ 😀", name="Zoë")
    AccessibilityFeedbackFactory(message="Tabelle ohne Überschrift\nZeile 2")
    LogEntry.objects.log_actions(
        user_id=admin.pk,
        queryset=Group.objects.all(),
        action_flag=ADDITION,
        change_message="angelegt",
    )
    ContentType.objects.get_for_model(Group)

    CitationFactory(source=SourceFactory(), period=world.period)
    CharacteristicFactory(period=world.period)
    EventFactory(period=world.period)
    QuoteFactory(thesis=ThesisFactory())
    # The directory's entries with every many-to-many field filled (their histories too).
    group, language, town = TargetGroupFactory(), LanguageFactory(), MunicipalityFactory()
    actor = ActorFactory()
    actor.target_groups.add(group)
    actor.languages.add(language)
    offer = OfferFactory(actor=actor)
    offer.topics.add(TopicFactory())
    offer.target_groups.add(group)
    offer.languages.add(language)
    offer.municipalities.add(town)
    OpeningHoursFactory(offer=offer, offer_place=OfferPlaceFactory(offer=offer))
    ResponsibilityFactory(actor=actor).municipalities.add(town)
    # A suggestion from outside (its history leaves out the proposer's contact).
    Suggestion.objects.create(
        kind=SuggestionKind.ACTOR,
        actor=actor,
        proposed={"phone": "02452 13-0"},
        proposer_email="ida@example.org",
    )
    for model in history_models():
        # Each app with history gets at least one entry by changing one of its objects.
        instance = model.instance_type._default_manager.first()
        if instance is not None:
            instance.save()
    return snapshot()


def test_backup_wipe_restore_brings_back_every_row(portal_data, tmp_path):
    for label in (
        "integration_portal.user",
        "mfa.authenticator",
        "integration_portal.accessibilityfeedback",
        "admin.logentry",
        "integration_portal.user_groups",
        "actors.actor",
        "actors.contactperson",
        "networks.network_coordinators",
        "networks.membership",
        "networks.coordinationlink",
        "timeline.period",
    ):
        assert portal_data[label], label
    history = [m._meta.label_lower for m in history_models()]
    assert "networks.historicalmembership" in history
    for label in history:
        assert portal_data[label], f"no history rows in {label}"
    target = tmp_path / "sicherung"
    call_command("backup", output=str(target), stdout=open(os.devnull, "w"))
    assert target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    backed_up_version = versions.current()
    call_command("flush", "--no-input", verbosity=0)
    wiped = snapshot()
    assert all(not rows for rows in wiped.values())

    call_command("restore", str(target), "--no-input", stdout=open(os.devnull, "w"))
    restored = snapshot()
    assert restored.keys() == portal_data.keys()
    for label, rows in portal_data.items():
        assert restored[label] == rows, label
    assert versions.current() not in (0, backed_up_version)


def test_restore_needs_confirmation(portal_data, tmp_path, monkeypatch):
    target = tmp_path / "sicherung"
    call_command("backup", output=str(target), stdout=open(os.devnull, "w"))
    monkeypatch.setattr("builtins.input", lambda prompt: "nein")
    with pytest.raises(CommandError, match="Abgebrochen"):
        call_command("restore", str(target))
    assert snapshot() == portal_data


def test_restore_refuses_a_file_that_is_no_backup(portal_data, tmp_path):
    bogus = tmp_path / "notizen.txt"
    bogus.write_text("Einkaufsliste")
    with pytest.raises(CommandError, match="keine Sicherung"):
        call_command("restore", str(bogus), "--no-input")
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("restore", str(tmp_path / "fehlt.dump"), "--no-input")
    assert snapshot() == portal_data


def test_a_broken_backup_changes_nothing(portal_data, tmp_path):
    target = tmp_path / "sicherung"
    call_command("backup", output=str(target), stdout=open(os.devnull, "w"))
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])  # cut off in the middle
    with pytest.raises(CommandError):
        call_command("restore", str(target), "--no-input")
    assert snapshot() == portal_data


def test_backup_format_is_recognised(tmp_path):
    dump = tmp_path / "a"
    dump.write_bytes(b"PGDMP\x01\x0e")
    assert backup_format(dump) == "postgresql"
    json_file = tmp_path / "b"
    json_file.write_text('[{"model": "x"}]')
    assert backup_format(json_file) == "json"
    other = tmp_path / "c"
    other.write_text("hallo")
    with pytest.raises(BackupError):
        backup_format(other)


def test_default_backup_goes_to_var_backups(db, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    call_command("backup")
    written = capsys.readouterr().out.strip()
    assert written.startswith(str(tmp_path / "backups" / "portal-"))
    assert os.path.exists(written)


def test_sessions_are_the_only_rows_a_json_backup_leaves_out():
    assert set(JSON_EXCLUDED) == {"contenttypes", "auth.permission", "sessions"}
