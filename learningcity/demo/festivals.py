"""The demo's learning festival: the call open for another week, hosts from every sector and a
community organisation that joined through the call, events accepted into the programme (across
days, governorates, themes and audiences), some waiting for review, one returned for changes
and one declined, and a second organisation still waiting for approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from learningcity.core.models import Governorate, LearningCity
from learningcity.demo.accounts import DEMO_PASSWORD
from learningcity.festivals import services
from learningcity.festivals.models import Festival, FestivalStatus
from learningcity.partners.models import Entity

THEMES = (
    ("التعلم الرقمي", "Digital learning"),
    ("التراث والثقافة", "Heritage and culture"),
    ("الأسرة والمجتمع", "Family and community"),
    ("المهارات والعمل", "Skills and work"),
    ("الصحة والبيئة", "Health and environment"),
)

# (host, day of the festival, hour, hours, theme, governorate, type, audience, ages, places,
#  title ar/en, venue ar/en, what becomes of it, the manager's note)
EVENTS = (
    ("library", 0, 17, 2, 0, "madinah", "workshop", "everyone", "", 40,
     "مكتبتي الرقمية: الكتب الإلكترونية للأسرة", "My digital library: e-books for the family",
     "مكتبة الملك عبدالعزيز", "King Abdulaziz Library", "accept", ""),
    ("taibah-special", 0, 10, 3, 2, "madinah", "workshop", "women", "25-44,45-64", 25,
     "أمهات يتعلّمن لغة الإشارة", "Mothers learning sign language",
     "مدينة طيبة التعليمية", "Taibah Educational City", "accept", ""),
    ("rcu", 1, 16, 2, 1, "alula", "visit", "everyone", "", 30,
     "جولة تعليمية في البلدة القديمة بالعلا", "A learning walk in AlUla Old Town",
     "البلدة القديمة", "AlUla Old Town", "accept", ""),
    ("yic", 2, 18, 2, 3, "yanbu", "lecture", "men", "15-24,25-44", 80,
     "السلامة في المصانع: محاضرة للشباب", "Safety in factories: a talk for young people",
     "كلية ينبع الصناعية", "Yanbu Industrial College", "accept", ""),
    ("literacy", 3, 19, 2, 2, "khaybar", "workshop", "women", "45-64,65+", 20,
     "القراءة والكتابة للكبار: أول خطوة", "Reading and writing for adults: the first step",
     "مدرسة خيبر الابتدائية", "Khaybar Primary School", "accept", ""),
    ("health", 4, 9, 2, 4, "madinah", "lecture", "everyone", "", 100,
     "صحتك مدى الحياة", "Health for life",
     "قاعة تجمع المدينة الصحي", "Madinah Health Cluster hall", "accept", ""),
    ("digital-academy", 5, 16, 3, 0, "madinah", "workshop", "everyone", "0-14", 24,
     "برمجة الألعاب للأطفال", "Game coding for children",
     "أكاديمية المهارات الرقمية", "Digital Skills Academy", "accept", ""),
    ("family-yanbu", 6, 17, 2, 2, "yanbu", "event", "everyone", "", 60,
     "يوم الأسرة المتعلمة", "The learning family day",
     "ممشى ينبع", "Yanbu Corniche", "accept", ""),
    ("chamber", 2, 20, 2, 3, "madinah", "lecture", "everyone", "25-44", 50,
     "ريادة الأعمال الصغيرة", "Starting a small business",
     "الغرفة التجارية", "Chamber of Commerce", "submitted", ""),
    ("edtech", 3, 18, 2, 0, "madinah", "workshop", "everyone", "15-24", 30,
     "الذكاء الاصطناعي في الدراسة", "AI for studying",
     "مقر الشركة", "The company's offices", "submitted", ""),
    ("logistics", 4, 17, 3, 3, "madinah", "workshop", "men", "25-44", 20,
     "قيادة الرافعات الشوكية بأمان", "Driving forklifts safely",
     "مستودعات المجموعة", "The group's warehouses", "changes",
     "يلزم تحديد متطلبات السلامة والعمر الأدنى، وإضافة وصف بالإنجليزية."),
    ("nakheel-telecom", 5, 21, 1, 0, "madinah", "lecture", "everyone", "", 500,
     "عروض باقات الإنترنت", "Internet plan offers",
     "المعرض التجاري", "Showroom", "decline",
     "المحتوى ترويجي وليس فرصة تعلم؛ نرحب بورشة عن الأمان الرقمي بدلًا منها."),
)  # fmt: skip

JOINED = {
    "organisation_name": "نادي القراءة في قباء", "organisation_type": "association", "sector": "community",
    "about": "نادٍ تطوعي يجمع سكان حي قباء لقراءة كتاب كل شهر ومناقشته.",
    "contact_name": "هيفاء الجهني", "contact_gender": "f", "email": "quba-reading@example.sa",
    "phone": "0551112233",
}  # fmt: skip
# Her sign-in name: the e-mail she signed up with.
HOST_LOGIN = JOINED["email"]
WAITING = {
    "organisation_name": "جمعية الحرفيين في بدر", "organisation_type": "association", "sector": "community",
    "about": "جمعية تعلّم الحرف اليدوية التقليدية للشباب.", "contact_name": "سالم الصبحي",
    "contact_gender": "m", "email": "badr-crafts@example.sa", "phone": "0553334455",
}  # fmt: skip


def create_festival(entities: dict[str, Entity], users: dict[str, Any], today: dt.date) -> Festival:
    manager = users["manager"]
    festival = services.festival_save(
        data={
            "slug": f"madinah-learning-festival-{today.year}",
            "title_ar": "مهرجان المدينة المنورة للتعلم مدى الحياة",
            "title_en": "Madinah Lifelong Learning Festival",
            "description_ar": "أسبوع من الفعاليات المجانية تستضيفها المدارس والمكتبات والجمعيات والشركات في محافظات المنطقة، لكل الأعمار.",
            "description_en": "A week of free events hosted by schools, libraries, associations and companies across the region's governorates, for every age.",
            "learning_city": LearningCity.objects.get(code="madinah"),
            "starts_on": today + dt.timedelta(days=14), "ends_on": today + dt.timedelta(days=20),
            "call_closes_on": today + dt.timedelta(days=7), "status": FestivalStatus.CALL_OPEN,
        },
        themes=THEMES,
        by=manager,
    )  # fmt: skip
    hosts = dict(entities)
    hosts["quba-reading"] = _joined_host(festival, manager)
    services.host_sign_up_create(
        festival=festival, data={**WAITING, "governorate": _governorate("badr")}, language="ar"
    )
    themes = list(festival.themes.order_by("position"))
    for row in EVENTS:
        _event(festival, hosts, themes, users, *row)
    _event(
        festival, hosts, themes, users, "quba-reading", 1, 20, 2, 1, "madinah", "club", "everyone", "", 25,
        "قراءة جماعية: تاريخ المدينة المنورة", "Reading together: the history of Madinah",
        "مجلس حي قباء", "Quba neighbourhood hall", "accept", "",
    )  # fmt: skip
    return festival


def _governorate(code: str) -> Governorate:
    return Governorate.objects.get(code=code)


def _joined_host(festival: Festival, manager: Any) -> Entity:
    """A community organisation that signed up through the call and was approved. Its contact
    signs in with the demo password (in real life she chooses one through the e-mailed link)."""
    sign_up = services.host_sign_up_create(
        festival=festival, data={**JOINED, "governorate": _governorate("madinah")}, language="ar"
    )
    sign_up = services.host_sign_up_review(
        sign_up=sign_up, approve=True, note="أهلًا بكم في المهرجان.", by=manager
    )
    entity: Entity = sign_up.entity
    host = entity.coordinators.get().user
    host.set_password(DEMO_PASSWORD)
    host.save(update_fields=["password"])
    return entity


def _event(festival, hosts, themes, users, host, day, hour, hours, theme, governorate, kind, audience, ages,
           places, title_ar, title_en, venue_ar, venue_en, outcome, note) -> None:  # fmt: skip
    entity = hosts[host]
    # The demo's coordinator and partner submit their own entities' events; the manager the rest.
    submitter = {"taibah-special": users["coordinator"], "logistics": users["partner"]}.get(host)
    if submitter is None:
        submitter = entity.coordinators.filter(user__isnull=False).first()
        submitter = submitter.user if submitter else users["manager"]
    starts_at = timezone.make_aware(
        dt.datetime.combine(festival.starts_on + dt.timedelta(days=day), dt.time(hour))
    )
    event = services.event_submit(
        festival=festival,
        data={
            "host": entity, "theme": themes[theme], "title_ar": title_ar,
            "title_en": title_en if outcome != "changes" else "",
            "description_ar": f"{title_ar}. فعالية مجانية ضمن {festival.title_ar}.",
            "description_en": f"{title_en}. A free event of the {festival.title_en}." if outcome != "changes" else "",
            "event_type": kind, "starts_at": starts_at, "ends_at": starts_at + dt.timedelta(hours=hours),
            "governorate": _governorate(governorate), "venue_ar": venue_ar, "venue_en": venue_en,
            "audience_sex": audience, "capacity": places, "wheelchair_access": host in {"library", "taibah-special"},
            "sign_language": host == "taibah-special",
        },
        age_groups=[age for age in ages.split(",") if age],
        by=submitter,
    )  # fmt: skip
    if outcome != "submitted":
        services.event_review(event=event, decision=outcome, note=note, by=users["manager"])
