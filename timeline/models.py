"""Periods, events, theses and sources of the history of municipal integration work.

German is the source language of every text. Each translatable field ``x`` has an
explicit English sibling ``x_en``; :meth:`Translatable.localized` returns the text in
the active language and falls back to German when the English text is missing (see
``docs/timeline.md`` for why explicit fields rather than a translation framework).

Periods, events, theses and sources carry a draft/published state; only published
content is public. Characteristics and quotes belong to their period or thesis and
are public together with it. A citation points at exactly one bibliography entry
(``Source``) and hangs on exactly one period, characteristic, event or thesis; quotes
name their source the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Path segments below /geschichte/ that a period slug must not take.
RESERVED_SLUGS = frozenset({"thesen", "literatur", "vorschau", "leichte-sprache"})

# Limits of the texts, in characters, well above the longest text of the keynote (the
# explanation of a thesis: about 1,650). Forms say them and refuse longer texts with the
# limit and the count (``timeline.forms``); the model checks them in ``full_clean()``.
#: A line such as a period's focus groups.
FOCUS_MAX_LENGTH = 500
#: A bullet point, a citation, an editorial note.
SHORT_TEXT_MAX_LENGTH = 2000
#: A summary, an event's text, a quote.
TEXT_MAX_LENGTH = 5000
#: A thesis' explanation with its paragraphs and lists.
LONG_TEXT_MAX_LENGTH = 15000


def limited_text(verbose_name, limit: int, **kwargs) -> models.TextField:
    """A text field with a maximum length that forms and ``full_clean()`` both enforce."""
    return models.TextField(
        verbose_name, max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs
    )


class LocalizedText(str):
    """A text in the requested language that knows whether it fell back to German."""

    lang: str
    is_fallback: bool

    def __new__(cls, value: str, lang: str, is_fallback: bool) -> LocalizedText:
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.is_fallback = is_fallback
        return obj


class _Localized:
    """Attribute access in the active language: ``period.t.title``."""

    def __init__(self, instance: Translatable) -> None:
        self._instance = instance

    def __getattr__(self, name: str) -> LocalizedText:
        if name not in self._instance.TRANSLATED_FIELDS:
            raise AttributeError(name)
        return self._instance.localized(name)


class Translatable(models.Model):
    """Mixin for models with German source fields and explicit English siblings."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def localized(self, field: str, language: str | None = None) -> LocalizedText:
        """The field in ``language`` (default: active language), else German, flagged."""
        language = (language or get_language() or "de").split("-")[0]
        german = getattr(self, field) or ""
        if language != "en":
            return LocalizedText(german, "de", False)
        english = getattr(self, f"{field}_en") or ""
        if english.strip() or not german.strip():
            return LocalizedText(english, "en", False)
        return LocalizedText(german, "de", True)

    @property
    def t(self) -> _Localized:
        return _Localized(self)

    def missing_translations(self) -> list[str]:
        """Fields with German text but no English text."""
        return [
            name
            for name in self.TRANSLATED_FIELDS
            if (getattr(self, name) or "").strip()
            and not (getattr(self, f"{name}_en") or "").strip()
        ]


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible(self, *, preview: bool = False):
        """Published content; in an editor's preview also drafts."""
        return self.all() if preview else self.published()


class Publishable(models.Model):
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Nur veröffentlichte Inhalte sind öffentlich sichtbar."),
    )
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class Level(models.TextChoices):
    EU = "eu", _("EU")
    FEDERAL = "federal", _("Bund")
    STATE = "state", _("Land")
    MUNICIPAL = "municipal", _("Kommune")


class EventKind(models.TextChoices):
    LAW = "law", _("Gesetz")
    PROGRAMME = "programme", _("Programm")
    INSTITUTION = "institution", _("Institution")
    MIGRATION = "migration", _("Migrationsbewegung")
    DEBATE = "debate", _("Öffentliche Debatte")


class Source(Translatable, Publishable):
    """One entry of the bibliography, with its full citation."""

    TRANSLATED_FIELDS = ("note",)

    key = models.SlugField(
        _("Kennung"), max_length=80, unique=True, help_text=_("Anker im Literaturverzeichnis.")
    )
    short_citation = models.CharField(
        _("Kurzbeleg"), max_length=120, help_text=_("So wird im Text zitiert, z. B. „Bommes 2018“.")
    )
    authors = models.CharField(_("Autorinnen und Autoren"), max_length=300)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    citation = limited_text(_("Vollständiger Beleg"), SHORT_TEXT_MAX_LENGTH)
    url = models.URLField(_("Adresse (URL)"), blank=True)
    accessed = models.DateField(_("Abgerufen am"), null=True, blank=True)
    in_keynote_bibliography = models.BooleanField(
        _("Im Literaturverzeichnis der Keynote"),
        default=True,
        help_text=_(
            "Nein bei Quellen, die die Keynote zitiert, aber nicht in ihrem "
            "Literaturverzeichnis aufführt."
        ),
    )
    is_recommendation = models.BooleanField(_("Literaturempfehlung der Keynote"), default=False)
    note = limited_text(_("Anmerkung der Redaktion"), SHORT_TEXT_MAX_LENGTH, blank=True)
    note_en = limited_text(
        _("Anmerkung der Redaktion (Englisch)"), SHORT_TEXT_MAX_LENGTH, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        ordering = ["authors", "year", "key"]

    def __str__(self) -> str:
        return self.short_citation

    def get_absolute_url(self) -> str:
        return f"{reverse('timeline:bibliography')}#quelle-{self.key}"


class Period(Translatable, Publishable):
    """A decade (or span) of municipal integration work with its focus and characteristics."""

    TRANSLATED_FIELDS = ("title", "focus", "summary", "easy_summary")

    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    start_year = models.PositiveSmallIntegerField(_("Beginn (Jahr)"))
    end_year = models.PositiveSmallIntegerField(
        _("Ende (Jahr)"), null=True, blank=True, help_text=_("Leer, wenn der Zeitraum andauert.")
    )
    title = models.CharField(_("Titel"), max_length=120)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=120, blank=True)
    focus = limited_text(_("Gruppen im Fokus"), FOCUS_MAX_LENGTH)
    focus_en = limited_text(_("Gruppen im Fokus (Englisch)"), FOCUS_MAX_LENGTH, blank=True)
    summary = limited_text(_("Zusammenfassung"), TEXT_MAX_LENGTH)
    summary_en = limited_text(_("Zusammenfassung (Englisch)"), TEXT_MAX_LENGTH, blank=True)
    easy_summary = limited_text(
        _("Zusammenfassung in Leichter Sprache"),
        TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Kurze Sätze. Ein Gedanke pro Satz. Ein Satz pro Zeile."),
    )
    easy_summary_en = limited_text(
        _("Zusammenfassung in einfachem Englisch"),
        TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Kurze Sätze. Ein Gedanke pro Satz. Ein Satz pro Zeile."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Zeitabschnitt")
        verbose_name_plural = _("Zeitabschnitte")
        ordering = ["position", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="timeline_period_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("timeline:period", kwargs={"slug": self.slug})

    def get_easy_url(self) -> str:
        return reverse("timeline:period_easy", kwargs={"slug": self.slug})

    def get_preview_url(self) -> str:
        return reverse("timeline:preview_period", kwargs={"slug": self.slug})

    def easy_sentences(self) -> list[LocalizedText]:
        """The Leichte-Sprache summary, one sentence a line, in the active language."""
        text = self.localized("easy_summary")
        return [
            LocalizedText(line.strip(), text.lang, text.is_fallback)
            for line in text.splitlines()
            if line.strip()
        ]

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Dieser Kurzname ist für andere Seiten reserviert.")})


class Characteristic(Translatable, models.Model):
    """One bullet point of a period as the keynote states it; bullets may nest one level."""

    TRANSLATED_FIELDS = ("text",)

    period = models.ForeignKey(
        Period,
        on_delete=models.CASCADE,
        related_name="characteristics",
        verbose_name=_("Zeitabschnitt"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Übergeordneter Stichpunkt"),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    text = limited_text(_("Text"), SHORT_TEXT_MAX_LENGTH)
    text_en = limited_text(_("Text (Englisch)"), SHORT_TEXT_MAX_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Merkmal")
        verbose_name_plural = _("Merkmale")
        ordering = ["period", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "position"], name="timeline_characteristic_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.text[:60]}"

    def clean(self) -> None:
        if self.parent_id and self.parent.period_id != self.period_id:
            raise ValidationError(
                {"parent": _("Der übergeordnete Stichpunkt gehört zu einem anderen Zeitabschnitt.")}
            )
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("Stichpunkte lassen sich nur eine Ebene tief ordnen.")}
            )


class EventQuerySet(PublishableQuerySet):
    def public(self):
        """Published events of published periods."""
        return self.published().filter(period__status=Status.PUBLISHED)


class Event(Translatable, Publishable):
    """A dated event within a period: a law, programme, institution, movement or debate."""

    TRANSLATED_FIELDS = ("title", "text")

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="events", verbose_name=_("Zeitabschnitt")
    )
    slug = models.SlugField(_("Kurzname (Anker)"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(
        _("Jahr"),
        null=True,
        blank=True,
        help_text=_("Leer, wenn die Quelle das Ereignis nur dem Zeitabschnitt zuordnet."),
    )
    date = models.DateField(
        _("Genaues Datum"), null=True, blank=True, help_text=_("Nur, wenn es belegt ist.")
    )
    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (Englisch)"), max_length=200, blank=True)
    text = limited_text(_("Text"), TEXT_MAX_LENGTH, blank=True)
    text_en = limited_text(_("Text (Englisch)"), TEXT_MAX_LENGTH, blank=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("Art"), max_length=20, choices=EventKind.choices)
    characteristic = models.ForeignKey(
        Characteristic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Stichpunkt der Keynote"),
        help_text=_("Der Stichpunkt des Zeitabschnitts, auf dem das Ereignis beruht."),
    )

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ereignis")
        verbose_name_plural = _("Ereignisse")
        ordering = [models.F("year").asc(nulls_last=True), "date", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date__isnull=True) | Q(year__isnull=False, date__year=models.F("year")),
                name="timeline_event_date_in_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}" if self.year else self.title

    def get_absolute_url(self) -> str:
        return f"{self.period.get_absolute_url()}#ereignis-{self.slug}"

    def clean(self) -> None:
        if self.date and self.date.year != self.year:
            # A date needs its year; it is what the timeline sorts and shows.
            raise ValidationError({"date": _("Das Datum muss im angegebenen Jahr liegen.")})
        if self.characteristic_id and self.characteristic.period_id != self.period_id:
            raise ValidationError(
                {"characteristic": _("Der Stichpunkt gehört zu einem anderen Zeitabschnitt.")}
            )


class Thesis(Translatable, Publishable):
    """One of the keynote's six theses, with its explanation from the slides."""

    TRANSLATED_FIELDS = ("title", "explanation")

    number = models.PositiveSmallIntegerField(_("Nummer"), unique=True)
    title = models.CharField(_("These"), max_length=300)
    title_en = models.CharField(_("These (Englisch)"), max_length=300, blank=True)
    explanation = limited_text(
        _("Erläuterung"),
        LONG_TEXT_MAX_LENGTH,
        help_text=_(
            "Absätze durch Leerzeilen trennen. Zeilen, die mit „- “ beginnen, werden "
            "zu Aufzählungen; „## “ leitet eine Zwischenüberschrift ein."
        ),
    )
    explanation_en = limited_text(_("Erläuterung (Englisch)"), LONG_TEXT_MAX_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("These")
        verbose_name_plural = _("Thesen")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{reverse('timeline:theses')}#these-{self.number}"


class Citation(models.Model):
    """A reference from a period, characteristic, event or thesis to one bibliography entry."""

    TARGETS = ("period", "characteristic", "event", "thesis")

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("Quelle")
    )
    pages = models.CharField(_("Seiten"), max_length=40, blank=True)
    period = models.ForeignKey(
        Period,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("Zeitabschnitt"),
    )
    characteristic = models.ForeignKey(
        Characteristic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("Merkmal"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("Ereignis"),
    )
    thesis = models.ForeignKey(
        Thesis,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("These"),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beleg")
        verbose_name_plural = _("Belege")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        period__isnull=False,
                        characteristic__isnull=True,
                        event__isnull=True,
                        thesis__isnull=True,
                    )
                    | Q(
                        period__isnull=True,
                        characteristic__isnull=False,
                        event__isnull=True,
                        thesis__isnull=True,
                    )
                    | Q(
                        period__isnull=True,
                        characteristic__isnull=True,
                        event__isnull=False,
                        thesis__isnull=True,
                    )
                    | Q(
                        period__isnull=True,
                        characteristic__isnull=True,
                        event__isnull=True,
                        thesis__isnull=False,
                    )
                ),
                name="timeline_citation_exactly_one_target",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The in-text reference, e.g. ``Otten 2021: 232``."""
        short = self.source.short_citation
        return f"{short}: {self.pages}" if self.pages else short

    def clean(self) -> None:
        targets = [getattr(self, f"{name}_id") for name in self.TARGETS]
        if sum(target is not None for target in targets) != 1:
            raise ValidationError(
                _(
                    "Ein Beleg gehört zu genau einem Zeitabschnitt, Merkmal, Ereignis oder einer These."
                )
            )


class Quote(models.Model):
    """A verbatim quote from a source, shown with a thesis.

    Quotes stay in their original German wording, quotation marks included; an English
    translation may be added and is shown beside the original, marked as a translation.
    """

    thesis = models.ForeignKey(
        Thesis, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("These")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    text = limited_text(_("Zitat (Originalwortlaut)"), TEXT_MAX_LENGTH)
    translation_en = limited_text(_("Übersetzung ins Englische"), TEXT_MAX_LENGTH, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("Quelle")
    )
    pages = models.CharField(_("Seiten"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Zitat")
        verbose_name_plural = _("Zitate")
        ordering = ["thesis", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["thesis", "position"], name="timeline_quote_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text[:60]}… ({self.label})"

    def get_absolute_url(self) -> str:
        return f"{reverse('timeline:theses')}#zitat-{self.thesis.number}-{self.position}"

    @property
    def label(self) -> str:
        short = self.source.short_citation
        return f"{short}: {self.pages}" if self.pages else short


# --- the Redaktion's drafts of published content ---------------------------------------


class ContentKind(models.TextChoices):
    """The kinds of content the Redaktion edits in the portal (``timeline.editing``)."""

    PERIOD = "period", _("Zeitabschnitt")
    EVENT = "event", _("Ereignis")
    THESIS = "thesis", _("These")
    QUOTE = "quote", _("Zitat")
    SOURCE = "source", _("Quelle")


#: A publishing note is stored as the change reason of the history, a column of 100.
PUBLISH_NOTE_MAX_LENGTH = 100


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")
    DISCARDED = "discarded", _("Verworfen")


class RevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=RevisionState.DRAFT)

    def of(self, kind: str, object_id: int):
        return self.filter(kind=kind, object_id=object_id)


class Revision(models.Model):
    """A draft of changes to one period, event, thesis, quote or source.

    The row of the content stays what visitors see; the draft holds only the fields that
    differ from it (``changes``, as JSON values) and, for each of them, the published
    value it was drafted against (``base``). Publishing applies the changes in one step
    (``services.revision_publish``) and refuses when the published value of a changed
    field moved on meanwhile (an edit in the Django admin), so nobody's change is
    overwritten unseen. One open draft per object, shared by the Redaktion; its
    ``version`` guards against two editors saving over each other.

    A draft is no public content: saving it does not move the history's content version
    (``tracks_content_version``), so the cached public pages stay as they are.
    """

    tracks_content_version = False

    kind = models.CharField(_("Art"), max_length=20, choices=ContentKind.choices)
    object_id = models.PositiveBigIntegerField(_("Eintrag"))
    state = models.CharField(
        _("Stand"), max_length=20, choices=RevisionState.choices, default=RevisionState.DRAFT
    )
    changes = models.JSONField(_("Geänderte Felder"), default=dict, blank=True)
    base = models.JSONField(_("Veröffentlichte Werte beim Entwurf"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("Version"), default=1)
    created_at = models.DateTimeField(_("Begonnen am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Begonnen von"),
    )
    updated_at = models.DateTimeField(_("Zuletzt gespeichert"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zuletzt gespeichert von"),
    )
    closed_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Abgeschlossen von"),
    )
    note = models.CharField(_("Notiz"), max_length=PUBLISH_NOTE_MAX_LENGTH, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Entwurf einer Änderung")
        verbose_name_plural = _("Entwürfe von Änderungen")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="timeline_revision_object")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                condition=Q(state="draft"),
                name="timeline_revision_one_open_draft",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.object_id} ({self.get_state_display()})"


class FlagResolution(models.TextChoices):
    UPDATED = "updated", _("Übersetzung aktualisiert")
    CONFIRMED = "confirmed", _("Als noch aktuell bestätigt")


class TranslationFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class TranslationFlag(models.Model):
    """An English or Leichte-Sprache text whose German source changed after it.

    Set when a publication changes the German text but not the translation that rests
    on it (``services``); open until the translation is published changed, or an editor
    confirms that it still fits. Kept afterwards, with who resolved it and how.
    """

    tracks_content_version = False

    kind = models.CharField(_("Art"), max_length=20, choices=ContentKind.choices)
    object_id = models.PositiveBigIntegerField(_("Eintrag"))
    field = models.CharField(_("Feld"), max_length=40)
    flagged_at = models.DateTimeField(_("Veraltet seit"))
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Deutschen Text geändert von"),
    )
    resolved_at = models.DateTimeField(_("Erledigt am"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Erledigt von"),
    )
    resolution = models.CharField(
        _("Erledigt durch"), max_length=20, choices=FlagResolution.choices, blank=True
    )

    objects = TranslationFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veraltete Übersetzung")
        verbose_name_plural = _("Veraltete Übersetzungen")
        ordering = ["-flagged_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="timeline_flag_object")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "field"],
                condition=Q(resolved_at__isnull=True),
                name="timeline_flag_one_open_per_field",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.object_id}: {self.field}"
