from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.core.models import Governorate
from learningcity.core.services import model_create, model_update
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError
from learningcity.exchange.datasets.lookups import (
    EXPORTED_PREFIX,
    NO_SUCH_RECORD,
    by_exported_key,
    by_field,
    differs,
    exported_key,
    prefetch_m2m,
)
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.partners.models import Entity, EntityStatus, EntityType, Sector


class PartnersDataset(Dataset):
    kind = "partners"
    label = gettext_lazy("Partner entities")
    public = True
    schema = TableSchema(
        [
            Field("external_id", "string", "المعرّف الخارجي", "External id", required=True, max_length=64),
            Field("name_ar", "string", "الاسم (العربية)", "Name (Arabic)", required=True, max_length=255),
            Field("name_en", "string", "الاسم (الإنجليزية)", "Name (English)", max_length=255),
            Field("acronym", "string", "الاسم المختصر", "Short name", max_length=40),
            Field("sector", "string", "القطاع", "Sector", required=True, choices=tuple(Sector.choices)),
            Field(
                "entity_type", "string", "نوع الجهة", "Type", required=True, choices=tuple(EntityType.choices)
            ),
            Field("status", "string", "الحالة", "Status", choices=tuple(EntityStatus.choices)),
            Field("email", "string", "البريد الإلكتروني", "Email", max_length=254),
            Field("phone", "string", "الهاتف", "Phone", max_length=30),
            Field("website", "string", "الموقع الإلكتروني", "Website", max_length=200),
            Field("address", "string", "العنوان", "Address", max_length=255),
            Field("governorates", "string", "المحافظات", "Governorates", many=True),
        ],
        primary_key=["external_id"],
    )

    def may_import(self, user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.is_programme_manager

    def export_queryset(self, user: Any) -> QuerySet:
        return Entity.objects.prefetch_related("governorates").order_by("pk")

    def public_queryset(self) -> QuerySet:
        return (
            Entity.objects.filter(status=EntityStatus.ACTIVE).prefetch_related("governorates").order_by("pk")
        )

    def export_row(self, entity: Entity) -> dict[str, Any]:
        row = {
            item.name: getattr(entity, item.name)
            for item in self.schema.fields
            if item.name != "governorates"
        }
        row["external_id"] = exported_key(entity)
        row["governorates"] = [g.code for g in entity.governorates.all()]
        return row

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        errors: list[RowError] = []
        codes = {code for _row, values in rows for code in values["governorates"]}
        governorates = by_field(Governorate, "code", codes)
        existing = by_exported_key(Entity.objects.all(), [values["external_id"] for _row, values in rows])
        prefetch_m2m(existing.values(), "governorates")
        items = []
        for row, values in rows:
            unknown = [code for code in values["governorates"] if code not in governorates]
            if unknown:
                errors.append(
                    RowError(
                        row,
                        self.column("governorates"),
                        _("Unknown governorate: %(codes)s.") % {"codes": ", ".join(unknown)},
                    )
                )
                continue
            data = {key: value for key, value in values.items() if key != "governorates"}
            data = {key: ("" if value is None and key != "status" else value) for key, value in data.items()}
            if not data.get("status"):
                data["status"] = EntityStatus.ACTIVE
            data["governorates"] = [governorates[code] for code in values["governorates"]]
            record = existing.get(values["external_id"])
            if record is None and values["external_id"].startswith(EXPORTED_PREFIX):
                errors.append(RowError(row, self.column("external_id"), NO_SUCH_RECORD()))
                continue
            if record is not None:
                data.pop("external_id")  # keep the record's own id
            items.append(
                Prepared(
                    row, values["external_id"], data, record, changed=record is None or differs(record, data)
                )
            )
        return items, errors

    def write_one(self, item: Prepared, user: Any) -> None:
        data = dict(item.data)
        governorates = data.pop("governorates")
        if item.existing is None:
            model_create(instance=Entity(**data), by=user, m2m={"governorates": governorates})
        else:
            model_update(instance=item.existing, data=data, by=user, m2m={"governorates": governorates})
