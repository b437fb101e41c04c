"""A deterministic data set at the size of the Madinah region, or of the Kingdom, for
benchmarks (`learningcity seed_scale --size small|regional|national`).

Everything comes from one seeded random generator and bulk inserts, so two runs build the same
records and the regional set fits in minutes on SQLite. Text is Arabic (with English beside
it) built from word lists, so search, normalisation and PDFs work on realistic strings.
Records that the services would derive on save (search documents, measurement scopes) are
derived here too, since bulk inserts skip `save()`.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

SEED = 2026
BATCH = 5_000


@dataclass(frozen=True)
class Size:
    entities: int
    coordinators: int
    meetings: int
    action_items: int
    initiatives: int
    indicators: int
    months: int
    opportunities: int
    learners: int
    registrations: int
    regions: int = 1  # the Madinah region, then the others in demo/kingdom.py


SIZES = {
    "small": Size(
        entities=200,
        coordinators=1_000,
        meetings=50,
        action_items=2_000,
        initiatives=500,
        indicators=20,
        months=24,
        opportunities=5_000,
        learners=30_000,
        registrations=100_000,
    ),  # fmt: skip
    "regional": Size(
        entities=2_000,
        coordinators=10_000,
        meetings=500,
        action_items=20_000,
        initiatives=5_000,
        indicators=200,
        months=60,
        opportunities=50_000,
        learners=300_000,
        registrations=1_000_000,
    ),  # fmt: skip
    # The Kingdom: 13 regions and ten times the region's records (each indicator is measured in
    # one region's governorates, so measurements grow about fivefold, not tenfold).
    "national": Size(
        entities=20_000,
        coordinators=100_000,
        meetings=5_000,
        action_items=200_000,
        initiatives=50_000,
        indicators=2_000,
        months=60,
        opportunities=500_000,
        learners=3_000_000,
        registrations=10_000_000,
        regions=13,
    ),  # fmt: skip
}

# fmt: off
SUBJECTS = (
    ("مهارات الحاسب الآلي", "Computer skills"), ("البرمجة بلغة بايثون", "Python programming"),
    ("الإسعافات الأولية", "First aid"), ("لغة الإشارة", "Sign language"), ("ريادة الأعمال", "Entrepreneurship"),
    ("اللغة الإنجليزية", "English"), ("محو الأمية", "Literacy"), ("الخط العربي", "Arabic calligraphy"),
    ("التصوير الضوئي", "Photography"), ("الأمن السيبراني", "Cybersecurity"), ("تحليل البيانات", "Data analysis"),
    ("الضيافة والسياحة", "Hospitality and tourism"), ("السلامة المهنية", "Occupational safety"),
    ("التربية الإيجابية", "Positive parenting"), ("الثقافة المالية", "Financial literacy"),
    ("التسويق الرقمي", "Digital marketing"), ("طريقة برايل", "Braille"), ("الذكاء الاصطناعي", "Artificial intelligence"),
    ("التغذية الصحية", "Healthy eating"), ("العمل التطوعي", "Volunteering"), ("الخدمات اللوجستية", "Logistics"),
    ("صيانة الأجهزة", "Appliance repair"), ("التراث والتاريخ", "Heritage and history"), ("إدارة الوقت", "Time management"),
)
FORMS = (("دورة", "Course"), ("ورشة عمل", "Workshop"), ("محاضرة", "Lecture"), ("نادي", "Club"), ("برنامج", "Programme"))
AUDIENCES = (("للمعلمات", "for women teachers"), ("للشباب", "for young people"), ("لكبار السن", "for older people"),
             ("للأسرة", "for families"), ("للمبتدئين", "for beginners"), ("للموظفين", "for employees"), ("", ""))
ENTITY_KINDS = (
    ("government", "school", "مدرسة", "School"), ("government", "government_agency", "إدارة", "Department"),
    ("private", "company", "شركة", "Company"), ("private", "company", "مؤسسة", "Establishment"),
    ("nonprofit", "charity", "جمعية", "Association"), ("academic", "university", "كلية", "College"),
    ("community", "other", "مبادرة مجتمعية", "Community initiative"),
)
ENTITY_NAMES = ("النور", "الأمل", "الرواد", "المستقبل", "طيبة", "الهجرة", "قباء", "العقيق", "الفرقان", "الإبداع",
                "التميز", "الريادة", "السلام", "الوفاء", "البيان", "المعرفة", "الحكمة", "الفلاح", "البركة", "النخبة")
FIRST_NAMES_M = ("محمد", "عبدالله", "أحمد", "خالد", "سعود", "فهد", "عبدالرحمن", "ماجد", "سلمان", "يوسف")
FIRST_NAMES_F = ("نورة", "سارة", "فاطمة", "هيفاء", "ريم", "أمل", "منيرة", "لمى", "هند", "مريم")
FAMILY_NAMES = ("الحربي", "الجهني", "المطيري", "العنزي", "الأنصاري", "الرحيلي", "السناني", "الصاعدي", "المحمدي", "القرشي")
# fmt: on


def _batched(rows: Iterable[Any], model: Any, *, keep: bool = True, **options: Any) -> list[Any]:
    """Insert `rows` a batch at a time; returns them (with their keys) unless `keep` is false,
    as for the national set's ten million registrations, which would not fit in memory."""
    created: list[Any] = []
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            inserted = model.objects.bulk_create(batch, **options)
            if keep:
                created += inserted
            batch = []
    if batch:
        inserted = model.objects.bulk_create(batch, **options)
        if keep:
            created += inserted
    return created


class Builder:
    def __init__(self, size: Size, say: Callable[[str], None]) -> None:
        self.size = size
        self.say = say
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.password = make_password(None)  # nobody signs in as the generated people

    def step(self, label: str, action: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        with transaction.atomic():
            result = action()
        self.say(f"  {label}: {time.perf_counter() - started:.1f} s")
        return result

    def build(self) -> None:
        from django.core.management import call_command

        call_command("seed_reference", verbosity=0)
        if self.size.regions > 1:
            from learningcity.demo.kingdom import create_other_regions

            self.step("the other regions", lambda: create_other_regions(self.size.regions - 1))
        self.step("partners and coordinators", self.partners)
        self.step("initiatives, funding and challenges", self.initiatives)
        self.step("meetings, decisions and action items", self.meetings)
        self.step("indicators and measurements", self.indicators)
        self.step("opportunities and sessions", self.opportunities)
        self.step("learners", self.learners)
        self.step("registrations", self.registrations)
        with connection.cursor() as cursor:
            # Planner statistics, as autovacuum / PRAGMA optimize keep them; on PostgreSQL also
            # the visibility map, without which a count reads the whole table (17,000 pages).
            # (VACUUM cannot run inside a transaction, as in the tests.)
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")

    def places(self) -> None:
        from learningcity.core.models import Governorate, LearningCity

        self.governorates = list(Governorate.objects.order_by("pk"))
        self.cities = list(LearningCity.objects.order_by("pk"))

    def partners(self) -> None:
        from django.contrib.auth import get_user_model

        from learningcity.core.arabic import search_document
        from learningcity.partners.models import Coordinator, Entity

        self.places()
        rng = self.rng
        entities = []
        for n in range(self.size.entities):
            sector, kind, prefix_ar, prefix_en = ENTITY_KINDS[n % len(ENTITY_KINDS)]
            governorate = self.governorates[n % len(self.governorates)]
            name = rng.choice(ENTITY_NAMES)
            name_ar = f"{prefix_ar} {name} {n} — {governorate.name_ar}"
            name_en = f"{prefix_en} {n} — {governorate.name_en}"
            entities.append(
                Entity(
                    name_ar=name_ar,
                    name_en=name_en,
                    sector=sector,
                    entity_type=kind,
                    search_document=search_document(name_ar, name_en),
                )  # fmt: skip
            )
        self.entities = _batched(entities, Entity)
        Through = Entity.governorates.through
        _batched(
            (
                Through(entity_id=e.pk, governorate_id=self.governorates[i % len(self.governorates)].pk)
                for i, e in enumerate(self.entities)
            ),
            Through,
        )
        User = get_user_model()
        users = _batched(
            (
                User(
                    username=f"coordinator-{n:05d}",
                    password=self.password,
                    role="coordinator",
                    email=f"coordinator-{n:05d}@partners.example.sa",
                )  # fmt: skip
                for n in range(self.size.coordinators)
            ),
            User,
        )
        coordinators = []
        for n, user in enumerate(users):
            woman = n % 2 == 1
            first = rng.choice(FIRST_NAMES_F if woman else FIRST_NAMES_M)
            coordinators.append(
                Coordinator(
                    entity=self.entities[n % len(self.entities)],
                    user=user,
                    gender="f" if woman else "m",
                    full_name_ar=f"{first} {rng.choice(FAMILY_NAMES)}",
                    role_in_entity="primary" if n < len(self.entities) else "deputy",
                    email=user.email,
                )  # fmt: skip
            )
        _batched(coordinators, Coordinator)

    def initiatives(self) -> None:
        from learningcity.core.arabic import search_document
        from learningcity.programme.models import Challenge, Initiative, InitiativeFunding, Milestone, Track

        rng = self.rng
        from learningcity.demo.programme import create_tracks

        tracks = list(Track.objects.order_by("pk")) or list(create_tracks().values())
        statuses = ("planned", "active", "active", "active", "on_hold", "completed", "cancelled")
        rows = []
        for n in range(self.size.initiatives):
            subject_ar, subject_en = rng.choice(SUBJECTS)
            city = self.cities[n % len(self.cities)]
            title_ar = f"مبادرة {subject_ar} في {city.name_ar}"
            title_en = f"{subject_en} initiative in {city.name_en}"
            start = self.today - dt.timedelta(days=rng.randint(0, 900))
            code = f"SC-{n:05d}"
            rows.append(
                Initiative(
                    code=code,
                    title_ar=title_ar,
                    title_en=title_en,
                    learning_city=city,
                    track=tracks[n % len(tracks)],
                    owner_entity=self.entities[n % len(self.entities)],
                    status=statuses[n % len(statuses)],
                    start_date=start,
                    end_date=start + dt.timedelta(days=rng.randint(60, 720)),
                    progress=rng.randint(0, 100),
                    budget=rng.randint(5, 200) * 10_000,
                    search_document=search_document(code, title_ar, title_en),
                )  # fmt: skip
            )
        self.initiative_rows = _batched(rows, Initiative)
        _batched(
            (
                InitiativeFunding(
                    initiative=initiative,
                    source=self.entities[(n * 7) % len(self.entities)],
                    amount=rng.randint(10, 500) * 1000,
                )  # fmt: skip
                for n, initiative in enumerate(self.initiative_rows[::2])
            ),
            InitiativeFunding,
        )
        _batched(
            (
                Milestone(
                    initiative=initiative,
                    title_ar=f"المرحلة {m + 1}",
                    due_date=initiative.start_date + dt.timedelta(days=60 * (m + 1)),
                    weight=1,
                    progress=rng.choice((0, 25, 50, 100)),
                )  # fmt: skip
                for initiative in self.initiative_rows
                for m in range(3)
            ),
            Milestone,
        )
        _batched(
            (
                Challenge(
                    initiative=initiative,
                    title=f"تحد ميداني في {initiative.title_ar}",
                    category=rng.choice(("funding", "logistics", "regulation")),
                    severity=rng.choice(("low", "medium", "high")),
                    status="resolved" if n % 3 == 0 else "open",
                    resolved_on=self.today - dt.timedelta(days=n % 300) if n % 3 == 0 else None,
                )  # fmt: skip
                for n, initiative in enumerate(self.initiative_rows[::2])
            ),
            Challenge,
        )

    def meetings(self) -> None:
        from learningcity.coordination.models import ActionItem, Decision, Meeting

        rng = self.rng
        meetings = _batched(
            (
                Meeting(
                    title_ar=f"اللقاء التنسيقي {n + 1} لمدن التعلم",
                    title_en=f"Learning cities coordination meeting {n + 1}",
                    learning_city=self.cities[n % len(self.cities)],
                    organiser=self.entities[n % len(self.entities)],
                    starts_at=self.now - dt.timedelta(days=rng.randint(-60, 700), hours=rng.randint(0, 6)),
                )  # fmt: skip
                for n in range(self.size.meetings)
            ),
            Meeting,
        )
        decisions = _batched(
            (
                Decision(
                    meeting=meeting, number=d + 1, text_ar=f"القرار {d + 1}: متابعة {rng.choice(SUBJECTS)[0]}"
                )
                for meeting in meetings
                for d in range(4)
            ),
            Decision,
        )
        _batched(
            (
                ActionItem(
                    meeting=decisions[n % len(decisions)].meeting,
                    decision=decisions[n % len(decisions)],
                    title_ar=f"مهمة متابعة {n + 1}: {rng.choice(SUBJECTS)[0]}",
                    owner_entity=self.entities[n % len(self.entities)],
                    due_date=self.today + dt.timedelta(days=rng.randint(-200, 200)),
                    status=rng.choice(("open", "in_progress", "done", "done")),
                )  # fmt: skip
                for n in range(self.size.action_items)
            ),
            ActionItem,
        )

    def indicators(self) -> None:
        from learningcity.core.models import Region
        from learningcity.indicators.models import Indicator, IndicatorTarget, Measurement, scope_key

        rng = self.rng
        regions = list(Region.objects.order_by("pk"))  # the Madinah region first
        indicators = _batched(
            (
                Indicator(
                    code=f"SC-IND-{n:03d}",
                    name_ar=f"مؤشر {rng.choice(SUBJECTS)[0]} رقم {n}",
                    name_en=f"Indicator {n}",
                    unit="count",
                    frequency="monthly",
                    aggregation="sum",
                    allowed_disaggregations=["sex"],
                )  # fmt: skip
                for n in range(self.size.indicators)
            ),
            Indicator,
        )
        months = []
        month = self.today.replace(day=1)
        for _ in range(self.size.months):
            month = (month - dt.timedelta(days=1)).replace(day=1)
            months.append(month)

        def measurements() -> Iterable[Measurement]:
            for n, indicator in enumerate(indicators):
                region = regions[n % len(regions)]  # each indicator in one region's governorates
                governorates = [g for g in self.governorates if g.region_id == region.pk]
                for period in months:
                    for governorate in governorates:
                        total = rng.randint(100, 1000)
                        women = rng.randint(0, total)
                        scope = scope_key(region.pk, None, governorate.pk)
                        for dimension, category, value in (
                            ("", "", total),
                            ("sex", "female", women),
                            ("sex", "male", total - women),
                        ):
                            yield Measurement(
                                indicator=indicator, period_start=period, region=region, governorate=governorate,
                                scope=scope, dimension=dimension, category=category, value=value, status="verified",
                            )  # fmt: skip

        _batched(measurements(), Measurement, keep=False)
        _batched(
            (
                IndicatorTarget(indicator=indicator, period_start=period, value=rng.randint(4_000, 8_000))
                for indicator in indicators
                for period in months[:12]
            ),
            IndicatorTarget,
        )

    def opportunities(self) -> None:
        from learningcity.catalogue.models import Opportunity, Session
        from learningcity.core.morphology import index_document, root_document

        rng = self.rng
        providers = self.entities

        def rows() -> Iterable[Opportunity]:
            for number in range(self.size.opportunities):
                subject_ar, subject_en = rng.choice(SUBJECTS)
                form_ar, form_en = rng.choice(FORMS)
                audience_ar, audience_en = rng.choice(AUDIENCES)
                city = self.cities[number % len(self.cities)]
                governorate = city.governorate if number % 2 else rng.choice(self.governorates)
                provider = providers[number % len(providers)]
                title_ar = f"{form_ar} {subject_ar} {audience_ar} — {governorate.name_ar}".replace("  ", " ")
                title_en = f"{form_en}: {subject_en} {audience_en} — {governorate.name_en}".replace("  ", " ")
                description_ar = (
                    f"يقدم {provider.name_ar} هذه الفرصة ضمن برنامج مدن التعلم في {governorate.name_ar}. "
                    f"تتناول {subject_ar}، وهي مفتوحة للمواطنين والمقيمين (رقم {number})."
                )
                if city.region_id != governorate.region_id:
                    governorate = city.governorate
                yield Opportunity(
                    title_ar=title_ar, title_en=title_en, description_ar=description_ar,
                    opportunity_type=rng.choice(("course", "workshop", "lecture", "event", "club")), provider=provider,
                    learning_city=city, governorate=governorate, status="published",
                    fee=0 if rng.random() < 0.8 else 100, hours=rng.choice((2, 6, 12, 20)), credential="completion",
                    wheelchair_access=rng.random() < 0.3, sign_language=rng.random() < 0.05,
                    featured=number % 1000 == 7,  # a few on the home page, as managers pick them
                    search_title=index_document(title_ar, title_en),
                    search_body=index_document(description_ar, provider.name_ar, provider.name_en),
                    search_roots=root_document(title_ar, description_ar, provider.name_ar),
                )  # fmt: skip

        self.opportunity_rows = _batched(rows(), Opportunity)

        def sessions() -> Iterable[Session]:
            for opportunity in self.opportunity_rows:
                starts = self.now + dt.timedelta(days=rng.randint(-300, 120), hours=rng.randint(0, 10))
                yield Session(
                    opportunity=opportunity,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    capacity=40,
                )

        self.sessions = _batched(sessions(), Session)
        # bulk_create sends no signal: store each opportunity's next session in one pass.
        from learningcity.catalogue.services.upcoming import refresh_upcoming_sessions

        refresh_upcoming_sessions(Opportunity.objects.all())

    def learners(self) -> None:
        from django.contrib.auth import get_user_model

        from learningcity.catalogue.models import Learner

        rng = self.rng
        User = get_user_model()
        self.learner_rows = []
        for start in range(0, self.size.learners, BATCH * 2):
            count = min(BATCH * 2, self.size.learners - start)
            users = User.objects.bulk_create(
                User(username=f"+9665{n:08d}", password=self.password, role="learner")
                for n in range(start, start + count)
            )
            learners = []
            for n, user in zip(range(start, start + count), users, strict=True):
                woman = n % 2 == 0
                first = rng.choice(FIRST_NAMES_F if woman else FIRST_NAMES_M)
                learners.append(
                    Learner(
                        user=user,
                        full_name=f"{first} {rng.choice(FAMILY_NAMES)}",
                        mobile=user.username,
                        sex="female" if woman else "male",
                        age_group=rng.choice(("15-24", "25-44", "25-44", "45-64", "65+")),
                        governorate=self.governorates[n % len(self.governorates)],
                        nationality="citizen" if rng.random() < 0.7 else "resident",
                        has_disability=rng.random() < 0.06,
                        consented_at=self.now,
                        privacy_notice_version="scale",
                    )  # fmt: skip
                )
            self.learner_rows += [learner.pk for learner in Learner.objects.bulk_create(learners)]

    def registrations(self) -> None:
        """Each learner in a few sessions, never the same one twice; past sessions mostly
        attended and some completed."""
        from learningcity.catalogue.models import Registration

        rng = self.rng
        sessions = self.sessions
        per_learner, extra = divmod(self.size.registrations, len(self.learner_rows))

        def rows() -> Iterable[Registration]:
            for index, learner_id in enumerate(self.learner_rows):
                count = per_learner + (1 if index < extra else 0)
                first = rng.randrange(len(sessions))
                for k in range(count):
                    session = sessions[(first + k * 7919) % len(sessions)]
                    past = session.starts_at < self.now
                    completed = past and rng.random() < 0.6
                    yield Registration(
                        learner_id=learner_id, session=session, status="confirmed", confirmed_at=self.now,
                        attended=True if completed else None,
                        completed_at=session.ends_at if completed else None,
                    )  # fmt: skip

        _batched(rows(), Registration, keep=False)


def seed_scale(size_name: str, say: Callable[[str], None] = print) -> float:
    """Build the data set; returns the seconds it took."""
    started = time.perf_counter()
    Builder(SIZES[size_name], say).build()
    return time.perf_counter() - started
