"""One small world holding a record of every kind the pages show, for the tests that walk every
address (the permission matrix, the escaping check).

Entity A owns everything that can be owned: its initiative, meeting, action item, opportunity,
resource, API token, webhook, import and export. Entity B has no part in any of it. The learner
holds a place, a past completion and a certificate. The seven people are the roles of the
matrix; `ROLES` is their order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from learningcity.accounts.models import Role
from learningcity.catalogue.models import Registration, SavedSearch
from learningcity.catalogue.services.certificates import certificate_issue
from learningcity.catalogue.services.registrations import registration_create
from learningcity.collaboration.models import (
    ChannelPost,
    Need,
    Pledge,
    Practice,
    PracticeAttachment,
    PracticeComment,
    ReviewStatus,
    Story,
)
from learningcity.coordination import services as coordination_services
from learningcity.coordination.models import Attendance, CalendarFeed, Invitation, MeetingAttachment
from learningcity.exchange.models import ExportJob, ImportRun
from learningcity.exchange.tokens import token_create
from learningcity.exchange.webhooks import subscription_create
from learningcity.festivals import services as festival_services
from learningcity.identity.models import LinkedIdentity
from learningcity.indicators.models import Framework, Measurement
from learningcity.notifications.announcements import announcement_fan_out, announcement_send
from learningcity.notifications.models import Notification
from learningcity.notifications.services import notify
from learningcity.partners.models import Responsibility, Sector
from learningcity.programme.models import (
    Challenge,
    Evaluation,
    EvaluationRecommendation,
    EvaluationScore,
    InitiativeDocument,
    InitiativeFunding,
    InitiativePartner,
    Milestone,
    Proposal,
    ResourceRequest,
)
from learningcity.reports.models import ArchivedReport, GnlcReport, ReportSubscription
from learningcity.skills.models import Pathway, PathwayStep, SkillDemand
from tests.factories import (
    AgreementFactory,
    CampaignFactory,
    CoordinatorFactory,
    EntityFactory,
    IndicatorFactory,
    InitiativeFactory,
    LearnerFactory,
    LearningCityFactory,
    MeetingFactory,
    OpportunityFactory,
    ResourceFactory,
    SessionFactory,
    SkillFactory,
    UserFactory,
    coordinator_user,
)

# The learner's contact details and accommodation needs, distinctive enough to find in any page.
PRIVATE_MOBILE = "+966500000777"
PRIVATE_EMAIL = "private-learner@example.sa"
PRIVATE_NEEDS = "PRIVATE-NEEDS مترجم لغة إشارة"
PERSONAL_MARKERS = ("0500000777", PRIVATE_EMAIL, "PRIVATE-NEEDS")

ROLES = ("anonymous", "learner", "viewer", "evaluator", "coordinator_a", "coordinator_b", "manager")


def build_world() -> dict[str, Any]:
    now = timezone.now()
    today = timezone.localdate()
    entity_a = EntityFactory(name_ar="جهة أ", name_en="Entity A")
    entity_b = EntityFactory(name_ar="جهة ب", name_en="Entity B", sector=Sector.PRIVATE)
    users = {
        "anonymous": None,
        "learner": UserFactory(username="learner", role=Role.LEARNER),
        "viewer": UserFactory(username="viewer", role=Role.VIEWER),
        "evaluator": UserFactory(username="evaluator", role=Role.EVALUATOR),
        "coordinator_a": coordinator_user(entity_a, "coordinator_a"),
        "coordinator_b": coordinator_user(entity_b, "coordinator_b", gender="f"),
        "manager": UserFactory(username="manager", role=Role.PROGRAMME_MANAGER),
    }
    manager, coordinator_a = users["manager"], users["coordinator_a"]
    city = LearningCityFactory()

    # Partners
    coordinator_record = CoordinatorFactory(entity=entity_a, full_name_ar="منسق")
    agreement = AgreementFactory(parties=[entity_a])
    responsibility = Responsibility.objects.create(sector="government", description_ar="وضع التشريعات")

    # Coordination: a meeting starting now (check-in is open), entity A invited.
    meeting = MeetingFactory(organiser=entity_a, learning_city=city, starts_at=now + dt.timedelta(minutes=1))
    Invitation.objects.create(meeting=meeting, entity=entity_a)
    agenda = coordination_services.agenda_item_save(meeting=meeting, data={"title_ar": "بند"}, by=manager)
    coordination_services.agenda_item_save(meeting=meeting, data={"title_ar": "بند ثان"}, by=manager)
    decision = coordination_services.decision_save(meeting=meeting, data={"text_ar": "قرار"}, by=manager)
    attendance = Attendance.objects.create(meeting=meeting, entity=entity_a, name="حاضر", gender="m")
    from tests.factories import ActionItemFactory

    action_item = ActionItemFactory(meeting=meeting, decision=decision, owner_entity=entity_a)
    feed = CalendarFeed.objects.create(user=coordinator_a, token="feed-token-of-coordinator-a")
    attachment = MeetingAttachment.objects.create(
        meeting=meeting, title="محضر سابق", file=ContentFile(b"%PDF-1.7 minutes", name="minutes.pdf")
    )

    # Programme
    initiative = InitiativeFactory(owner_entity=entity_a, learning_city=city)
    partner = EntityFactory(name_ar="جهة شريكة")
    InitiativePartner.objects.create(initiative=initiative, entity=partner, role="implementer")
    milestone = Milestone.objects.create(initiative=initiative, title_ar="مرحلة", due_date=today)
    funding = InitiativeFunding.objects.create(initiative=initiative, source=entity_a, amount=1000)
    challenge = Challenge.objects.create(initiative=initiative, title="تحد", category="other")
    evaluation = Evaluation.objects.create(
        initiative=initiative, method="survey", period_start=today - dt.timedelta(days=90),
        period_end=today, evaluator=users["evaluator"], findings="نتائج",
    )  # fmt: skip
    EvaluationScore.objects.create(evaluation=evaluation, criterion="relevance", score=4)
    recommendation = EvaluationRecommendation.objects.create(evaluation=evaluation, text="توصية")
    proposal = Proposal.objects.create(title="مقترح", summary="ملخص", proposer=coordinator_a)
    document = InitiativeDocument.objects.create(
        initiative=initiative, title="خطة", file=ContentFile(b"%PDF-1.7 plan", name="plan.pdf")
    )
    resource = ResourceFactory(owner_entity=entity_a)
    resource_request = ResourceRequest.objects.create(
        resource=resource, initiative=initiative, start_date=today, end_date=today
    )

    # Indicators
    Framework.objects.get_or_create(code="unesco-kf", defaults={"name_ar": "الملامح الرئيسة"})
    indicator = IndicatorFactory(owner_entity=entity_a, is_public=True)
    measurement = Measurement.objects.create(
        indicator=indicator, period_start=today.replace(day=1), region=city.region, scope="region",
        value=10, evidence="مصدر",
    )  # fmt: skip

    # Catalogue: the learner holds an upcoming place and a certificate for a finished session.
    opportunity = OpportunityFactory(provider=entity_a, learning_city=city)
    session = SessionFactory(opportunity=opportunity, capacity=5)
    learner = LearnerFactory(
        user=users["learner"], mobile=PRIVATE_MOBILE, has_disability=True, accommodation_needs=PRIVATE_NEEDS
    )
    users["learner"].email = PRIVATE_EMAIL
    users["learner"].save(update_fields=["email"])
    registration = registration_create(learner=learner, session=session)
    started = now - dt.timedelta(days=2)
    past = SessionFactory(opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2))
    done = Registration.objects.create(
        learner=learner, session=past, status="confirmed", confirmed_at=started, attended=True,
        completed_at=now,
    )  # fmt: skip
    certificate = certificate_issue(registration=done)
    campaign = CampaignFactory()
    saved_search = SavedSearch.objects.create(learner=learner, query="الغوص")
    # The learner also signs in with the national single sign-on.
    identity = LinkedIdentity.objects.create(
        user=users["learner"],
        provider="national",
        kind="national",
        subject="world-learner",
        verified_name="متعلمة",
    )

    # Skills: entity A needs people who have the skill the opportunity teaches.
    skill = SkillFactory(name_ar="تحليل البيانات", synonyms="علم البيانات, data analysis")
    opportunity.skills.add(skill)
    demand = SkillDemand.objects.create(
        entity=entity_a, skill=skill, governorate=city.governorate, people_needed=30, sector="ict"
    )
    pathway = Pathway.objects.create(title_ar="محلل بيانات", published=True)
    pathway.skills.add(skill)
    PathwayStep.objects.create(pathway=pathway, position=1, opportunity=opportunity)

    # Expertise exchange and partnership: entity A's practices and stories (one published, one
    # awaiting review), a post in its initiative's track channel, a need of its initiative with
    # an offer from entity B.
    practice = Practice.objects.create(
        entity=entity_a, title_ar="ممارسة", summary_ar="ملخص", status=ReviewStatus.PUBLISHED, author=coordinator_a,
        links="https://example.sa/practice",
    )  # fmt: skip
    draft_practice = Practice.objects.create(entity=entity_a, title_ar="مسودة ممارسة", summary_ar="ملخص")
    practice_attachment = PracticeAttachment.objects.create(
        practice=practice, title="دليل", file=ContentFile(b"%PDF-1.7 guide", name="guide.pdf")
    )
    PracticeComment.objects.create(practice=practice, author=users["coordinator_b"], text="تعليق")
    channel_post = ChannelPost.objects.create(
        track=initiative.track, author=coordinator_a, entity=entity_a, text="رسالة",
        attachment=ContentFile(b"%PDF-1.7 note", name="note.pdf"),
    )  # fmt: skip
    ChannelPost.objects.create(track=initiative.track, author=manager, text="رد", parent=channel_post)
    need = Need.objects.create(
        initiative=initiative,
        kind="funding",
        title_ar="تمويل",
        amount=10000,
        deadline=today + dt.timedelta(days=5),
    )
    pledge = Pledge.objects.create(
        need=need, entity=entity_b, size=1000, note="عرض", offered_by=users["coordinator_b"]
    )
    story = Story.objects.create(
        entity=entity_a, kind="learner", title_ar="قصة", summary_ar="ملخص", body_ar="نص",
        status=ReviewStatus.PUBLISHED, published_at=now, initiative=initiative,
    )  # fmt: skip
    draft_story = Story.objects.create(
        entity=entity_a, kind="partner", title_ar="مسودة قصة", summary_ar="م", body_ar="ن"
    )

    # Notifications
    notify(recipients=[coordinator_a], kind="meeting.invited", title="دعوة")
    notification = Notification.objects.get(recipient=coordinator_a)
    announcement = announcement_send(
        data={"audience": "all", "title_ar": "إعلان", "body_ar": "نص الإعلان"}, by=manager
    )
    announcement_fan_out(announcement_id=announcement.pk)  # the worker's part (idempotent)

    # Exchange
    token, _plain = token_create(entity=entity_a, name="نظام", scope="read", days=30, by=coordinator_a)
    webhook = subscription_create(
        entity=entity_a,
        url="https://example.sa/hook",
        event_names=["opportunity.published"],
        by=coordinator_a,
    )
    import_run = ImportRun.objects.create(
        kind="partners", mode="check", filename="p.csv", file=ContentFile(b"x", name="p.csv"),
        created_by=coordinator_a, status="done",
    )  # fmt: skip
    export_job = ExportJob.objects.create(kind="partners", format="csv", created_by=coordinator_a)

    # Reports
    gnlc = GnlcReport.objects.create(
        region=city.region, period_start=today - dt.timedelta(days=365), period_end=today, created_by=manager
    )
    archived = ArchivedReport.objects.create(
        kind="city", region=city.region, period_start=today - dt.timedelta(days=30), period_end=today,
        language="ar", format="pdf", file=ContentFile(b"%PDF-1.7", name="r.pdf"),
    )  # fmt: skip
    subscription = ReportSubscription.objects.create(user=manager, region=city.region)

    # A learning festival with its call open: entity A's event accepted and a second waiting
    # for review, and a community organisation waiting for approval.
    festival = festival_services.festival_save(
        data={
            "slug": "world-festival", "title_ar": "مهرجان", "learning_city": city,
            "starts_on": today + dt.timedelta(days=20), "ends_on": today + dt.timedelta(days=22),
            "call_closes_on": today + dt.timedelta(days=10), "status": "call_open",
        },
        themes=[("التعلم الرقمي", "Digital learning")],
        by=manager,
    )  # fmt: skip
    festival_start = timezone.make_aware(dt.datetime.combine(festival.starts_on, dt.time(17)))
    event_values = {
        "host": entity_a, "theme": festival.themes.get(), "title_ar": "فعالية", "description_ar": "وصف",
        "starts_at": festival_start, "ends_at": festival_start + dt.timedelta(hours=2),
        "governorate": city.governorate, "venue_ar": "مكتبة", "capacity": 20,
    }  # fmt: skip
    accepted_event = festival_services.event_submit(festival=festival, data=event_values, by=coordinator_a)
    festival_services.event_review(event=accepted_event, decision="accept", note="", by=manager)
    festival_event = festival_services.event_submit(
        festival=festival,
        data={**event_values, "title_ar": "فعالية ثانية"},
        age_groups=["0-14"],
        by=coordinator_a,
    )
    host_sign_up = festival_services.host_sign_up_create(
        festival=festival,
        data={
            "organisation_name": "جمعية", "governorate": city.governorate, "about": "نشاط",
            "contact_name": "نورة", "contact_gender": "f", "email": "host@example.sa", "phone": "0551234567",
        },
        language="ar",
    )  # fmt: skip

    # Data collection: a monthly data set entity A reports for the city's governorate, with a
    # draft form, one submitted (waiting for its first approval) and one approved and locked.
    data_set, rule, plan = _data_collection(entity_a, city, manager, coordinator_a, today)

    return {
        "data_set": data_set,
        "rule": rule,
        "action_plan": plan,
        "users": users,
        "saved_search": saved_search,
        "identity": identity,
        "entity_a": entity_a,
        "entity_b": entity_b,
        "partner": partner,
        "city": city,
        "coordinator_record": coordinator_record,
        "agreement": agreement,
        "responsibility": responsibility,
        "meeting": meeting,
        "agenda": agenda,
        "decision": decision,
        "attendance": attendance,
        "action_item": action_item,
        "feed": feed,
        "attachment": attachment,
        "document": document,
        "initiative": initiative,
        "milestone": milestone,
        "funding": funding,
        "challenge": challenge,
        "recommendation": recommendation,
        "proposal": proposal,
        "resource": resource,
        "resource_request": resource_request,
        "indicator": indicator,
        "measurement": measurement,
        "opportunity": opportunity,
        "session": session,
        "past_session": past,
        "registration": registration,
        "certificate": certificate,
        "campaign": campaign,
        "skill": skill,
        "demand": demand,
        "pathway": pathway,
        "practice": practice,
        "draft_practice": draft_practice,
        "practice_attachment": practice_attachment,
        "channel_post": channel_post,
        "track": initiative.track,
        "need": need,
        "pledge": pledge,
        "story": story,
        "draft_story": draft_story,
        "notification": notification,
        "announcement": announcement,
        "token": token,
        "webhook": webhook,
        "import_run": import_run,
        "export_job": export_job,
        "gnlc": gnlc,
        "archived": archived,
        "subscription": subscription,
        "festival": festival,
        "festival_event": festival_event,
        "host_sign_up": host_sign_up,
    }


def _data_collection(entity_a, city, manager, coordinator_a, today):
    from learningcity.datacollection import services as collection
    from learningcity.datacollection.models import DataSet
    from learningcity.indicators import calc
    from learningcity.indicators import services as indicator_services

    reported = IndicatorFactory(owner_entity=entity_a)
    last = calc.last_complete_period(today, "monthly")
    data_set = DataSet.objects.create(
        code="monthly-returns", name_ar="البيانات الشهرية", frequency="monthly",
        opens_on=calc.shift(last, "monthly", -5),
    )  # fmt: skip
    data_set.indicators.set([reported])
    data_set.entities.set([entity_a])
    data_set.governorates.set([city.governorate])
    place = city.governorate
    entries = {reported.code: "12"}
    for offset, action in ((0, "draft"), (1, "submitted"), (2, "approved")):
        period = calc.shift(last, "monthly", -offset)
        form, _check = collection.form_save(
            data_set=data_set, period_start=period, place=place, entries=entries,
            submit=action != "draft", by=coordinator_a,
        )  # fmt: skip
        while action == "approved" and form.status != "approved":
            form = collection.form_approve(form=form, by=manager)
    rule = indicator_services.rule_save(
        data={
            "kind": "range",
            "indicator": reported,
            "maximum": 1000,
            "importance": "warning",
            "name_ar": "حد",
        },
        by=manager,
    )
    plan = indicator_services.action_plan_save(
        indicator=reported, data={"story_ar": "قصة المنحنى"}, partners=[entity_a], by=manager
    )
    indicator_services.action_plan_add_action(
        plan=plan, data={"title_ar": "إجراء", "owner_entity": entity_a, "due_date": today}, by=manager
    )
    return data_set, rule, plan


def form_address(offset: int):
    """The matrix's kwargs for the world's data collection form `offset` periods back (0: the
    draft, 1: the submitted one, 2: the approved one)."""

    def kwargs(world):
        from learningcity.datacollection.models import DataForm

        form = DataForm.objects.filter(data_set=world["data_set"]).order_by("-period_start")[offset]
        return {"data_set_pk": form.data_set_id, "period": form.period_start.isoformat(), "scope": form.scope}

    return kwargs


# Stored text that would run if a page printed it unescaped: a made-up element (which no
# template writes itself), a script, an attribute break-out, and Arabic around them.
PAYLOAD = "<xss-probe>\"'&<script>alert(1)</script><img src=x onerror=alert(2)> نص عربي"
UNESCAPED = ("<xss-probe", "<script>alert(1)", "<img src=x onerror")
# Codes (a dataset's kind, a breakdown's dimension and category) and text that names things in
# addresses, identifies accounts or is checked as a format.
NOT_FREE_TEXT = {
    "password", "username", "email", "code", "slug", "token", "prefix", "secret", "secret_hash",
    "uuid", "mobile", "url", "checkin_code", "external_id", "privacy_notice_version", "language",
    "unit", "credential", "object_id", "icon", "colour", "color",
    "kind", "dimension", "category", "format", "scope", "event", "period",
}  # fmt: skip


def plant_payloads() -> list[str]:
    """Write PAYLOAD into every free-text column of every record the platform keeps (cut to the
    column's length); returns the columns written, as app.Model.field."""
    from django.apps import apps
    from django.db import IntegrityError, models, transaction

    planted = []
    for model in apps.get_models():
        if not model.__module__.startswith("learningcity.") or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices or field.unique:
                continue
            if isinstance(field, models.URLField | models.EmailField | models.SlugField):
                continue
            if field.name in NOT_FREE_TEXT or (field.max_length or 1000) < 12:
                continue
            try:
                with transaction.atomic():
                    model._base_manager.update(**{field.name: PAYLOAD[: field.max_length or None]})
            except IntegrityError:  # part of a multi-column unique constraint
                continue
            planted.append(f"{model._meta.label}.{field.name}")
    return planted
