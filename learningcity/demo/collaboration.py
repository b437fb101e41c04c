"""The demo's expertise exchange and partnership: practices in the library (two from other
GNLC cities, one awaiting review), conversations in a track channel, needs in the marketplace
with offers and accepted pledges, and success stories (one with a photo and recorded consent).

Written through the services, so accepted pledges become funding and allocated resources as
they would for real, and the audit log has them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from learningcity.catalogue.models import Opportunity
from learningcity.collaboration.models import Need, ReviewStatus, Story
from learningcity.collaboration.services import channels, marketplace, practices, stories
from learningcity.indicators.models import FrameworkNode
from learningcity.partners.models import Entity
from learningcity.programme.models import Initiative, InitiativePartner

# title (ar, en), summary (ar, en), what was done, results, what to avoid, other city, area
# fmt: off
PRACTICES = (
    (("مجالس التعلم في الأحياء", "Neighbourhood learning circles"),
     ("لقاءات أسبوعية في المساجد والمراكز الاجتماعية يتبادل فيها السكان مهارات الحياة اليومية.",
      "Weekly meetings in mosques and community centres where residents trade everyday skills."),
     "دُرّب ٢٤ ميسّرًا من السكان، ووُفّرت القاعات من الأمانة والمراكز الاجتماعية.",
     "٤٨ حلقة في ستة أشهر حضرها ٩٦٠ مشاركًا، ٦١٪ منهم نساء.",
     "لا تبدأ قبل الاتفاق على المكان والمواعيد مع إمام المسجد أو مدير المركز.",
     "", "families-communities"),
    (("حقيبة المهارات الرقمية لكبار السن", "Digital skills kit for older people"),
     ("دورات قصيرة في استخدام الهاتف والخدمات الحكومية الرقمية يقدمها طلاب الجامعة متطوعين.",
      "Short courses on phones and digital government services, taught by university volunteers."),
     "صُمّمت حقيبة من خمس جلسات بخط كبير وأمثلة من الخدمات الحكومية، وتطوّع ٣٠ طالبًا.",
     "أتمّ ٤١٠ من كبار السن الدورة، وقال ٨٧٪ منهم إنهم صاروا يستخدمون الخدمات وحدهم.",
     "تجنّب المجموعات الكبيرة: متطوع لكل ثلاثة متعلمين على الأكثر.",
     "", "learning-technologies"),
    (("مهرجان التعلم مدى الحياة", "Lifelong learning festival"),
     ("أسبوع سنوي مفتوح تعرض فيه الجهات فرص التعلم في الساحات العامة والمكتبات.",
      "An open week each year where partners show their learning opportunities in squares and libraries."),
     "تنظّم المدينة المهرجان مع شركائها، وتُفتح الفعاليات مجانًا لكل الأعمار.",
     "تعرضها المدينة في تقاريرها إلى الشبكة العالمية لمدن التعلم مثالًا على ثقافة التعلم.",
     "ابدأ التخطيط قبل ستة أشهر على الأقل، ووزّع الفعاليات على الأحياء لا في مكان واحد.",
     "كورك، أيرلندا", "culture-of-learning"),
    (("أحياء التعلم", "Learning neighbourhoods"),
     ("تحويل مرافق الحي إلى أماكن تعلم يديرها السكان مع البلدية.",
      "Turning neighbourhood facilities into learning places run by residents with the municipality."),
     "تُسجَّل مرافق الحي المتاحة، ويختار السكان ما يتعلمونه فيها.",
     "من الممارسات التي تتبادلها مدن الشبكة العالمية لمدن التعلم.",
     "لا تفرض البرامج من أعلى: اسأل السكان أولًا.",
     "يونسو-غو، كوريا الجنوبية", "families-communities"),
)
# fmt: on

# initiative owner: the demo coordinator's entity. (kind, title ar, title en, amount or quantity, days to deadline)
NEEDS = (
    (
        "funding",
        "تمويل حقائب تدريبية لمعلمي التربية الخاصة",
        "Training kits for special-education teachers",
        120_000,
        30,
    ),
    (
        "venue",
        "قاعة تدريب مهيأة لذوي الإعاقة في المدينة المنورة",
        "An accessible training hall in Madinah",
        1,
        21,
    ),
    (
        "volunteers",
        "متطوعون لمرافقة المتدربين من ذوي الإعاقة",
        "Volunteers to accompany trainees with disabilities",
        20,
        45,
    ),
    (
        "sponsorship",
        "رعاية برنامج لغة الإشارة للأسر",
        "Sponsoring a sign-language programme for families",
        60_000,
        60,
    ),
)
OTHER_NEEDS = (
    ("equipment", "أجهزة حاسب محمولة لقاعة التعلم الرقمي", "Laptops for the digital learning room", 25, 20),
    ("trainers", "مدربون في الإرشاد السياحي", "Tourist guiding trainers", 4, 35),
    ("funding", "تمويل جوائز مهرجان القراءة", "Prizes for the reading festival", 40_000, 15),
)


def _photo() -> ContentFile:
    """An illustration standing in for a photo (the demo has no real people in it)."""
    image = Image.new("RGB", (960, 540), (11, 93, 75))
    draw = ImageDraw.Draw(image)
    for number in range(6):
        draw.ellipse((80 + number * 140, 200, 200 + number * 140, 320), fill=(233, 196, 106))
        draw.rectangle((90 + number * 140, 320, 190 + number * 140, 460), fill=(244, 241, 222))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="learning-circle.png")


def create_collaboration(entities: dict[str, Entity], users: dict) -> dict[str, int]:
    manager, coordinator, partner = users["manager"], users["coordinator"], users["partner"]
    taibah, logistics = entities["taibah-special"], entities["logistics"]
    initiative = _initiative_of(taibah)
    # The demo's private partner works with the demo coordinator's initiative, so they share
    # its track's channel.
    InitiativePartner.objects.get_or_create(
        initiative=initiative, entity=logistics, defaults={"role": "funder"}
    )
    # The initiative runs some of its entity's opportunities: its story's figures count them.
    runs = Opportunity.objects.filter(provider=taibah).order_by("pk").values_list("pk", flat=True)[:6]
    Opportunity.objects.filter(pk__in=list(runs)).update(initiative=initiative)
    return {
        "practices": _practices(entities, manager, coordinator, initiative),
        "needs": _marketplace(entities, manager, coordinator, partner, initiative),
        "posts": _channel(initiative, manager, coordinator, partner),
        "stories": _stories(entities, manager, coordinator, initiative),
    }


def _initiative_of(entity: Entity) -> Initiative:
    initiative = Initiative.objects.filter(owner_entity=entity, status="active").order_by("code").first()
    if initiative is None:  # the random demo gave the entity none: give it one
        initiative = Initiative.objects.filter(status="active").order_by("code").first()
        Initiative.objects.filter(pk=initiative.pk).update(owner_entity=entity)
        initiative.refresh_from_db()
    return initiative


def _practices(entities: dict[str, Entity], manager, coordinator, initiative: Initiative) -> int:
    areas = {node.code: node for node in FrameworkNode.objects.filter(parent__isnull=False)}
    owners = [entities["gae"], entities["taibah-uni"], entities["library"], entities["gae"]]
    for owner, (title, summary, done, results, avoid, city, area) in zip(owners, PRACTICES, strict=True):
        practice = practices.practice_save(
            data={
                "title_ar": title[0], "title_en": title[1], "summary_ar": summary[0], "summary_en": summary[1],
                "what_was_done_ar": done, "results_ar": results, "to_avoid_ar": avoid, "entity": owner,
                "source_city": city, "framework_area": areas.get(area),
                "links": "https://www.uil.unesco.org/en/learning-cities" if city else "",
            },
            by=manager,
        )  # fmt: skip
        practices.practice_review(practice=practice, publish=True, note="", by=manager)
        practices.practice_mark_useful(practice=practice, useful=True, by=coordinator)
    practices.practice_comment(
        practice=practice, text="نودّ تجربتها في أحياء المدينة المنورة.", by=coordinator
    )
    practices.practice_save(
        data={
            "title_ar": "التدريب المنزلي لأسر الأطفال ذوي الإعاقة", "title_en": "Home training for families",
            "summary_ar": "زيارات منزلية يدرّب فيها الأخصائيون الأسر على أنشطة التعلم اليومية.",
            "results_ar": "١٢٠ أسرة في العام الأول.", "entity": entities["taibah-special"], "initiative": initiative,
        },
        by=coordinator,
    )  # fmt: skip
    return len(PRACTICES) + 1


def _marketplace(entities, manager, coordinator, partner, initiative: Initiative) -> int:
    today = timezone.localdate()
    logistics = entities["logistics"]
    needs = []
    for kind, title_ar, title_en, size, days in NEEDS:
        money = kind in ("funding", "sponsorship")
        needs.append(
            marketplace.need_save(
                data={
                    "initiative": initiative,
                    "kind": kind,
                    "title_ar": title_ar,
                    "title_en": title_en,
                    "amount": Decimal(size) if money else None,
                    "quantity": None if money else size,
                    "deadline": today + dt.timedelta(days=days),
                    "needed_from": today + dt.timedelta(days=days + 7) if not money else None,
                    "needed_until": today + dt.timedelta(days=days + 60) if not money else None,
                },
                by=coordinator,
            )  # fmt: skip
        )
    funding, venue, volunteers, _sponsorship = needs
    # Accepted already: funding from the chamber and the logistics group; volunteers from the university.
    for entity, size, need, by in (
        (entities["chamber"], 50_000, funding, manager),
        (logistics, 30_000, funding, partner),
        (entities["taibah-uni"], 12, volunteers, manager),
    ):
        pledge = marketplace.pledge_offer(need=need, entity=entity, size=Decimal(size), note="", by=by)
        marketplace.pledge_decide(pledge=pledge, accept=True, note="شكرًا لكم", by=coordinator)
    # Waiting for the demo coordinator: the logistics group offers the venue.
    marketplace.pledge_offer(
        need=venue, entity=logistics, size=Decimal(1), note="قاعة بمستودعنا في طريق الملك عبدالله تتسع لأربعين متدربًا",
        by=partner,
    )  # fmt: skip
    others = list(Initiative.objects.exclude(pk=initiative.pk).filter(status="active").order_by("code")[:3])
    for other, (kind, title_ar, title_en, size, days) in zip(others, OTHER_NEEDS, strict=False):
        money = kind == "funding"
        Need.objects.create(
            initiative=other, kind=kind, title_ar=title_ar, title_en=title_en,
            amount=Decimal(size) if money else None, quantity=None if money else size,
            deadline=today + dt.timedelta(days=days), created_by=manager,
        )  # fmt: skip
    return len(NEEDS) + len(others)


def _channel(initiative: Initiative, manager, coordinator, partner) -> int:
    track = initiative.track
    question = channels.channel_post(
        track=track,
        text="السلام عليكم، نبحث عن قاعة مهيأة لذوي الإعاقة لدورة الشهر القادم. من لديه قاعة متاحة؟ @partner",
        by=coordinator,
    )
    channels.channel_post(
        track=track, parent=question, by=partner,
        text="وعليكم السلام، عرضنا قاعة في سوق الشراكات، تتسع لأربعين متدربًا ومداخلها مهيأة.",
    )  # fmt: skip
    channels.channel_post(
        track=track, parent=question, by=manager,
        text="شكرًا لكم. نذكّر الجميع بأن تقارير المستفيدين للربع الحالي تُرفع قبل نهاية الشهر.",
    )  # fmt: skip
    channels.channel_post(
        track=track, by=partner,
        text="تحديث: وصلت الحافلات المخصصة لنقل المتدربين، ويمكن جدولة الرحلات من الأسبوع القادم.",
    )  # fmt: skip
    return 4


def _stories(entities, manager, coordinator, initiative: Initiative) -> int:
    written = [
        {
            "kind": "learner",
            "entity": entities["taibah-special"],
            "initiative": initiative,
            "title_ar": "أول شهادة لسارة بعد عشرين عامًا",
            "title_en": "Sara's first certificate in twenty years",
            "summary_ar": "عادت سارة إلى التعلم في حلقة حيّها، وأنهت دورة المهارات الرقمية.",
            "summary_en": "Sara came back to learning in her neighbourhood circle and finished the digital skills course.",
            "body_ar": (
                "لم تدخل سارة قاعة درس منذ عشرين عامًا. كانت تطلب من ابنها كل مرة أن يحجز لها موعد المستشفى أو يجدد الهوية.\n\n"
                "في حلقة التعلم بحيّها، وهي قاعة مهيأة للكراسي المتحركة في مدينة طيبة التعليمية، جلست مع خمس من جاراتها مساء كل أحد. "
                "بدأن بالهاتف: كيف تفتح تطبيقًا وتقرأ رسالة التحقق، ثم تعلّمن منصات الخدمات الحكومية خطوة خطوة.\n\n"
                "بعد ستة أسابيع نالت سارة شهادة إتمام، وصارت تساعد جاراتها في مواعيدهن. تقول: «لم أعد أنتظر أحدًا».\n\n"
                "الدورة تتكرر كل فصل، وفي كل محافظة حلقة قريبة منك."
            ),
            "body_en": (
                "Sara had not sat in a classroom for twenty years. Each time she needed a hospital appointment or to renew her ID, she asked her son.\n\n"
                "In her neighbourhood learning circle, a wheelchair-accessible room at Taibah Educational City, she sat with five of her neighbours every Sunday evening. "
                "They started with the phone: how to open an app and read a verification message, then learnt the government services platforms step by step.\n\n"
                "Six weeks later Sara had a certificate of completion, and now helps her neighbours with their appointments. \u201cI no longer wait for anyone,\u201d she says.\n\n"
                "The course runs every term, and there is a circle near you in every governorate."
            ),
            "photo": _photo(),
            "photo_description_ar": "رسم لحلقة تعلم: ستة أشخاص حول طاولة",
            "photo_description_en": "A drawing of a learning circle: six people around a table",
            "photo_consent": True,
            "consent_record": "موافقة خطية محفوظة لدى الجهة (نموذج الموافقة على النشر)",
        },
        {
            "kind": "partner",
            "entity": entities["logistics"],
            "title_ar": "شركة لوجستية تنقل المتدربين إلى التعلم",
            "title_en": "A logistics company takes trainees to learning",
            "summary_ar": "خصّصت المجموعة حافلاتها لنقل المتدربين من ذوي الإعاقة.",
            "summary_en": "The group set aside its buses to take trainees with disabilities to their courses.",
            "body_ar": (
                "بدأت الشراكة من احتياج نُشر في سوق الشراكات: مدينة طيبة التعليمية تحتاج نقل ثلاثين متدربًا من ذوي الإعاقة إلى دوراتهم كل أسبوع.\n\n"
                "قدّمت مجموعة الخدمات اللوجستية حافلتين مهيأتين وسائقين مدرَّبين، وقبلت المدينة العرض في اليوم نفسه.\n\n"
                "بعد فصل دراسي ارتفع الحضور في الدورات المهيأة، فصار النقل برنامجًا دائمًا تموّله الشركة ضمن مسؤوليتها المجتمعية."
            ),
            "body_en": (
                "The partnership started from a need published in the marketplace: Taibah Educational City needed to take thirty trainees with disabilities to their courses every week.\n\n"
                "The logistics group offered two adapted buses and trained drivers, and the city accepted the offer the same day.\n\n"
                "After a term, attendance in the accessible courses had risen, and the transport became a standing programme the company funds as part of its social responsibility."
            ),
        },
    ]
    for data in written:
        story = stories.story_save(data=data, by=manager)
        stories.story_review(story=story, publish=True, note="", by=manager)
    stories.story_save(
        data={
            "kind": "initiative", "entity": entities["taibah-special"], "initiative": initiative,
            "title_ar": "أسر تتعلم لغة الإشارة معًا", "summary_ar": "برنامج للأسر في المساء.",
            "body_ar": "قصة بانتظار المراجعة.",
        },
        by=coordinator,
    )  # fmt: skip
    return Story.objects.filter(status=ReviewStatus.PUBLISHED).count() + 1
