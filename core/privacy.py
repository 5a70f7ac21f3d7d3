"""Data protection: which personal data the portal stores and why, and the rights of
the people concerned (Art. 15 and 17 GDPR) for contact persons.

``REGISTER`` is the portal's record of processing activities (Verzeichnis der
Verarbeitungstätigkeiten, Art. 30 GDPR) as far as the portal itself is concerned; the
staff page ``/datenschutz/intern/`` shows it, with the field names read from the
models so that it cannot drift from the code. A test fails when a model gains a field
with personal data that no activity lists.

``contact_person_export`` and ``contact_person_erase`` serve the management commands of
the same names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ProcessingActivity:
    """One processing activity: what is stored about whom, why, on what basis, how long."""

    slug: str
    title: Promise
    purpose: Promise
    data_subjects: Promise
    legal_basis: Promise
    recipients: Promise
    retention: Promise
    #: (model label, field names) where the data is stored.
    fields: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)

    def stored_fields(self) -> list[dict]:
        """Model and field names, in the language of the request, for the staff page."""
        rows = []
        for label, names in self.fields:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            verbose = []
            for name in names:
                try:
                    verbose.append(str(model._meta.get_field(name).verbose_name))
                except FieldDoesNotExist:
                    continue
            rows.append({"model": str(model._meta.verbose_name_plural), "fields": verbose})
        return rows


LEGAL_BASIS_PUBLIC_TASK = _(
    "Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 3 DSG NRW (Erfüllung der Aufgaben des "
    "Kreises nach §§ 8, 9 TIntG NRW)"
)

REGISTER: tuple[ProcessingActivity, ...] = (
    ProcessingActivity(
        slug="konten",
        title=_("Konten der Mitarbeitenden, Koordination und Redaktion"),
        purpose=_(
            "Anmeldung, Zuordnung der Rolle und der koordinierten Netzwerke, Schutz des "
            "Kontos mit einem zweiten Faktor."
        ),
        data_subjects=_("Beschäftigte des Kreises, des KI und der Partnerorganisationen"),
        legal_basis=_(
            "Art. 6 Abs. 1 lit. e und Art. 88 DSGVO in Verbindung mit § 18 DSG NRW "
            "(Beschäftigtendaten)"
        ),
        recipients=_("Administration des Portals"),
        retention=_(
            "Bis zur Löschung des Kontos durch die Administration, spätestens drei Monate "
            "nach dem Ausscheiden."
        ),
        fields=(
            (
                "integration_portal.User",
                ("email", "name", "role", "password", "last_login", "date_joined"),
            ),
            ("account.EmailAddress", ("email",)),
            ("mfa.Authenticator", ("type", "data", "created_at", "last_used_at")),
            ("networks.Network", ("coordinators",)),
        ),
    ),
    ProcessingActivity(
        slug="ansprechpersonen",
        title=_("Ansprechpersonen der Akteure"),
        purpose=_(
            "Mitarbeitende finden heraus, wer bei einem Akteur zuständig ist und wie sie "
            "ihn erreichen. Nur für angemeldete Konten sichtbar, nie öffentlich."
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
        ),
    ),
    ProcessingActivity(
        slug="barrierefreiheit",
        title=_("Rückmeldungen zur Barrierefreiheit"),
        purpose=_(
            "Bearbeitung und Beantwortung von Hinweisen auf Barrieren (Feedback-Mechanismus "
            "nach § 10 BITV NRW)."
        ),
        data_subjects=_("Besucherinnen und Besucher, die eine Rückmeldung senden"),
        legal_basis=_(
            "Art. 6 Abs. 1 lit. c und e DSGVO in Verbindung mit § 10 BITV NRW; Name und "
            "E-Mail-Adresse sind freiwillig"
        ),
        recipients=_("Administration des Portals"),
        retention=_("Ein Jahr nach Abschluss der Bearbeitung."),
        fields=(
            ("integration_portal.AccessibilityFeedback", ("name", "email", "message", "page_url")),
        ),
    ),
    ProcessingActivity(
        slug="aenderungen",
        title=_("Nachvollziehbarkeit von Änderungen"),
        purpose=_(
            "Wer hat wann was an Netzwerken, Akteuren und Inhalten geändert: Grundlage für "
            "Rückfragen und für die Korrektur von Fehlern."
        ),
        data_subjects=_("Konten, die Daten ändern; Personen in den geänderten Daten"),
        legal_basis=LEGAL_BASIS_PUBLIC_TASK,
        recipients=_("Koordination (eigene Netzwerke), Administration"),
        retention=_(
            "Wie die Daten selbst; bei der Löschung einer Ansprechperson werden auch ihre "
            "Verlaufseinträge gelöscht."
        ),
        fields=(("admin.LogEntry", ("user", "action_time", "object_repr", "change_message")),),
    ),
    ProcessingActivity(
        slug="sitzungen",
        title=_("Sitzungen und Schutz vor Angriffen"),
        purpose=_(
            "Angemeldet bleiben; Schutz vor dem Erraten von Passwörtern und Codes "
            "(Begrenzung fehlgeschlagener Versuche)."
        ),
        data_subjects=_("Angemeldete Konten; Personen, die sich anzumelden versuchen"),
        legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO, Art. 32 DSGVO (Sicherheit der Verarbeitung)"),
        recipients=_("Niemand; technische Daten des Portals"),
        retention=_(
            "Sitzungen enden nach acht Stunden ohne Aktivität; Zähler für fehlgeschlagene "
            "Anmeldungen verfallen nach fünf Minuten."
        ),
        fields=(("sessions.Session", ("session_key", "session_data", "expire_date")),),
    ),
)


#: Fields that hold personal data wherever they appear; the register must list each one.
PERSONAL_FIELD_NAMES = frozenset(
    {"name", "email", "phone", "function", "internal_notes", "message", "coordinators"}
)
#: Models whose ``name`` is an organisation, a place or a category, not a person.
NOT_PERSONAL = frozenset(
    {
        "actors.actor:name",
        "actors.actor:email",  # the organisation's functional address
        "actors.actor:phone",
        "actors.task:name",
        "actors.targetgroup:name",
        "actors.language:name",
        "networks.network:name",
        "auth.group:name",
        "auth.permission:name",
        "contenttypes.contenttype:name",
    }
)


def registered_fields() -> set[str]:
    return {
        f"{apps.get_model(label)._meta.label_lower}:{name}"
        for activity in REGISTER
        for label, names in activity.fields
        if _model_exists(label)
        for name in names
    }


def _model_exists(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def unregistered_personal_fields() -> list[str]:
    """Fields that look like personal data but appear in no processing activity."""
    listed = registered_fields() | NOT_PERSONAL
    missing = []
    for model in apps.get_models():
        meta = model._meta
        if meta.label_lower.split(".")[1].startswith("historical"):
            continue  # history copies its model's fields; covered by "aenderungen"
        for model_field in meta.get_fields():
            if model_field.auto_created and not model_field.concrete:
                continue
            is_email = isinstance(model_field, models.EmailField)
            if model_field.name in PERSONAL_FIELD_NAMES or is_email:
                key = f"{meta.label_lower}:{model_field.name}"
                if key not in listed:
                    missing.append(key)
    return sorted(missing)


# --- rights of contact persons (Art. 15 and 17 GDPR) ------------------------------------


def _contact_persons(*, email: str | None, pk: int | None):
    from actors.models import ContactPerson

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
    from actors.models import ContactPerson
    from core.models import AccessibilityFeedback, User

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
    from actors.models import ContactPerson

    persons = list(_contact_persons(email=email, pk=pk))
    pks = [p.pk for p in persons]
    history = _history_rows(ContactPerson, pks)
    report = ErasureReport(
        contact_persons=len(persons),
        history_rows=len(history),
        mentions=_mentions(
            sorted({p.email for p in persons if p.email} | {p.name for p in persons})
        ),
    )
    if dry_run or not persons:
        return report
    history_manager = getattr(ContactPerson, "history", None)
    ContactPerson.objects.filter(pk__in=pks).delete()
    if history_manager is not None:
        # Deleting creates one more history row ("-"); it goes too.
        history_manager.filter(id__in=pks).delete()
    return report
