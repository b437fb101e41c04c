"""What every API endpoint shares: cursor pagination, `updated_since` for incremental sync,
ETags, and serializers that refuse fields they do not know."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
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

    def get_page_size(self, request: Any) -> int:
        """A page size the contract allows (a whole number from 1 to 500, once), or a 400:
        DRF's own reading quietly used the default for "1.5", "abc" or a repeated value,
        so a client never learnt that it asked for something the API does not do."""
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        value = values[0]
        if (
            len(values) > 1
            or not (value.isascii() and value.isdigit())
            or not 1 <= int(value) <= self.max_page_size
        ):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("A whole number from 1 to %(most)d, given once.") % {"most": self.max_page_size}
                    ]
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters


LIST_FIELDS = (serializers.ListField, serializers.ManyRelatedField, serializers.MultipleChoiceField)
TEXT_ITEMS = (serializers.CharField, serializers.SlugRelatedField)
# The years a date-time in a request may have (and its pattern in the schema, schema.py).
MOMENT_PATTERN = r"^(?:19[7-9][0-9]|2[0-9]{3})-"
MOMENT_IN_ERA = re.compile(MOMENT_PATTERN)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(item) for item in value.values())
    return False


def _is_decimal_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _in_era(value: Any) -> bool:
    return not isinstance(value, str) or bool(MOMENT_IN_ERA.match(value))


def _items_are_text(value: Any) -> bool:
    return not isinstance(value, list) or all(isinstance(item, str) for item in value)


# (the fields a rule is for, what a value must be there, what the caller is told). DRF converts
# rather than refuses — 0 into "0", 1 into True, {} into [], 7 into the code "7", 12.5 into a
# decimal — so a partner's bug would be saved as something it did not mean.
JSON_TYPE_RULES: tuple[tuple[Any, Any, Any], ...] = (
    (serializers.CharField, lambda value: isinstance(value, str), _("Give text here (a JSON string).")),
    (serializers.BooleanField, lambda value: isinstance(value, bool), _("Give true or false here.")),
    (LIST_FIELDS, lambda value: isinstance(value, list), _("Give a list here (a JSON array).")),
    # Decimals travel as strings, as the schema says ("12.5": exact, never a float).
    (serializers.DecimalField, _is_decimal_text, _('Give the number as a string, such as "12.5".')),
    # A moment from 1970 to 2999 (the schema's pattern): before 1947 Riyadh's clock ran on
    # local mean time (+03:06:52), an offset RFC 3339 cannot write.
    (serializers.DateTimeField, _in_era, _("Give a moment between 1970 and 2999.")),
)


def wrong_json_types(fields: dict[str, Any], data: dict[str, Any]) -> dict[str, list[str]]:
    """The fields whose value is not of the JSON type the schema gives them."""
    errors: dict[str, list[str]] = {}
    for name, field in fields.items():
        value = data.get(name)
        if value is None:
            continue
        for kinds, holds, message in JSON_TYPE_RULES:
            if isinstance(field, kinds) and not holds(value):
                errors[name] = [message]
        items = getattr(field, "child", None) or getattr(field, "child_relation", None)
        if isinstance(items, TEXT_ITEMS) and not _items_are_text(value):
            errors[name] = [_("Give each item as text (a JSON string).")]
    return errors


class StrictSerializer(serializers.Serializer):
    """Unknown fields are an error, not silently dropped: a partner's typo must not look like
    a successful update (the schema says so: `additionalProperties: false`, schema.py). A NUL character anywhere is an error too: PostgreSQL refuses it even
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
            # Reported together, so one round trip shows every mistake.
            wrong_type = wrong_json_types(self.fields, data)
            if wrong_type:
                raise ValidationError({**wrong_type, **unknown_errors})
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
        if raw is None:
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
        # In UTC: PostgreSQL refuses an offset beyond ±15:59 (RFC 3339 allows up to ±23:59),
        # which was a server error there.
        return queryset.filter(updated_at__gte=moment.astimezone(dt.UTC))

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
