"""Actors of integration work on every political level, their tasks and their contacts.

The model follows the keynote: an actor sits on a level (EU, Bund, Land, Kreis,
kreisangehörige Kommune), belongs to one of the four kinds of section 6 (with a
finer sector), and works in one or more policy dimensions of the multi-level table,
each as a mandatory or a voluntary task. Tasks (Bogumil & Hafner) are their own model
so that the task catalogue and the directory filters read the same data.
"""

from __future__ import annotations

import datetime
import uuid as uuid_lib

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
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
from actors.querysets import ActorQuerySet, ReviewQuerySetMixin, TaskQuerySet
from actors.search import GermanSearchDocument
from core.choices import ChoiceDisplayMixin
from core.constraints import FieldCheckConstraint
from core.dates import add_months
from core.history import HistoricalRecords
from core.permissions import is_internal
from core.visibility import internal_reference_errors


def open_data_id() -> models.UUIDField:
    """The record's stable identifier in the open data (HSDS ``id``, opendata/): a random
    UUID given once when the row is created, never changed, never reused. Existing rows
    got theirs from migrations ``actors.0015`` and ``networks.0006``."""
    return models.UUIDField(
        _("Kennung (offene Daten)"), default=uuid_lib.uuid4, unique=True, editable=False
    )


class TargetGroup(models.Model):
    """A group of people an actor's offers are meant for (e.g. Geflüchtete)."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=100, unique=True)
    uuid = open_data_id()

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
    uuid = open_data_id()

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebsiteStatus(models.TextChoices):
    """What the last check of an entry's web link found (``check_web_links``)."""

    UNCHECKED = "", _("nicht geprüft")
    OK = "ok", _("erreichbar")
    BROKEN = "broken", _("nicht erreichbar")


#: Months between two reviews of an entry, unless its owner sets another interval.
DEFAULT_REVIEW_INTERVAL_MONTHS = 12


class ReviewedEntry(models.Model):
    """Stewardship of a directory entry (actor or offer): who keeps it true, how often it
    is reviewed, who confirmed it last, and what the last check of its web link found.

    An entry is due for review when it was never checked or its interval has passed
    since ``last_verified``; "far overdue" when twice the interval has passed (public
    pages then show a note). The due day is computed in SQL as well
    (``ReviewQuerySetMixin``), so lists and counts never loop in Python.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verantwortlich"),
        help_text=_("Das Konto, das den Eintrag aktuell hält und an die Prüfung erinnert wird."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_%(class)ss",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("Prüfintervall (Monate)"),
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Nach so vielen Monaten wird der Eintrag wieder zur Prüfung fällig."),
    )
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zuletzt geprüft von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    website_status = models.CharField(
        _("Internetseite erreichbar"),
        max_length=10,
        choices=WebsiteStatus.choices,
        default=WebsiteStatus.UNCHECKED,
        blank=True,
        editable=False,
    )
    website_problem = models.CharField(
        _("Problem mit der Internetseite"), max_length=200, blank=True, editable=False
    )
    website_checked_at = models.DateTimeField(
        _("Internetseite geprüft am"), null=True, blank=True, editable=False
    )

    #: Written by the link check, not by people: not in the change history.
    LINK_CHECK_FIELDS = ["website_status", "website_problem", "website_checked_at"]

    class Meta:
        abstract = True

    @property
    def review_due_on(self) -> datetime.date | None:
        """The day the next review is due (None: never checked, due now)."""
        if self.last_verified is None:
            return None
        return add_months(self.last_verified, self.review_interval_months)

    def review_is_due(self, today: datetime.date | None = None) -> bool:
        due = self.review_due_on
        return due is None or due <= (today or timezone.localdate())

    def review_is_far_overdue(self, today: datetime.date | None = None) -> bool:
        """Not checked in twice its interval (or never): public pages say so."""
        if self.last_verified is None:
            return True
        far = add_months(self.last_verified, 2 * self.review_interval_months)
        return far <= (today or timezone.localdate())

    @property
    def shows_overdue_note(self) -> bool:
        """Public pages add a note to an entry checked once but not in twice its interval.
        One never checked says "noch nicht geprüft" instead (the keynote's records start
        so; they are due for staff all the same)."""
        return self.last_verified is not None and self.review_is_far_overdue()

    @property
    def verification_is_stale(self) -> bool:
        """Due for review (flagged in the directory)."""
        return self.review_is_due()


class Actor(ChoiceDisplayMixin, ReviewedEntry):
    """An organisation, authority or body that takes part in integration work."""

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=200, unique=True)
    uuid = open_data_id()
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
    # Derived: what the actor is found by beyond its own texts (tasks, offers, target
    # groups, languages, municipality), kept in step by actors/search_document.py.
    search_text = models.TextField(_("Suchtext"), blank=True, default="", editable=False)
    search_vector = models.GeneratedField(
        expression=GermanSearchDocument(),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("Suchindex"),
    )

    objects = ActorQuerySet.as_manager()

    # The change history (actors/history.py): every saved state with who and why; the
    # derived search columns are left out (rebuilt from the other fields).
    history = HistoricalRecords(
        excluded_fields=["search_text", "search_vector", *ReviewedEntry.LINK_CHECK_FIELDS],
        m2m_fields=["target_groups", "languages"],
    )

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

    # Erased with the person (actors.privacy.contact_person_erase, Art. 17 GDPR).
    history = HistoricalRecords()

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
    uuid = open_data_id()
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
    keywords = models.TextField(
        _("Alltagswörter"),
        blank=True,
        help_text=_(
            "Wörter, mit denen Menschen nach dieser Aufgabe fragen, durch Kommas getrennt "
            "(z. B. „Aufenthaltstitel, Visum, Duldung“). Der Zuständigkeitsfinder findet "
            "die Aufgabe über ihren Namen und diese Wörter."
        ),
    )
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


# ---------------------------------------------------------------------------
# Responsibilities (Zuständigkeiten): who carries out a task for which area


class ResponsibilityQuerySet(models.QuerySet):
    def for_municipality(self, municipality: Actor | int):
        """Responsibilities that cover the member municipality: those for the whole Kreis
        and those naming it. With ``.filter(task=…)`` the finder's answer "task ×
        municipality → responsible actor(s)", actor and task included, in one query
        (the municipality's rows are a subquery, so no row comes twice)."""
        named = Responsibility.municipalities.through.objects.filter(actor=municipality).values(
            "responsibility"
        )
        return self.filter(Q(for_whole_district=True) | Q(pk__in=named)).select_related(
            "actor", "task"
        )

    def public(self):
        """Public responsibilities of public actors."""
        return self.filter(is_public=True, actor__is_public=True)

    def visible_to(self, user):
        """Everything for signed-in accounts; for others the public responsibilities of
        public actors (their internal notes are shown by no public page)."""
        return self if is_internal(user) else self.public()


def area_errors(for_whole_district: bool, municipalities) -> dict[str, list]:
    """The one area rule: the whole Kreis or named member municipalities, exactly one."""
    if for_whole_district and municipalities:
        return {
            "municipalities": [
                _(
                    "Eine Zuständigkeit gilt entweder für den ganzen Kreis oder für einzelne "
                    "Kommunen, nicht für beides."
                )
            ]
        }
    if not for_whole_district and not municipalities:
        return {
            "municipalities": [
                _("Wählen Sie die Kommunen, für die der Akteur zuständig ist, oder „ganzer Kreis“.")
            ]
        }
    return {}


class Responsibility(models.Model):
    """A task of the catalogue, carried out by an actor for an area: the whole Kreis or
    named member municipalities (the ten towns and municipalities).

    The finder's question "Wer ist zuständig für Aufgabe X in Kommune Y?" is
    ``Responsibility.objects.visible_to(user).for_municipality(y).filter(task=x)``, one
    query. The area rule (exactly one of ``for_whole_district`` and ``municipalities``)
    spans the row and its many-to-many rows, which no check constraint can see: it is
    kept by ``clean()`` (the admin form hands over the municipalities it is about to
    save as ``pending_municipalities``) and, for the seed, by the content check of
    ``actors/seed.py``. The database keeps one row per task and actor.
    """

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("Aufgabe")
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("Zuständiger Akteur"),
    )
    for_whole_district = models.BooleanField(
        _("Für den ganzen Kreis"),
        default=False,
        help_text=_("Sonst: für die unten gewählten Kommunen."),
    )
    municipalities = models.ManyToManyField(
        Actor,
        blank=True,
        related_name="area_responsibilities",
        limit_choices_to={"level": Level.MUNICIPALITY, "sector": Sector.LOCAL_AUTHORITY},
        verbose_name=_("Kommunen"),
        help_text=_("Die kreisangehörigen Städte und Gemeinden, für die der Akteur zuständig ist."),
    )
    legal_basis = models.CharField(
        _("Rechtsgrundlage"),
        max_length=300,
        blank=True,
        help_text=_("Leer lassen, wenn sie dieselbe ist wie bei der Aufgabe."),
    )
    public_note = models.TextField(_("Öffentlicher Hinweis"), blank=True)
    internal_notes = models.TextField(
        _("Interne Notizen"),
        blank=True,
        help_text=_("Nur für angemeldete Mitarbeitende sichtbar."),
    )
    is_public = models.BooleanField(
        _("Öffentlich"),
        default=True,
        help_text=_("Nicht öffentliche Zuständigkeiten sehen nur angemeldete Mitarbeitende."),
    )
    uuid = open_data_id()

    objects = ResponsibilityQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["municipalities"])

    class Meta:
        verbose_name = _("Zuständigkeit")
        verbose_name_plural = _("Zuständigkeiten")
        ordering = ["task__position", "actor__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "actor"],
                name="responsibility_once_per_task_actor",
                violation_error_message=_(
                    "Dieser Akteur ist für diese Aufgabe schon eingetragen; ergänzen Sie "
                    "dort die Kommunen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.actor}"

    @property
    def effective_legal_basis(self) -> str:
        """The legal basis of this responsibility, or the task's where it names none."""
        return self.legal_basis or self.task.legal_basis

    def clean(self) -> None:
        pending = getattr(self, "pending_municipalities", None)
        if pending is None:
            pending = list(self.municipalities.all()) if self.pk else []
        errors = area_errors(self.for_whole_district, pending)
        for name, error in internal_reference_errors(self, "actor").items():
            errors.setdefault(name, []).append(error)
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------
# Offers (Angebote): what actors offer to people, shaped after HSDS 3.0
#
# Open Referral's Human Services Data Specification (HSDS 3.0) names the parts of a
# service directory; the fields below carry its names where it has one, so that an
# HSDS export is a field-by-field copy (each model's docstring gives the mapping).


class Topic(models.Model):
    """A life situation an offer helps with ("Wohnen", "Sprache"): the portal's one
    taxonomy of offers, created by migration ``0009_offers``.

    HSDS ``taxonomy_term``: ``slug`` → ``code``, ``name`` → ``name`` (German, the
    ``language`` "de"), ``position`` has no HSDS field (the order of the list). The
    stored German name is also the label's msgid: ``label`` is its translation where
    a catalogue has one, else the name itself.
    """

    slug = models.SlugField(_("Kurzadresse"), max_length=100, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    uuid = open_data_id()
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Lebenslage")
        verbose_name_plural = _("Lebenslagen")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (the stored German name is the msgid)."""
        return gettext(self.name) if self.name else ""


class OfferStatus(models.TextChoices):
    """HSDS ``service.status`` (its values; "temporarily closed" is ``inactive`` here)."""

    ACTIVE = "active", _("aktiv")
    INACTIVE = "inactive", _("pausiert")
    DEFUNCT = "defunct", _("eingestellt")


class OfferQuerySet(ReviewQuerySetMixin, models.QuerySet):
    def public(self):
        """What everyone may see: public offers of public actors that still exist."""
        return self.filter(is_public=True, actor__is_public=True).exclude(
            status=OfferStatus.DEFUNCT
        )

    def visible_to(self, user):
        """Everything for signed-in accounts (discontinued offers included); for others
        the public offers of public actors (their internal notes are shown by no public
        page)."""
        return self if is_internal(user) else self.public()

    def active(self):
        return self.filter(status=OfferStatus.ACTIVE)

    def for_municipality(self, municipality: Actor | int):
        """Offers available in the member municipality: those for the whole Kreis and
        those naming it, with their actor, in one query (the municipality's rows are a
        subquery, so no offer comes twice)."""
        named = Offer.municipalities.through.objects.filter(actor=municipality).values("offer")
        return self.filter(Q(for_whole_district=True) | Q(pk__in=named)).select_related("actor")


def offer_area_errors(for_whole_district: bool, municipalities) -> dict[str, list]:
    """The area rule of ``area_errors`` (the whole Kreis or named member municipalities,
    exactly one), in the words of an offer."""
    if not area_errors(for_whole_district, municipalities):
        return {}
    if for_whole_district:
        message = _(
            "Ein Angebot gilt entweder für den ganzen Kreis oder für einzelne Kommunen, "
            "nicht für beides."
        )
    else:
        message = _("Wählen Sie die Kommunen, in denen das Angebot gilt, oder „ganzer Kreis“.")
    return {"municipalities": [message]}


class Offer(ChoiceDisplayMixin, ReviewedEntry):
    """An offer of an actor (Beratung, Kurs, Treffpunkt) for people in the Kreis.

    HSDS ``service``: ``actor`` → ``organization_id``, ``name``, ``description``,
    ``url``, ``email``, ``status``, ``application_process``, ``fees_description`` and
    ``last_verified`` → ``assured_date`` as named; ``phone`` → ``phones[0].number``;
    ``languages`` → ``languages`` (``code``, ``name``); ``topics`` → ``attributes``
    with their ``taxonomy_term``; ``target_groups`` → ``eligibility_description``
    (the groups' names); ``for_whole_district`` / ``municipalities`` →
    ``service_areas`` (one area named after the Kreis, or one per municipality);
    ``offer_places`` → ``service_at_locations``, ``opening_hours`` → ``schedules``.
    ``slug``, ``is_public``, ``internal_notes`` and ``is_demo`` are the portal's own
    and not exported. The contact data is the service's, never a person's.

    The area rule is the one of ``Responsibility`` (``area_errors``), kept by
    ``clean()``: the admin form hands over the municipalities it is about to save as
    ``pending_municipalities``.
    """

    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="offers", verbose_name=_("Anbieter")
    )
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzadresse"), max_length=200, unique=True)
    uuid = open_data_id()
    description = models.TextField(_("Beschreibung"), blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="offers", verbose_name=_("Lebenslagen")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="offers", verbose_name=_("Zielgruppen")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="offers", verbose_name=_("Sprachen")
    )
    for_whole_district = models.BooleanField(
        _("Für den ganzen Kreis"),
        default=False,
        help_text=_("Sonst: für die unten gewählten Kommunen."),
    )
    municipalities = models.ManyToManyField(
        Actor,
        blank=True,
        related_name="area_offers",
        limit_choices_to={"level": Level.MUNICIPALITY, "sector": Sector.LOCAL_AUTHORITY},
        verbose_name=_("Kommunen"),
        help_text=_("Die kreisangehörigen Städte und Gemeinden, in denen das Angebot gilt."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.ACTIVE
    )
    fees_description = models.TextField(
        _("Kosten"), blank=True, help_text=_("Was das Angebot kostet, oder „kostenlos“.")
    )
    application_process = models.TextField(
        _("Zugang"),
        blank=True,
        help_text=_("Wie man das Angebot bekommt: Anmeldung, Termin, offene Sprechstunde."),
    )
    # Public contact data of the service (never of a person).
    url = models.URLField(_("Internetseite"), blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    last_verified = models.DateField(_("Zuletzt geprüft"), null=True, blank=True)
    is_public = models.BooleanField(
        _("Öffentlich"),
        default=True,
        help_text=_("Nicht öffentliche Angebote sehen nur angemeldete Mitarbeitende."),
    )
    internal_notes = models.TextField(
        _("Interne Notizen"),
        blank=True,
        help_text=_("Nur für angemeldete Mitarbeitende sichtbar."),
    )
    # Written by `seed_demo` (devdata/demo_offers.py) and removed by `seed_demo --clear`.
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)

    objects = OfferQuerySet.as_manager()

    history = HistoricalRecords(
        excluded_fields=ReviewedEntry.LINK_CHECK_FIELDS,
        m2m_fields=["topics", "target_groups", "languages", "municipalities"],
    )

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OfferStatus.values),
                name="offer_status_valid",
                violation_error_message=_("Der Status ist ungültig."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="offer_name_not_empty",
                violation_error_message=_("Der Name darf nicht leer sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        pending = getattr(self, "pending_municipalities", None)
        if pending is None:
            pending = list(self.municipalities.all()) if self.pk else []
        errors = offer_area_errors(self.for_whole_district, pending)
        if self.last_verified and self.last_verified > timezone.localdate():
            errors.setdefault("last_verified", []).append(
                _("Das Prüfdatum darf nicht in der Zukunft liegen.")
            )
        for name, error in internal_reference_errors(self, "actor").items():
            errors.setdefault(name, []).append(error)
        if errors:
            raise ValidationError(errors)


class Place(models.Model):
    """A place where offers take place: a building with its address.

    HSDS ``location`` (``location_type`` "physical") with one ``address``: ``name`` →
    ``location.name``; ``street`` → ``address.address_1``, ``postal_code``, ``city`` as
    named (``state_province`` "NW", ``country`` "DE", ``address_type`` "physical");
    ``accessibility`` → ``accessibility[0].description``. ``municipality`` (the member
    municipality the place lies in, for the finder) and ``is_demo`` are the portal's own.
    """

    name = models.CharField(_("Name"), max_length=200)
    uuid = open_data_id()
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        limit_choices_to={"level": Level.MUNICIPALITY, "sector": Sector.LOCAL_AUTHORITY},
        verbose_name=_("Kreisangehörige Kommune"),
    )
    accessibility = models.TextField(
        _("Barrierefreiheit"),
        blank=True,
        help_text=_("Zugang für Menschen mit Behinderungen: Rampe, Aufzug, WC, Parkplatz."),
    )
    is_demo = models.BooleanField(_("Demo-Daten"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ort eines Angebots")
        verbose_name_plural = _("Orte der Angebote")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="place_name_not_empty",
                violation_error_message=_("Der Name darf nicht leer sein."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}" if self.city else self.name

    def clean(self) -> None:
        # A place is shown to everyone with its offers: no internal municipality on it.
        errors = internal_reference_errors(self, "municipality")
        if errors:
            raise ValidationError(errors)


class OfferPlace(models.Model):
    """An offer at one place (HSDS ``service_at_location``: ``offer`` → ``service_id``,
    ``place`` → ``location_id``, ``description`` as named; the opening hours that name
    it are its ``schedules``)."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="offer_places", verbose_name=_("Angebot")
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="offer_places", verbose_name=_("Ort")
    )
    description = models.TextField(
        _("Hinweis zu diesem Ort"),
        blank=True,
        help_text=_("Was an diesem Ort anders ist, etwa „Eingang über den Hof“."),
    )
    uuid = open_data_id()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Angebot an einem Ort")
        verbose_name_plural = _("Angebote an Orten")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "place"],
                name="offerplace_once_per_offer_place",
                violation_error_message=_("Dieser Ort ist bei dem Angebot schon eingetragen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} – {self.place}"


class Weekday(models.IntegerChoices):
    """Days of the week, Monday first (ISO 8601); HSDS ``schedule.byday`` by ``ical``."""

    MONDAY = 1, _("Montag")
    TUESDAY = 2, _("Dienstag")
    WEDNESDAY = 3, _("Mittwoch")
    THURSDAY = 4, _("Donnerstag")
    FRIDAY = 5, _("Freitag")
    SATURDAY = 6, _("Samstag")
    SUNDAY = 7, _("Sonntag")

    @property
    def ical(self) -> str:
        """The RFC 5545 day code (``MO`` … ``SU``)."""
        return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.value - 1]


class OpeningHours(ChoiceDisplayMixin, models.Model):
    """When an offer is open on one day of the week, at all its places or at one.

    HSDS ``schedule`` with ``freq`` "WEEKLY": ``offer`` → ``service_id``,
    ``offer_place`` → ``service_at_location_id``, ``weekday`` → ``byday``
    (``Weekday.ical``), ``opens_at``, ``closes_at`` and ``description`` as named,
    ``by_appointment_only`` → ``attending_type`` ("nach Terminvereinbarung").

    Either by appointment only (times optional) or both times with the opening before
    the closing: a database constraint, reported at the closing time.
    """

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("Angebot")
    )
    offer_place = models.ForeignKey(
        OfferPlace,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_hours",
        verbose_name=_("Ort"),
        help_text=_("Leer lassen, wenn die Zeiten an allen Orten des Angebots gelten."),
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens_at = models.TimeField(_("Von"), null=True, blank=True)
    closes_at = models.TimeField(_("Bis"), null=True, blank=True)
    by_appointment_only = models.BooleanField(_("Nur nach Terminvereinbarung"), default=False)
    description = models.TextField(_("Hinweis"), blank=True)
    uuid = open_data_id()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["weekday", "opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=1, weekday__lte=7),
                name="openinghours_weekday_valid",
                violation_error_message=_("Der Wochentag ist ungültig."),
            ),
            FieldCheckConstraint(
                condition=Q(by_appointment_only=True)
                | Q(opens_at__isnull=False, closes_at__isnull=False, opens_at__lt=F("closes_at")),
                name="openinghours_times_or_appointment",
                field="closes_at",
                violation_error_message=_(
                    "Geben Sie Beginn und Ende an (das Ende nach dem Beginn) oder wählen "
                    "Sie „Nur nach Terminvereinbarung“."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.line

    @property
    def line(self) -> str:
        """The day in German (or the active language): "Montag 09:00–12:00",
        "Dienstag nach Terminvereinbarung", "Mittwoch 14:00–16:00 nach Terminvereinbarung"."""
        day = self.get_weekday_display()
        if self.opens_at and self.closes_at:
            times = f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
            if self.by_appointment_only:
                return gettext("%(day)s %(times)s nach Terminvereinbarung") % {
                    "day": day,
                    "times": times,
                }
            return f"{day} {times}"
        if self.by_appointment_only:
            return gettext("%(day)s nach Terminvereinbarung") % {"day": day}
        return str(day)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if (self.opens_at is None) != (self.closes_at is None):
            missing = "closes_at" if self.closes_at is None else "opens_at"
            errors.setdefault(missing, []).append(
                _("Geben Sie Beginn und Ende an oder keine der beiden Zeiten.")
            )
        elif self.opens_at is not None and self.opens_at >= self.closes_at:
            errors.setdefault("closes_at", []).append(_("Das Ende muss nach dem Beginn liegen."))
        elif self.opens_at is None and not self.by_appointment_only:
            errors.setdefault("opens_at", []).append(
                _("Geben Sie die Zeiten an oder wählen Sie „Nur nach Terminvereinbarung“.")
            )
        if self.offer_place_id and self.offer_id:
            try:
                elsewhere = self.offer_place.offer_id != self.offer_id
            except ObjectDoesNotExist:
                elsewhere = False  # no such place at all: the field's own check says so
            if elsewhere:
                errors.setdefault("offer_place", []).append(
                    _("Der Ort gehört nicht zu diesem Angebot.")
                )
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------
# Synonyms of the search: words that mean the same to people who search


class Synonym(models.Model):
    """A group of words that mean the same to people who search: whoever searches for
    one of them finds the others too ("Flüchtlinge" finds "Geflüchtete"; "ABH" finds
    "Ausländerbehörde"). Editors keep the list in the admin; the portal's own groups
    come from ``actors/content/keynote.yaml`` (created once by ``seed_keynote``, never
    overwritten). Read by the search (``actors/search.py``) and the finder."""

    key = models.SlugField(
        _("Kurzname"),
        max_length=100,
        unique=True,
        help_text=_("Ein Name für die Gruppe, etwa „gefluechtete“."),
    )
    words = models.TextField(
        _("Gleichbedeutende Wörter"),
        help_text=_(
            "Durch Kommas getrennt, z. B. „Geflüchtete, Flüchtlinge, Asylsuchende“. Wer nach "
            "einem davon sucht, findet auch die anderen; ein Eintrag aus mehreren Wörtern "
            "wird als Wortfolge gesucht."
        ),
    )

    class Meta:
        verbose_name = _("Synonymgruppe")
        verbose_name_plural = _("Synonyme der Suche")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.words

    def entries(self) -> list[str]:
        """The words and word sequences of the group, as written."""
        return [entry.strip() for entry in self.words.split(",") if entry.strip()]

    def clean(self) -> None:
        if len(self.entries()) < 2:
            raise ValidationError(
                {"words": _("Eine Synonymgruppe braucht mindestens zwei Wörter.")}
            )


# ---------------------------------------------------------------------------
# Searches of an account: the recent ones and those saved under a name. Personal data of
# the account alone, shown to nobody else (its "Mein Bereich"); not content of any page.


class SearchKind(models.TextChoices):
    DIRECTORY = "directory", _("Akteursverzeichnis")
    FINDER = "finder", _("Wer ist zuständig?")


#: The search pages, by kind: the route name their query strings belong to.
SEARCH_ROUTES = {SearchKind.DIRECTORY: "actors:list", SearchKind.FINDER: "finder"}


class RecentSearchQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)

    def kept(self, *, now: datetime.datetime | None = None):
        """Searches younger than the retention period (``RecentSearch.RETENTION``)."""
        return self.filter(searched_at__gte=(now or timezone.now()) - RecentSearch.RETENTION)

    def take_row(self, *, user, kind: str, query: str, searched_at: datetime.datetime) -> bool:
        """Give ``query`` the account's row of the same search, or its oldest once it has
        ``RecentSearch.PER_KIND`` rows of ``kind``, in one statement; False when neither
        applies (the account's first searches: the caller inserts a row).

        Written in SQL that PostgreSQL and SQLite both run: built with the ORM, the two
        subqueries cost more to compile than the statement costs to run, on a write that
        every staff search makes."""
        connection = connections[self.db]
        # The table's name from the model; every value is a parameter.
        table = connection.ops.quote_name(RecentSearch._meta.db_table)
        own = f"FROM {table} WHERE user_id = %s AND kind = %s"
        sql = (
            f"UPDATE {table} SET query = %s, searched_at = %s WHERE id = ("  # noqa: S608  # nosec B608
            f"SELECT id {own} ORDER BY CASE WHEN query = %s THEN 0 ELSE 1 END, searched_at, id"
            f" LIMIT 1) AND (query = %s OR (SELECT COUNT(*) {own}) >= %s)"
        )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # A recent search is worth no wait for the disk: committed without waiting
            # for its WAL flush (the two statements are one implicit transaction; a
            # crash may lose the last searches, never other data).
            sql = "SET LOCAL synchronous_commit TO OFF; " + sql
        at = connection.ops.adapt_datetimefield_value(searched_at)
        params = [query, at, user.pk, kind, query, query, user.pk, kind, RecentSearch.PER_KIND]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount > 0


class RecentSearch(models.Model):
    """A query string an account ran on the directory or the finder. At most
    ``PER_KIND`` rows per account and kind (``actors.services.search_record`` reuses the
    oldest row), deleted after ``RETENTION`` (``manage.py searches_trim``)."""

    PER_KIND = 10
    RETENTION = datetime.timedelta(days=90)
    QUERY_MAX_LENGTH = 500
    # The account's own data: its writes do not move the directory's content version.
    tracks_content_version = False

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recent_searches",
        verbose_name=_("Konto"),
    )
    kind = models.CharField(_("Suche"), max_length=20, choices=SearchKind.choices)
    query = models.CharField(_("Suchparameter"), max_length=QUERY_MAX_LENGTH)
    searched_at = models.DateTimeField(_("Gesucht am"), default=timezone.now)

    objects = RecentSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("Letzte Suche")
        verbose_name_plural = _("Letzte Suchen")
        ordering = ["-searched_at", "-pk"]
        # No index on searched_at or query: every staff search rewrites one of these, and
        # with no indexed column changed PostgreSQL updates the row in place (a HOT
        # update) instead of leaving a dead index entry per search, which the next
        # search's lookup of the account's rows then had to step over. An account has at
        # most 2 × PER_KIND rows (the user_id index finds them); the daily trim reads
        # the whole small table.

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.query}"

    def get_absolute_url(self) -> str:
        return f"{reverse(SEARCH_ROUTES[self.kind])}?{self.query}"


class SavedSearch(models.Model):
    """A search an account saved under a name, to run it again from "Mein Bereich"."""

    NAME_MAX_LENGTH = 80
    PER_ACCOUNT = 50
    # The account's own data: its writes do not move the directory's content version.
    tracks_content_version = False

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("Konto"),
    )
    name = models.CharField(_("Name"), max_length=NAME_MAX_LENGTH)
    kind = models.CharField(_("Suche"), max_length=20, choices=SearchKind.choices)
    query = models.CharField(_("Suchparameter"), max_length=RecentSearch.QUERY_MAX_LENGTH)
    created_at = models.DateTimeField(_("Gespeichert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Gespeicherte Suche")
        verbose_name_plural = _("Gespeicherte Suchen")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="savedsearch_name_once_per_account",
                violation_error_message=_("Sie haben schon eine Suche unter diesem Namen."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse(SEARCH_ROUTES[self.kind])}?{self.query}"


# --- imports of actors (actors/importing.py, actors.services.import_run_*) -------------


class ImportMapping(models.Model):
    """How the columns of a file layout map to the import's columns, saved when someone
    mapped them by hand: a file with the same header row is mapped the same way."""

    # Bookkeeping of the import: its writes do not move the directory's content version.
    tracks_content_version = False

    header_key = models.CharField(_("Kopfzeile (Prüfsumme)"), max_length=64, unique=True)
    header = models.JSONField(_("Kopfzeile"), default=list)
    columns = models.JSONField(
        _("Spalten"), default=list, help_text=_("Je Spalte der Datei das Feld, leer: ignoriert.")
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gespeichert von"),
    )
    saved_at = models.DateTimeField(_("Gespeichert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Spaltenzuordnung")
        verbose_name_plural = _("Spaltenzuordnungen")

    def __str__(self) -> str:
        return ", ".join(self.header)[:80]


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Vorschau")
    APPLIED = "applied", _("Übernommen")
    UNDONE = "undone", _("Rückgängig gemacht")


class ImportRunQuerySet(models.QuerySet):
    def recent(self):
        """The imports to list: applied or undone, newest first."""
        return (
            self.exclude(status=ImportStatus.PREVIEW)
            .select_related("user", "undone_by")
            .defer("data")
            .order_by("-created_at", "-pk")
        )


class ImportRun(models.Model):
    """One import of an actor file: in preview (the uploaded file is kept until it is
    confirmed), applied (what it changed, see ``ImportRunActor``) or undone."""

    tracks_content_version = False
    #: A preview not confirmed within this time is deleted with its file.
    PREVIEW_RETENTION = datetime.timedelta(days=1)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actor_imports",
        verbose_name=_("Konto"),
    )
    created_at = models.DateTimeField(_("Hochgeladen am"), default=timezone.now)
    file_name = models.CharField(_("Dateiname"), max_length=255)
    data = models.BinaryField(_("Datei"), blank=True, default=b"")
    columns = models.JSONField(_("Spaltenzuordnung"), null=True, blank=True)
    skip_invalid = models.BooleanField(_("Fehlerhafte Zeilen überspringen"), default=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_count = models.PositiveIntegerField(_("Neu"), default=0)
    updated_count = models.PositiveIntegerField(_("Geändert"), default=0)
    unchanged_count = models.PositiveIntegerField(_("Unverändert"), default=0)
    error_count = models.PositiveIntegerField(_("Fehlerhaft"), default=0)
    applied_at = models.DateTimeField(_("Übernommen am"), null=True, blank=True)
    undone_at = models.DateTimeField(_("Rückgängig gemacht am"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Rückgängig gemacht von"),
    )

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class ImportRunActor(models.Model):
    """An actor an import created or changed, and its state before (for the undo)."""

    tracks_content_version = False

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="actors")
    actor = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slug = models.SlugField(_("Kurzadresse"), max_length=200)
    created = models.BooleanField(_("Neu angelegt"), default=False)
    #: The history state before the import (none for a created actor).
    history_before = models.PositiveBigIntegerField(null=True, blank=True)
    #: The newest history state the import left: a newer one means it was changed since.
    history_after = models.PositiveBigIntegerField(null=True, blank=True)
    #: The dimensions before (they have no history of their own).
    dimensions_before = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("Importierter Akteur")
        verbose_name_plural = _("Importierte Akteure")

    def __str__(self) -> str:
        return self.slug
