"""Demo indicators: the UNESCO Key Features framework filled with about forty indicators
and five years of values for the region's nine governorates, with breakdowns — some on
track, some off track, some not reported lately."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from learningcity.core.models import Governorate, Region
from learningcity.indicators import calc
from learningcity.indicators.models import (
    FrameworkNode,
    Indicator,
    IndicatorTarget,
    Measurement,
    MeasurementStatus,
    scope_key,
)
from learningcity.indicators.store_calculated import compute_indicators
from learningcity.partners.models import Entity

# code, Arabic, English, unit, direction, frequency, aggregation, UNESCO areas, breakdowns,
# owner key, regional level (per period), yearly growth, public, reporting stopped N periods ago
# fmt: off
MANUAL = (
    ("LC-01", "عدد المتعلمين البالغين في برامج التعلم مدى الحياة", "Adult learners in lifelong-learning programmes", "count", "higher", "monthly", "sum", ["culture-of-learning", "individual-empowerment"], ["sex", "age_group", "nationality"], "gae", 4200, 0.12, True, 0),
    ("LC-02", "عدد الأشخاص ذوي الإعاقة المستفيدين من برامج التعلم", "People with disabilities in learning programmes", "count", "higher", "monthly", "sum", ["education-system", "individual-empowerment"], ["sex", "age_group"], "taibah-special", 380, 0.15, True, 0),
    ("LC-03", "نسبة الالتحاق برياض الأطفال", "Kindergarten enrolment rate", "percent", "higher", "yearly", "weighted_mean", ["education-system"], ["sex"], "gae", 38, 0.08, True, 0),
    ("LC-04", "عدد ساعات التدريب المقدمة للعاملين", "Training hours delivered to employees", "hours", "higher", "quarterly", "sum", ["workplace"], ["sex"], "tvtc", 52000, 0.10, False, 0),
    ("LC-05", "عدد الشهادات المهنية الممنوحة", "Professional certificates awarded", "count", "higher", "quarterly", "sum", ["workplace", "economic-cultural"], ["sex", "nationality"], "tech-college", 1300, 0.09, True, 0),
    ("LC-06", "نسبة السكان المستخدمين لمنصات التعلم الرقمي", "Share of residents using digital learning platforms", "percent", "higher", "quarterly", "weighted_mean", ["learning-technologies"], ["sex", "age_group"], "edtech", 21, 0.18, True, 0),
    ("LC-07", "عدد زوار المكتبات العامة", "Public library visitors", "count", "higher", "monthly", "sum", ["culture-of-learning", "families-communities"], ["sex"], "library", 9000, 0.05, True, 2),
    ("LC-08", "عدد الأسر المشاركة في برامج التعلم الأسري", "Families in family-learning programmes", "count", "higher", "quarterly", "sum", ["families-communities"], [], "neighbourhood-clubs", 1500, 0.14, False, 0),
    ("LC-09", "نسبة الأمية بين البالغين", "Adult illiteracy rate", "percent", "lower", "yearly", "weighted_mean", ["education-system", "individual-empowerment"], ["sex", "age_group"], "literacy", 4.2, -0.07, True, 0),
    ("LC-10", "عدد المتطوعين في مبادرات التعلم", "Volunteers in learning initiatives", "count", "higher", "quarterly", "sum", ["governance", "culture-of-learning"], ["sex", "age_group"], "volunteers", 2400, 0.11, True, 0),
    ("LC-11", "نسبة رضا المتعلمين عن جودة البرامج", "Learner satisfaction with programme quality", "percent", "higher", "quarterly", "weighted_mean", ["quality"], ["sex"], "taibah-uni", 78, 0.02, True, 0),
    ("LC-12", "عدد المعلمين المدربين على التعليم الدامج", "Teachers trained in inclusive education", "count", "higher", "quarterly", "sum", ["education-system", "quality"], ["sex"], "taibah-special", 260, 0.16, False, 0),
    ("LC-13", "حجم التمويل من القطاع الخاص لبرامج التدريب", "Private-sector funding for training", "sar", "higher", "quarterly", "sum", ["resources", "economic-cultural"], [], "chamber", 3_500_000, 0.12, False, 0),
    ("LC-14", "عدد الشراكات الفاعلة مع القطاع الخاص", "Active partnerships with the private sector", "count", "higher", "quarterly", "latest", ["governance", "resources"], [], "gae", 24, 0.10, False, 0),
    ("LC-15", "نسبة الباحثين عن عمل الملتحقين ببرامج تدريب", "Job seekers enrolled in training", "percent", "higher", "quarterly", "weighted_mean", ["workplace"], ["sex", "nationality"], "hrsd", 31, 0.06, True, 0),
    ("LC-16", "عدد فعاليات التوعية بالتعلم مدى الحياة", "Lifelong-learning awareness events", "count", "higher", "monthly", "sum", ["culture-of-learning"], [], "volunteers", 45, 0.08, True, 0),
    ("LC-17", "نسبة المدارس المتاحة مساءً للتعلم المجتمعي", "Schools open in the evening for community learning", "percent", "higher", "yearly", "weighted_mean", ["families-communities", "resources"], [], "gae", 12, 0.30, False, 0),
    ("LC-18", "متوسط ساعات التعلم للفرد سنويًا", "Average learning hours per person per year", "hours", "higher", "yearly", "weighted_mean", ["culture-of-learning"], ["sex", "age_group"], "gae", 18, 0.07, True, 0),
    ("LC-19", "عدد البرامج التدريبية المرتبطة بسوق العمل", "Training programmes linked to the labour market", "count", "higher", "quarterly", "sum", ["workplace", "economic-cultural"], [], "chamber", 85, 0.12, False, 3),
    ("LC-20", "نسبة المتعلمين من المقيمين", "Share of learners who are residents", "percent", "higher", "quarterly", "weighted_mean", ["individual-empowerment"], [], "gae", 27, 0.02, False, 0),
    ("LC-21", "عدد المبادرات البيئية التعليمية", "Environmental learning initiatives", "count", "higher", "quarterly", "sum", ["sustainable-development"], [], "amanah", 14, 0.20, True, 0),
    ("LC-22", "نسبة المشاركين في برامج الاستدامة", "Participants in sustainability programmes", "percent", "higher", "yearly", "weighted_mean", ["sustainable-development"], ["sex"], "amanah", 9, 0.15, False, 0),
    ("LC-23", "عدد الزيارات التعليمية للمواقع التراثية", "Educational visits to heritage sites", "count", "higher", "monthly", "sum", ["economic-cultural"], ["nationality"], "rcu", 3200, 0.18, True, 0),
    ("LC-24", "نسبة النساء في برامج التدريب المهني", "Women in vocational training", "percent", "higher", "quarterly", "weighted_mean", ["workplace", "individual-empowerment"], [], "tvtc", 36, 0.05, True, 0),
    ("LC-25", "عدد مراكز التعلم المجتمعي العاملة", "Community learning centres in operation", "count", "higher", "yearly", "latest", ["families-communities", "resources"], [], "gae", 42, 0.10, True, 0),
    ("LC-26", "نسبة تسرب المتدربين من البرامج", "Trainee drop-out rate", "percent", "lower", "quarterly", "weighted_mean", ["quality"], ["sex"], "tvtc", 14, 0.02, False, 0),
    ("LC-27", "عدد المحتويات التعليمية الرقمية المنشورة", "Digital learning content published", "count", "higher", "monthly", "sum", ["learning-technologies"], [], "edtech", 120, 0.25, False, 0),
    ("LC-28", "عدد ورش العمل الموجهة للقيادات المحلية", "Workshops for local leadership", "count", "higher", "quarterly", "sum", ["political-will", "governance"], [], "emirate", 6, 0.10, False, 0),
    ("LC-29", "نسبة الإنفاق على التعلم مدى الحياة من الميزانيات المحلية", "Share of local budgets spent on lifelong learning", "percent", "higher", "yearly", "weighted_mean", ["political-will", "resources"], [], "mdda", 2.1, 0.12, False, 0),
    ("LC-30", "عدد القرارات المحلية الداعمة لمدن التعلم", "Local decisions supporting the learning cities", "count", "higher", "yearly", "sum", ["political-will"], [], "emirate", 5, 0.15, True, 0),
    ("LC-31", "عدد المتعلمين كبار السن", "Elderly learners", "count", "higher", "quarterly", "sum", ["individual-empowerment", "families-communities"], ["sex"], "literacy", 640, 0.13, False, 0),
    ("LC-32", "نسبة الشباب غير الملتحقين بتعليم أو عمل أو تدريب", "Young people not in education, employment or training", "percent", "lower", "yearly", "weighted_mean", ["workplace", "individual-empowerment"], ["sex"], "hrsd", 17, -0.04, True, 0),
    ("LC-33", "عدد المنح التدريبية المقدمة للشباب", "Training grants for young people", "count", "higher", "quarterly", "sum", ["workplace", "resources"], ["sex"], "chamber-yanbu", 210, 0.10, False, 0),
    ("LC-34", "عدد مستخدمي الوسائل المساندة في المكتبات", "Users of assistive devices in libraries", "count", "higher", "quarterly", "sum", ["learning-technologies", "education-system"], [], "library", 95, 0.20, False, 2),
)

COMPUTED = (
    ("LC-C1", "الجهات الشريكة النشطة", "Active partner entities", "count", "higher", "monthly", "latest", ["governance"], ["sector"], "active_partner_entities", True),
    ("LC-C2", "نسبة المبادرات الجارية على المسار", "Running initiatives on track", "percent", "higher", "monthly", "weighted_mean", ["governance", "quality"], [], "initiatives_on_track_share", True),
    ("LC-C3", "نسبة إنجاز مهام المتابعة", "Action items completed", "percent", "higher", "monthly", "weighted_mean", ["governance"], [], "action_item_completion_rate", False),
    ("LC-C4", "مهام المتابعة المتأخرة", "Overdue action items", "count", "lower", "monthly", "latest", ["governance"], [], "action_items_overdue", False),
    ("LC-C5", "نسبة استخدام الموارد المشتركة", "Shared resources in use", "percent", "higher", "monthly", "weighted_mean", ["resources"], [], "resource_utilisation", False),
    ("LC-C6", "نسبة التحديات الميدانية المعالجة", "Field challenges resolved", "percent", "higher", "monthly", "weighted_mean", ["quality", "sustainable-development"], [], "challenges_resolved_share", True),
    ("LC-C7", "المتعلمون المسجلون في المنصة", "Learners registered on the platform", "count", "higher", "monthly", "latest", ["individual-empowerment", "culture-of-learning"], ["sex", "age_group", "nationality", "disability"], "learners_registered", True),
    ("LC-C8", "ساعات التعلم المكتملة", "Learning hours completed", "count", "higher", "monthly", "sum", ["culture-of-learning", "quality"], ["sex"], "learning_hours_completed", True),
    ("LC-C9", "فرص التعلم لكل 10,000 نسمة", "Learning opportunities per 10,000 inhabitants", "ratio", "higher", "monthly", "latest", ["education-system", "families-communities"], [], "opportunities_per_10k", True),
)
# fmt: on

YEARS = 5
SPLITS = {  # share of each category, for consistent breakdowns
    "sex": (("female", 0.52), ("male", 0.48)),
    "nationality": (("citizen", 0.7), ("resident", 0.3)),
    "age_group": (("0-14", 0.1), ("15-24", 0.3), ("25-44", 0.35), ("45-64", 0.18), ("65+", 0.07)),
}
BREAKDOWN_PERIODS = 8  # breakdowns only for the most recent periods: enough for the charts


def create_indicators(rng: random.Random, entities: dict[str, Entity]) -> list[Indicator]:
    nodes = {node.code: node for node in FrameworkNode.objects.all()}
    pillars = [nodes["resilient-base"], nodes["future-labour-market"], nodes["lifelong-learning"]]
    indicators = []
    for (
        code,
        ar,
        en,
        unit,
        direction,
        frequency,
        aggregation,
        areas,
        dims,
        owner,
        level,
        growth,
        public,
        stopped,
    ) in MANUAL:
        indicator = Indicator.objects.create(
            code=code, name_ar=ar, name_en=en, unit=unit, direction=direction, frequency=frequency,
            aggregation=aggregation, allowed_disaggregations=dims, owner_entity=entities[owner], is_public=public,
            definition_ar=f"يقيس {ar} في منطقة المدينة المنورة.", definition_en=f"Measures: {en.lower()}, in the Madinah region.",
            data_source_ar="سجلات الجهة المسؤولة", data_source_en="Records of the owner entity",
        )  # fmt: skip
        indicator.framework_nodes.set([nodes[a] for a in areas] + [rng.choice(pillars)])
        indicator._demo = (Decimal(str(level)), growth, stopped)
        indicators.append(indicator)
    for code, ar, en, unit, direction, frequency, aggregation, areas, dims, key, public in COMPUTED:
        indicator = Indicator.objects.create(
            code=code, name_ar=ar, name_en=en, unit=unit, direction=direction, frequency=frequency,
            aggregation=aggregation, allowed_disaggregations=dims, computed_key=key, is_public=public,
            definition_ar="يُحسب تلقائيًا من بيانات المنصة.", definition_en="Calculated automatically from the platform's records.",
        )  # fmt: skip
        indicator.framework_nodes.set([nodes[a] for a in areas])
        indicators.append(indicator)
    return indicators


def create_values(rng: random.Random, indicators: list[Indicator]) -> int:
    """Five years of verified values per governorate, with breakdowns and targets."""
    region = Region.objects.get(code="madinah-region")
    governorates = list(Governorate.objects.filter(region=region))
    population = sum(g.population or 0 for g in governorates)
    today = timezone.localdate()
    rows: list[Measurement] = []
    targets: list[IndicatorTarget] = []
    for indicator in indicators:
        level, growth, stopped = indicator._demo
        periods = calc.recent_periods(
            calc.last_complete_period(today, indicator.frequency),
            indicator.frequency,
            YEARS * 12 // calc.MONTHS_PER_PERIOD[indicator.frequency],
        )
        share_based = indicator.unit == "percent" or indicator.aggregation == "weighted_mean"
        # Some indicators fall behind their targets: their targets grow faster than they do.
        ambition = rng.choice([0.95, 1.0, 1.05, 1.15, 1.3])
        baseline = round(level) if indicator.unit == "count" else round(level, 2)
        Indicator.objects.filter(pk=indicator.pk).update(baseline_value=baseline, baseline_date=periods[0])
        for index, period in enumerate(periods):
            if stopped and index >= len(periods) - stopped:
                continue  # not reported lately
            years = Decimal(index * calc.MONTHS_PER_PERIOD[indicator.frequency]) / 12
            trend = (1 + Decimal(str(growth))) ** years
            regional = level * trend
            target = (
                regional * Decimal(str(ambition))
                if indicator.direction == "higher"
                else regional / Decimal(str(ambition))
            )
            # A count's target is a whole number of people, sessions or places.
            target = round(target) if indicator.unit == "count" else round(target, 2)
            targets.append(IndicatorTarget(indicator=indicator, period_start=period, value=target))
            for governorate in governorates:
                weight = Decimal(governorate.population or 1) / Decimal(population or 1)
                noise = Decimal(str(rng.uniform(0.85, 1.15)))
                value = regional * noise if share_based else regional * weight * noise
                value = min(value, Decimal(100)) if indicator.unit == "percent" else value
                value = round(value) if indicator.unit == "count" else round(value, 2)
                place = {"region": region, "learning_city": None, "governorate": governorate}
                scope = scope_key(region.pk, None, governorate.pk)
                denominator = Decimal(governorate.population or 0) if share_based else None
                rows.append(_measurement(indicator, period, place, scope, "", "", value, denominator))
                if index >= len(periods) - BREAKDOWN_PERIODS:
                    for dimension in indicator.allowed_disaggregations:
                        for category, share in SPLITS.get(dimension, ()):
                            part = value if share_based else value * Decimal(str(share))
                            part = round(part) if indicator.unit == "count" else round(part, 2)
                            rows.append(
                                _measurement(
                                    indicator, period, place, scope, dimension, category, part, denominator
                                )
                            )
        # The next year's targets too, so the dashboard shows where things are heading.
        for offset in range(1, 13 // calc.MONTHS_PER_PERIOD[indicator.frequency] + 1):
            future = calc.shift(periods[-1], indicator.frequency, offset)
            targets.append(IndicatorTarget(indicator=indicator, period_start=future, value=targets[-1].value))
    Measurement.objects.bulk_create(rows, batch_size=2000)
    IndicatorTarget.objects.bulk_create(targets, batch_size=2000)
    return len(rows)


def _measurement(indicator, period, place, scope, dimension, category, value, denominator) -> Measurement:
    return Measurement(
        indicator=indicator, period_start=period, scope=scope, dimension=dimension, category=category, value=value,
        denominator=denominator, status=MeasurementStatus.VERIFIED, verified_at=timezone.now(), **place,
    )  # fmt: skip


def submit_pending(indicators: list[Indicator], coordinator_user, gae) -> None:
    """A few values waiting for verification, for the manager's queue."""
    from learningcity.indicators.services import measurement_submit

    region = Region.objects.get(code="madinah-region")
    for indicator in [i for i in indicators if i.owner_entity_id == gae.pk][:2]:
        period = calc.align(timezone.localdate(), indicator.frequency)
        governorate = Governorate.objects.get(code="madinah")
        latest = (
            indicator.measurements.filter(governorate=governorate, dimension="")
            .order_by("-period_start")
            .first()
        )
        measurement_submit(
            indicator=indicator, period_start=period, value=latest.value if latest else 1, region=region,
            governorate=governorate, comment="قيمة أولية للفترة الحالية", by=coordinator_user,
        )  # fmt: skip


def compute(today: dt.date) -> None:
    compute_indicators(as_of=today)
