from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.core.models import Governorate, LearningCity
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError
from learningcity.exchange.datasets.lookups import by_field, differs, prefetch_m2m
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.partners.models import Entity
from learningcity.programme.models import Initiative, InitiativeStatus, Track
from learningcity.programme.permissions import can_create_initiative_for
from learningcity.programme.services import initiatives as services


class InitiativesDataset(Dataset):
    kind = "initiatives"
    label = gettext_lazy("Initiatives")
    public = True
    schema = TableSchema(
        [
            Field("external_id", "string", "المعرّف الخارجي", "External id", required=True, max_length=64),
            Field("title_ar", "string", "العنوان (العربية)", "Title (Arabic)", required=True, max_length=255),
            Field("title_en", "string", "العنوان (الإنجليزية)", "Title (English)", max_length=255),
            Field("description_ar", "string", "الوصف (العربية)", "Description (Arabic)"),
            Field("description_en", "string", "الوصف (الإنجليزية)", "Description (English)"),
            Field("owner_entity", "integer", "رقم الجهة المسؤولة", "Owner entity id", required=True),
            Field("learning_city", "string", "مدينة التعلم", "Learning city", required=True),
            Field("track", "string", "المسار", "Track", required=True),
            Field("status", "string", "الحالة", "Status", choices=tuple(InitiativeStatus.choices)),
            Field("start_date", "date", "تاريخ البداية", "Start date", required=True),
            Field("end_date", "date", "تاريخ النهاية", "End date", required=True),
            Field("budget", "number", "الميزانية (ريال)", "Budget (SAR)", minimum=Decimal(0)),
            Field("governorates", "string", "المحافظات", "Governorates", many=True),
        ],
        primary_key=["owner_entity", "external_id"],
    )

    def export_queryset(self, user: Any) -> QuerySet:
        return self.public_queryset()

    def public_queryset(self) -> QuerySet:
        return (
            Initiative.objects.select_related("learning_city", "track")
            .prefetch_related("governorates")
            .order_by("pk")
        )

    def export_row(self, initiative: Initiative) -> dict[str, Any]:
        return {
            "external_id": initiative.external_id or initiative.code,
            "title_ar": initiative.title_ar, "title_en": initiative.title_en,
            "description_ar": initiative.description_ar, "description_en": initiative.description_en,
            "owner_entity": initiative.owner_entity_id, "learning_city": initiative.learning_city.code,
            "track": initiative.track.code, "status": initiative.status, "start_date": initiative.start_date,
            "end_date": initiative.end_date, "budget": initiative.budget,
            "governorates": [g.code for g in initiative.governorates.all()],
        }  # fmt: skip

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        errors: list[RowError] = []
        cities = by_field(LearningCity, "code", [v["learning_city"] for _r, v in rows])
        tracks = by_field(Track, "code", [v["track"] for _r, v in rows])
        owners = by_field(Entity, "pk", [v["owner_entity"] for _r, v in rows])
        governorates = by_field(Governorate, "code", [c for _r, v in rows for c in v["governorates"]])
        # An exported row carries the initiative's code where it has no external id yet.
        keys = [(v["owner_entity"], v["external_id"]) for _r, v in rows]
        existing_rows = Initiative.objects.filter(
            Q(code__in=[key[1] for key in keys]) | Q(external_id__in=[key[1] for key in keys])
        ).prefetch_related("governorates")
        existing: dict[tuple[int, str], Initiative] = {}
        for record in existing_rows:
            existing[(record.owner_entity_id, record.external_id or record.code)] = record
            existing.setdefault((record.owner_entity_id, record.code), record)
        prefetch_m2m(existing.values(), "governorates")
        items = []
        for row, values in rows:
            problems = []
            if values["learning_city"] not in cities:
                problems.append(
                    RowError(
                        row,
                        self.column("learning_city"),
                        _("Unknown learning city “%(code)s”.") % {"code": values["learning_city"]},
                    )
                )
            if values["track"] not in tracks:
                problems.append(
                    RowError(
                        row, self.column("track"), _("Unknown track “%(code)s”.") % {"code": values["track"]}
                    )
                )
            owner = owners.get(values["owner_entity"])
            if owner is None:
                problems.append(RowError(row, self.column("owner_entity"), _("No entity has this id.")))
            elif not can_create_initiative_for(user, owner.pk):
                problems.append(
                    RowError(
                        row, self.column("owner_entity"), _("You may not change records of this entity.")
                    )
                )
            unknown = [code for code in values["governorates"] if code not in governorates]
            if unknown:
                problems.append(
                    RowError(
                        row,
                        self.column("governorates"),
                        _("Unknown governorate: %(codes)s.") % {"codes": ", ".join(unknown)},
                    )
                )
            if values["end_date"] and values["start_date"] and values["end_date"] < values["start_date"]:
                problems.append(
                    RowError(row, self.column("end_date"), _("The end date cannot be before the start date."))
                )
            if problems:
                errors += problems
                continue
            key = (owner.pk, values["external_id"])
            record = existing.get(key)
            data = {
                "title_ar": values["title_ar"], "title_en": values["title_en"] or "",
                "description_ar": values["description_ar"] or "", "description_en": values["description_en"] or "",
                "owner_entity": owner, "learning_city": cities[values["learning_city"]], "track": tracks[values["track"]],
                "status": values["status"] or InitiativeStatus.PLANNED, "start_date": values["start_date"],
                "end_date": values["end_date"], "budget": values["budget"],
                "governorates": [governorates[code] for code in values["governorates"]],
            }  # fmt: skip
            if record is None:
                data["external_id"] = values["external_id"]
            items.append(Prepared(row, key, data, record, changed=record is None or differs(record, data)))
        return items, errors

    def write_one(self, item: Prepared, user: Any) -> None:
        data = dict(item.data)
        governorates = data.pop("governorates")
        if item.existing is None:
            services.initiative_create(data=data, governorates=governorates, by=user)
        else:
            services.initiative_update(
                initiative=item.existing, data=data, governorates=governorates, by=user
            )
