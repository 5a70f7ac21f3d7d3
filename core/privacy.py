"""Data protection: which personal data the portal stores and why.

``register()`` is the portal's record of processing activities (Verzeichnis der
Verarbeitungstätigkeiten, Art. 30 GDPR) as far as the portal itself is concerned; the
staff page ``/datenschutz/intern/`` shows it, with the field names read from the
models so that it cannot drift from the code. A test fails when a model gains a field
with personal data that no activity lists.

Each app contributes its own activities through ``AppConfig.privacy_register`` (the
accounts' and the site's are here, the contact persons' in ``actors.privacy``, with their
rights under Art. 15 and 17 GDPR).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core import registry


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

#: The activities of the accounts and the site itself; the apps add theirs (``register()``).
ACTIVITIES: tuple[ProcessingActivity, ...] = (
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
            ("integration_portal.AccountChange", ("account", "action", "role", "by", "at")),
            ("account.EmailAddress", ("email",)),
            ("mfa.Authenticator", ("type", "data", "created_at", "last_used_at")),
            ("networks.Network", ("coordinators",)),
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
        recipients=_(
            "Administration des Portals; die Kontaktadresse des Portals erhält nur die "
            "Vorgangsnummer und einen Link"
        ),
        retention=_("Ein Jahr nach Abschluss der Bearbeitung."),
        fields=(
            (
                "integration_portal.AccessibilityFeedback",
                ("name", "email", "message", "page_url", "answer_note", "handled_by"),
            ),
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
            "Sitzungen enden nach acht Stunden ohne Aktivität (in der Datenbank und in "
            "ihrem Zwischenspeicher, der auch das angemeldete Konto für höchstens zwei "
            "Minuten hält); Zähler für fehlgeschlagene Anmeldungen verfallen nach fünf "
            "Minuten."
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
        "auth.group:name",
        "auth.permission:name",
        "contenttypes.contenttype:name",
    }
)


def _contributions() -> list:
    """The privacy modules of the installed apps (``AppConfig.privacy_register``):
    ``ACTIVITIES``, and ``NOT_PERSONAL`` for fields named like personal data that are not."""
    return registry.contributions("privacy_register")


def register() -> tuple[ProcessingActivity, ...]:
    """The portal's record of processing activities: every app's activities."""
    return tuple(
        activity for module in _contributions() for activity in getattr(module, "ACTIVITIES", ())
    )


def not_personal() -> frozenset[str]:
    return frozenset().union(*(getattr(module, "NOT_PERSONAL", ()) for module in _contributions()))


def registered_fields() -> set[str]:
    return {
        f"{apps.get_model(label)._meta.label_lower}:{name}"
        for activity in register()
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
    listed = registered_fields() | not_personal()
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
