from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.core.disaggregation import Dimension, is_valid_category
from learningcity.core.models import Governorate, LearningCity, Region
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError, service_message
from learningcity.exchange.datasets.lookups import by_field
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.indicators.models import Indicator, Measurement, MeasurementStatus, scope_key
from learningcity.indicators.permissions import can_report
from learningcity.indicators.services import measurement_submit
from learningcity.partners.permissions import coordinated_entity_ids


class MeasurementsDataset(Dataset):
    """Indicator values: one row for the total of an indicator × period × place, and one more
    per breakdown category (sex, age group…) of it."""

    kind = "measurements"
    label = gettext_lazy("Indicator values")
    public = True
    schema = TableSchema(
        [
            Field("indicator", "string", "رمز المؤشر", "Indicator code", required=True),
            Field("period_start", "date", "بداية الفترة", "Period start", required=True),
            Field("region", "string", "المنطقة", "Region"),
            Field("learning_city", "string", "مدينة التعلم", "Learning city"),
            Field("governorate", "string", "المحافظة", "Governorate"),
            Field("dimension", "string", "بُعد التصنيف", "Breakdown", choices=tuple(Dimension.choices)),
            Field("category", "string", "الفئة", "Category"),
            Field("value", "number", "القيمة", "Value", required=True),
            Field("numerator", "number", "البسط", "Numerator"),
            Field("denominator", "number", "المقام", "Denominator"),
            Field("comment", "string", "ملاحظة", "Comment"),
        ],
        primary_key=[
            "indicator",
            "period_start",
            "region",
            "learning_city",
            "governorate",
            "dimension",
            "category",
        ],
    )

    def export_queryset(self, user: Any) -> QuerySet:
        rows = self._rows()
        if user.is_programme_manager:
            return rows
        return rows.filter(
            Q(status=MeasurementStatus.VERIFIED) | Q(indicator__owner_entity__in=coordinated_entity_ids(user))
        )

    def public_queryset(self) -> QuerySet:
        return self._rows().filter(status=MeasurementStatus.VERIFIED, indicator__is_public=True)

    def _rows(self) -> QuerySet:
        return Measurement.objects.select_related(
            "indicator", "region", "learning_city", "governorate"
        ).order_by("indicator__code", "period_start", "scope", "dimension", "category")

    def export_row(self, measurement: Measurement) -> dict[str, Any]:
        return {
            "indicator": measurement.indicator.code,
            "period_start": measurement.period_start,
            "region": measurement.region.code if measurement.region else "",
            "learning_city": measurement.learning_city.code if measurement.learning_city else "",
            "governorate": measurement.governorate.code if measurement.governorate else "",
            "dimension": measurement.dimension,
            "category": measurement.category,
            "value": measurement.value,
            "numerator": measurement.numerator,
            "denominator": measurement.denominator,
            "comment": measurement.comment,
        }

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        errors: list[RowError] = []
        indicators = by_field(Indicator, "code", [v["indicator"] for _r, v in rows])
        regions = by_field(Region, "code", [v["region"] for _r, v in rows])
        cities = by_field(LearningCity, "code", [v["learning_city"] for _r, v in rows])
        governorates = by_field(Governorate, "code", [v["governorate"] for _r, v in rows])
        checked = []
        for row, values in rows:
            indicator = indicators.get(values["indicator"])
            problems = []
            if indicator is None:
                problems.append(RowError(row, self.column("indicator"), _("No indicator has this code.")))
            elif indicator.computed_key:
                problems.append(
                    RowError(
                        row, self.column("indicator"), _("This indicator is calculated by the platform.")
                    )
                )
            elif not can_report(user, indicator):
                problems.append(
                    RowError(row, self.column("indicator"), _("You may not report values of this indicator."))
                )
            for name, found in (
                ("region", regions),
                ("learning_city", cities),
                ("governorate", governorates),
            ):
                if values[name] and values[name] not in found:
                    problems.append(
                        RowError(
                            row, self.column(name), _("Unknown code “%(code)s”.") % {"code": values[name]}
                        )
                    )
            if not (values["region"] or values["learning_city"] or values["governorate"]):
                problems.append(
                    RowError(
                        row,
                        self.column("governorate"),
                        _("Give the region, the learning city or the governorate."),
                    )
                )
            dimension, category = values["dimension"] or "", values["category"] or ""
            if bool(dimension) != bool(category):
                problems.append(
                    RowError(
                        row,
                        self.column("category"),
                        _("A breakdown needs both its dimension and its category."),
                    )
                )
            elif dimension and not is_valid_category(dimension, category):
                problems.append(
                    RowError(
                        row, self.column("category"), _("Unknown category “%(code)s”.") % {"code": category}
                    )
                )
            if problems:
                errors += problems
                continue
            place = {
                "region": regions.get(values["region"]),
                "learning_city": cities.get(values["learning_city"]),
                "governorate": governorates.get(values["governorate"]),
            }
            checked.append((row, values, indicator, place, dimension, category))
        scopes = {
            scope_key(
                getattr(p["region"], "pk", None) or (p["learning_city"] or p["governorate"]).region_id,
                getattr(p["learning_city"], "pk", None),
                getattr(p["governorate"], "pk", None),
            )
            for _r, _v, _i, p, _d, _c in checked
        }
        current = {
            (m.indicator_id, m.period_start, m.scope, m.dimension, m.category): m.value
            for m in Measurement.objects.filter(indicator__in=indicators.values(), scope__in=scopes)
        }
        items = []
        for row, values, indicator, place, dimension, category in checked:
            region_id = (
                getattr(place["region"], "pk", None)
                or (place["learning_city"] or place["governorate"]).region_id
            )
            scope = scope_key(
                region_id,
                getattr(place["learning_city"], "pk", None),
                getattr(place["governorate"], "pk", None),
            )
            key = (indicator.pk, values["period_start"], scope, dimension, category)
            old = current.get(key)
            items.append(
                Prepared(
                    row,
                    key,
                    {"value": values["value"]},
                    old,
                    changed=old is None or old != values["value"],
                    extra={
                        "indicator": indicator,
                        "place": place,
                        "numerator": values["numerator"],
                        "denominator": values["denominator"],
                        "comment": values["comment"] or "",
                    },
                )  # fmt: skip
            )
        return items, errors

    # One report per indicator × period × place: its total row and its breakdown rows, which
    # may be anywhere in the file; rows are gathered by group and reported at the end.
    def write_batch(self, items: Iterable[Prepared], user: Any, state: dict[str, Any]) -> list[RowError]:
        groups = state.setdefault("groups", {})
        for item in items:
            indicator_id, period, scope, dimension, category = item.key
            group = groups.setdefault(
                (indicator_id, period, scope),
                {"total": None, "parts": {}, "changed": False, "first": item.row},
            )
            group["changed"] |= item.changed
            if dimension:
                group["parts"][(dimension, category)] = item.data["value"]
            else:
                group["total"] = item
        return []

    def finish(self, user: Any, state: dict[str, Any]) -> list[RowError]:
        errors = []
        groups = state.get("groups", {})
        for (_indicator_id, period, _scope), group in groups.items():
            if not group["changed"]:
                continue
            total: Prepared | None = group["total"]
            if total is None:
                errors.append(
                    RowError(
                        group["first"],
                        self.column("dimension"),
                        _("A breakdown needs its total row (with no breakdown) in the same file."),
                    )
                )
                continue
            extra = total.extra
            try:
                with transaction.atomic():
                    measurement_submit(
                        indicator=extra["indicator"], period_start=period, value=total.data["value"],
                        parts=group["parts"], numerator=extra["numerator"], denominator=extra["denominator"],
                        comment=extra["comment"], by=user, **extra["place"],
                    )  # fmt: skip
            except (ValidationError, PermissionDenied) as exc:
                errors.append(RowError(total.row, "", service_message(exc)))
        return errors
