"""Demo catalogue: skills, campaigns, 300+ learning opportunities across providers, types and
the nine governorates (with accessible ones from Taibah Educational City for Special
Education, women-only and men-only sessions, online courses), learners, registrations,
attendance, completions and certificates."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.catalogue.models import (
    AudienceSex,
    Campaign,
    Credential,
    DisabilityKind,
    Learner,
    Level,
    Opportunity,
    OpportunityAgeGroup,
    OpportunityDisability,
    OpportunityStatus,
    OpportunityType,
    Registration,
    RegistrationStatus,
    Session,
)
from learningcity.catalogue.services.certificates import certificate_issue
from learningcity.catalogue.services.upcoming import refresh_upcoming_sessions
from learningcity.core.disaggregation import AgeGroup, Nationality, Sex
from learningcity.core.models import Governorate, LearningCity
from learningcity.demo.people import person
from learningcity.partners.models import Entity
from learningcity.skills.models import Skill, SkillCategory
from learningcity.skills.reference import seed_skill_groups

K = SkillCategory
# code, Arabic, English, category
# fmt: off
SKILLS = (
    ("digital-basics", "أساسيات الحاسب", "Computer basics", K.DIGITAL),
    ("office", "برامج المكتب", "Office software", K.DIGITAL),
    ("programming", "البرمجة", "Programming", K.DIGITAL),
    ("ai", "الذكاء الاصطناعي", "Artificial intelligence", K.DIGITAL),
    ("cybersecurity", "الأمن السيبراني", "Cybersecurity", K.DIGITAL),
    ("data-analysis", "تحليل البيانات", "Data analysis", K.DIGITAL),
    ("digital-services", "الخدمات الحكومية الرقمية", "Government digital services", K.DIGITAL),
    ("english", "اللغة الإنجليزية", "English language", K.LANGUAGE),
    ("arabic-literacy", "القراءة والكتابة", "Reading and writing", K.LANGUAGE),
    ("arabic-for-non-native", "العربية لغير الناطقين بها", "Arabic for non-native speakers", K.LANGUAGE),
    ("sign-language", "لغة الإشارة", "Sign language", K.INCLUSION),
    ("braille", "طريقة برايل", "Braille", K.INCLUSION),
    ("inclusive-teaching", "التعليم الدامج", "Inclusive teaching", K.INCLUSION),
    ("logistics", "الخدمات اللوجستية", "Logistics", K.VOCATIONAL),
    ("hospitality", "الضيافة والسياحة", "Hospitality and tourism", K.VOCATIONAL),
    ("industrial-safety", "السلامة المهنية", "Occupational safety", K.VOCATIONAL),
    ("maintenance", "الصيانة الفنية", "Technical maintenance", K.VOCATIONAL),
    ("customer-service", "خدمة العملاء", "Customer service", K.VOCATIONAL),
    ("entrepreneurship", "ريادة الأعمال", "Entrepreneurship", K.ENTREPRENEURSHIP),
    ("financial-literacy", "الثقافة المالية", "Financial literacy", K.ENTREPRENEURSHIP),
    ("marketing", "التسويق الرقمي", "Digital marketing", K.ENTREPRENEURSHIP),
    ("parenting", "التربية الأسرية", "Parenting", K.LIFE),
    ("communication", "مهارات التواصل", "Communication skills", K.LIFE),
    ("time-management", "إدارة الوقت", "Time management", K.LIFE),
    ("first-aid", "الإسعافات الأولية", "First aid", K.HEALTH),
    ("nutrition", "التغذية الصحية", "Healthy eating", K.HEALTH),
    ("heritage", "التراث والتاريخ", "Heritage and history", K.CULTURE),
    ("calligraphy", "الخط العربي", "Arabic calligraphy", K.CULTURE),
    ("photography", "التصوير", "Photography", K.CULTURE),
    ("volunteering", "العمل التطوعي", "Volunteering", K.CIVIC),
    ("environment", "الاستدامة البيئية", "Environmental sustainability", K.CIVIC),
    ("quran", "حفظ القرآن الكريم وتجويده", "Quran memorisation and recitation", K.CULTURE),
)

T = OpportunityType
# Arabic title, English title, type, skills, hours, credential, audience, age groups ("" = all)
OFFERS = (
    ("مهارات الحاسب الأساسية لكبار السن", "Computer basics for older people", T.COURSE, ("digital-basics",), 12, Credential.COMPLETION, AudienceSex.EVERYONE, ("45-64", "65+")),
    ("استخدام الخدمات الحكومية الرقمية", "Using government digital services", T.WORKSHOP, ("digital-services",), 3, Credential.ATTENDANCE, AudienceSex.EVERYONE, ()),
    ("مقدمة في البرمجة بلغة بايثون", "Introduction to programming in Python", T.COURSE, ("programming",), 24, Credential.COMPLETION, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("الذكاء الاصطناعي في الحياة اليومية", "Artificial intelligence in everyday life", T.LECTURE, ("ai",), 2, Credential.NONE, AudienceSex.EVERYONE, ()),
    ("الأمن السيبراني للأسرة", "Cybersecurity for families", T.WORKSHOP, ("cybersecurity",), 3, Credential.ATTENDANCE, AudienceSex.EVERYONE, ()),
    ("تحليل البيانات بالجداول الإلكترونية", "Data analysis with spreadsheets", T.COURSE, ("data-analysis", "office"), 18, Credential.COMPLETION, AudienceSex.EVERYONE, ("15-24", "25-44", "45-64")),
    ("اللغة الإنجليزية للمبتدئين", "English for beginners", T.COURSE, ("english",), 30, Credential.COMPLETION, AudienceSex.EVERYONE, ()),
    ("برنامج محو الأمية للكبار", "Adult literacy programme", T.COURSE, ("arabic-literacy",), 40, Credential.COMPLETION, AudienceSex.EVERYONE, ("25-44", "45-64", "65+")),
    ("العربية لغير الناطقين بها", "Arabic for non-native speakers", T.COURSE, ("arabic-for-non-native",), 30, Credential.COMPLETION, AudienceSex.EVERYONE, ("25-44", "45-64")),
    ("أساسيات الخدمات اللوجستية", "Logistics fundamentals", T.COURSE, ("logistics",), 20, Credential.COMPLETION, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("فن الضيافة السعودية", "The art of Saudi hospitality", T.WORKSHOP, ("hospitality", "customer-service"), 6, Credential.ATTENDANCE, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("السلامة المهنية في المصانع", "Occupational safety in factories", T.COURSE, ("industrial-safety",), 16, Credential.COMPLETION, AudienceSex.MEN, ("15-24", "25-44", "45-64")),
    ("صيانة الأجهزة المنزلية", "Home appliance maintenance", T.WORKSHOP, ("maintenance",), 8, Credential.ATTENDANCE, AudienceSex.MEN, ()),
    ("خدمة العملاء باحتراف", "Professional customer service", T.COURSE, ("customer-service", "communication"), 12, Credential.COMPLETION, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("ريادة الأعمال للنساء", "Entrepreneurship for women", T.COURSE, ("entrepreneurship", "marketing"), 20, Credential.COMPLETION, AudienceSex.WOMEN, ("25-44", "45-64")),
    ("الثقافة المالية وإدارة ميزانية الأسرة", "Financial literacy and the family budget", T.WORKSHOP, ("financial-literacy",), 4, Credential.ATTENDANCE, AudienceSex.EVERYONE, ()),
    ("التسويق الرقمي للمشاريع المنزلية", "Digital marketing for home businesses", T.COURSE, ("marketing",), 10, Credential.COMPLETION, AudienceSex.WOMEN, ("25-44",)),
    ("التربية الإيجابية للأبناء", "Positive parenting", T.LECTURE, ("parenting",), 2, Credential.NONE, AudienceSex.EVERYONE, ("25-44", "45-64")),
    ("مهارات التواصل الفعّال", "Effective communication skills", T.WORKSHOP, ("communication",), 4, Credential.ATTENDANCE, AudienceSex.EVERYONE, ()),
    ("إدارة الوقت للطلاب", "Time management for students", T.WORKSHOP, ("time-management",), 3, Credential.ATTENDANCE, AudienceSex.EVERYONE, ("0-14", "15-24")),
    ("الإسعافات الأولية للجميع", "First aid for everyone", T.COURSE, ("first-aid",), 8, Credential.COMPLETION, AudienceSex.EVERYONE, ()),
    ("التغذية الصحية للأسرة", "Healthy eating for the family", T.LECTURE, ("nutrition",), 2, Credential.NONE, AudienceSex.WOMEN, ()),
    ("زيارة المواقع التاريخية في المدينة", "A visit to Madinah's historic sites", T.VISIT, ("heritage",), 4, Credential.NONE, AudienceSex.EVERYONE, ()),
    ("جولة تراثية في العلا", "A heritage walk in AlUla", T.VISIT, ("heritage",), 5, Credential.NONE, AudienceSex.EVERYONE, ()),
    ("نادي الخط العربي", "Arabic calligraphy club", T.CLUB, ("calligraphy",), 16, Credential.ATTENDANCE, AudienceSex.EVERYONE, ("0-14", "15-24")),
    ("نادي التصوير الضوئي", "Photography club", T.CLUB, ("photography",), 12, Credential.ATTENDANCE, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("فرصة تطوعية: تنظيم معرض الكتاب", "Volunteering: organising the book fair", T.VOLUNTEERING, ("volunteering", "communication"), 15, Credential.ATTENDANCE, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("فرصة تطوعية: تشجير الأحياء", "Volunteering: planting trees in the neighbourhoods", T.VOLUNTEERING, ("volunteering", "environment"), 6, Credential.ATTENDANCE, AudienceSex.EVERYONE, ()),
    ("الاستدامة البيئية في المنزل", "Environmental sustainability at home", T.LECTURE, ("environment",), 2, Credential.NONE, AudienceSex.EVERYONE, ()),
    ("ملتقى التعلم مدى الحياة", "Lifelong learning forum", T.EVENT, ("communication",), 4, Credential.ATTENDANCE, AudienceSex.EVERYONE, ()),
    ("مهارات المقابلة الوظيفية", "Job interview skills", T.WORKSHOP, ("communication", "customer-service"), 3, Credential.ATTENDANCE, AudienceSex.EVERYONE, ("15-24", "25-44")),
    ("برامج المكتب للموظفين", "Office software for employees", T.ELEARNING, ("office",), 10, Credential.COMPLETION, AudienceSex.EVERYONE, ("25-44", "45-64")),
    ("مقدمة في الذكاء الاصطناعي التوليدي", "Introduction to generative AI", T.ELEARNING, ("ai", "digital-basics"), 6, Credential.COMPLETION, AudienceSex.EVERYONE, ()),
    ("الأمن السيبراني للمنشآت الصغيرة", "Cybersecurity for small businesses", T.ELEARNING, ("cybersecurity", "entrepreneurship"), 8, Credential.COMPLETION, AudienceSex.EVERYONE, ("25-44", "45-64")),
)

# Taibah Educational City for Special Education: accessible opportunities for people with disabilities.
# Arabic, English, type, skills, hours, credential, disabilities, accessibility flags (wheelchair, sign, braille, easy-read)
SPECIAL_EDUCATION = (
    ("لغة الإشارة للأسرة والمعلمين", "Sign language for families and teachers", T.COURSE, ("sign-language",), 20, Credential.COMPLETION, (DisabilityKind.HEARING,), (True, True, False, True)),
    ("البرمجة بلغة الإشارة للصم", "Programming in sign language for Deaf learners", T.COURSE, ("programming", "sign-language"), 24, Credential.COMPLETION, (DisabilityKind.HEARING,), (True, True, False, False)),
    ("تعلم طريقة برايل", "Learning braille", T.COURSE, ("braille",), 30, Credential.COMPLETION, (DisabilityKind.VISUAL,), (True, False, True, False)),
    ("الحاسب بقارئ الشاشة للمكفوفين", "Using a computer with a screen reader", T.COURSE, ("digital-basics",), 16, Credential.COMPLETION, (DisabilityKind.VISUAL,), (True, False, True, False)),
    ("مهارات الحياة المستقلة", "Skills for independent living", T.WORKSHOP, ("time-management", "communication"), 8, Credential.ATTENDANCE, (DisabilityKind.INTELLECTUAL, DisabilityKind.AUTISM), (True, False, False, True)),
    ("نادي الفنون للأطفال ذوي التوحد", "Art club for autistic children", T.CLUB, ("photography",), 12, Credential.ATTENDANCE, (DisabilityKind.AUTISM,), (True, False, False, True)),
    ("التعليم الدامج للمعلمين", "Inclusive teaching for teachers", T.WORKSHOP, ("inclusive-teaching",), 6, Credential.ATTENDANCE, (), (True, True, True, True)),
    ("التأهيل المهني لذوي الإعاقة الحركية", "Vocational training for people with physical disabilities", T.COURSE, ("office", "customer-service"), 30, Credential.COMPLETION, (DisabilityKind.PHYSICAL,), (True, False, False, True)),
)

# Quran memorisation circles and tajweed courses: the most common lifelong-learning need in
# Madinah, run in mosques in every governorate, free, men and women in separate circles.
# Arabic, English, audience, hours, credential
QURAN = (
    ("حلقة تحفيظ القرآن الكريم للرجال", "Quran memorisation circle for men", AudienceSex.MEN, 40, Credential.ATTENDANCE),
    ("حلقة تحفيظ القرآن الكريم للنساء", "Quran memorisation circle for women", AudienceSex.WOMEN, 40, Credential.ATTENDANCE),
    ("دورة أحكام التجويد", "A course in tajweed, the rules of recitation", AudienceSex.EVERYONE, 16, Credential.COMPLETION),
)
# Free by their nature: literacy for adults, volunteering and the Quran circles.
FREE_SKILLS = frozenset({"arabic-literacy", "volunteering", "quran"})

CAMPAIGNS = (
    ("lifelong-learning-week", "أسبوع التعلم مدى الحياة", "Lifelong Learning Week", -3, 7,
     "أسبوع تحتفي فيه مدن التعلم في منطقة المدينة المنورة بالتعلم في كل مكان ولكل الأعمار: دورات وورش ومحاضرات وزيارات مجانية.",
     "A week in which the Madinah region's learning cities celebrate learning everywhere and at every age: free courses, workshops, lectures and visits."),
    ("digital-skills-month", "شهر المهارات الرقمية", "Digital Skills Month", 10, 40,
     "حملة توعوية لسد الفجوة الرقمية: من أساسيات الحاسب إلى الذكاء الاصطناعي والخدمات الحكومية الرقمية.",
     "An awareness campaign to close the digital divide: from computer basics to artificial intelligence and government digital services."),
    ("inclusive-learning", "التعلم للجميع بلا استثناء", "Learning for everyone, without exception", -20, 25,
     "فرص تعلم مهيأة للأشخاص ذوي الإعاقة بالشراكة مع مدينة طيبة التعليمية للتربية الخاصة.",
     "Learning opportunities designed for people with disabilities, with Taibah Educational City for Special Education."),
    ("summer-learning", "صيف التعلم", "Summer of Learning", -160, -100,
     "برامج صيفية للشباب والأسر في جميع المحافظات.", "Summer programmes for young people and families in every governorate."),
)
# fmt: on

# Providers that offer the general catalogue (entity keys from demo.partners).
PROVIDERS = (
    "gae", "tvtc", "library", "taibah-uni", "iu", "tech-college", "yic", "chamber", "chamber-yanbu",
    "edtech", "logistics", "west-coast", "alula-hospitality", "digital-academy", "disability-charity",
    "literacy", "family-yanbu", "ais-charity", "volunteers", "neighbourhood-clubs", "alula-youth",
    "edu-yanbu", "edu-alula", "edu-mahd", "edu-badr", "edu-khaybar", "edu-hanakiyah", "edu-ais", "edu-fara",
    "health", "rcu",
)  # fmt: skip

DEMO_LEARNER_PASSWORD = "learningcity-demo"  # noqa: S105 - published demo credential
# Demo sign-in for a learner: mobile 0500000001 (or username "learner").
DEMO_LEARNER_MOBILE = "+966500000001"


def create_skills() -> dict[str, Skill]:
    groups = seed_skill_groups()
    return {
        code: Skill.objects.create(code=code, name_ar=name_ar, name_en=name_en, group=groups[category])
        for code, name_ar, name_en, category in SKILLS
    }


def create_campaigns(today: dt.date) -> dict[str, Campaign]:
    campaigns = {}
    for slug, title_ar, title_en, start, end, description_ar, description_en in CAMPAIGNS:
        campaigns[slug] = Campaign.objects.create(
            slug=slug, title_ar=title_ar, title_en=title_en, description_ar=description_ar,
            description_en=description_en, starts_on=today + dt.timedelta(days=start),
            ends_on=today + dt.timedelta(days=end),
        )  # fmt: skip
    return campaigns


def _city_for(governorate: Governorate, cities: dict[str, LearningCity]) -> LearningCity:
    return cities.get(governorate.code) or cities["madinah"]


def _status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return OpportunityStatus.DRAFT
    if roll < 0.09:
        return OpportunityStatus.CLOSED
    if roll < 0.11:
        return OpportunityStatus.CANCELLED
    return OpportunityStatus.PUBLISHED


def _sessions(rng: random.Random, opportunity: Opportunity, now: dt.datetime, audience: str) -> list[Session]:
    """1–4 sessions, some past (so there are attendances and certificates), most to come; a
    mixed opportunity sometimes runs separate sessions for men and for women."""
    if opportunity.opportunity_type == OpportunityType.ELEARNING and rng.random() < 0.6:
        return []
    sessions = []
    count = rng.choice([1, 1, 2, 2, 3, 4])
    split = audience == AudienceSex.EVERYONE and rng.random() < 0.3
    first_day = (now + dt.timedelta(days=rng.randint(-45, 50))).date()
    hour = rng.choice([9, 10, 16, 17, 18, 19])
    length = rng.choice([2, 2, 3, 4])
    for index in range(count):
        day = first_day + dt.timedelta(days=7 * index)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        session_audience = ""
        if split:
            session_audience = AudienceSex.MEN if index % 2 == 0 else AudienceSex.WOMEN
        sessions.append(
            Session(
                opportunity=opportunity,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=length),
                capacity=rng.choice([12, 15, 20, 25, 30, 40]),
                audience_sex=session_audience,
                note_ar="قاعة النساء" if session_audience == AudienceSex.WOMEN else "",
                note_en="Women's hall" if session_audience == AudienceSex.WOMEN else "",
            )
        )
    return sessions


def create_opportunities(
    rng: random.Random, entities: dict[str, Entity], skills: dict[str, Skill], campaigns: dict[str, Campaign]
) -> list[Opportunity]:
    now = timezone.now()
    cities = {city.code: city for city in LearningCity.objects.all()}
    governorates = list(Governorate.objects.order_by("sort_order"))
    all_sessions: list[Session] = []
    opportunities: list[Opportunity] = []
    plans: list[tuple[Opportunity, tuple, tuple, tuple]] = []

    def add(opportunity: Opportunity, skill_codes: tuple, ages: tuple, disabilities: tuple) -> None:
        opportunity.refresh_search_index()
        opportunities.append(opportunity)
        plans.append((opportunity, skill_codes, ages, disabilities))

    # Taibah Educational City: every accessible offer, in Madinah, twice (two cohorts).
    taibah = entities["taibah-special"]
    madinah = next(g for g in governorates if g.code == "madinah")
    for cohort in range(2):
        for (
            title_ar,
            title_en,
            kind,
            skill_codes,
            hours,
            credential,
            disabilities,
            flags,
        ) in SPECIAL_EDUCATION:
            wheelchair, sign, braille, easy = flags
            add(
                Opportunity(
                    title_ar=title_ar if cohort == 0 else f"{title_ar} (المجموعة الثانية)",
                    title_en=title_en if cohort == 0 else f"{title_en} (second group)",
                    description_ar=f"{title_ar}: فرصة تعلم مهيأة بالكامل تقدمها مدينة طيبة التعليمية للتربية الخاصة، بمدربين متخصصين وقاعات مجهزة.",
                    description_en=f"{title_en}: a fully accessible learning opportunity from Taibah Educational City for Special Education, with specialist trainers and equipped rooms.",
                    opportunity_type=kind,
                    provider=taibah,
                    learning_city=cities["madinah"],
                    governorate=madinah,
                    venue_ar="مدينة طيبة التعليمية للتربية الخاصة",
                    venue_en="Taibah Educational City for Special Education",
                    address="طريق الملك عبدالله، المدينة المنورة",
                    latitude=Decimal("24.4912"),
                    longitude=Decimal("39.5862"),
                    audience_sex=AudienceSex.EVERYONE,
                    level=Level.INTRODUCTORY,
                    language="sgn" if sign else "ar",
                    wheelchair_access=wheelchair,
                    sign_language=sign,
                    braille_large_print=braille,
                    easy_read=easy,
                    hours=Decimal(hours),
                    credential=credential,
                    status=OpportunityStatus.PUBLISHED,
                    featured=cohort == 0 and rng.random() < 0.5,
                ),  # fmt: skip
                skill_codes,
                (),
                disabilities,
            )

    providers = [entities[key] for key in PROVIDERS if key in entities]
    provider_governorates = {
        provider.pk: list(provider.governorates.all()) or governorates for provider in providers
    }
    number = 0
    while len(opportunities) < 330:
        for title_ar, title_en, kind, skill_codes, hours, credential, audience, ages in OFFERS:
            number += 1
            if kind == T.ELEARNING and number > len(OFFERS):
                continue  # one of each online course is enough; the rest take place somewhere
            provider = rng.choice(providers)
            governorate = rng.choice(provider_governorates[provider.pk])
            online = kind == T.ELEARNING
            fee = Decimal(0) if rng.random() < 0.8 else Decimal(rng.choice([50, 100, 150, 250]))
            if kind == T.VOLUNTEERING or FREE_SKILLS & set(skill_codes):
                fee = Decimal(0)
            add(
                Opportunity(
                    title_ar=f"{title_ar} — {governorate.name_ar}" if not online else title_ar,
                    title_en=f"{title_en} — {governorate.name_en}" if not online else title_en,
                    description_ar=f"{title_ar}. يقدمها {provider.name_ar} ضمن برنامج مدن التعلم، وهي مفتوحة للمواطنين والمقيمين.",
                    description_en=f"{title_en}. Offered by {provider.name_en} as part of the learning-city programme, open to citizens and residents.",
                    opportunity_type=kind,
                    provider=provider,
                    learning_city=_city_for(governorate, cities),
                    governorate=governorate,
                    venue_ar="" if online else f"مقر {provider.name_ar}",
                    venue_en="" if online else f"{provider.name_en} premises",
                    online_url=f"https://learn.example.sa/courses/{number}" if online else "",
                    fee=fee,
                    audience_sex=audience,
                    level=rng.choice(Level.values),
                    language="ar",
                    wheelchair_access=rng.random() < 0.5,
                    easy_read=rng.random() < 0.1,
                    hours=Decimal(hours),
                    credential=credential,
                    status=_status(rng),
                    featured=rng.random() < 0.03,
                ),  # fmt: skip
                skill_codes,
                ages,
                (),
            )
    quran_plans = _quran_circles(entities, governorates, cities)
    for opportunity, skill_codes, ages, disabilities in quran_plans:
        add(opportunity, skill_codes, ages, disabilities)
    Opportunity.objects.bulk_create(opportunities)
    skill_links = []
    age_links = []
    disability_links = []
    # The Quran circles draw their sessions from their own generator, so the rest of the demo
    # (learners, registrations) comes out as it did before they were added.
    quran_rng = random.Random(1447)
    for opportunity, skill_codes, ages, disabilities in plans:
        skill_links += [
            Opportunity.skills.through(opportunity=opportunity, skill=skills[code]) for code in skill_codes
        ]
        age_links += [OpportunityAgeGroup(opportunity=opportunity, age_group=age) for age in ages]
        disability_links += [
            OpportunityDisability(opportunity=opportunity, kind=kind) for kind in disabilities
        ]
        quran = "quran" in skill_codes
        all_sessions += _sessions(quran_rng if quran else rng, opportunity, now, opportunity.audience_sex)
    Opportunity.skills.through.objects.bulk_create(skill_links)
    OpportunityAgeGroup.objects.bulk_create(age_links)
    OpportunityDisability.objects.bulk_create(disability_links)
    all_sessions += _join_campaigns(
        rng, [plan for plan in plans if "quran" not in plan[1]], campaigns, all_sessions
    )
    Session.objects.bulk_create(all_sessions)
    refresh_upcoming_sessions(Opportunity.objects.all())  # bulk_create sends no signal
    # The index includes skill names, which exist only now.
    for opportunity in opportunities:
        opportunity.refresh_search_index()
    Opportunity.objects.bulk_update(opportunities, list(Opportunity.derived_fields), batch_size=200)
    return opportunities


def _quran_circles(
    entities: dict[str, Entity], governorates: list[Governorate], cities: dict[str, LearningCity]
) -> list[tuple[Opportunity, tuple, tuple, tuple]]:
    """A men's and a women's memorisation circle and a tajweed course in every governorate,
    from its education office (the General Administration in Madinah itself)."""
    plans = []
    for governorate in governorates:
        provider = next(
            (
                entity
                for key, entity in entities.items()
                if key.startswith("edu-") and governorate in entity.governorates.all()
            ),
            entities["gae"],
        )
        for title_ar, title_en, audience, hours, credential in QURAN:
            plans.append(
                (
                    Opportunity(
                        title_ar=f"{title_ar} — {governorate.name_ar}",
                        title_en=f"{title_en} — {governorate.name_en}",
                        description_ar=f"{title_ar} في جامع الحي، بإشراف معلمين مجازين: حفظ ومراجعة وتلاوة مجوَّدة، لكل المستويات. مجانية ومفتوحة للمواطنين والمقيمين.",
                        description_en=f"{title_en} at the neighbourhood mosque, led by licensed teachers: memorisation, revision and recitation, for every level. Free and open to citizens and residents.",
                        opportunity_type=OpportunityType.COURSE,
                        provider=provider,
                        learning_city=_city_for(governorate, cities),
                        governorate=governorate,
                        venue_ar=f"جامع الحي — {governorate.name_ar}",
                        venue_en=f"The neighbourhood mosque — {governorate.name_en}",
                        fee=Decimal(0),
                        audience_sex=audience,
                        level=Level.INTRODUCTORY,
                        language="ar",
                        wheelchair_access=True,
                        hours=Decimal(hours),
                        credential=credential,
                        status=OpportunityStatus.PUBLISHED,
                    ),  # fmt: skip
                    ("quran",),
                    (),
                    (),
                )
            )
    return plans


DIGITAL_SKILLS = {code for code, _ar, _en, category in SKILLS if category == K.DIGITAL}


def _join_campaigns(
    rng: random.Random, plans: list[tuple], campaigns: dict[str, Campaign], sessions: list[Session]
) -> list[Session]:
    """Opportunities join the campaigns that fit them; each one a campaign lists has a session
    within the campaign's dates (one is added where it had none), so the campaign page shows
    what happens during the campaign. Returns the added sessions."""
    through = Opportunity.campaigns.through
    links = []
    for opportunity, skill_codes, _ages, _disabilities in plans:
        if opportunity.sign_language or opportunity.braille_large_print:
            links.append(through(opportunity=opportunity, campaign=campaigns["inclusive-learning"]))
        if DIGITAL_SKILLS & set(skill_codes) and rng.random() < 0.6:
            links.append(through(opportunity=opportunity, campaign=campaigns["digital-skills-month"]))
        if opportunity.status == OpportunityStatus.PUBLISHED and rng.random() < 0.15:
            links.append(through(opportunity=opportunity, campaign=campaigns["lifelong-learning-week"]))
        elif rng.random() < 0.05:
            links.append(through(opportunity=opportunity, campaign=campaigns["summer-learning"]))
    through.objects.bulk_create(links, ignore_conflicts=True)
    dates: dict[int, list[dt.date]] = {}
    for session in sessions:
        dates.setdefault(session.opportunity.pk, []).append(timezone.localtime(session.starts_at).date())
    added = []
    for link in {(link.opportunity.pk, link.campaign.pk): link for link in links}.values():
        campaign, opportunity = link.campaign, link.opportunity
        if any(campaign.starts_on <= day <= campaign.ends_on for day in dates.get(opportunity.pk, [])):
            continue
        span = (campaign.ends_on - campaign.starts_on).days + 1
        day = campaign.starts_on + dt.timedelta(days=opportunity.pk % span)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(17)))
        added.append(
            Session(
                opportunity=opportunity, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), capacity=25
            )
        )
        dates.setdefault(opportunity.pk, []).append(day)
    return added


def create_learners(rng: random.Random, count: int = 150) -> list[Learner]:
    User = get_user_model()
    governorates = list(Governorate.objects.order_by("sort_order"))
    weights = [max((g.population or 20_000) // 10_000, 1) for g in governorates]
    learners = []
    now = timezone.now()
    demo_user = User.objects.create_user(
        username="learner", password=DEMO_LEARNER_PASSWORD, role=Role.LEARNER, first_name="نورة",
        email="learner@learningcity.example.sa",
    )  # fmt: skip
    learners.append(
        Learner.objects.create(
            user=demo_user,
            full_name="نورة الحربي",
            mobile=DEMO_LEARNER_MOBILE,
            sex=Sex.FEMALE,
            age_group=AgeGroup.ADULTS,
            governorate=governorates[0],
            nationality=Nationality.CITIZEN,
            consented_at=now,
            privacy_notice_version="2026-11",
        )  # fmt: skip
    )
    # One hash for all the generated learners: hashing 150 passwords would slow the demo set-up.
    from django.contrib.auth.hashers import make_password

    password = make_password(DEMO_LEARNER_PASSWORD)
    for index in range(count):
        sex = Sex.FEMALE if rng.random() < 0.55 else Sex.MALE
        name_ar, _name_en = person(rng, "f" if sex == Sex.FEMALE else "m")
        mobile = f"+9665{55_000_000 + index:08d}"
        user = User.objects.create(
            username=mobile, password=password, role=Role.LEARNER, first_name=name_ar[:150],
            email=f"learner{index}@example.sa" if rng.random() < 0.5 else "",
        )  # fmt: skip
        learners.append(
            Learner(
                user=user,
                full_name=name_ar,
                mobile=mobile,
                sex=sex,
                age_group=rng.choices(AgeGroup.values, weights=[5, 30, 35, 20, 10])[0],
                governorate=rng.choices(governorates, weights=weights)[0],
                nationality=Nationality.CITIZEN if rng.random() < 0.7 else Nationality.RESIDENT,
                has_disability=rng.random() < 0.08,
                consented_at=now,
                privacy_notice_version="2026-11",
                accommodation_needs="أحتاج مترجم لغة إشارة" if rng.random() < 0.04 else "",
            )  # fmt: skip
        )
    Learner.objects.bulk_create(learners[1:])
    return learners


def create_registrations(rng: random.Random, learners: list[Learner], manager: object) -> dict[str, int]:
    """Registrations that respect places and audiences; past sessions get attendance,
    completions and certificates; a few sessions to come are full with a waiting list."""
    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            opportunity__status__in=[OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED]
        )
        .select_related("opportunity__provider")
        .order_by("starts_at")
    )
    admits = {
        AudienceSex.EVERYONE: {Sex.MALE, Sex.FEMALE},
        AudienceSex.MEN: {Sex.MALE},
        AudienceSex.WOMEN: {Sex.FEMALE},
    }
    registrations = []
    full_sessions = 0
    for session in sessions:
        eligible = [learner for learner in learners if learner.sex in admits[session.audience]]
        if session.starts_at > now and full_sessions < 4 and session.capacity <= 15 and rng.random() < 0.5:
            wanted = session.capacity + 3
            full_sessions += 1
        else:
            wanted = rng.randint(0, min(session.capacity, 12))
        chosen = rng.sample(eligible, min(wanted, len(eligible)))
        for position, learner in enumerate(chosen):
            registered_at = min(session.starts_at - dt.timedelta(days=rng.randint(1, 20)), now)
            confirmed = position < session.capacity
            registration = Registration(
                learner=learner, session=session,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
                confirmed_at=registered_at if confirmed else None,
                waitlisted_at=None if confirmed else registered_at,
            )  # fmt: skip
            if session.ends_at < now and confirmed:
                registration.attended = rng.random() < 0.85
                if registration.attended and rng.random() < 0.8:
                    registration.completed_at = session.ends_at + dt.timedelta(hours=1)
            registrations.append(registration)
    # The demo learner has something in every part of "my learning".
    demo = learners[0]
    Registration.objects.bulk_create(registrations)
    certificates = 0
    for registration in Registration.objects.filter(completed_at__isnull=False).select_related(
        "session__opportunity__provider", "learner__user"
    ):
        if certificate_issue(registration=registration, by=manager):
            certificates += 1
    _demo_learner_record(rng, demo, now, manager)
    return {"registrations": len(registrations), "certificates": certificates}


def _demo_learner_record(rng: random.Random, learner: Learner, now: dt.datetime, manager: object) -> None:
    from learningcity.catalogue.services.registrations import registration_create

    past = (
        Session.objects.filter(
            ends_at__lt=now,
            opportunity__status=OpportunityStatus.PUBLISHED,
            audience_sex__in=["", "women", "everyone"],
        )
        .exclude(opportunity__credential=Credential.NONE)
        .exclude(registrations__learner=learner)
        .exclude(opportunity__audience_sex=AudienceSex.MEN)
        # Never a session its registrations above already filled: which two sessions ended last
        # depends on the hour the demo is loaded, and a full one was overbooked by her.
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
        )
        .filter(confirmed__lt=F("capacity"))
        .select_related("opportunity__provider")
        .order_by("-starts_at")[:2]
    )
    for session in past:
        registration = Registration.objects.create(
            learner=learner, session=session, status=RegistrationStatus.CONFIRMED,
            confirmed_at=session.starts_at - dt.timedelta(days=3), attended=True, completed_at=session.ends_at,
        )  # fmt: skip
        certificate_issue(registration=registration, by=manager)
    upcoming = (
        Session.objects.filter(
            starts_at__gt=now + dt.timedelta(days=2), opportunity__status=OpportunityStatus.PUBLISHED
        )
        .exclude(audience_sex=AudienceSex.MEN)
        .exclude(opportunity__audience_sex=AudienceSex.MEN)
        .exclude(registrations__learner=learner)
        .order_by("starts_at")[:2]
    )
    for session in upcoming:
        registration_create(learner=learner, session=session)
    _demo_offer(learner, now)
    _demo_family(learner, now)


def _demo_family(learner: Learner, now: dt.datetime) -> None:
    """The demo learner registered her two children together for a session for everyone."""
    from learningcity.catalogue.services.group_places import group_register

    session = (
        Session.objects.filter(
            starts_at__gt=now + dt.timedelta(days=3),
            opportunity__status=OpportunityStatus.PUBLISHED,
            audience_sex__in=["", AudienceSex.EVERYONE],
            opportunity__audience_sex=AudienceSex.EVERYONE,
            opportunity__age_groups__isnull=True,
        )
        .exclude(registrations__learner=learner)
        .annotate(taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
        .filter(taken__lte=F("capacity") - 2)
        .order_by("starts_at")
        .first()
    )
    if session is None:
        return
    children = [
        {"full_name": "جود الحربي", "sex": Sex.FEMALE, "age_group": "0-14"},
        {"full_name": "فيصل الحربي", "sex": Sex.MALE, "age_group": "0-14"},
    ]
    group_register(booker=learner, session=session, kind="family", name="", people=children, consent=True)


def _demo_offer(learner: Learner, now: dt.datetime) -> None:
    """A place offered to the demo learner from a full session's waiting list, to confirm or
    let go: the session is full (its places cut to those taken), she waits first, and someone
    holding a place cancels. Built here rather than found, so the demo has it at any hour."""
    from learningcity.catalogue.services.registrations import registration_cancel

    full = (
        Session.objects.filter(
            starts_at__gt=now + dt.timedelta(days=2), opportunity__status=OpportunityStatus.PUBLISHED
        )
        .exclude(audience_sex=AudienceSex.MEN)
        .exclude(opportunity__audience_sex=AudienceSex.MEN)
        .exclude(registrations__learner=learner)
        # A session with a waiting list of its own would offer the place to someone who waited
        # longer (which sessions have one depends on the hour the demo is loaded).
        .exclude(registrations__status__in=[RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED])
        .annotate(taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
        .filter(taken__gte=2)
        .order_by("starts_at", "pk")
        .first()
    )
    if full is None:
        return
    Session.objects.filter(pk=full.pk).update(capacity=full.taken)
    Registration.objects.create(
        learner=learner,
        session=full,
        status=RegistrationStatus.WAITLISTED,
        waitlisted_at=now - dt.timedelta(days=1),
    )
    leaving = (
        full.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("learner__user").first()
    )
    registration_cancel(registration=leaving, by=leaving.learner.user)
