from django.contrib import admin

from learningcity.core.admin import AuditedAdmin
from learningcity.partners.models import Agreement, Coordinator, Entity, Responsibility


@admin.register(Entity)
class EntityAdmin(AuditedAdmin):
    list_display = ("name_ar", "name_en", "sector", "entity_type", "status")
    list_filter = ("sector", "entity_type", "status", "governorates")
    search_fields = ("name_ar", "name_en", "acronym")
    filter_horizontal = ("governorates",)


@admin.register(Coordinator)
class CoordinatorAdmin(AuditedAdmin):
    list_display = ("full_name_ar", "full_name_en", "entity", "gender", "role_in_entity", "is_active")
    list_filter = ("gender", "role_in_entity", "is_active", "entity__sector")
    list_select_related = ("entity",)
    search_fields = ("full_name_ar", "full_name_en", "email")
    raw_id_fields = ("user",)
    autocomplete_fields = ("entity",)


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ("title_ar", "reference", "start_date", "end_date")
    search_fields = ("title_ar", "title_en", "reference")
    filter_horizontal = ("parties",)


@admin.register(Responsibility)
class ResponsibilityAdmin(AuditedAdmin):
    list_display = ("sector", "track", "description_ar")
    list_filter = ("sector",)
    list_select_related = ("track",)
