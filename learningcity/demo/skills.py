"""The demo's labour-market side: what private-sector and government partners say they need,
with their pledges, so that the skills gap view has something to show."""

from __future__ import annotations

from decimal import Decimal

from learningcity.core.models import Governorate
from learningcity.skills.models import Pathway, PathwayStep, Skill, SkillDemand

# Other names people search with (the catalogue finds the opportunities by them).
SYNONYMS = {
    "programming": "بايثون، تطوير البرمجيات، Python, coding",
    "data-analysis": "علم البيانات، إكسل، Excel, data science",
    "hospitality": "الإرشاد السياحي، خدمة ضيوف الرحمن، tourism",
    "logistics": "سلاسل الإمداد، المستودعات، supply chain",
    "cybersecurity": "أمن المعلومات، information security",
}

# entity, skill, governorate, people needed, horizon, sector, funding pledged, places pledged
# fmt: off
DEMAND = (
    ("logistics", "logistics", "madinah", 120, "1y", "logistics", 250_000, 40),
    ("logistics", "customer-service", "madinah", 60, "6m", "logistics", None, 20),
    ("west-coast", "industrial-safety", "yanbu", 80, "6m", "industry", 150_000, 30),
    ("west-coast", "maintenance", "yanbu", 45, "1y", "industry", None, None),
    ("alula-hospitality", "hospitality", "alula", 150, "1y", "tourism", 300_000, 60),
    ("alula-hospitality", "english", "alula", 70, "2y", "tourism", None, 25),
    ("edtech", "programming", "madinah", 40, "1y", "ict", 120_000, 15),
    ("edtech", "data-analysis", "madinah", 35, "1y", "ict", None, 10),
    ("digital-academy", "cybersecurity", "madinah", 30, "2y", "ict", 80_000, 20),
    ("health", "first-aid", "madinah", 200, "6m", "health", None, None),
    ("rcu", "heritage", "alula", 50, "1y", "tourism", 100_000, 25),
)
# fmt: on


def create_skill_demand(entities: dict, skills: dict[str, Skill], by: object) -> list[SkillDemand]:
    for code, synonyms in SYNONYMS.items():
        Skill.objects.filter(pk=skills[code].pk).update(synonyms=synonyms)
    governorates = {governorate.code: governorate for governorate in Governorate.objects.all()}
    return [
        SkillDemand.objects.create(
            entity=entities[entity],
            skill=skills[skill],
            governorate=governorates[governorate],
            people_needed=people,
            horizon=horizon,
            sector=sector,
            pledged_funding=Decimal(funding) if funding else None,
            pledged_places=places,
            created_by=by,
        )  # fmt: skip
        for entity, skill, governorate, people, horizon, sector, funding, places in DEMAND
    ]


# title (ar, en), skills it leads to, its steps (opportunity titles in Arabic, in order)
PATHWAYS = (
    (("محلل بيانات مبتدئ", "Beginner data analyst"), ("data-analysis", "office"),
     ("مهارات الحاسب الأساسية لكبار السن", "تحليل البيانات بالجداول الإلكترونية", "مقدمة في البرمجة بلغة بايثون")),
    (("العمل في الضيافة والسياحة", "Working in hospitality and tourism"), ("hospitality", "customer-service", "english"),
     ("اللغة الإنجليزية للمبتدئين", "خدمة العملاء باحتراف", "فن الضيافة السعودية")),
)  # fmt: skip


def create_pathways(opportunities: list, skills: dict[str, Skill]) -> list[Pathway]:
    # The demo offers each course in several governorates ("… — ينبع"): the pathways use the
    # Madinah ones, or the first published where there is none.
    by_title: dict[str, object] = {}
    for opportunity in sorted(opportunities, key=lambda o: o.governorate.code != "madinah"):
        if opportunity.status == "published":
            by_title.setdefault(opportunity.title_ar.split(" — ")[0], opportunity)
    pathways = []
    for (title_ar, title_en), skill_codes, step_titles in PATHWAYS:
        pathway = Pathway.objects.create(title_ar=title_ar, title_en=title_en, published=True)
        pathway.skills.set([skills[code] for code in skill_codes])
        steps = [by_title[title] for title in step_titles if title in by_title]
        PathwayStep.objects.bulk_create(
            PathwayStep(pathway=pathway, position=number, opportunity=opportunity)
            for number, opportunity in enumerate(steps, start=1)
        )
        pathways.append(pathway)
    return pathways
