"""Demo tracks under the five axes, with lead sectors and track-level responsibilities."""

from __future__ import annotations

from learningcity.partners.models import Responsibility, Sector
from learningcity.programme.models import Axis, Track

# axis number, code, Arabic, English, lead sector
# fmt: off
TRACKS = (
    (1, "joint-procedures", "تيسير الإجراءات المشتركة بين الجهات", "Easing joint procedures between entities", Sector.GOVERNMENT),
    (1, "training-partnerships", "شراكات القطاع الخاص في التدريب", "Private-sector training partnerships", Sector.PRIVATE),
    (2, "lifelong-awareness", "حملات التوعية بالتعلم مدى الحياة", "Lifelong-learning awareness campaigns", Sector.NONPROFIT),
    (2, "family-learning", "تنشيط التعلم في الأسر والأحياء", "Learning in families and neighbourhoods", Sector.COMMUNITY),
    (3, "digital-learning", "منصات التعلم الرقمي", "Digital learning platforms", Sector.PRIVATE),
    (3, "assistive-tech", "التقنيات المساندة للأشخاص ذوي الإعاقة", "Assistive technology for people with disabilities", Sector.GOVERNMENT),
    (4, "indicators", "منظومة مؤشرات الأداء", "Performance indicator system", Sector.GOVERNMENT),
    (4, "impact-research", "دراسات قياس الأثر", "Impact research", Sector.ACADEMIC),
    (5, "data-exchange", "تبادل البيانات بين الشركاء", "Data exchange between partners", Sector.GOVERNMENT),
)
# fmt: on

# fmt: off
TRACK_RESPONSIBILITIES = (
    ("training-partnerships", Sector.PRIVATE, "تمويل برامج تدريبية متخصصة مرتبطة باحتياجات سوق العمل وتوفير المدربين.", "Fund specialised training linked to labour-market needs and provide trainers."),
    ("training-partnerships", Sector.ACADEMIC, "اعتماد البرامج التدريبية وإصدار الشهادات المهنية.", "Accredit the training programmes and issue professional certificates."),
    ("digital-learning", Sector.PRIVATE, "توفير المنصات الرقمية والدعم الفني.", "Provide the digital platforms and technical support."),
    ("lifelong-awareness", Sector.NONPROFIT, "تنفيذ الحملات التوعوية والوصول إلى الفئات الأشد حاجة.", "Run the awareness campaigns and reach those most in need."),
    ("indicators", Sector.GOVERNMENT, "توفير البيانات الرسمية واعتماد منهجية قياس المؤشرات.", "Provide official data and approve the indicator methodology."),
)
# fmt: on


def create_tracks() -> dict[str, Track]:
    axes = {axis.number: axis for axis in Axis.objects.all()}
    tracks = {}
    for number, code, title_ar, title_en, lead in TRACKS:
        tracks[code] = Track.objects.create(
            axis=axes[number], code=code, title_ar=title_ar, title_en=title_en, lead_sector=lead
        )
    for code, sector, text_ar, text_en in TRACK_RESPONSIBILITIES:
        Responsibility.objects.create(
            sector=sector, track=tracks[code], description_ar=text_ar, description_en=text_en
        )
    return tracks
