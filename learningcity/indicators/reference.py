"""Reference frameworks: UNESCO's Key Features of Learning Cities (Beijing, 2013) and the
Human Capability Development Program pillars (Saudi Vision 2030)."""

from __future__ import annotations

from django.db import transaction

from learningcity.indicators.models import Framework, FrameworkNode

UNESCO_KEY_FEATURES = (
    ("wider-benefits", "الفوائد الأوسع", "Wider benefits of building a learning city", (
        ("individual-empowerment", "التمكين الفردي والتماسك الاجتماعي", "Individual empowerment and social cohesion"),
        ("economic-cultural", "التنمية الاقتصادية والازدهار الثقافي", "Economic development and cultural prosperity"),
        ("sustainable-development", "التنمية المستدامة", "Sustainable development"),
    )),
    ("building-blocks", "الركائز الرئيسة", "Major building blocks of a learning city", (
        ("education-system", "التعلم الشامل في النظام التعليمي", "Inclusive learning in the education system"),
        ("families-communities", "تنشيط التعلم في الأسر والمجتمعات", "Re-vitalised learning in families and communities"),
        ("workplace", "التعلم الفعّال للعمل وفي بيئة العمل", "Effective learning for and in the workplace"),
        ("learning-technologies", "توسيع استخدام تقنيات التعلم الحديثة", "Extended use of modern learning technologies"),
        ("quality", "تعزيز جودة التعلم", "Enhanced quality in learning"),
        ("culture-of-learning", "ثقافة حيوية للتعلم مدى الحياة", "A vibrant culture of learning throughout life"),
    )),
    ("fundamental-conditions", "الشروط الأساسية", "Fundamental conditions for building a learning city", (
        ("political-will", "الإرادة السياسية القوية والالتزام", "Strong political will and commitment"),
        ("governance", "الحوكمة ومشاركة جميع الأطراف المعنية", "Governance and participation of all stakeholders"),
        ("resources", "حشد الموارد وتوظيفها", "Mobilisation and utilisation of resources"),
    )),
)  # fmt: skip

HCDP_PILLARS = (
    ("resilient-base", "تطوير أساس تعليمي متين ومرن للجميع", "Developing a resilient and strong educational base for all"),
    ("future-labour-market", "الإعداد لسوق العمل المستقبلي محليًا وعالميًا", "Preparing for the future local and global labour market"),
    ("lifelong-learning", "إتاحة فرص التعلم مدى الحياة", "Providing lifelong learning opportunities"),
)  # fmt: skip

UNESCO_FRAMEWORK = "unesco-key-features"
AXES_FRAMEWORK = "axes"
HCDP_FRAMEWORK = "hcdp"


@transaction.atomic
def seed_frameworks() -> None:
    unesco, _ = Framework.objects.get_or_create(
        code=UNESCO_FRAMEWORK,
        defaults={
            "name_ar": "الخصائص الرئيسة لمدن التعلم (اليونسكو)",
            "name_en": "UNESCO Key Features of Learning Cities",
        },
    )
    for group_position, (group_code, group_ar, group_en, areas) in enumerate(UNESCO_KEY_FEATURES, start=1):
        group, _ = FrameworkNode.objects.get_or_create(
            framework=unesco,
            code=group_code,
            defaults={"name_ar": group_ar, "name_en": group_en, "position": group_position},
        )
        for area_position, (area_code, area_ar, area_en) in enumerate(areas, start=1):
            FrameworkNode.objects.get_or_create(
                framework=unesco,
                code=area_code,
                defaults={"parent": group, "name_ar": area_ar, "name_en": area_en, "position": area_position},
            )
    hcdp, _ = Framework.objects.get_or_create(
        code=HCDP_FRAMEWORK,
        defaults={
            "name_ar": "برنامج تنمية القدرات البشرية (رؤية 2030)",
            "name_en": "Human Capability Development Program (Vision 2030)",
        },
    )
    for position, (code, name_ar, name_en) in enumerate(HCDP_PILLARS, start=1):
        FrameworkNode.objects.get_or_create(
            framework=hcdp, code=code, defaults={"name_ar": name_ar, "name_en": name_en, "position": position}
        )
    # The five axes agreed at the coordination meeting, as a local KPI set.
    from learningcity.programme.reference import AXES

    axes, _ = Framework.objects.get_or_create(
        code=AXES_FRAMEWORK,
        defaults={"name_ar": "محاور العمل الخمسة", "name_en": "The five work axes"},
    )
    for number, title_ar, title_en in AXES:
        FrameworkNode.objects.get_or_create(
            framework=axes,
            code=f"axis-{number}",
            defaults={"name_ar": title_ar, "name_en": title_en, "position": number},
        )
