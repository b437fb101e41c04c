from django.contrib import admin

from learningcity.core.admin import AuditedAdmin
from learningcity.indicators.models import Framework, FrameworkNode


@admin.register(Framework)
class FrameworkAdmin(AuditedAdmin):
    list_display = ("code", "name_ar", "name_en")


@admin.register(FrameworkNode)
class FrameworkNodeAdmin(AuditedAdmin):
    list_display = ("name_ar", "name_en", "framework", "parent", "position")
    list_filter = ("framework",)
    list_select_related = ("framework", "parent")
