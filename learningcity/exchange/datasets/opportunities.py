from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.catalogue.models import (
    AudienceSex,
    Credential,
    Level,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
    TeachingLanguage,
)
from learningcity.catalogue.services import opportunities as services
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import Governorate, LearningCity
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError
from learningcity.exchange.datasets.lookups import (
    EXPORTED_PREFIX,
    NO_SUCH_RECORD,
    by_exported_key,
    by_field,
    differs,
    exported_key,
)
from learningcity.exchange.tabular.schema import Field, TableSchema
from learningcity.partners.models import Entity
from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids
from learningcity.skills.models import Skill

FLAGS = ("wheelchair_access", "sign_language", "braille_large_print", "easy_read")


class OpportunitiesDataset(Dataset):
    kind = "opportunities"
    label = gettext_lazy("Learning opportunities")
    public = True
    schema = TableSchema(
        [
            Field("external_id", "string", "المعرّف الخارجي", "External id", required=True, max_length=64),
            Field("title_ar", "string", "العنوان (العربية)", "Title (Arabic)", required=True, max_length=200),
            Field("title_en", "string", "العنوان (الإنجليزية)", "Title (English)", max_length=200),
            Field("description_ar", "string", "الوصف (العربية)", "Description (Arabic)", required=True),
            Field("description_en", "string", "الوصف (الإنجليزية)", "Description (English)"),
            Field(
                "opportunity_type",
                "string",
                "النوع",
                "Type",
                required=True,
                choices=tuple(OpportunityType.choices),
            ),
            Field("provider", "integer", "رقم الجهة المقدمة", "Provider entity id", required=True),
            Field("learning_city", "string", "مدينة التعلم", "Learning city", required=True),
            Field("governorate", "string", "المحافظة", "Governorate", required=True),
            Field("venue_ar", "string", "المكان (العربية)", "Venue (Arabic)", max_length=200),
            Field("venue_en", "string", "المكان (الإنجليزية)", "Venue (English)", max_length=200),
            Field("address", "string", "العنوان التفصيلي", "Address", max_length=300),
            Field("latitude", "number", "خط العرض", "Latitude", minimum=Decimal(-90), maximum=Decimal(90)),
            Field(
                "longitude", "number", "خط الطول", "Longitude", minimum=Decimal(-180), maximum=Decimal(180)
            ),
            Field("online_url", "string", "الرابط الإلكتروني", "Online link", max_length=200),
            Field("fee", "number", "الرسوم (ريال)", "Fee (SAR)", minimum=Decimal(0)),
            Field(
                "audience_sex", "string", "الفئة المستهدفة", "Audience", choices=tuple(AudienceSex.choices)
            ),
            Field("level", "string", "المستوى", "Level", choices=tuple(Level.choices)),
            Field("language", "string", "لغة التقديم", "Language", choices=tuple(TeachingLanguage.choices)),
            Field("wheelchair_access", "boolean", "مهيأ للكراسي المتحركة", "Wheelchair access"),
            Field("sign_language", "boolean", "ترجمة بلغة الإشارة", "Sign-language interpretation"),
            Field("braille_large_print", "boolean", "برايل أو خط كبير", "Braille or large print"),
            Field("easy_read", "boolean", "مواد سهلة القراءة", "Easy-read materials"),
            Field("hours", "number", "ساعات التعلم", "Learning hours", minimum=Decimal(0)),
            Field("credential", "string", "الشهادة", "Credential", choices=tuple(Credential.choices)),
            Field("status", "string", "الحالة", "Status", choices=tuple(OpportunityStatus.choices)),
            Field(
                "age_groups",
                "string",
                "الفئات العمرية",
                "Age groups",
                many=True,
                choices=tuple(AgeGroup.choices),
            ),
            Field("skills", "string", "المهارات", "Skills", many=True),
        ],
        primary_key=["provider", "external_id"],
    )

    def export_queryset(self, user: Any) -> QuerySet:
        opportunities = self._rows()
        if user.is_programme_manager:
            return opportunities
        return opportunities.filter(
            Q(status=OpportunityStatus.PUBLISHED) | Q(provider__in=coordinated_entity_ids(user))
        )

    def public_queryset(self) -> QuerySet:
        return self._rows().filter(status=OpportunityStatus.PUBLISHED)

    def _rows(self) -> QuerySet:
        return (
            Opportunity.objects.select_related("learning_city", "governorate")
            .prefetch_related("age_groups", "skills")
            .order_by("pk")
        )

    def export_row(self, opportunity: Opportunity) -> dict[str, Any]:
        row = {item.name: getattr(opportunity, item.name, None) for item in self.schema.fields}
        row.update(
            external_id=exported_key(opportunity),
            provider=opportunity.provider_id,
            learning_city=opportunity.learning_city.code,
            governorate=opportunity.governorate.code,
            age_groups=sorted(item.age_group for item in opportunity.age_groups.all()),
            skills=sorted(skill.code for skill in opportunity.skills.all()),
        )
        return row

    def prepare(
        self, rows: list[tuple[int, dict[str, Any]]], user: Any
    ) -> tuple[list[Prepared], list[RowError]]:
        errors: list[RowError] = []
        cities = by_field(LearningCity, "code", [v["learning_city"] for _r, v in rows])
        governorates = by_field(Governorate, "code", [v["governorate"] for _r, v in rows])
        providers = by_field(Entity, "pk", [v["provider"] for _r, v in rows])
        skills = by_field(Skill, "code", [c for _r, v in rows for c in v["skills"]])
        records = by_exported_key(
            Opportunity.objects.prefetch_related("age_groups", "suited_disabilities", "skills", "campaigns"),
            [v["external_id"] for _r, v in rows],
        )
        existing = {(record.provider_id, key): record for key, record in records.items()}
        items = []
        for row, values in rows:
            problems = []
            for name, found in (("learning_city", cities), ("governorate", governorates)):
                if values[name] not in found:
                    problems.append(
                        RowError(
                            row, self.column(name), _("Unknown code “%(code)s”.") % {"code": values[name]}
                        )
                    )
            provider = providers.get(values["provider"])
            if provider is None:
                problems.append(RowError(row, self.column("provider"), _("No entity has this id.")))
            elif not can_edit_entity(user, provider.pk):
                problems.append(
                    RowError(row, self.column("provider"), _("You may not change records of this entity."))
                )
            unknown = [code for code in values["skills"] if code not in skills]
            if unknown:
                problems.append(
                    RowError(
                        row,
                        self.column("skills"),
                        _("Unknown skill: %(codes)s.") % {"codes": ", ".join(unknown)},
                    )
                )
            if problems:
                errors += problems
                continue
            data = {
                name: values[name]
                for name in ("title_ar", "description_ar", "opportunity_type", "latitude", "longitude")
            }
            for name in ("title_en", "description_en", "venue_ar", "venue_en", "address", "online_url"):
                data[name] = values[name] or ""
            data.update(
                provider=provider, learning_city=cities[values["learning_city"]],
                governorate=governorates[values["governorate"]], fee=values["fee"] or Decimal(0),
                audience_sex=values["audience_sex"] or AudienceSex.EVERYONE, level=values["level"] or Level.ALL,
                language=values["language"] or TeachingLanguage.ARABIC, hours=values["hours"] or Decimal(0),
                credential=values["credential"] or Credential.NONE,
                **{flag: bool(values[flag]) for flag in FLAGS},
            )  # fmt: skip
            key = (provider.pk, values["external_id"])
            record = existing.get(key)
            if record is None and values["external_id"].startswith(EXPORTED_PREFIX):
                errors.append(RowError(row, self.column("external_id"), NO_SUCH_RECORD()))
                continue
            related = {
                "age_groups": values["age_groups"],
                "skills": [skills[code] for code in values["skills"]],
            }
            status = values["status"] or (record.status if record else OpportunityStatus.DRAFT)
            changed = (
                record is None
                or differs(record, {**data, "skills": related["skills"]})
                or (
                    sorted(item.age_group for item in record.age_groups.all())
                    != sorted(related["age_groups"])
                )
                or record.status != status
            )
            if record is None:
                data["external_id"] = values["external_id"]
            items.append(
                Prepared(row, key, data, record, changed=changed, extra={**related, "status": status})
            )
        return items, errors

    def write_one(self, item: Prepared, user: Any) -> None:
        related = {"age_groups": item.extra["age_groups"], "skills": item.extra["skills"]}
        if item.existing is None:
            opportunity = services.opportunity_create(data=item.data, **related, by=user)
        else:
            opportunity = services.opportunity_update(
                opportunity=item.existing,
                data=item.data,
                disabilities=[d.kind for d in item.existing.suited_disabilities.all()],
                campaigns=list(item.existing.campaigns.all()),
                **related,
                by=user,
            )
        if opportunity.status != item.extra["status"]:
            # Publishing has its own rule (a session or an online link first).
            services.opportunity_set_status(opportunity=opportunity, status=item.extra["status"], by=user)
