from django.contrib import admin

from learningcity.core.admin import AuditedAdmin
from learningcity.programme.models import Axis, Challenge, Goal, Initiative, Proposal, Resource, Track


@admin.register(Axis)
class AxisAdmin(AuditedAdmin):
    list_display = ("number", "title_ar", "title_en")


@admin.register(Track)
class TrackAdmin(AuditedAdmin):
    list_display = ("code", "title_ar", "axis", "lead_sector")
    list_filter = ("axis", "lead_sector")
    list_select_related = ("axis",)


@admin.register(Goal)
class GoalAdmin(AuditedAdmin):
    list_display = ("title_ar", "track", "target_date", "owner_entity", "achieved")
    list_filter = ("track__axis", "achieved")
    list_select_related = ("track", "owner_entity")
    autocomplete_fields = ("owner_entity",)


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ("code", "title_ar", "learning_city", "track", "owner_entity", "status", "progress")
    list_filter = ("status", "learning_city", "track__axis")
    list_select_related = ("learning_city", "track", "owner_entity")
    search_fields = ("code", "title_ar", "title_en")
    readonly_fields = ("progress",)
    filter_horizontal = ("governorates", "framework_nodes")


@admin.register(Resource)
class ResourceAdmin(AuditedAdmin):
    list_display = ("title_ar", "kind", "owner_entity", "capacity", "is_available")
    list_filter = ("kind", "is_available")
    list_select_related = ("owner_entity",)


@admin.register(Challenge)
class ChallengeAdmin(AuditedAdmin):
    list_display = ("title", "initiative", "category", "severity", "status")
    list_filter = ("status", "severity", "category")
    list_select_related = ("initiative",)


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin):
    list_display = ("title", "proposer", "status", "created_at")
    list_filter = ("status",)
