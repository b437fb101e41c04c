"""Demo partners: the entities around the coordination meeting on learning cities.

Government bodies, universities and chambers of commerce carry their public names; the
companies, charities and community groups are fictitious, so that no real organisation is
shown making commitments it did not make.
"""

from __future__ import annotations

import datetime as dt
import random

from learningcity.core.models import Governorate
from learningcity.partners.models import Agreement, Coordinator, Entity, EntityType, Sector

ALL = "*"
G, P, N, A, C = Sector.GOVERNMENT, Sector.PRIVATE, Sector.NONPROFIT, Sector.ACADEMIC, Sector.COMMUNITY
T = EntityType

# key, Arabic name, English name, sector, type, governorate codes ("*" = all), short name
# fmt: off
ENTITIES = (
    ("gae", "الإدارة العامة للتعليم بمنطقة المدينة المنورة", "General Administration of Education in the Madinah Region", G, T.GOVERNMENT_AGENCY, ALL, "تعليم المدينة"),
    ("taibah-special", "مدينة طيبة التعليمية للتربية الخاصة", "Taibah Educational City for Special Education", G, T.SPECIAL_EDUCATION, ("madinah",), ""),
    ("emirate", "إمارة منطقة المدينة المنورة", "Madinah Region Principality", G, T.GOVERNMENT_AGENCY, ALL, ""),
    ("amanah", "أمانة منطقة المدينة المنورة", "Madinah Region Municipality", G, T.MUNICIPALITY, ("madinah",), ""),
    ("mdda", "هيئة تطوير منطقة المدينة المنورة", "Madinah Region Development Authority", G, T.GOVERNMENT_AGENCY, ALL, ""),
    ("rcu", "الهيئة الملكية لمحافظة العلا", "Royal Commission for AlUla", G, T.GOVERNMENT_AGENCY, ("alula",), ""),
    ("rc-yanbu", "الهيئة الملكية بينبع", "Royal Commission Yanbu", G, T.GOVERNMENT_AGENCY, ("yanbu",), ""),
    ("hrsd", "فرع وزارة الموارد البشرية والتنمية الاجتماعية بمنطقة المدينة المنورة", "Ministry of Human Resources and Social Development, Madinah Branch", G, T.GOVERNMENT_AGENCY, ALL, ""),
    ("tvtc", "الإدارة العامة للتدريب التقني والمهني بمنطقة المدينة المنورة", "Technical and Vocational Training, Madinah Region", G, T.TRAINING_INSTITUTE, ("madinah", "yanbu", "alula", "badr"), ""),
    ("health", "تجمع المدينة المنورة الصحي", "Madinah Health Cluster", G, T.GOVERNMENT_AGENCY, ALL, ""),
    ("edu-yanbu", "مكتب التعليم بمحافظة ينبع", "Yanbu Education Office", G, T.SCHOOL, ("yanbu",), ""),
    ("edu-alula", "مكتب التعليم بمحافظة العلا", "AlUla Education Office", G, T.SCHOOL, ("alula",), ""),
    ("edu-mahd", "مكتب التعليم بمحافظة المهد", "Al-Mahd Education Office", G, T.SCHOOL, ("al-mahd",), ""),
    ("edu-badr", "مكتب التعليم بمحافظة بدر", "Badr Education Office", G, T.SCHOOL, ("badr",), ""),
    ("edu-khaybar", "مكتب التعليم بمحافظة خيبر", "Khaybar Education Office", G, T.SCHOOL, ("khaybar",), ""),
    ("edu-hanakiyah", "مكتب التعليم بمحافظة الحناكية", "Al-Hanakiyah Education Office", G, T.SCHOOL, ("al-hanakiyah",), ""),
    ("edu-ais", "مكتب التعليم بمحافظة العيص", "Al-Ais Education Office", G, T.SCHOOL, ("al-ais",), ""),
    ("edu-fara", "مكتب التعليم بمحافظة وادي الفرع", "Wadi Al-Fara Education Office", G, T.SCHOOL, ("wadi-al-fara",), ""),
    ("library", "مكتبة الملك عبدالعزيز بالمدينة المنورة", "King Abdulaziz Library in Madinah", G, T.LIBRARY_OR_MUSEUM, ("madinah",), ""),
    ("taibah-uni", "جامعة طيبة", "Taibah University", A, T.UNIVERSITY, ("madinah", "yanbu", "alula", "badr", "khaybar", "al-mahd", "al-hanakiyah"), ""),
    ("iu", "الجامعة الإسلامية بالمدينة المنورة", "Islamic University of Madinah", A, T.UNIVERSITY, ("madinah",), ""),
    ("tech-college", "الكلية التقنية بالمدينة المنورة", "College of Technology in Madinah", A, T.TRAINING_INSTITUTE, ("madinah",), ""),
    ("yic", "كلية ينبع الصناعية", "Yanbu Industrial College", A, T.UNIVERSITY, ("yanbu",), ""),
    ("chamber", "الغرفة التجارية بالمدينة المنورة", "Madinah Chamber of Commerce", P, T.CHAMBER, ("madinah", "al-mahd", "badr", "khaybar", "al-hanakiyah"), ""),
    ("chamber-yanbu", "الغرفة التجارية الصناعية بينبع", "Yanbu Chamber of Commerce and Industry", P, T.CHAMBER, ("yanbu", "al-ais"), ""),
    ("edtech", "شركة طيبة للتقنيات التعليمية", "Taibah Learning Technologies Co.", P, T.COMPANY, ("madinah", "yanbu"), ""),
    ("logistics", "مجموعة المدينة للخدمات اللوجستية", "Madinah Logistics Services Group", P, T.COMPANY, ALL, ""),
    ("west-coast", "شركة الساحل الغربي للصناعات", "West Coast Industries Co.", P, T.COMPANY, ("yanbu", "badr"), ""),
    ("alula-hospitality", "مؤسسة العلا للضيافة والتراث", "AlUla Hospitality and Heritage Est.", P, T.COMPANY, ("alula", "khaybar"), ""),
    ("digital-academy", "أكاديمية المهارات الرقمية", "Digital Skills Academy", P, T.TRAINING_INSTITUTE, ("madinah", "al-mahd", "al-hanakiyah"), ""),
    ("nakheel-telecom", "شركة النخيل للاتصالات", "Al-Nakheel Telecom Co.", P, T.COMPANY, ALL, ""),
    ("disability-charity", "الجمعية الخيرية لرعاية الأشخاص ذوي الإعاقة بالمدينة المنورة", "Charity for People with Disabilities in Madinah", N, T.CHARITY, ("madinah", "al-mahd"), ""),
    ("literacy", "جمعية تعليم الكبار ومحو الأمية", "Adult Education and Literacy Association", N, T.ASSOCIATION, ("madinah", "khaybar", "al-hanakiyah", "wadi-al-fara"), ""),
    ("family-yanbu", "جمعية التنمية الأسرية بينبع", "Yanbu Family Development Association", N, T.ASSOCIATION, ("yanbu",), ""),
    ("ais-charity", "جمعية العيص الخيرية", "Al-Ais Charity Association", N, T.CHARITY, ("al-ais",), ""),
    ("volunteers", "جمعية المدينة للعمل التطوعي", "Madinah Volunteering Association", N, T.ASSOCIATION, ALL, ""),
    ("neighbourhood-clubs", "أندية الحي بالمدينة المنورة", "Madinah Neighbourhood Clubs", C, T.OTHER, ("madinah",), ""),
    ("alula-youth", "مبادرة شباب العلا التطوعية", "AlUla Youth Volunteering Initiative", C, T.OTHER, ("alula",), ""),
    ("badr-council", "مجلس شباب محافظة بدر", "Badr Youth Council", C, T.OTHER, ("badr",), ""),
    ("dar-almadinah", "متحف دار المدينة", "Dar Al Madinah Museum", P, T.LIBRARY_OR_MUSEUM, ("madinah",), ""),
)
# fmt: on

# fmt: off
DESCRIPTIONS = {
    G: ("جهة حكومية تسهم في وضع التشريعات وتسهيل الإجراءات الإدارية المشتركة لمدن التعلم.", "A government body that helps set regulations and ease joint administrative procedures for the learning cities."),
    P: ("جهة من القطاع الخاص تسهم في الدعم اللوجستي وتمويل البرامج التدريبية المتخصصة.", "A private-sector partner contributing logistical support and funding for specialised training programmes."),
    N: ("جهة غير ربحية تقدم برامج مجتمعية تتيح فرص التعلم للجميع دون استثناء.", "A non-profit partner offering community programmes that open learning to everyone without exception."),
    A: ("جهة أكاديمية تسهم بالخبرات البحثية والبرامج التعليمية المستمرة.", "An academic partner contributing research expertise and continuing education programmes."),
    C: ("مبادرة مجتمعية تحفز الطاقات الشابة على المشاركة في التعلم والتنمية المستدامة.", "A community initiative encouraging young people to take part in learning and sustainable development."),
}
# fmt: on

# fmt: off
JOB_TITLES = (
    ("منسق برامج الشراكة", "Partnership programmes coordinator"),
    ("مدير إدارة التدريب", "Head of training"),
    ("مشرف المسؤولية الاجتماعية", "Social responsibility supervisor"),
    ("أخصائي تطوير الأعمال", "Business development specialist"),
    ("مسؤول العلاقات العامة", "Public relations officer"),
    ("رئيس قسم التعلم مدى الحياة", "Head of lifelong learning"),
)
# fmt: on

# fmt: off
AGREEMENTS = (
    ("taibah-special", "مذكرة تفاهم لتهيئة بيئات تعلم دامجة للأشخاص ذوي الإعاقة", "MoU on inclusive learning environments for people with disabilities", "MoU-1446-014", 400, 730),
    ("taibah-uni", "اتفاقية تعاون في برامج التعليم المستمر", "Cooperation agreement on continuing education programmes", "MoU-1445-031", 700, 1095),
    ("chamber", "مذكرة تفاهم لتمويل البرامج التدريبية المرتبطة بسوق العمل", "MoU on funding training programmes linked to the labour market", "MoU-1446-022", 300, 730),
    ("logistics", "اتفاقية الدعم اللوجستي لفعاليات مدن التعلم", "Logistics support agreement for learning-city events", "AGR-2025-007", 200, 365),
    ("rcu", "مذكرة تفاهم لمدينة العلا للتعلم", "MoU for AlUla Learning City", "MoU-1447-003", 90, 1095),
    ("rc-yanbu", "مذكرة تفاهم لمدينة ينبع للتعلم", "MoU for Yanbu Learning City", "MoU-1444-019", 1000, 730),
    ("literacy", "اتفاقية برامج محو الأمية وتعليم الكبار", "Agreement on literacy and adult education programmes", "AGR-2024-041", 800, 365),
)
# fmt: on


def create_partners(rng: random.Random, today: dt.date) -> dict[str, Entity]:
    governorates = {g.code: g for g in Governorate.objects.all()}
    entities: dict[str, Entity] = {}
    for key, name_ar, name_en, sector, entity_type, served, acronym in ENTITIES:
        description_ar, description_en = DESCRIPTIONS[sector]
        entity = Entity.objects.create(
            name_ar=name_ar,
            name_en=name_en,
            acronym=acronym,
            sector=sector,
            entity_type=entity_type,
            description_ar=description_ar,
            description_en=description_en,
            email=f"partnerships@{key}.example.sa",
            phone=f"0148{rng.randint(100000, 999999)}",
            website=f"https://{key}.example.sa",
            address=f"{governorates[served[0] if served != ALL else 'madinah'].name_ar}",
        )
        entity.governorates.set(
            governorates.values() if served == ALL else [governorates[code] for code in served]
        )
        entities[key] = entity
    return entities


def create_coordinators(rng: random.Random, entities: dict[str, Entity]) -> list[Coordinator]:
    """One or two coordinators per entity, men and women, as at the meeting."""
    from learningcity.demo.people import person

    coordinators = []
    for index, entity in enumerate(entities.values()):
        count = 2 if index % 3 != 2 else 1
        for slot in range(count):
            gender = "f" if (index + slot) % 2 else "m"
            name_ar, name_en = person(rng, gender)
            title_ar, title_en = rng.choice(JOB_TITLES)
            coordinators.append(
                Coordinator.objects.create(
                    entity=entity,
                    full_name_ar=name_ar,
                    full_name_en=name_en,
                    gender=gender,
                    job_title_ar=title_ar,
                    job_title_en=title_en,
                    role_in_entity="primary" if slot == 0 else "deputy",
                    email=f"{name_en.split()[0].lower()}.{index}{slot}@{entity.website.split('//')[1]}",
                    phone=f"05{rng.randint(10000000, 99999999)}",
                )
            )
    return coordinators


def create_agreements(entities: dict[str, Entity], today: dt.date) -> list[Agreement]:
    agreements = []
    for key, title_ar, title_en, reference, started_days_ago, duration in AGREEMENTS:
        start = today - dt.timedelta(days=started_days_ago)
        agreement = Agreement.objects.create(
            title_ar=title_ar,
            title_en=title_en,
            reference=reference,
            scope_ar="تنسيق الجهود وتبادل الخبرات وتنفيذ مخرجات اللقاء التنسيقي لمدن التعلم.",
            scope_en="Coordinating efforts, exchanging expertise and implementing the outputs of the learning-cities coordination meeting.",
            start_date=start,
            end_date=start + dt.timedelta(days=duration),
        )
        agreement.parties.set([entities["gae"], entities[key]])
        agreements.append(agreement)
    return agreements
