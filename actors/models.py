"""Actors of integration work on every political level, their tasks and their contacts.

The model follows the keynote: an actor sits on a level (EU, Bund, Land, Kreis,
kreisangehörige Kommune), belongs to one of the four kinds of section 6 (with a
finer sector), and works in one or more policy dimensions of the multi-level table,
each as a mandatory or a voluntary task. Tasks (Bogumil & Hafner) are their own model
so that the task catalogue and the directory filters read the same data.
"""

from __future__ import annotations

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.choices import (  # noqa: F401 - the vocabularies are part of the models' API
    LOCAL_LEVELS,
    OBLIGATION_OF_TASK_TYPE,
    SECTORS_BY_KIND,
    Dimension,
    Directness,
    Kind,
    Level,
    MunicipalTaskType,
    Obligation,
    Sector,
    _sector_matches_kind,
)
from actors.querysets import ActorQuerySet, TaskQuerySet
from actors.search import GermanSearchDocument
from core.choices import ChoiceDisplayMixin
from core.visibility import internal_reference_errors


class TargetGroup(models.Model):
    """A group of people an actor's offers are meant for (e.g. Geflüchtete)."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language an actor offers counselling or information in (ISO 639-1 code)."""

    code = models.SlugField(_("Sprachcode (ISO 639-1)"), max_length=10, unique=True)
    name = models.CharField(_("Name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Actor(ChoiceDisplayMixin, models.Model):
    """An organisation, authority or body that takes part in integration work."""

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=200, unique=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    is_public = models.BooleanField(
        _("Öffentlich"),
        default=True,
        help_text=_("Nicht öffentliche Akteure sehen nur angemeldete Mitarbeitende."),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("Bereich"), max_length=30, choices=Sector.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Übergeordnete Organisation"),
    )
    municipality = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_actors",
        limit_choices_to={"level": Level.MUNICIPALITY, "sector": Sector.LOCAL_AUTHORITY},
        verbose_name=_("Kreisangehörige Kommune"),
        help_text=_("Nur für Akteure vor Ort: die Stadt oder Gemeinde, in der sie arbeiten."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="actors", verbose_name=_("Zielgruppen")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="actors", verbose_name=_("Sprachen")
    )
    # Public contact data of the organisation (never of a person).
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    internal_notes = models.TextField(
        _("Interne Notizen"),
        blank=True,
        help_text=_("Nur für angemeldete Mitarbeitende sichtbar."),
    )
    last_verified = models.DateField(_("Zuletzt geprüft"), null=True, blank=True)
    # Written by `seed_demo` (actors/demo.py) and removed by `seed_demo --clear`.
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)
    search_vector = models.GeneratedField(
        expression=GermanSearchDocument(),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("Suchindex"),
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")
        ordering = ["name"]
        permissions = [("import_actors", _("Darf Akteure aus CSV-Dateien importieren"))]
        indexes = [
            models.Index(fields=["is_public", "level"], name="actor_public_level_idx"),
            models.Index(fields=["kind", "sector"], name="actor_kind_sector_idx"),
            # The directory is sorted by name and paginated: with this index a page is an
            # index scan of 20 rows, not a sort of every actor (EXPLAIN in docs/performance.md).
            models.Index(fields=["name", "id"], name="actor_name_idx"),
        ]
        # The messages are what full_clean() reports (the admin, the CSV import) when a
        # constraint would refuse the row; clean() says most of it earlier, per field.
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=Level.values),
                name="actor_level_valid",
                violation_error_message=_("Die Ebene ist ungültig."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values),
                name="actor_kind_valid",
                violation_error_message=_("Die Art ist ungültig."),
            ),
            models.CheckConstraint(
                condition=_sector_matches_kind(),
                name="actor_sector_of_kind",
                violation_error_message=_("Der Bereich passt nicht zur Art des Akteurs."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="actor_name_not_empty",
                violation_error_message=_("Der Name darf nicht leer sein."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="actor_not_own_parent",
                violation_error_message=_(
                    "Eine Organisation kann nicht sich selbst untergeordnet sein."
                ),
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True)
                | Q(level__in=[str(level) for level in LOCAL_LEVELS]),
                name="actor_municipality_only_local",
                violation_error_message=_(
                    "Eine Kommune kann nur bei Akteuren auf Kreis- oder Gemeindeebene stehen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.sector and self.sector not in SECTORS_BY_KIND.get(self.kind, ()):
            errors.setdefault("sector", []).append(
                _("Der Bereich passt nicht zur Art des Akteurs.")
            )
        if self.municipality_id and self.level not in LOCAL_LEVELS:
            errors.setdefault("municipality", []).append(
                _("Eine Kommune kann nur bei Akteuren auf Kreis- oder Gemeindeebene stehen.")
            )
        if self.parent_id and self.pk:
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == self.pk:
                    errors.setdefault("parent", []).append(
                        _("Eine Organisation kann nicht sich selbst untergeordnet sein.")
                    )
                    break
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
        if self.last_verified and self.last_verified > timezone.localdate():
            errors.setdefault("last_verified", []).append(
                _("Das Prüfdatum darf nicht in der Zukunft liegen.")
            )
        # Anonymous visitors would find the internal actor's name on this one's card.
        for name, error in internal_reference_errors(self, "parent", "municipality").items():
            errors.setdefault(name, []).append(error)
        if errors:
            raise ValidationError(errors)

    @property
    def verification_is_stale(self) -> bool:
        """Data not checked for a year is flagged in the directory."""
        if self.last_verified is None:
            return True
        return timezone.localdate() - self.last_verified > datetime.timedelta(days=365)


class ActorDimension(ChoiceDisplayMixin, models.Model):
    """One cell entry of the multi-level table: an actor works in a dimension."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="dimension_roles", verbose_name=_("Akteur")
    )
    dimension = models.CharField(_("Dimension"), max_length=20, choices=Dimension.choices)
    obligation = models.CharField(_("Verbindlichkeit"), max_length=20, choices=Obligation.choices)

    class Meta:
        verbose_name = _("Politikdimension eines Akteurs")
        verbose_name_plural = _("Politikdimensionen der Akteure")
        ordering = ["dimension"]
        indexes = [models.Index(fields=["dimension", "obligation"], name="actordim_dim_obl_idx")]
        constraints = [
            models.UniqueConstraint(fields=["actor", "dimension"], name="actordim_once_per_actor"),
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="actordim_dimension_valid"
            ),
            models.CheckConstraint(
                condition=Q(obligation__in=Obligation.values), name="actordim_obligation_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor}: {self.get_dimension_display()} ({self.get_obligation_display()})"


class ContactPerson(models.Model):
    """An internal contact at an actor. Personal data: signed-in accounts only."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="contact_persons", verbose_name=_("Akteur")
    )
    name = models.CharField(_("Name"), max_length=150)
    function = models.CharField(_("Funktion"), max_length=150, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    is_demo = models.BooleanField(
        _("Demo-Daten"),
        default=False,
        help_text=_("Erfundene Beispieldaten (example.org), keine echte Person."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="contact_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Task(ChoiceDisplayMixin, models.Model):
    """A task of municipal integration administration (Bogumil & Hafner) and who does it."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzadresse"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    directness = models.CharField(
        _("Bezug zur Integration"), max_length=20, choices=Directness.choices
    )
    obligation = models.CharField(_("Verbindlichkeit"), max_length=20, choices=Obligation.choices)
    municipal_task_type = models.CharField(
        _("Aufgabenart nach Kommunalrecht"),
        max_length=30,
        choices=MunicipalTaskType.choices,
        blank=True,
    )
    dimension = models.CharField(
        _("Politikdimension"), max_length=20, choices=Dimension.choices, blank=True
    )
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=300, blank=True)
    responsible_actors = models.ManyToManyField(
        Actor, blank=True, related_name="tasks", verbose_name=_("Zuständige Akteure")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["directness", "position", "name"]
        indexes = [models.Index(fields=["directness", "obligation"], name="task_dir_obl_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(directness__in=Directness.values), name="task_directness_valid"
            ),
            models.CheckConstraint(
                condition=Q(obligation__in=Obligation.values), name="task_obligation_valid"
            ),
            # The finer municipal-law kind must agree with the coarse obligation.
            models.CheckConstraint(
                condition=Q(municipal_task_type="")
                | Q(
                    obligation=Obligation.MANDATORY,
                    municipal_task_type__in=[
                        MunicipalTaskType.INSTRUCTED,
                        MunicipalTaskType.MANDATORY_SELF_GOVERNMENT,
                    ],
                )
                | Q(
                    obligation=Obligation.VOLUNTARY,
                    municipal_task_type=MunicipalTaskType.VOLUNTARY_SELF_GOVERNMENT,
                ),
                name="task_type_matches_obligation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        expected = OBLIGATION_OF_TASK_TYPE.get(self.municipal_task_type)
        if expected and expected != self.obligation:
            raise ValidationError(
                {
                    "municipal_task_type": _(
                        "Die Aufgabenart nach Kommunalrecht passt nicht zur Verbindlichkeit."
                    )
                }
            )
