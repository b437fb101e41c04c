"""What every API endpoint shares: cursor pagination, `updated_since` for incremental sync,
ETags, and serializers that refuse fields they do not know."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from learningcity.exchange.models import ApiToken


class SyncCursorPagination(CursorPagination):
    """Stable pages however the data changes between requests (ordered by id)."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(item) for item in value.values())
    return False


class StrictSerializer(serializers.Serializer):
    """Unknown fields are an error, not silently dropped: a partner's typo must not look like
    a successful update. A NUL character anywhere is an error too: PostgreSQL refuses it even
    in a look-up (a list of skill codes), which was a server error (found by schemathesis)."""

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        unknown_errors = {name: [_("Unknown field.")] for name in unknown}
        if isinstance(data, dict):
            nul = {
                name: [_("Text cannot contain the NUL character.")] for name in data if _holds_nul(data[name])
            }
            if nul:
                raise ValidationError({**nul, **unknown_errors})
        try:
            value = super().to_internal_value(data)
        except ValidationError as exc:
            # Report unknown and invalid fields together, so one round trip shows every mistake.
            if unknown_errors and isinstance(exc.detail, dict):
                exc.detail.update(unknown_errors)
            raise
        if unknown_errors:
            raise ValidationError(unknown_errors)
        return value


class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    pass


def token_entity_id(request: Any) -> int | None:
    return request.auth.entity_id if isinstance(request.auth, ApiToken) else None


class ApiViewMixin:
    """`?updated_since=<ISO 8601>` and conditional GET with strong ETags."""

    def filter_updated_since(self, queryset: Any) -> Any:
        raw = self.request.query_params.get("updated_since")
        if not raw:
            return queryset
        try:
            moment = parse_datetime(raw.replace(" ", "+"))
        except ValueError:  # well formed but no such moment: 2026-02-30, 25:00
            moment = None
        if moment is None:
            raise ValidationError(
                {"updated_since": [_("Give a date and time such as 2026-01-31T09:00:00+03:00.")]}
            )
        if moment.tzinfo is None:
            raise ValidationError({"updated_since": [_("Include the time zone, such as +03:00 or Z.")]})
        return queryset.filter(updated_at__gte=moment)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method != "GET" or response.status_code != status.HTTP_200_OK:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        if etag in [value.strip() for value in request.headers.get("If-None-Match", "").split(",")]:
            not_modified = Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
            return super().finalize_response(request, not_modified, *args, **kwargs)
        return response
