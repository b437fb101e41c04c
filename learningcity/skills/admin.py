from django.contrib import admin

from learningcity.core.admin import AuditedAdmin
from learningcity.skills.models import Skill


@admin.register(Skill)
class SkillAdmin(AuditedAdmin):
    list_display = ("code", "name_ar", "name_en", "category")
    list_filter = ("category",)
    search_fields = ("code", "name_ar", "name_en")
