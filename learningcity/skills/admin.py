from django.contrib import admin

from learningcity.core.admin import AuditedAdmin
from learningcity.skills.models import Skill, SkillDemand, SkillGroup


@admin.register(SkillGroup)
class SkillGroupAdmin(AuditedAdmin):
    list_display = ("code", "name_ar", "name_en", "order")
    search_fields = ("code", "name_ar", "name_en")


@admin.register(Skill)
class SkillAdmin(AuditedAdmin):
    list_display = ("code", "name_ar", "name_en", "group")
    list_filter = ("group",)
    search_fields = ("code", "name_ar", "name_en", "synonyms")


@admin.register(SkillDemand)
class SkillDemandAdmin(AuditedAdmin):
    list_display = ("skill", "governorate", "entity", "people_needed", "horizon", "withdrawn_at")
    list_filter = ("horizon", "sector")
    raw_id_fields = ("entity", "skill", "governorate")
