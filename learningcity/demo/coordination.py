"""Demo meetings: the source document's coordination meeting on learning cities, and a year
of meetings after it, with decisions and action items in every state."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from learningcity.coordination.minutes import minutes_text
from learningcity.coordination.models import (
    ActionItem,
    ActionItemUpdate,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingStatus,
    MeetingType,
    MinutesStatus,
    MinutesVersion,
    Priority,
)
from learningcity.core.models import LearningCity
from learningcity.partners.models import Entity
from learningcity.programme.models import Axis, Track

SOURCE_MEETING_TITLE_AR = "اللقاء التنسيقي الموسع حول مدن التعلم"
SOURCE_MEETING_DAY = dt.date(2025, 12, 14)

# fmt: off
SOURCE_AGENDA = (
    ("افتتاح اللقاء وكلمة الإدارة العامة للتعليم", "Opening and address by the General Administration of Education", "gae"),
    ("مدن التعلم ركيزة أساسية في استراتيجية تعليم المدينة المنورة", "Learning cities as a pillar of the Madinah education strategy", "gae"),
    ("وضع خارطة طريق واضحة تضمن تبادل الخبرات", "A clear roadmap that ensures the exchange of expertise", "taibah-uni"),
    ("دمج المبادرات المجتمعية ضمن إطار تعليمي موحد", "Integrating community initiatives into one educational framework", "literacy"),
    ("استثمار الموارد المتاحة وتقييم أثر المشاريع القائمة ومعالجة التحديات الميدانية", "Investing available resources, evaluating impact and addressing field challenges", "chamber"),
    ("توزيع المهام بين القطاعين الحكومي والخاص", "Distributing tasks between the government and private sectors", "emirate"),
)

# The five agreed axes, as the meeting's decisions, each with action items:
# (owner entity key, Arabic title, English title, days after the meeting, status)
SOURCE_ACTIONS = {
    1: (
        ("chamber", "إعداد قائمة بالشركات الراغبة في تمويل البرامج التدريبية", "List the companies willing to fund training programmes", 45, ActionStatus.DONE),
        ("gae", "إصدار دليل الإجراءات الإدارية المشتركة بين الجهات", "Publish the guide to joint administrative procedures", 90, ActionStatus.DONE),
        ("logistics", "توفير النقل لبرامج التدريب في المحافظات", "Provide transport for training programmes in the governorates", 120, ActionStatus.DONE),
    ),
    2: (
        ("literacy", "إطلاق أسبوع التعلم مدى الحياة في المحافظات التسع", "Launch a lifelong-learning week in the nine governorates", 150, ActionStatus.DONE),
        ("volunteers", "تجهيز فرق تطوعية لحملات التوعية", "Prepare volunteer teams for the awareness campaigns", 200, ActionStatus.OPEN),
    ),
    3: (
        ("edtech", "تفعيل منصة رقمية للتعلم الذاتي", "Launch a digital platform for self-learning", 180, ActionStatus.IN_PROGRESS),
        ("taibah-special", "توفير تقنيات مساندة للأشخاص ذوي الإعاقة في مراكز التعلم", "Provide assistive technology for people with disabilities in learning centres", 240, ActionStatus.OPEN),
    ),
    4: (
        ("gae", "اعتماد مؤشرات الأداء الخاصة بالنمو المعرفي والمجتمعي", "Approve the indicators of knowledge and community growth", 60, ActionStatus.DONE),
        ("taibah-uni", "إعداد خط الأساس لمؤشرات مدن التعلم", "Prepare the baseline of the learning-city indicators", 120, ActionStatus.OPEN),
    ),
    5: (
        ("gae", "إنشاء قناة تواصل دائمة بين منسقي الجهات", "Set up a permanent communication channel between the entities' coordinators", 30, ActionStatus.DONE),
        ("nakheel-telecom", "ربط أنظمة الشركاء لتبادل البيانات", "Connect the partners' systems for data exchange", 270, ActionStatus.DONE),
    ),
}

FOLLOW_UP_MEETINGS = (
    (MeetingType.COORDINATION, "اللقاء التنسيقي الشهري لمدن التعلم", "Monthly learning-cities coordination meeting"),
    (MeetingType.WORKSHOP, "ورشة عمل تصميم مؤشرات الأداء", "Workshop on designing the performance indicators"),
    (MeetingType.COMMITTEE, "اجتماع لجنة الشراكات مع القطاع الخاص", "Private-sector partnerships committee"),
    (MeetingType.FIELD_VISIT, "زيارة ميدانية لمراكز التعلم المجتمعي", "Field visit to community learning centres"),
    (MeetingType.WORKSHOP, "ورشة عمل التقنيات المساندة في التعليم", "Workshop on assistive technology in education"),
    (MeetingType.COMMITTEE, "اجتماع لجنة حملات التوعية", "Awareness campaigns committee"),
)

FOLLOW_UP_ACTIONS = (
    ("متابعة تنفيذ مخرجات اللقاء السابق", "Follow up the outputs of the previous meeting"),
    ("رفع تقرير الإنجاز الشهري", "Submit the monthly progress report"),
    ("تحديث بيانات مؤشرات الأداء", "Update the performance indicator values"),
    ("تجهيز قاعة التدريب واستقبال المتدربين", "Prepare the training hall and receive the trainees"),
    ("حصر الاحتياجات التدريبية في المحافظة", "Survey the training needs in the governorate"),
    ("التنسيق مع الجهات لإطلاق البرنامج", "Coordinate with the entities to launch the programme"),
)
# fmt: on


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _invite_and_attend(rng: random.Random, meeting: Meeting, entities: list[Entity], held: bool) -> None:
    for entity in entities:
        response = InvitationResponse.PENDING
        if held or rng.random() < 0.6:
            response = rng.choice(
                [InvitationResponse.ATTENDING] * 6
                + [InvitationResponse.NOT_ATTENDING, InvitationResponse.DELEGATE]
            )
        Invitation.objects.create(
            meeting=meeting,
            entity=entity,
            response=response,
            delegate_name="مندوب الجهة" if response == InvitationResponse.DELEGATE else "",
            responded_at=meeting.starts_at - dt.timedelta(days=3)
            if response != InvitationResponse.PENDING
            else None,
        )
        if held and response in (InvitationResponse.ATTENDING, InvitationResponse.DELEGATE):
            for coordinator in list(entity.coordinators.all())[:1]:
                Attendance.objects.create(
                    meeting=meeting,
                    entity=entity,
                    coordinator=coordinator,
                    gender=coordinator.gender,
                    checked_in_at=meeting.starts_at,
                )


def _publish(meeting: Meeting) -> None:
    version = MinutesVersion.objects.create(meeting=meeting, number=1, text=minutes_text(meeting))
    # Published two days after the meeting, not on the day the demo was loaded.
    MinutesVersion.objects.filter(pk=version.pk).update(published_at=meeting.starts_at + dt.timedelta(days=2))
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=MinutesStatus.PUBLISHED)


def create_source_meeting(
    rng: random.Random, entities: dict[str, Entity], tracks: dict[str, Track]
) -> Meeting:
    city = LearningCity.objects.get(code="madinah")
    meeting = Meeting.objects.create(
        title_ar=SOURCE_MEETING_TITLE_AR,
        title_en="Expanded coordination meeting on learning cities",
        meeting_type=MeetingType.COORDINATION,
        learning_city=city,
        starts_at=_at(SOURCE_MEETING_DAY),
        duration_minutes=180,
        venue_ar="مدينة طيبة التعليمية للتربية الخاصة",
        venue_en="Taibah Educational City for Special Education",
        organiser=entities["gae"],
        description_ar=(
            "لقاء موسع ضم نخبة من منسقي ومنسقات القطاعات الحكومية والخاصة بهدف توحيد الرؤى وتطوير مسارات "
            "العمل المشترك بكفاءة عالية واحترافية."
        ),
        description_en=(
            "An expanded meeting of male and female coordinators from the government and private sectors, to "
            "unify visions and develop joint work tracks efficiently and professionally."
        ),
    )
    invited_keys = ["gae", "taibah-special", "emirate", "amanah", "hrsd", "tvtc", "taibah-uni", "iu", "chamber",
                    "chamber-yanbu", "edtech", "logistics", "west-coast", "digital-academy", "nakheel-telecom",
                    "literacy", "volunteers", "disability-charity", "rcu", "rc-yanbu"]  # fmt: skip
    _invite_and_attend(rng, meeting, [entities[key] for key in invited_keys], held=True)
    for position, (title_ar, title_en, presenter) in enumerate(SOURCE_AGENDA, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title_ar=title_ar,
            title_en=title_en,
            presenter_entity=entities[presenter],
            duration_minutes=25,
            notes_ar="نوقش البند وتم الاتفاق على متابعته من خلال مهام المتابعة المحددة."
            if position > 2
            else "",
        )
    axes = {axis.number: axis for axis in Axis.objects.all()}
    today = timezone.localdate()
    for number, axis in axes.items():
        decision = Decision.objects.create(
            meeting=meeting, number=number, text_ar=axis.title_ar, text_en=axis.title_en, axis=axis
        )
        for key, title_ar, title_en, days, status in SOURCE_ACTIONS[number]:
            due = SOURCE_MEETING_DAY + dt.timedelta(days=days)
            _action(meeting, decision, entities[key], title_ar, title_en, due, status, today)
    _publish(meeting)
    return meeting


def _action(meeting, decision, entity, title_ar, title_en, due, status, today) -> ActionItem:
    item = ActionItem.objects.create(
        meeting=meeting,
        decision=decision,
        title_ar=title_ar,
        title_en=title_en,
        owner_entity=entity,
        owner_person=entity.coordinators.first(),
        due_date=due,
        priority=Priority.HIGH if due < today else Priority.MEDIUM,
        status=status,
        completed_at=_at(min(due, today)) if status == ActionStatus.DONE else None,
    )
    if status != ActionStatus.OPEN:
        ActionItemUpdate.objects.create(
            action_item=item,
            note="تم إنجاز المهمة وإرفاق ما يثبت ذلك."
            if status == ActionStatus.DONE
            else "العمل جارٍ وفق الخطة.",
            status_from=ActionStatus.OPEN,
            status_to=status,
        )
    return item


def create_follow_up_meetings(
    rng: random.Random, entities: dict[str, Entity], count: int = 14
) -> list[Meeting]:
    """Meetings roughly every month after the source meeting, the last two still to come."""
    cities = list(LearningCity.objects.all())
    all_entities = list(entities.values())
    today = timezone.localdate()
    axes = list(Axis.objects.all())
    meetings = []
    for index in range(count):
        day = SOURCE_MEETING_DAY + dt.timedelta(days=26 * (index + 1) + rng.randint(0, 4))
        meeting_type, title_ar, title_en = FOLLOW_UP_MEETINGS[index % len(FOLLOW_UP_MEETINGS)]
        city = cities[index % len(cities)]
        held = day < today
        meeting = Meeting.objects.create(
            title_ar=f"{title_ar} — {city.name_ar}",
            title_en=f"{title_en} — {city.name_en}",
            meeting_type=meeting_type,
            learning_city=city,
            starts_at=_at(day, 9 + index % 4),
            duration_minutes=120,
            venue_ar=f"مقر مكتب التعليم في {city.name_ar}",
            venue_en=f"Education office, {city.name_en}",
            online_url="https://meet.example.sa/learning-cities" if index % 3 == 0 else "",
            organiser=entities["gae"],
            status=MeetingStatus.CANCELLED if index == 5 else MeetingStatus.SCHEDULED,
        )
        invited = rng.sample(all_entities, 8)
        _invite_and_attend(rng, meeting, invited, held=held and index != 5)
        AgendaItem.objects.create(
            meeting=meeting,
            position=1,
            title_ar="متابعة مهام اللقاء السابق",
            title_en="Follow-up of the previous meeting's action items",
        )
        AgendaItem.objects.create(
            meeting=meeting, position=2, title_ar="عرض تقارير الجهات", title_en="Reports from the entities"
        )
        if held and index != 5:
            axis = axes[index % len(axes)]
            decision = Decision.objects.create(
                meeting=meeting,
                number=1,
                text_ar=f"متابعة العمل في محور: {axis.title_ar}",
                text_en=f"Follow up the work on: {axis.title_en}",
                axis=axis,
            )
            for owner in invited[:3]:
                title_ar, title_en = rng.choice(FOLLOW_UP_ACTIONS)
                due = day + dt.timedelta(days=rng.randint(14, 90))
                if due >= today:
                    status = rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE])
                else:
                    status = rng.choice(
                        [
                            ActionStatus.DONE,
                            ActionStatus.DONE,
                            ActionStatus.OPEN,
                            ActionStatus.IN_PROGRESS,
                            ActionStatus.CANCELLED,
                        ]
                    )
                _action(meeting, decision, owner, title_ar, title_en, due, status, today)
            _publish(meeting)
        meetings.append(meeting)
    return meetings
