"""Django admin for the actor directory: search, filters and autocomplete everywhere."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.models import (
    Actor,
    ActorDimension,
    ContactPerson,
    Language,
    Level,
    Offer,
    OfferPlace,
    OpeningHours,
    Place,
    Responsibility,
    Sector,
    Synonym,
    TargetGroup,
    Task,
    Topic,
)
from core.text_input import PlainTextAdminMixin, PlainTextFormMixin


def record_verifier(obj, form, user) -> None:
    """Whoever sets "zuletzt geprüft" in the form is recorded as the one who checked."""
    if "last_verified" in form.changed_data and obj.last_verified:
        obj.last_verified_by = user


class ActorDimensionInline(PlainTextAdminMixin, admin.TabularInline):
    model = ActorDimension
    extra = 0


class ContactPersonInline(PlainTextAdminMixin, admin.StackedInline):
    model = ContactPerson
    extra = 0


@admin.register(Actor)
class ActorAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "level", "kind", "sector", "is_public", "last_verified"]
    list_filter = ["level", "kind", "sector", "is_public", "dimension_roles__dimension"]
    search_fields = ["name", "short_name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "municipality", "target_groups", "languages"]
    list_select_related = ["parent"]
    inlines = [ActorDimensionInline, ContactPersonInline]
    date_hierarchy = "last_verified"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "is_public", "description"]}),
        (
            _("Einordnung"),
            {"fields": ["level", "kind", "sector", "parent", "municipality"]},
        ),
        (_("Angebot"), {"fields": ["target_groups", "languages"]}),
        (
            _("Öffentliche Kontaktdaten"),
            {
                "fields": [
                    "street",
                    "postal_code",
                    "city",
                    "phone",
                    "email",
                    "website",
                    "opening_hours",
                ]
            },
        ),
        (_("Intern"), {"fields": ["internal_notes"]}),
        (_("Pflege"), {"fields": ["owner", "review_interval_months", "last_verified"]}),
    ]

    def save_model(self, request, obj, form, change):
        record_verifier(obj, form, request.user)
        super().save_model(request, obj, form, change)


@admin.register(Task)
class TaskAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "directness", "obligation", "municipal_task_type", "position"]
    list_filter = ["directness", "obligation", "municipal_task_type", "dimension"]
    search_fields = ["name", "legal_basis", "description", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["responsible_actors"]


@admin.register(ContactPerson)
class ContactPersonAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "function", "actor", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name", "function", "email", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]


@admin.register(TargetGroup)
class TargetGroupAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class ResponsibilityForm(PlainTextFormMixin, forms.ModelForm):
    """Hands the municipalities about to be saved to ``Responsibility.clean()``, which
    checks the area rule (the whole Kreis or municipalities, exactly one) against them
    rather than against the stored ones."""

    class Meta:
        model = Responsibility
        fields = [
            "task",
            "actor",
            "is_public",
            "for_whole_district",
            "municipalities",
            "legal_basis",
            "public_note",
            "internal_notes",
        ]

    def clean(self):
        cleaned = super().clean()
        self.instance.pending_municipalities = list(cleaned.get("municipalities") or [])
        return cleaned


class MunicipalityFilter(admin.SimpleListFilter):
    """The finder's answer per municipality: its own rows and those for the whole Kreis."""

    title = _("Kommune")
    parameter_name = "kommune"

    def lookups(self, request, model_admin):
        municipalities = Actor.objects.filter(
            level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY
        ).values_list("pk", "name")
        return [(str(pk), name) for pk, name in municipalities]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.for_municipality(int(self.value()))
        return queryset


@admin.register(Responsibility)
class ResponsibilityAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    form = ResponsibilityForm
    list_display = ["task", "actor", "area", "is_public"]
    list_filter = ["task", MunicipalityFilter, "for_whole_district", "is_public"]
    search_fields = ["task__name", "actor__name", "actor__short_name", "legal_basis"]
    autocomplete_fields = ["task", "actor"]
    filter_horizontal = ["municipalities"]
    list_select_related = ["task", "actor"]
    fieldsets = [
        (None, {"fields": ["task", "actor", "is_public"]}),
        (_("Gebiet"), {"fields": ["for_whole_district", "municipalities"]}),
        (_("Angaben"), {"fields": ["legal_basis", "public_note"]}),
        (_("Intern"), {"fields": ["internal_notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("municipalities")

    @admin.display(description=_("Gebiet"))
    def area(self, responsibility: Responsibility) -> str:
        if responsibility.for_whole_district:
            return str(_("ganzer Kreis"))
        return ", ".join(m.name for m in responsibility.municipalities.all())


# --- offers (Angebote) --------------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Place)
class PlaceAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "street", "city", "municipality", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name", "street", "postal_code", "city"]
    autocomplete_fields = ["municipality"]
    list_select_related = ["municipality"]


class OfferPlaceInline(PlainTextAdminMixin, admin.TabularInline):
    model = OfferPlace
    extra = 0
    autocomplete_fields = ["place"]


class OpeningHoursInline(PlainTextAdminMixin, admin.TabularInline):
    """The hours of the offer; a place to choose only among the offer's own places."""

    model = OpeningHours
    extra = 0
    fields = [
        "weekday",
        "opens_at",
        "closes_at",
        "by_appointment_only",
        "offer_place",
        "description",
    ]

    def get_formset(self, request, obj=None, **kwargs):
        self._offer = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "offer_place":
            offer = getattr(self, "_offer", None)
            kwargs["queryset"] = (
                OfferPlace.objects.filter(offer=offer).select_related("offer", "place")
                if offer is not None and offer.pk
                else OfferPlace.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _https_by_default(db_field, **kwargs):
    """Form fields of a model form, web addresses typed without a scheme read as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class OfferForm(PlainTextFormMixin, forms.ModelForm):
    """Hands the municipalities about to be saved to ``Offer.clean()``, which checks the
    area rule (the whole Kreis or municipalities, exactly one) against them rather than
    against the stored ones (as ``ResponsibilityForm`` does)."""

    class Meta:
        model = Offer
        formfield_callback = _https_by_default
        fields = [
            "actor",
            "name",
            "slug",
            "status",
            "is_public",
            "description",
            "topics",
            "target_groups",
            "languages",
            "for_whole_district",
            "municipalities",
            "application_process",
            "fees_description",
            "url",
            "email",
            "phone",
            "internal_notes",
            "owner",
            "review_interval_months",
            "last_verified",
        ]

    def clean(self):
        cleaned = super().clean()
        self.instance.pending_municipalities = list(cleaned.get("municipalities") or [])
        return cleaned


@admin.register(Offer)
class OfferAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    form = OfferForm
    list_display = ["name", "actor", "status", "is_public", "last_verified"]
    list_filter = [
        "status",
        "is_public",
        "topics",
        MunicipalityFilter,
        "for_whole_district",
        "target_groups",
        "is_demo",
    ]
    search_fields = ["name", "slug", "description", "actor__name", "actor__short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["actor", "municipalities", "target_groups", "languages", "topics"]
    list_select_related = ["actor"]
    inlines = [OfferPlaceInline, OpeningHoursInline]
    date_hierarchy = "last_verified"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["actor", "name", "slug", "status", "is_public", "description"]}),
        (_("Für wen und wofür"), {"fields": ["topics", "target_groups", "languages"]}),
        (_("Gebiet"), {"fields": ["for_whole_district", "municipalities"]}),
        (_("Zugang und Kosten"), {"fields": ["application_process", "fees_description"]}),
        (_("Öffentliche Kontaktdaten des Angebots"), {"fields": ["url", "email", "phone"]}),
        (_("Intern"), {"fields": ["internal_notes"]}),
        (_("Pflege"), {"fields": ["owner", "review_interval_months", "last_verified"]}),
    ]

    def save_model(self, request, obj, form, change):
        record_verifier(obj, form, request.user)
        super().save_model(request, obj, form, change)


@admin.register(Synonym)
class SynonymAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    """The search's synonym groups: editors extend them; a change applies to the next
    search (the search reads them each time)."""

    list_display = ["key", "words"]
    search_fields = ["key", "words"]
    prepopulated_fields = {"key": ["words"]}
