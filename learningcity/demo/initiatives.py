"""Demo programme: initiatives across the five axes and three learning cities, with
milestones, partners, funding, beneficiaries, field challenges, evaluations, resources and
proposals — some on track, some behind, some at risk."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from learningcity.coordination.models import AgendaItem, Meeting, MeetingStatus, MeetingType
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import Governorate, LearningCity
from learningcity.indicators.models import FrameworkNode
from learningcity.partners.models import Entity, Sector
from learningcity.programme.models import (
    BeneficiaryCount,
    BeneficiaryReport,
    Challenge,
    ChallengeCategory,
    ChallengeStatus,
    DacCriterion,
    Evaluation,
    EvaluationMethod,
    EvaluationRecommendation,
    EvaluationScore,
    Initiative,
    InitiativeFunding,
    InitiativePartner,
    InitiativeStatus,
    InitiativeTargetGroup,
    Milestone,
    PartnerRole,
    Proposal,
    ProposalStatus,
    Resource,
    ResourceKind,
    ResourceRequest,
    ResourceRequestStatus,
    Severity,
    TargetGroup,
    Track,
)
from learningcity.programme.progress import weighted_progress

# track code → (Arabic title, English title, target groups, UNESCO area codes)
# fmt: off
IDEAS = {
    "joint-procedures": [
        ("دليل موحد للإجراءات المشتركة بين الجهات التعليمية", "A single guide to joint procedures between education bodies", ["employees"], ["governance"]),
        ("نافذة موحدة لاعتماد البرامج التدريبية", "One window for accrediting training programmes", ["employees", "job_seekers"], ["governance", "quality"]),
    ],
    "training-partnerships": [
        ("برنامج التدريب على رأس العمل للشباب", "On-the-job training for young people", ["youth", "job_seekers"], ["workplace", "economic-cultural"]),
        ("أكاديمية المهارات اللوجستية", "Logistics skills academy", ["job_seekers", "youth"], ["workplace"]),
        ("منح تدريبية في الضيافة والسياحة", "Training grants in hospitality and tourism", ["youth", "women"], ["workplace", "economic-cultural"]),
        ("برنامج المهارات الصناعية بالشراكة مع القطاع الخاص", "Industrial skills programme with the private sector", ["job_seekers"], ["workplace"]),
    ],
    "lifelong-awareness": [
        ("أسبوع التعلم مدى الحياة", "Lifelong learning week", ["families", "citizens", "residents"], ["culture-of-learning"]),
        ("حملة اقرأ في حيّك", "Read in your neighbourhood campaign", ["families", "children"], ["culture-of-learning", "families-communities"]),
        ("مهرجان المعرفة المجتمعي", "Community knowledge festival", ["families", "youth"], ["culture-of-learning"]),
    ],
    "family-learning": [
        ("نوادي التعلم الأسري في الأحياء", "Family learning clubs in the neighbourhoods", ["families", "children"], ["families-communities"]),
        ("برنامج محو الأمية الرقمية لكبار السن", "Digital literacy for elderly people", ["elderly"], ["families-communities", "learning-technologies"]),
        ("مجالس التعلم للمرأة", "Learning circles for women", ["women"], ["individual-empowerment", "families-communities"]),
    ],
    "digital-learning": [
        ("منصة التعلم الذاتي لمدن التعلم", "Self-learning platform for the learning cities", ["youth", "employees"], ["learning-technologies"]),
        ("مختبرات الابتكار الرقمي في المدارس", "Digital innovation labs in schools", ["children", "youth"], ["learning-technologies", "education-system"]),
    ],
    "assistive-tech": [
        ("التقنيات المساندة في مراكز التعلم", "Assistive technology in learning centres", ["disabilities"], ["education-system", "individual-empowerment"]),
        ("مكتبة الكتب الناطقة وطريقة برايل", "Talking books and braille library", ["disabilities"], ["individual-empowerment"]),
        ("تدريب المعلمين على التعليم الدامج", "Training teachers in inclusive education", ["employees", "disabilities"], ["education-system", "quality"]),
    ],
    "indicators": [
        ("منظومة قياس مؤشرات مدن التعلم", "Learning-city indicator system", ["employees"], ["governance"]),
        ("مسح المتعلمين البالغين", "Adult learners survey", ["citizens", "residents"], ["quality"]),
    ],
    "impact-research": [
        ("دراسة أثر برامج التعلم المجتمعي", "Impact study of community learning programmes", ["families"], ["quality", "sustainable-development"]),
    ],
    "data-exchange": [
        ("الربط الإلكتروني لبيانات الشركاء", "Connecting the partners' data", ["employees"], ["governance", "resources"]),
        ("بوابة البيانات المفتوحة لمدن التعلم", "Open data portal for the learning cities", ["citizens", "residents"], ["governance"]),
    ],
}

MILESTONES = (
    ("إعداد الخطة التنفيذية", "Implementation plan"),
    ("توقيع اتفاقيات الشراكة", "Partnership agreements signed"),
    ("إطلاق المرحلة الأولى", "First phase launched"),
    ("تنفيذ البرامج الميدانية", "Field programmes delivered"),
    ("تقييم النتائج ورفع التقرير", "Results evaluated and reported"),
)

CHALLENGES = (
    ("تأخر توفير القاعات التدريبية", ChallengeCategory.LOGISTICS),
    ("ضعف الإقبال في بعض المحافظات", ChallengeCategory.PARTICIPATION),
    ("نقص المدربين المتخصصين", ChallengeCategory.STAFFING),
    ("تأخر اعتماد الميزانية", ChallengeCategory.FUNDING),
    ("الحاجة إلى تعديل اشتراطات الترخيص", ChallengeCategory.REGULATION),
    ("ضعف الاتصال بالإنترنت في المراكز الطرفية", ChallengeCategory.TECHNOLOGY),
)

RESOURCES = (
    ("taibah-special", ResourceKind.VENUE, "قاعة المؤتمرات بمدينة طيبة التعليمية", "Conference hall, Taibah Educational City", 250, "madinah"),
    ("taibah-special", ResourceKind.LAB, "مختبر التقنيات المساندة", "Assistive technology lab", 20, "madinah"),
    ("taibah-uni", ResourceKind.VENUE, "مسرح جامعة طيبة", "Taibah University theatre", 600, "madinah"),
    ("taibah-uni", ResourceKind.TRAINERS, "فريق خبراء التعليم المستمر", "Continuing-education experts", 12, "madinah"),
    ("tech-college", ResourceKind.LAB, "معامل الحاسب الآلي", "Computer labs", 60, "madinah"),
    ("yic", ResourceKind.EQUIPMENT, "معدات التدريب الصناعي", "Industrial training equipment", 30, "yanbu"),
    ("chamber", ResourceKind.FUNDING, "صندوق دعم التدريب", "Training support fund", None, "madinah"),
    ("chamber-yanbu", ResourceKind.FUNDING, "منح تدريب منسوبي المنشآت", "Training grants for company staff", None, "yanbu"),
    ("logistics", ResourceKind.TRANSPORT, "حافلات نقل المتدربين", "Trainee buses", 45, "madinah"),
    ("edtech", ResourceKind.DIGITAL, "منصة التعلم الإلكتروني", "E-learning platform", 5000, "madinah"),
    ("nakheel-telecom", ResourceKind.DIGITAL, "باقات اتصال للمتعلمين", "Connectivity bundles for learners", 1000, None),
    ("rcu", ResourceKind.VENUE, "قاعة مركز العلا للتعلم", "AlUla learning centre hall", 120, "alula"),
    ("alula-hospitality", ResourceKind.TRAINERS, "مدربو الضيافة والتراث", "Hospitality and heritage trainers", 8, "alula"),
    ("library", ResourceKind.VENUE, "قاعة القراءة الكبرى", "Main reading hall", 80, "madinah"),
    ("amanah", ResourceKind.VENUE, "مراكز الأحياء", "Neighbourhood centres", 150, "madinah"),
    ("edu-yanbu", ResourceKind.VENUE, "مدارس ينبع مساءً", "Yanbu schools in the evening", 300, "yanbu"),
)
# fmt: on


def _status(start: dt.date, end: dt.date, today: dt.date, rng: random.Random) -> str:
    if today < start:
        return InitiativeStatus.PLANNED
    if today > end:
        return rng.choice([InitiativeStatus.COMPLETED] * 4 + [InitiativeStatus.ACTIVE])
    return rng.choice([InitiativeStatus.ACTIVE] * 8 + [InitiativeStatus.ON_HOLD])


def create_initiatives(
    rng: random.Random, entities: dict[str, Entity], tracks: dict[str, Track]
) -> list[Initiative]:
    today = timezone.localdate()
    cities = {city.code: city for city in LearningCity.objects.all()}
    governorates = {governorate.code: governorate for governorate in Governorate.objects.all()}
    nodes = {node.code: node for node in FrameworkNode.objects.all()}
    pillars = [nodes["resilient-base"], nodes["future-labour-market"], nodes["lifelong-learning"]]
    all_entities = list(entities.values())
    private = [entity for entity in all_entities if entity.sector == Sector.PRIVATE]
    initiatives: list[Initiative] = []
    number = 0
    for track_code, ideas in IDEAS.items():
        for city_code in ("madinah", "yanbu", "alula"):
            for title_ar, title_en, groups, areas in ideas:
                if city_code != "madinah" and rng.random() < 0.1:
                    continue
                number += 1
                city = cities[city_code]
                start = today - dt.timedelta(days=rng.randint(-60, 540))
                end = start + dt.timedelta(days=rng.choice([180, 270, 365, 540, 730]))
                owner = rng.choice(
                    [e for e in all_entities if city_code in {g.code for g in e.governorates.all()}]
                    or all_entities
                )
                initiative = Initiative.objects.create(
                    code=f"INI-{start.year}-{number:03d}",
                    title_ar=f"{title_ar} في {city.name_ar}",
                    title_en=f"{title_en} in {city.name_en}",
                    description_ar=f"مبادرة ضمن مسار «{tracks[track_code].title_ar}» تخدم {city.name_ar} ومحيطها.",
                    description_en=f"An initiative of the “{tracks[track_code].title_en}” track serving {city.name_en}.",
                    learning_city=city,
                    track=tracks[track_code],
                    owner_entity=owner,
                    status=_status(start, end, today, rng),
                    start_date=start,
                    end_date=end,
                    budget=Decimal(rng.randrange(50_000, 2_000_000, 10_000)),
                )
                initiative.governorates.set(
                    [governorates[city_code]] + rng.sample(list(governorates.values()), rng.randint(0, 2))
                )
                initiative.framework_nodes.set([nodes[code] for code in areas] + [rng.choice(pillars)])
                InitiativeTargetGroup.objects.bulk_create(
                    InitiativeTargetGroup(initiative=initiative, group=g)
                    for g in groups
                    if g in TargetGroup.values
                )
                _partners_and_funding(rng, initiative, all_entities, private)
                _milestones(rng, initiative, today)
                _beneficiaries(rng, initiative, today, governorates)
                initiatives.append(initiative)
    return initiatives


def _partners_and_funding(rng, initiative, all_entities, private) -> None:
    partners = rng.sample([e for e in all_entities if e.pk != initiative.owner_entity_id], rng.randint(1, 3))
    roles = list(PartnerRole.values)
    InitiativePartner.objects.bulk_create(
        InitiativePartner(initiative=initiative, entity=e, role=rng.choice(roles)) for e in partners
    )
    for source in rng.sample(private, rng.randint(0, 2)):
        InitiativeFunding.objects.create(
            initiative=initiative,
            source=source,
            amount=Decimal(rng.randrange(20_000, 500_000, 5_000)),
            note="تمويل برامج تدريبية متخصصة",
        )


def _milestones(rng, initiative, today) -> None:
    count = rng.randint(3, 5)
    span = (initiative.end_date - initiative.start_date).days
    weighted = rng.random() < 0.6
    # Some initiatives run late: their milestones trail the calendar.
    lag = rng.choice([0, 0, 0, 20, 45])
    rows = []
    for index in range(count):
        due = initiative.start_date + dt.timedelta(days=span * (index + 1) // count)
        if initiative.status == InitiativeStatus.COMPLETED or due + dt.timedelta(days=lag) < today:
            progress = 100 if lag == 0 or rng.random() < 0.5 else rng.choice([60, 75, 90])
        elif initiative.start_date + dt.timedelta(days=span * index // count) < today:
            progress = rng.choice([20, 40, 50, 70])
        else:
            progress = 0
        title_ar, title_en = MILESTONES[index % len(MILESTONES)]
        rows.append(
            Milestone(
                initiative=initiative,
                title_ar=title_ar,
                title_en=title_en,
                due_date=due,
                weight=Decimal(rng.choice([1, 2, 3])) if weighted else None,
                progress=progress,
                completed_on=due if progress == 100 else None,
            )
        )
    Milestone.objects.bulk_create(rows)
    progress = weighted_progress((row.weight, row.progress) for row in rows)
    Initiative.objects.filter(pk=initiative.pk).update(progress=progress)
    initiative.progress = progress


def _beneficiaries(rng, initiative, today, governorates) -> None:
    if initiative.start_date > today:
        return
    for quarter in range(rng.randint(1, 3)):
        period_end = min(today, initiative.start_date + dt.timedelta(days=90 * (quarter + 1)))
        period_start = initiative.start_date + dt.timedelta(days=90 * quarter)
        if period_start >= period_end:
            break
        total = rng.randint(40, 600)
        women = rng.randint(total // 4, total * 3 // 4)
        report = BeneficiaryReport.objects.create(
            initiative=initiative, period_start=period_start, period_end=period_end, total=total
        )
        citizens = rng.randint(total // 2, total)
        disabled = rng.randint(0, total // 10)
        ages = _split(rng, total, len(AgeGroup.values))
        counts = [
            ("sex", "female", women), ("sex", "male", total - women),
            ("nationality", "citizen", citizens), ("nationality", "resident", total - citizens),
            ("disability", "with", disabled), ("disability", "without", total - disabled),
            *[("age_group", value, count) for value, count in zip(AgeGroup.values, ages, strict=True)],
            ("governorate", initiative.learning_city.governorate.code, total),
        ]  # fmt: skip
        BeneficiaryCount.objects.bulk_create(
            BeneficiaryCount(report=report, dimension=d, category=c, count=n) for d, c, n in counts if n
        )


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def create_challenges_and_evaluations(rng, initiatives, evaluator) -> None:
    today = timezone.localdate()
    next_meeting = (
        Meeting.objects.filter(
            starts_at__gte=timezone.now(),
            status=MeetingStatus.SCHEDULED,
            meeting_type=MeetingType.COORDINATION,
        )
        .order_by("starts_at")
        .first()
    )
    escalated = 0
    for initiative in initiatives:
        if initiative.status == InitiativeStatus.PLANNED or rng.random() > 0.45:
            continue
        title, category = rng.choice(CHALLENGES)
        severity = rng.choice(
            [Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]
        )
        status = rng.choice(
            [
                ChallengeStatus.OPEN,
                ChallengeStatus.MITIGATING,
                ChallengeStatus.RESOLVED,
                ChallengeStatus.RESOLVED,
            ]
        )
        challenge = Challenge.objects.create(
            initiative=initiative,
            title=title,
            description="رُصد التحدي خلال الزيارات الميدانية ويجري العمل على معالجته مع الشركاء.",
            category=category,
            severity=severity,
            status=status,
            owner_entity=initiative.owner_entity,
            due_date=today + dt.timedelta(days=rng.randint(-30, 60)),
            resolution="عولج بالتنسيق مع الجهات الشريكة." if status == ChallengeStatus.RESOLVED else "",
            resolved_on=today - dt.timedelta(days=rng.randint(1, 60))
            if status == ChallengeStatus.RESOLVED
            else None,
        )
        Challenge.objects.filter(pk=challenge.pk).update(
            created_at=timezone.now() - dt.timedelta(days=rng.randint(5, 200))
        )
        if (
            next_meeting
            and severity in (Severity.HIGH, Severity.CRITICAL)
            and status != ChallengeStatus.RESOLVED
            and escalated < 4
        ):
            escalated += 1
            item = AgendaItem.objects.create(
                meeting=next_meeting,
                position=10 + escalated,
                title_ar=f"تحدٍّ ميداني: {title}",
                title_en=f"Field challenge ({initiative.code})",
                presenter_entity=initiative.owner_entity,
                track=initiative.track,
                axis=initiative.track.axis,
            )
            Challenge.objects.filter(pk=challenge.pk).update(
                status=ChallengeStatus.ESCALATED, escalated_to=item
            )
    for initiative in [
        i for i in initiatives if i.status in (InitiativeStatus.COMPLETED, InitiativeStatus.ACTIVE)
    ][:18]:
        evaluation = Evaluation.objects.create(
            initiative=initiative,
            method=rng.choice(EvaluationMethod.values),
            period_start=initiative.start_date,
            period_end=min(today, initiative.end_date),
            evaluator=evaluator,
            findings="أظهرت النتائج تحسنًا في مهارات المستفيدين ورضاهم عن البرنامج، مع الحاجة إلى توسيع نطاقه.",
        )
        EvaluationScore.objects.bulk_create(
            EvaluationScore(evaluation=evaluation, criterion=criterion, score=rng.randint(2, 5), narrative="")
            for criterion in DacCriterion.values
        )
        EvaluationRecommendation.objects.create(
            evaluation=evaluation, text="توسيع البرنامج ليشمل محافظات إضافية."
        )


def create_resources(rng, entities, initiatives, coordinator_users) -> list[Resource]:
    governorates = {g.code: g for g in Governorate.objects.all()}
    today = timezone.localdate()
    resources = []
    for key, kind, title_ar, title_en, capacity, governorate in RESOURCES:
        resource = Resource.objects.create(
            owner_entity=entities[key], kind=kind, title_ar=title_ar, title_en=title_en, capacity=capacity,
            governorate=governorates.get(governorate) if governorate else None,
            conditions_ar="يُحجز قبل أسبوعين على الأقل، وفي أوقات الدوام الرسمي.",
        )  # fmt: skip
        resources.append(resource)
        running = [i for i in initiatives if i.status == InitiativeStatus.ACTIVE]
        for index, initiative in enumerate(rng.sample(running, min(3, len(running)))):
            start = today + dt.timedelta(days=7 + 21 * index)
            status = [
                ResourceRequestStatus.APPROVED,
                ResourceRequestStatus.PENDING,
                ResourceRequestStatus.DECLINED,
            ][index % 3]
            ResourceRequest.objects.create(
                resource=resource, initiative=initiative, start_date=start, end_date=start + dt.timedelta(days=3),
                purpose="ورشة تدريبية للمستفيدين", status=status,
                decision_note="القاعة مشغولة بفعالية أخرى" if status == ResourceRequestStatus.DECLINED else "",
            )  # fmt: skip
    return resources


def create_proposals(entities, coordinator_user, tracks) -> None:
    rows = (
        ("مبادرة الحي المتعلم", "جلسات تعلم أسبوعية في المساجد والمراكز للأسر.", ProposalStatus.SUBMITTED),
        (
            "ركن القراءة في الحدائق العامة",
            "مكتبات صغيرة مفتوحة في الحدائق مع أنشطة للأطفال.",
            ProposalStatus.UNDER_REVIEW,
        ),
        (
            "تعليم البرمجة لذوي الإعاقة السمعية",
            "دورات برمجة بلغة الإشارة بالتعاون مع مدينة طيبة التعليمية.",
            ProposalStatus.SUBMITTED,
        ),
        ("سوق الحرفيين التعليمي", "تعليم الحرف التراثية للشباب.", ProposalStatus.DECLINED),
    )
    for title, summary, status in rows:
        Proposal.objects.create(
            title=title, summary=summary, proposer=coordinator_user, proposer_entity=entities["taibah-special"],
            suggested_track=tracks["family-learning"], status=status,
            decline_reason="تتكرر مع مبادرة قائمة في المسار نفسه؛ نقترح الانضمام إليها." if status == ProposalStatus.DECLINED else "",
        )  # fmt: skip
