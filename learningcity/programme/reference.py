"""The five work axes agreed at the coordination meeting on learning cities (source document)."""

from __future__ import annotations

from django.db import transaction

from learningcity.programme.models import Axis

AXES = (
    (
        1,
        "تحقيق التكامل والترابط التدريجي بين القطاعين العام والخاص",
        "Gradual integration and linkage between the public and private sectors",
    ),
    (
        2,
        "إطلاق مبادرات توعوية لتعزيز مفهوم التعلم مدى الحياة",
        "Awareness initiatives that promote lifelong learning",
    ),
    (
        3,
        "توظيف التقنيات الحديثة في خدمة المسارات التعليمية المختلفة",
        "Using modern technology to serve the different educational tracks",
    ),
    (
        4,
        "قياس مؤشرات الأداء الخاصة بالنمو المعرفي والمجتمعي",
        "Measuring performance indicators of knowledge and community growth",
    ),
    (
        5,
        "توفير قنوات تواصل دائمة لتبادل البيانات والمعلومات بمرونة",
        "Permanent communication channels for exchanging data and information flexibly",
    ),
)


@transaction.atomic
def seed_axes() -> list[Axis]:
    return [
        Axis.objects.get_or_create(number=number, defaults={"title_ar": title_ar, "title_en": title_en})[0]
        for number, title_ar, title_en in AXES
    ]
