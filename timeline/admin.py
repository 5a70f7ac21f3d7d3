"""Editing of the history by the Redaktion: Django admin with previews and change history.

Every model keeps a change history (django-simple-history, "Historie" button). Drafts
are previewed through "Auf der Website anzeigen", which opens the editors-only preview.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.text_input import PlainTextAdminMixin
from timeline import services
from timeline.models import Characteristic, Citation, Event, Period, Quote, Source, Status, Thesis


class PublishActionsMixin:
    """ "Veröffentlichen" and "Zurückziehen" for the selected entries."""

    actions = ["publish", "withdraw"]

    @admin.action(description=_("Ausgewählte veröffentlichen"))
    def publish(self, request, queryset):
        changed = services.content_set_status(queryset=queryset, status=Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(n)d Eintrag veröffentlicht.", "%(n)d Einträge veröffentlicht.", changed)
            % {"n": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Ausgewählte zurückziehen (Entwurf)"))
    def withdraw(self, request, queryset):
        changed = services.content_set_status(queryset=queryset, status=Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(n)d Eintrag zurückgezogen.", "%(n)d Einträge zurückgezogen.", changed)
            % {"n": changed},
            messages.SUCCESS,
        )


class CitationInline(PlainTextAdminMixin, admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "pages", "position"]


class CharacteristicInline(PlainTextAdminMixin, admin.TabularInline):
    model = Characteristic
    extra = 0
    fields = ["position", "text", "text_en", "parent"]
    show_change_link = True


@admin.register(Source)
class SourceAdmin(PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
    list_display = [
        "short_citation",
        "authors",
        "year",
        "in_keynote_bibliography",
        "is_recommendation",
        "status",
    ]
    list_filter = ["status", "in_keynote_bibliography", "is_recommendation"]
    search_fields = ["short_citation", "authors", "citation", "key"]
    prepopulated_fields = {"key": ["short_citation"]}

    def view_on_site(self, obj):
        return reverse("timeline:preview_bibliography") + f"#quelle-{obj.key}"


@admin.register(Period)
class PeriodAdmin(PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
    list_display = ["title", "start_year", "end_year", "position", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "focus", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CharacteristicInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["status", "title", "slug", "position", "start_year", "end_year"]}),
        (_("Deutsch"), {"fields": ["focus", "summary", "easy_summary"]}),
        (_("Englisch"), {"fields": ["title_en", "focus_en", "summary_en", "easy_summary_en"]}),
    ]

    def view_on_site(self, obj):
        return obj.get_preview_url()


@admin.register(Characteristic)
class CharacteristicAdmin(PlainTextAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "period", "position"]
    list_filter = ["period"]
    search_fields = ["text", "text_en"]
    inlines = [CitationInline]

    def view_on_site(self, obj):
        return f"{obj.period.get_preview_url()}#merkmal-{obj.position}"


@admin.register(Event)
class EventAdmin(PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
    list_display = ["title", "year", "period", "level", "kind", "status"]
    list_filter = ["status", "level", "kind", "period"]
    search_fields = ["title", "text", "title_en", "text_en"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CitationInline]
    fieldsets = [
        (None, {"fields": ["status", "period", "slug", "year", "date", "level", "kind"]}),
        (_("Deutsch"), {"fields": ["title", "text", "characteristic"]}),
        (_("Englisch"), {"fields": ["title_en", "text_en"]}),
    ]

    def view_on_site(self, obj):
        return f"{obj.period.get_preview_url()}#ereignis-{obj.slug}"


class QuoteInline(PlainTextAdminMixin, admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["position", "text", "source", "pages", "translation_en"]


@admin.register(Thesis)
class ThesisAdmin(PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
    list_display = ["number", "title", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "explanation"]
    inlines = [QuoteInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["status", "number"]}),
        (_("Deutsch"), {"fields": ["title", "explanation"]}),
        (_("Englisch"), {"fields": ["title_en", "explanation_en"]}),
    ]

    def view_on_site(self, obj):
        return reverse("timeline:preview_theses") + f"#these-{obj.number}"
