"""Data protection of the actor directory: the contact persons' processing activity and
their rights (Art. 15 and 17 GDPR), for the management commands ``contact_person_export``
and ``contact_person_erase``. Registered through ``ActorsConfig.privacy_register``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import ContactPerson
from core.models import AccessibilityFeedback, User
from core.privacy import LEGAL_BASIS_PUBLIC_TASK, ProcessingActivity

ACTIVITIES: tuple[ProcessingActivity, ...] = (
    ProcessingActivity(
        slug="ansprechpersonen",
        title=_("Ansprechpersonen der Akteure"),
        purpose=_(
            "Mitarbeitende finden heraus, wer bei einem Akteur zuständig ist und wie sie "
            "ihn erreichen; die Verteilerliste eines Netzwerks (CSV) nennt die "
            "E-Mail-Adressen der Ansprechpersonen seiner Mitglieder. Nur für angemeldete "
            "Konten sichtbar, nie öffentlich."
        ),
        data_subjects=_("Beschäftigte von Behörden, Verbänden und Trägern"),
        legal_basis=LEGAL_BASIS_PUBLIC_TASK,
        recipients=_("Angemeldete Mitarbeitende, Koordination, Redaktion, Administration"),
        retention=_(
            "Solange die Person die Funktion innehat; bei jeder Prüfung des Akteurs "
            "(„Zuletzt geprüft“) wird die Angabe bestätigt oder gelöscht. Auskunft und "
            "Löschung: manage.py contact_person_export / contact_person_erase."
        ),
        fields=(
            ("actors.ContactPerson", ("name", "function", "phone", "email")),
            ("actors.Actor", ("internal_notes",)),
            ("actors.Responsibility", ("internal_notes",)),
            ("actors.Offer", ("internal_notes",)),
        ),
    ),
    ProcessingActivity(
        slug="suchen",
        title=_("Letzte und gespeicherte Suchen der Konten"),
        purpose=_(
            "Angemeldete Konten finden ihre letzten Suchen im Akteursverzeichnis und in "
            "„Wer ist zuständig?“ und die Suchen, die sie unter einem Namen gespeichert "
            "haben, in „Mein Bereich“ wieder. Nur das eigene Konto sieht sie."
        ),
        data_subjects=_("Angemeldete Konten"),
        legal_basis=LEGAL_BASIS_PUBLIC_TASK,
        recipients=_("Nur das eigene Konto"),
        retention=_(
            "Letzte Suchen: höchstens zehn je Konto und Suche, gelöscht nach 90 Tagen "
            "(täglich mit manage.py searches_trim; ältere werden nie angezeigt). "
            "Gespeicherte Suchen: bis das Konto sie löscht oder das Konto gelöscht wird."
        ),
        fields=(
            ("actors.RecentSearch", ("user", "kind", "query", "searched_at")),
            ("actors.SavedSearch", ("user", "name", "kind", "query", "created_at")),
        ),
    ),
)

#: Fields named like personal data that hold an organisation's or a category's data.
NOT_PERSONAL = frozenset(
    {
        "actors.actor:name",
        "actors.actor:email",  # the organisation's functional address
        "actors.actor:phone",
        "actors.task:name",
        "actors.targetgroup:name",
        "actors.language:name",
        "actors.offer:name",
        "actors.offer:email",  # the service's functional address, never a person's
        "actors.offer:phone",
        "actors.topic:name",
        "actors.place:name",
    }
)


# --- rights of contact persons (Art. 15 and 17 GDPR) ------------------------------------


def _contact_persons(*, email: str | None, pk: int | None):
    if pk is not None:
        return ContactPerson.objects.filter(pk=pk)
    if email:
        return ContactPerson.objects.filter(email__iexact=email.strip())
    raise ValueError("email or pk is required")


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _row(instance, exclude=()) -> dict:
    return {
        f.attname: _plain(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.attname not in exclude
    }


def _history_rows(model, pks) -> list:
    history = getattr(model, "history", None)
    if history is None or not pks:
        return []
    return list(history.filter(id__in=pks).order_by("history_date"))


def _mentions(terms: list[str]) -> list[dict]:
    """Free-text fields of the apps' data that mention the person (for manual review)."""
    terms = [t for t in terms if t and len(t) >= 3]
    found = []
    if not terms:
        return found
    for app_label in ("actors", "networks", "timeline"):
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in config.get_models():
            text_fields = [
                f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)
            ]
            for name in text_fields:
                condition = models.Q()
                for term in terms:
                    condition |= models.Q(**{f"{name}__icontains": term})
                for pk in model._default_manager.filter(condition).values_list("pk", flat=True):
                    found.append({"model": model._meta.label, "id": pk, "field": name})
    return found


def contact_person_export(*, email: str | None = None, pk: int | None = None) -> dict:
    """Everything the portal stores about one contact person (Art. 15 GDPR), as JSON data.

    A person is found by e-mail address (every contact entry with it, at any actor) or
    by the id of one entry. Also listed: accounts and accessibility feedback with the
    same address, and free-text fields that mention the person.
    """
    persons = list(_contact_persons(email=email, pk=pk).select_related("actor"))
    addresses = {p.email.lower() for p in persons if p.email} | (
        {email.lower()} if email else set()
    )
    history = _history_rows(ContactPerson, [p.pk for p in persons])
    return {
        "exported_at": timezone.now().isoformat(),
        "controller": settings.PORTAL_OPERATOR,
        "legal_basis": "Art. 15 DSGVO",
        "request": {"email": email, "id": pk},
        "contact_persons": [
            {**_row(p), "actor": {"id": p.actor_id, "name": p.actor.name}} for p in persons
        ],
        "history": [_row(h) for h in history],
        "accounts": [
            _row(user, exclude={"password"}) for user in User.objects.filter(email__in=addresses)
        ]
        if addresses
        else [],
        "accessibility_feedback": [
            _row(f) for f in AccessibilityFeedback.objects.filter(email__in=addresses)
        ]
        if addresses
        else [],
        "mentions_in_free_text": _mentions(sorted(addresses | {p.name for p in persons})),
    }


@dataclass
class ErasureReport:
    contact_persons: int = 0
    history_rows: int = 0
    #: Free-text mentions left for a person to review (they may concern others too).
    mentions: list[dict] = field(default_factory=list)


@transaction.atomic
def contact_person_erase(
    *, email: str | None = None, pk: int | None = None, dry_run: bool = False
) -> ErasureReport:
    """Erase one contact person (Art. 17 GDPR): every contact entry and its history rows.

    All or nothing. Free-text mentions are reported, not edited: they need a human
    decision. Accounts and feedback are separate processing activities and are not
    touched.
    """
    persons = list(_contact_persons(email=email, pk=pk))
    pks = {p.pk for p in persons}
    history_manager = getattr(ContactPerson, "history", None)
    if email and history_manager is not None:
        # Entries deleted earlier (or whose address has changed since) live on in the
        # history under the address: they are the person's data too.
        pks |= set(history_manager.filter(email__iexact=email.strip()).values_list("id", flat=True))
    history = _history_rows(ContactPerson, pks)
    report = ErasureReport(
        contact_persons=len(persons),
        history_rows=len(history),
        mentions=_mentions(
            sorted({p.email for p in persons if p.email} | {p.name for p in persons})
        ),
    )
    if dry_run or not (persons or history):
        return report
    ContactPerson.objects.filter(pk__in=pks).delete()
    if history_manager is not None:
        # Deleting creates one more history row ("-"); it goes too.
        history_manager.filter(id__in=pks).delete()
    return report
