"""Administration of networks, memberships and links, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.text_input import PlainTextAdminMixin
from networks.models import CoordinationLink, Membership, Network


class MembershipInline(PlainTextAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["actor"]
    fields = ["actor", "role", "since", "until", "note"]


@admin.register(Network)
class NetworkAdmin(PlainTextAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "programme", "field_of_work", "lead_actor", "is_public"]
    list_filter = ["programme", "kind", "field_of_work", "is_public"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["lead_actor"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["coordinators"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PlainTextAdminMixin, SimpleHistoryAdmin):
    # Named in order: the period's fields come from the abstract ``TimeBounded`` first.
    fields = ["network", "actor", "role", "since", "until", "note"]
    list_display = ["actor", "network", "role", "since", "until"]
    list_filter = ["network", "role"]
    search_fields = ["actor__name", "network__name"]
    raw_id_fields = ["actor"]
    autocomplete_fields = ["network"]
    list_select_related = ["actor", "network"]


@admin.register(CoordinationLink)
class CoordinationLinkAdmin(PlainTextAdminMixin, SimpleHistoryAdmin):
    fields = ["source", "target", "kind", "network", "since", "until", "description"]
    list_display = ["source", "kind", "target", "network", "since", "until"]
    list_filter = ["kind", "network"]
    search_fields = ["source__name", "target__name", "description"]
    raw_id_fields = ["source", "target"]
    autocomplete_fields = ["network"]
    list_select_related = ["source", "target", "network"]
