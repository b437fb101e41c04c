"""The back office for expertise exchange and partnership: programme managers correct records
here; the pages (and their services) are where the work is done and reviewed."""

from django.contrib import admin

from learningcity.collaboration.models import ChannelPost, Need, Pledge, Practice, Story
from learningcity.core.admin import AuditedAdmin


@admin.register(Practice)
class PracticeAdmin(AuditedAdmin):
    list_display = ("title_ar", "entity", "status", "source_city", "created_at")
    list_filter = ("status",)
    search_fields = ("title_ar", "title_en", "source_city")
    raw_id_fields = ("entity", "initiative", "author", "reviewed_by")
    filter_horizontal = ("partner_entities",)


@admin.register(ChannelPost)
class ChannelPostAdmin(AuditedAdmin):
    list_display = ("track", "author", "created_at", "hidden_at")
    list_filter = ("track",)
    search_fields = ("text",)
    raw_id_fields = ("track", "parent", "author", "entity", "hidden_by")
    exclude = ("mentioned_users", "mentioned_entities")


@admin.register(Need)
class NeedAdmin(AuditedAdmin):
    list_display = ("title_ar", "initiative", "kind", "amount", "quantity", "deadline", "closed_at")
    list_filter = ("kind",)
    search_fields = ("title_ar", "title_en", "initiative__code")
    raw_id_fields = ("initiative", "created_by")


@admin.register(Pledge)
class PledgeAdmin(AuditedAdmin):
    list_display = ("need", "entity", "size", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("need", "entity", "offered_by", "decided_by", "funding", "resource_request")


@admin.register(Story)
class StoryAdmin(AuditedAdmin):
    list_display = ("title_ar", "entity", "kind", "status", "photo_consent", "published_at")
    list_filter = ("status", "kind")
    search_fields = ("title_ar", "title_en")
    raw_id_fields = ("entity", "initiative", "author", "reviewed_by")
