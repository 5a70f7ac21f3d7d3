"""Coordination networks of the KI and KIM: networks, memberships, coordination links.

A network (e.g. the KIM-Lenkungsgruppe) has members (actors from the directory) with a
role and a period. Memberships are never deleted: ending one sets ``until``, so the
network's past stays readable. Coordination links say which two actors work together
and how (e.g. Ausländerbehörde → KIM Case Management: Verweisung/Fallübergabe),
optionally in the context of one network. Every change is recorded by
django-simple-history; ``version`` fields give optimistic locking for concurrent edits.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Actor, open_data_id
from core import versions
from core.choices import ChoiceDisplayMixin
from core.constraints import FieldCheckConstraint
from core.permissions import is_internal
from core.text_input import MaxCharactersValidator
from core.visibility import internal_reference_errors

# Paths below /netzwerke/ that belong to pages, not to networks.
RESERVED_SLUGS = frozenset(
    {
        "abbildungen",
        "karte",
        "kommunales-integrationszentrum",
        "kommunales-integrationsmanagement",
    }
)


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Diese Kurzadresse ist für eine Seite des Portals reserviert."), code="reserved"
        )


def today() -> datetime.date:
    return timezone.localdate()


# ---------------------------------------------------------------------------
# Limits of typed text and of dates
#
# Every text field has a limit, so that no single text stretches a page over many
# screens. Text fields keep their column type (``text``): the limit is a
# validator of the model (services and admin) and of the forms (with ``maxlength`` in
# the page), so a longer value stored before the limit is shown in full and refused
# only when someone saves it again, never cut. (Character fields have their column's
# length and Django's own check; the forms show the same message for both.)

#: Internal notes on a membership, a link's description, a network's purpose.
NOTE_MAX_LENGTH = 2000
#: A network's public description and its internal note.
DESCRIPTION_MAX_LENGTH = 5000
#: A one-line statement such as the meeting rhythm.
SHORT_TEXT_MAX_LENGTH = 200


# The period of a membership or link: plausible dates only. The coordination networks
# of the county are younger than 1950 (earlier dates are typing errors such as 0202);
# a start or end is planned at most one year ahead (later ones are typing errors such
# as 2062 for 2026). The end not before the start is the constraint of ``TimeBounded``.
EARLIEST_DATE = datetime.date(1950, 1, 1)


def latest_plausible_date(on: datetime.date | None = None) -> datetime.date:
    """The same day one year after ``on`` (default: today); 28 February after 29 February."""
    on = on or today()
    try:
        return on.replace(year=on.year + 1)
    except ValueError:
        return on.replace(year=on.year + 1, day=28)


def _short_date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def validate_plausible_start(value: datetime.date) -> None:
    """A start from 1950 until one year ahead."""
    if not isinstance(value, datetime.date):
        return
    if value < EARLIEST_DATE:
        raise ValidationError(
            _(
                "Der Beginn darf nicht vor dem %(earliest)s liegen. Bitte prüfen Sie die Jahreszahl."
            ),
            code="too_early",
            params={"earliest": _short_date(EARLIEST_DATE)},
        )
    latest = latest_plausible_date()
    if value > latest:
        raise ValidationError(
            _(
                "Der Beginn darf höchstens ein Jahr in der Zukunft liegen, also spätestens am "
                "%(latest)s. Bitte prüfen Sie die Jahreszahl."
            ),
            code="too_late",
            params={"latest": _short_date(latest)},
        )


def validate_plausible_end(value: datetime.date) -> None:
    """An end from 1950 until one year ahead (not before the start: ``TimeBounded``)."""
    if not isinstance(value, datetime.date):
        return
    if value < EARLIEST_DATE:
        raise ValidationError(
            _(
                "Das Enddatum darf nicht vor dem %(earliest)s liegen. Bitte prüfen Sie die "
                "Jahreszahl."
            ),
            code="too_early",
            params={"earliest": _short_date(EARLIEST_DATE)},
        )
    latest = latest_plausible_date()
    if value > latest:
        raise ValidationError(
            _(
                "Das Enddatum darf höchstens ein Jahr in der Zukunft liegen, also spätestens "
                "am %(latest)s. Bitte prüfen Sie die Jahreszahl."
            ),
            code="too_late",
            params={"latest": _short_date(latest)},
        )


class NetworkKind(models.TextChoices):
    KI_NETWORK = "ki_network", _("KI-Netzwerk")
    STEERING_GROUP = "steering_group", _("KIM-Lenkungsgruppe")
    COORDINATING_OFFICE = "coordinating_office", _("Koordinierende Stelle")
    CASE_MANAGEMENT = "case_management", _("Case-Management-Verbund")
    IMMIGRATION_OFFICE_POSTS = "immigration_office_posts", _("Personalstellen Ausländerbehörde")
    WORKING_GROUP = "working_group", _("Arbeitskreis")
    VOLUNTEER_NETWORK = "volunteer_network", _("Ehrenamtsnetzwerk")


class Programme(models.TextChoices):
    KI = "ki", _("Kommunales Integrationszentrum (KI)")
    KIM = "kim", _("Kommunales Integrationsmanagement (KIM)")
    OTHER = "other", _("Anderes Programm")


class LegalBasis(models.TextChoices):
    TINTG_8 = "tintg_8", _("§ 8 TIntG NRW (Kommunale Integrationszentren)")
    TINTG_9 = "tintg_9", _("§ 9 TIntG NRW (Kommunales Integrationsmanagement)")
    NONE = "none", _("Keine besondere Rechtsgrundlage")


class FieldOfWork(models.TextChoices):
    """The three fields of work of a KI (§ 8 Abs. 1 Nr. 1–3 TIntG NRW)."""

    EDUCATION = "education", _("Integration durch Bildung")
    CROSS_CUTTING = "cross_cutting", _("Integration als Querschnittsaufgabe")
    VOLUNTEERING = "volunteering", _("Koordination Ehrenamt")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Vorsitz/Lenkung")
    COORDINATION = "coordination", _("Koordination")
    MEMBER = "member", _("Mitglied")
    ADVISORY = "advisory", _("beratend/Gast")


class LinkKind(models.TextChoices):
    COOPERATION = "cooperation", _("Kooperation")
    REFERRAL = "referral", _("Verweisung/Fallübergabe")
    CASE_CONFERENCE = "case_conference", _("rechtskreisübergreifende Fallkonferenz")
    FUNDING = "funding", _("Förderung")
    STEERING = "steering", _("Steuerung")
    INFORMATION = "information", _("Informationsaustausch")


# ---------------------------------------------------------------------------
# Versions (optimistic locking), shared by networks, memberships and links


class Versioned(models.Model):
    """Optimistic locking: every save increments ``version``; the services refuse a
    change based on an older one (``networks.services.StaleVersionError``)."""

    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------
# Networks


class NetworkQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        return self if is_internal(user) else self.public()

    def with_member_counts(self, user, on: datetime.date | None = None):
        """Annotate ``member_count``: current members the viewer may see (with ``on``:
        the members on that day, ``TimeBoundedQuerySet.on``).

        A correlated subquery rather than a join with ``COUNT``: PostgreSQL evaluates it
        only for the rows of the page, after sorting and ``LIMIT``, where the join counted
        every membership of every network first (200,000 at NRW scale).
        """
        members = Membership.objects.current() if on is None else Membership.objects.on(on)
        members = members.filter(network=OuterRef("pk"))
        if not is_internal(user):
            members = members.filter(actor__is_public=True)
        count = members.order_by().values("network").annotate(n=Count("pk")).values("n")
        return self.annotate(member_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))


class Network(ChoiceDisplayMixin, Versioned, models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(
        _("Kurzadresse"), max_length=200, unique=True, validators=[validate_not_reserved]
    )
    kind = models.CharField(
        _("Art"), max_length=30, choices=NetworkKind.choices, default=NetworkKind.WORKING_GROUP
    )
    programme = models.CharField(
        _("Programm"), max_length=10, choices=Programme.choices, default=Programme.OTHER
    )
    legal_basis = models.CharField(
        _("Rechtsgrundlage"), max_length=10, choices=LegalBasis.choices, default=LegalBasis.NONE
    )
    field_of_work = models.CharField(
        _("Handlungsfeld"),
        max_length=20,
        choices=FieldOfWork.choices,
        blank=True,
        help_text=_("Handlungsfeld des KI nach § 8 Abs. 1 TIntG NRW, falls zutreffend."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Teil von"),
    )
    lead_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_networks",
        verbose_name=_("Federführung"),
    )
    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxCharactersValidator(DESCRIPTION_MAX_LENGTH)],
    )
    purpose = models.TextField(
        _("Zweck"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxCharactersValidator(NOTE_MAX_LENGTH)],
        help_text=_("Wozu das Netzwerk da ist, z. B. „Abstimmung der Fallübergaben im KIM“."),
    )
    meeting_rhythm = models.CharField(
        _("Sitzungsrhythmus"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Z. B. „vierteljährlich, jeweils am ersten Dienstag“."),
    )
    internal_note = models.TextField(
        _("Interne Notiz"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxCharactersValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=_("Nur für angemeldete Mitarbeitende sichtbar."),
    )
    is_public = models.BooleanField(_("Öffentlich"), default=True)
    # Written by `seed_demo` (networks/demo.py) and removed by `seed_demo --clear`.
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_networks",
        verbose_name=_("Koordination"),
    )

    uuid = open_data_id()
    history = HistoricalRecords()
    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        # A public network shows its lead actor and the network it is part of.
        errors = internal_reference_errors(self, "lead_actor", "parent")
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------
# Periods, shared by memberships and coordination links


class TimeBoundedQuerySet(models.QuerySet):
    def open(self):
        """Records without an end date."""
        return self.filter(until__isnull=True)

    def current(self, on: datetime.date | None = None):
        """Records that have not ended on the given day (default: today)."""
        on = on or today()
        return self.filter(Q(until__isnull=True) | Q(until__gte=on))

    def former(self, on: datetime.date | None = None):
        """Records that ended before the given day (default: today)."""
        on = on or today()
        return self.filter(until__lt=on)

    def on(self, day: datetime.date):
        """Records that held on the given day: begun on or before it, not ended before it.

        Unlike ``current()`` a record that begins after the day (a planned membership)
        is not part of it: this is the network as it was (or will be) on that day.
        """
        return self.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day))

    def during(self, first: datetime.date, last: datetime.date):
        """Records that held on at least one day from ``first`` to ``last`` (both included)."""
        return self.filter(since__lte=last).filter(Q(until__isnull=True) | Q(until__gte=first))

    def overlapping(self, since: datetime.date, until: datetime.date | None):
        """Records whose period meets the one from ``since`` to ``until`` (both days
        included; ``None`` for open)."""
        records = self.current(on=since)
        return records if until is None else records.filter(since__lte=until)


class TimeBounded(models.Model):
    """A record that holds from ``since`` to ``until`` (both days included; open while
    ``until`` is empty). It is never deleted: ending it sets ``until``.

    The end date not before the start is a database constraint; ``full_clean()`` (forms,
    admin, services) reports its message at the ``until`` field.
    """

    since = models.DateField(_("Seit"), default=today, validators=[validate_plausible_start])
    until = models.DateField(_("Bis"), null=True, blank=True, validators=[validate_plausible_end])

    objects = TimeBoundedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            FieldCheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="%(app_label)s_%(class)s_until_not_before_since",
                field="until",
                violation_error_message=_("Das Enddatum darf nicht vor dem Beginn liegen."),
            ),
        ]

    @property
    def is_current(self) -> bool:
        """Whether the record has not ended today."""
        return self.until is None or self.until >= today()


# ---------------------------------------------------------------------------
# Memberships


class MembershipQuerySet(TimeBoundedQuerySet):
    def visible_to(self, user):
        """Anonymous visitors see memberships of public actors in public networks only."""
        if is_internal(user):
            return self
        return self.filter(actor__is_public=True, network__is_public=True)


class Membership(versions.ScopedVersions, ChoiceDisplayMixin, Versioned, TimeBounded):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Netzwerk")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Akteur")
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    note = models.TextField(
        _("Interne Notiz"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxCharactersValidator(NOTE_MAX_LENGTH)],
        help_text=_("Nur für angemeldete Mitarbeitende sichtbar."),
    )

    uuid = open_data_id()
    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()
    # Saved many times a day: a version of its own, so that a save leaves the cached
    # directory alone, and one per actor and network, so that it leaves the pages of
    # other actors and networks alone (core/versions.py).
    content_version_name = versions.MEMBERSHIPS

    class Meta(TimeBounded.Meta):
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["network", "actor__name", "-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "actor"],
                condition=Q(until__isnull=True),
                name="networks_membership_one_open_per_actor",
                violation_error_message=_(
                    "Dieser Akteur ist bereits ohne Enddatum Mitglied dieses Netzwerks."
                ),
            ),
            *TimeBounded.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.network}"

    def content_version_keys(self) -> tuple[str, ...]:
        # From the loaded values (never a query for a deferred field).
        values = self.__dict__
        return (
            versions.memberships_of_actor(values.get("actor_id")),
            versions.memberships_of_network(values.get("network_id")),
        )


# ---------------------------------------------------------------------------
# Coordination links


class CoordinationLinkQuerySet(TimeBoundedQuerySet):
    def visible_to(self, user):
        """Anonymous visitors see links between public actors outside internal networks."""
        if is_internal(user):
            return self
        return self.filter(source__is_public=True, target__is_public=True).filter(
            Q(network__isnull=True) | Q(network__is_public=True)
        )

    def involving(self, actor_ids):
        return self.filter(Q(source__in=actor_ids) | Q(target__in=actor_ids))


class CoordinationLink(versions.ScopedVersions, ChoiceDisplayMixin, Versioned, TimeBounded):
    """Two actors work together in a certain way (directed from ``source`` to ``target``)."""

    source = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="links_out", verbose_name=_("Von")
    )
    target = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="links_in", verbose_name=_("Zu")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=LinkKind.choices)
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("Im Rahmen von"),
    )
    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxCharactersValidator(NOTE_MAX_LENGTH)],
    )

    uuid = open_data_id()
    history = HistoricalRecords()
    objects = CoordinationLinkQuerySet.as_manager()
    content_version_name = versions.MEMBERSHIPS

    class Meta(TimeBounded.Meta):
        verbose_name = _("Verbindung")
        verbose_name_plural = _("Verbindungen")
        ordering = ["source__name", "kind", "target__name"]
        constraints = [
            FieldCheckConstraint(
                condition=~Q(source=F("target")),
                name="networks_link_between_two_actors",
                field="target",
                violation_error_message=_("Eine Verbindung braucht zwei verschiedene Akteure."),
            ),
            *TimeBounded.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"

    def content_version_keys(self) -> tuple[str, ...]:
        values = self.__dict__
        keys = [
            versions.memberships_of_actor(values.get("source_id")),
            versions.memberships_of_actor(values.get("target_id")),
        ]
        if values.get("network_id") is not None:
            keys.append(versions.memberships_of_network(values["network_id"]))
        return tuple(keys)
