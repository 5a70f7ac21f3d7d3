"""Django admin for the actor directory: search, filters and autocomplete everywhere."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, ActorDimension, ContactPerson, Language, TargetGroup, Task
from core.text_input import PlainTextAdminMixin


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
        (_("Intern"), {"fields": ["internal_notes", "last_verified"]}),
    ]


@admin.register(Task)
class TaskAdmin(PlainTextAdminMixin, admin.ModelAdmin):
    list_display = ["name", "directness", "obligation", "municipal_task_type", "position"]
    list_filter = ["directness", "obligation", "municipal_task_type", "dimension"]
    search_fields = ["name", "legal_basis", "description"]
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
