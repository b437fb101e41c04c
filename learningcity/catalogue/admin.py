from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from learningcity.catalogue.models import (
    Campaign,
    Certificate,
    Learner,
    Opportunity,
    Registration,
    Session,
    SynonymGroup,
)
from learningcity.core.admin import AuditedAdmin, ReadOnlyAdmin


@admin.register(Campaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ("title_ar", "title_en", "starts_on", "ends_on")
    search_fields = ("title_ar", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}


class SessionInline(admin.TabularInline):
    """Shown, not edited: a session's places and status change through the opportunity's own
    pages (catalogue.services.session_update promotes the waiting list when places are added;
    session_cancel tells everyone registered). Editing them here went around both."""

    model = Session
    extra = 0
    fields = ("starts_at", "ends_at", "capacity", "audience_sex", "status")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_active and request.user.is_programme_manager

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Opportunity)
class OpportunityAdmin(AuditedAdmin):
    list_display = ("title_ar", "provider", "opportunity_type", "governorate", "status", "featured")
    list_filter = ("status", "opportunity_type", "audience_sex", "governorate", "featured")
    list_select_related = ("provider", "governorate")
    search_fields = ("title_ar", "title_en")
    autocomplete_fields = ("provider", "initiative")
    filter_horizontal = ("skills", "campaigns")
    inlines = [SessionInline]


@admin.register(Learner)
class LearnerAdmin(AuditedAdmin):
    list_display = ("full_name", "mobile", "sex", "age_group", "governorate", "nationality", "created_at")
    list_filter = ("sex", "age_group", "nationality", "governorate")
    list_select_related = ("governorate",)
    search_fields = ("full_name", "mobile", "user__email")
    readonly_fields = ("user", "consented_at", "privacy_notice_version")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    """Read here, changed on the platform's pages: a registration is made, cancelled, marked
    attended or completed by catalogue.services (places counted under a lock, the waiting list
    promoted, the learner told), which a back-office edit would go around."""

    list_display = ("learner", "session", "status", "attended", "completed_at")
    list_filter = ("status", "attended")
    list_select_related = ("learner", "session__opportunity")
    raw_id_fields = ("learner", "session")


@admin.register(Certificate)
class CertificateAdmin(AuditedAdmin):
    list_display = ("uuid", "learner_name", "achievement_ar", "issued_at", "revoked_at")
    search_fields = ("learner_name", "achievement_ar", "uuid")
    readonly_fields = ("uuid", "registration", "issued_at")


@admin.register(SynonymGroup)
class SynonymGroupAdmin(AuditedAdmin):
    """The search thesaurus: words people use for the same thing, used by the catalogue's
    search at once (catalogue/search/thesaurus.py)."""

    list_display = ("__str__", "note", "updated_at")
    search_fields = ("terms", "note")
