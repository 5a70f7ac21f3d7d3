"""The history in the Django admin, beside the Redaktion's own area at /redaktion/.

The portal's editorial area (``timeline.editorial``) is where editors change published
content through drafts; the admin stays for what that area does not cover (bullet points
and citations) and for administrators. Every model keeps a change history
(django-simple-history, "Historie" button). Drafts are previewed through "Auf der Website
anzeigen", which opens the editors-only preview.

Saving a form unchanged writes nothing (no history row): line breaks arrive as LF, as
they are stored, so an untouched textarea is no change. A change to a German text flags
the English and Leichte-Sprache texts resting on it as outdated, as in the portal.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.text_input import PlainTextAdminMixin
from timeline import services
from timeline.editing import BY_MODEL
from timeline.forms import LineBreakTextField
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


#: Texts whose line breaks arrive as LF: a textarea sent back untouched is no change.
TEXT_OVERRIDES = {models.TextField: {"form_class": LineBreakTextField}}


class UnchangedSaveMixin:
    """A form saved without a change writes nothing; a change to a German text flags the
    translations resting on it (``services.translations_after_change``)."""

    formfield_overrides = TEXT_OVERRIDES

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return
        super().save_model(request, obj, form, change)
        spec = BY_MODEL.get(type(obj))
        if change and spec is not None:
            changed = [name for name in form.changed_data if name in spec.fields]
            services.translations_after_change(obj=obj, changed=changed, by=request.user)


class CitationInline(PlainTextAdminMixin, admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "pages", "position"]


class CharacteristicInline(PlainTextAdminMixin, admin.TabularInline):
    model = Characteristic
    formfield_overrides = TEXT_OVERRIDES
    extra = 0
    fields = ["position", "text", "text_en", "parent"]
    show_change_link = True


@admin.register(Source)
class SourceAdmin(UnchangedSaveMixin, PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
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
class PeriodAdmin(UnchangedSaveMixin, PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
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
class CharacteristicAdmin(UnchangedSaveMixin, PlainTextAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "period", "position"]
    list_filter = ["period"]
    search_fields = ["text", "text_en"]
    inlines = [CitationInline]

    def view_on_site(self, obj):
        return f"{obj.period.get_preview_url()}#merkmal-{obj.position}"


@admin.register(Event)
class EventAdmin(UnchangedSaveMixin, PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
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
    formfield_overrides = TEXT_OVERRIDES
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["position", "text", "source", "pages", "translation_en"]


@admin.register(Thesis)
class ThesisAdmin(UnchangedSaveMixin, PlainTextAdminMixin, PublishActionsMixin, SimpleHistoryAdmin):
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
