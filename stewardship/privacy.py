"""Data protection of the stewardship app: the suggestions' processing activity.
Registered through ``StewardshipConfig.privacy_register`` (``core.privacy``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.privacy import ProcessingActivity

ACTIVITIES: tuple[ProcessingActivity, ...] = (
    ProcessingActivity(
        slug="vorschlaege",
        title=_("Vorschläge zum Akteursverzeichnis"),
        purpose=_(
            "Besucherinnen und Besucher schlagen Korrekturen öffentlicher Einträge oder neue "
            "Angebote vor; die Redaktion prüft sie, fragt bei Bedarf nach und teilt das "
            "Ergebnis mit. Der Name erscheint nur mit Einwilligung im Änderungsverlauf "
            "(nur für Mitarbeitende sichtbar), nie auf einer öffentlichen Seite."
        ),
        data_subjects=_("Personen, die einen Vorschlag senden"),
        legal_basis=_(
            "Art. 6 Abs. 1 lit. e DSGVO; Name und E-Mail-Adresse sind freiwillig, die Nennung "
            "des Namens nach Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)"
        ),
        recipients=_("Administration, Redaktion und Konten mit dem Recht, Akteure zu importieren"),
        retention=_(
            "Name und E-Mail-Adresse: bis 90 Tage nach der Bearbeitung, dann gelöscht "
            "(täglich mit manage.py suggestions_trim). Der Vorschlag selbst und seine "
            "Bearbeitung bleiben zur Nachvollziehbarkeit der Änderungen erhalten."
        ),
        fields=(
            (
                "stewardship.Suggestion",
                ("proposer_name", "proposer_email", "may_credit", "comment", "handled_by"),
            ),
        ),
    ),
)
