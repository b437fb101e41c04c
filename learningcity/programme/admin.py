from django.contrib import admin

from learningcity.core.admin import AuditedAdmin
from learningcity.programme.models import Axis, Track


@admin.register(Axis)
class AxisAdmin(AuditedAdmin):
    list_display = ("number", "title_ar", "title_en")


@admin.register(Track)
class TrackAdmin(AuditedAdmin):
    list_display = ("code", "title_ar", "axis", "lead_sector")
    list_filter = ("axis", "lead_sector")
    list_select_related = ("axis",)
