"""Suggestions from outside: anyone may propose a correction of a public actor or offer,
or a new offer of an actor; staff take it over or turn it down.

A suggestion keeps only the public fields it changes (``proposed``, a whitelist per
kind: ``ACTOR_FIELDS``, ``OFFER_FIELDS``), the values those fields had when it came in
(``base``: the review page says when the entry changed since), and what was finally
applied (``applied``: the staff may edit before accepting). The proposer's name and
address are personal data: only on the staff pages, never in the history (erasing them
erases them), and erased 90 days after handling (``manage.py suggestions_trim``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Offer
from core.history import HistoricalRecords

#: The public fields of an actor that a suggestion may change, in the order of the form.
ACTOR_FIELDS = (
    "name",
    "short_name",
    "description",
    "street",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "opening_hours",
)
#: The public fields of an offer that a suggestion may change or fill in.
OFFER_FIELDS = (
    "name",
    "description",
    "application_process",
    "fees_description",
    "url",
    "email",
    "phone",
)
#: The longest comment a proposer may write.
COMMENT_MAX_LENGTH = 2000


class SuggestionKind(models.TextChoices):
    ACTOR = "actor", _("Korrektur eines Akteurs")
    OFFER = "offer", _("Korrektur eines Angebots")
    NEW_OFFER = "new_offer", _("Neues Angebot")


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("neu")
    ACCEPTED = "accepted", _("übernommen")
    REJECTED = "rejected", _("abgelehnt")


class SuggestionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def open(self):
        return self.filter(status=SuggestionStatus.NEW)

    def contacts_expired(self, *, now: datetime.datetime | None = None):
        """Handled suggestions whose proposer's contact data is past its retention."""
        limit = (now or timezone.now()) - Suggestion.CONTACT_RETENTION
        return (
            self.exclude(status=SuggestionStatus.NEW)
            .filter(handled_at__lt=limit)
            .exclude(proposer_email="", proposer_name="")
        )


class Suggestion(models.Model):
    """A proposed correction of a public actor or offer, or a proposed new offer.

    ``version`` gives optimistic locking as in the feedback inbox: every save moves it
    on; ``services.suggestion_accept`` and ``suggestion_reject`` refuse an older one.
    """

    #: How long the proposer's name and address are kept after handling.
    CONTACT_RETENTION = datetime.timedelta(days=90)
    # Not content of any page: its writes do not move the directory's content version.
    tracks_content_version = False

    kind = models.CharField(_("Art"), max_length=20, choices=SuggestionKind.choices)
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("Akteur")
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("Angebot"),
        help_text=_("Bei einem neuen Angebot: das daraus angelegte Angebot."),
    )
    proposed = models.JSONField(_("Vorgeschlagene Werte"), default=dict, blank=True)
    base = models.JSONField(_("Werte beim Eingang"), default=dict, blank=True)
    applied = models.JSONField(_("Übernommene Werte"), default=dict, blank=True)
    comment = models.TextField(_("Kommentar"), max_length=COMMENT_MAX_LENGTH, blank=True)
    proposer_name = models.CharField(
        _("Name der vorschlagenden Person"), max_length=150, blank=True
    )
    proposer_email = models.EmailField(_("E-Mail-Adresse für Rückfragen"), blank=True)
    may_credit = models.BooleanField(_("Darf namentlich genannt werden"), default=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    rejection_reason = models.TextField(_("Grund der Ablehnung"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Bearbeitet von"),
    )
    handled_at = models.DateTimeField(_("Bearbeitet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Eingegangen"), default=timezone.now)
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    # The handling in the history; the proposer's data stays in this row only.
    history = HistoricalRecords(excluded_fields=["proposer_name", "proposer_email"])
    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="suggestion_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SuggestionKind.values),
                name="suggestion_kind_valid",
                violation_error_message=_("Die Art des Vorschlags ist ungültig."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values),
                name="suggestion_status_valid",
                violation_error_message=_("Der Status ist ungültig."),
            ),
            models.CheckConstraint(
                condition=Q(kind=SuggestionKind.ACTOR, offer__isnull=True)
                | Q(kind=SuggestionKind.OFFER, offer__isnull=False)
                | Q(kind=SuggestionKind.NEW_OFFER),
                name="suggestion_offer_of_kind",
                violation_error_message=_("Das Angebot passt nicht zur Art des Vorschlags."),
            ),
        ]

    def __str__(self) -> str:
        return _("Vorschlag Nr. %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("stewardship:suggestion_detail", kwargs={"pk": self.pk})

    @property
    def field_names(self) -> tuple[str, ...]:
        """The public fields this kind of suggestion may change."""
        return ACTOR_FIELDS if self.kind == SuggestionKind.ACTOR else OFFER_FIELDS

    @property
    def entry_model(self) -> type[models.Model]:
        return Actor if self.kind == SuggestionKind.ACTOR else Offer

    @property
    def entry(self) -> Actor | Offer | None:
        """The actor or offer the suggestion is about (a new offer: None until accepted)."""
        return self.actor if self.kind == SuggestionKind.ACTOR else self.offer

    @property
    def is_open(self) -> bool:
        return self.status == SuggestionStatus.NEW

    @property
    def entry_name(self) -> str:
        entry = self.entry
        if entry is not None:
            return entry.name
        return self.proposed.get("name", "")


def public_values(entry: Actor | Offer, names: tuple[str, ...]) -> dict[str, str]:
    """The entry's values of the named fields, as text (the form's and the JSON's)."""
    return {name: str(getattr(entry, name) or "") for name in names}
