from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from learningcity.core.models import AuditEntry, Region


def audit_entry_list(*, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if filters.get("actor"):
        entries = entries.filter(actor_label__iexact=filters["actor"])
    if filters.get("content_type"):
        entries = entries.filter(content_type=filters["content_type"])
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("object_id"):
        entries = entries.filter(object_id=str(filters["object_id"]))
    if isinstance(filters.get("since"), dt.date):
        entries = entries.filter(timestamp__date__gte=filters["since"])
    if isinstance(filters.get("until"), dt.date):
        entries = entries.filter(timestamp__date__lte=filters["until"])
    return entries


def audited_content_types() -> QuerySet[ContentType]:
    return ContentType.objects.filter(pk__in=AuditEntry.objects.values("content_type").distinct()).order_by(
        "app_label", "model"
    )


def region_list() -> QuerySet[Region]:
    return Region.objects.prefetch_related("governorates", "learning_cities__governorate").annotate(
        governorate_count=Count("governorates", distinct=True)
    )
