import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from learningcity.coordination.models import ActionItem, AgendaItem
from learningcity.notifications.models import Notification
from learningcity.programme import selectors
from learningcity.programme.models import (
    BeneficiaryReport,
    ChallengeStatus,
    Initiative,
    InitiativeFunding,
    Milestone,
    ProposalStatus,
    ResourceRequestStatus,
)
from learningcity.programme.services import challenges, evaluations, initiatives, proposals, resources
from tests.factories import (
    EntityFactory,
    InitiativeFactory,
    LearningCityFactory,
    MeetingFactory,
    ResourceFactory,
    TrackFactory,
)

TODAY = timezone.localdate()


@pytest.fixture
def english():
    """Messages asserted in English (the default language in tests is Arabic)."""
    with translation.override("en"):
        yield


def _initiative_data(owner, **extra):
    data = {
        "title_ar": "أسبوع التعلم مدى الحياة",
        "learning_city": LearningCityFactory(),
        "track": TrackFactory(),
        "owner_entity": owner,
        "start_date": dt.date(2026, 1, 1),
        "end_date": dt.date(2026, 12, 31),
    }
    data.update(extra)
    return data


def test_create_numbers_the_initiative_and_records_partners_and_groups(manager, entity_a, entity_b):
    first = initiatives.initiative_create(
        data=_initiative_data(entity_a),
        partners=[(entity_b, "funder")],
        target_groups=["youth", "women"],
        by=manager,
    )
    second = initiatives.initiative_create(data=_initiative_data(entity_a), by=manager)
    assert (first.code, second.code) == ("INI-2026-001", "INI-2026-002")
    assert set(first.target_groups.values_list("group", flat=True)) == {"youth", "women"}
    assert list(first.partners.values_list("entity__name_en", "role")) == [(entity_b.name_en, "funder")]


def test_partner_listed_twice_is_refused(english, manager, entity_a, entity_b):
    with pytest.raises(ValidationError) as error:
        initiatives.initiative_create(
            data=_initiative_data(entity_a), partners=[(entity_b, "funder"), (entity_b, "venue")], by=manager
        )
    assert "listed twice" in str(error.value)
    assert not Initiative.objects.exists()


def test_end_before_start_is_refused(manager, entity_a):
    with pytest.raises(ValidationError) as error:
        initiatives.initiative_create(
            data=_initiative_data(entity_a, end_date=dt.date(2025, 1, 1)), by=manager
        )
    assert "end_date" in error.value.message_dict
    assert not Initiative.objects.exists()


def test_negative_budget_and_funding_are_refused(manager, initiative, entity_b):
    with pytest.raises(ValidationError):
        initiatives.initiative_create(
            data=_initiative_data(initiative.owner_entity, budget=Decimal("-1")), by=manager
        )
    with pytest.raises(ValidationError):
        initiatives.funding_add(initiative=initiative, source=entity_b, amount=Decimal("-500"), by=manager)
    assert not InitiativeFunding.objects.exists()


def test_coordinator_creates_only_for_their_own_entity(coordinator_a, entity_a, entity_b):
    initiatives.initiative_create(data=_initiative_data(entity_a), by=coordinator_a)
    with pytest.raises(PermissionDenied):
        initiatives.initiative_create(data=_initiative_data(entity_b), by=coordinator_a)


def test_milestones_roll_up_into_progress(manager, initiative):
    one = initiatives.milestone_save(
        initiative=initiative,
        data={"title_ar": "أ", "due_date": TODAY, "weight": Decimal(3), "progress": 100},
        by=manager,
    )
    initiatives.milestone_save(
        initiative=initiative,
        data={"title_ar": "ب", "due_date": TODAY, "weight": Decimal(1), "progress": 0},
        by=manager,
    )
    initiative.refresh_from_db()
    assert initiative.progress == Decimal("75.00")
    assert one.completed_on == timezone.localdate()  # today when saved, even past midnight
    initiatives.milestone_delete(milestone=one, by=manager)
    initiative.refresh_from_db()
    assert initiative.progress == Decimal("0.00")


def test_negative_milestone_weight_is_refused(manager, initiative):
    with pytest.raises(ValidationError) as error:
        initiatives.milestone_save(
            initiative=initiative,
            data={"title_ar": "أ", "due_date": TODAY, "weight": Decimal(-1)},
            by=manager,
        )
    assert "weight" in error.value.message_dict
    assert not Milestone.objects.exists()


def test_track_and_axis_roll_up_leave_cancelled_initiatives_out(manager, initiative):
    track = initiative.track
    Initiative.objects.filter(pk=initiative.pk).update(progress=Decimal(80))
    InitiativeFactory(track=track, progress=Decimal(40))
    InitiativeFactory(track=track, progress=Decimal(0), status="cancelled")
    row = selectors.track_progress().get(pk=track.pk)
    assert (row.progress, row.initiative_count) == (Decimal(60), 2)
    axis_row = next(r for r in selectors.roadmap() if r["axis"].pk == track.axis_id)
    assert (axis_row["axis"].progress, axis_row["axis"].initiative_count) == (Decimal(60), 2)


def test_no_milestones_and_no_initiatives(db):
    track = TrackFactory()
    assert selectors.track_progress().get(pk=track.pk).progress is None
    initiative = InitiativeFactory(track=track)
    assert initiatives.recompute_progress(initiative) == Decimal("0.00")


def test_behind_schedule(initiative, settings):
    settings.BEHIND_SCHEDULE_MARGIN = 15
    # Half the time has passed (100 of 200 days) with 20% done: behind.
    Initiative.objects.filter(pk=initiative.pk).update(progress=Decimal(20))
    assert initiative.pk in selectors.behind_schedule_ids(Initiative.objects.all())
    Initiative.objects.filter(pk=initiative.pk).update(progress=Decimal(40))
    assert initiative.pk not in selectors.behind_schedule_ids(Initiative.objects.all())


def test_beneficiary_parts_may_not_exceed_the_total(coordinator_partner, initiative):
    with pytest.raises(ValidationError) as error:
        initiatives.beneficiary_report_add(
            initiative=initiative, period_start=TODAY, period_end=TODAY, total=100,
            counts={("sex", "male"): 70, ("sex", "female"): 40}, by=coordinator_partner,
        )  # fmt: skip
    assert "110" in str(error.value)
    assert not BeneficiaryReport.objects.exists()


def test_beneficiary_totals_never_double_count(coordinator_partner, initiative):
    initiatives.beneficiary_report_add(
        initiative=initiative, period_start=TODAY, period_end=TODAY, total=100,
        counts={("sex", "male"): 60, ("sex", "female"): 40, ("disability", "with"): 10, ("disability", "without"): 90,
                ("nationality", "citizen"): 70, ("nationality", "resident"): 30},
        by=coordinator_partner,
    )  # fmt: skip
    initiatives.beneficiary_report_add(
        initiative=initiative,
        period_start=TODAY,
        period_end=TODAY,
        total=50,
        counts={("sex", "female"): 50},
        by=coordinator_partner,
    )
    totals = selectors.beneficiary_totals(initiative.beneficiary_reports.all())
    assert totals["total"] == 150
    assert totals["breakdown"]["sex"] == {"female": 90, "male": 60}
    assert totals["breakdown"]["disability"] == {"with": 10, "without": 90}


def test_unknown_breakdown_category_is_refused(coordinator_partner, initiative):
    with pytest.raises(ValidationError):
        initiatives.beneficiary_report_add(
            initiative=initiative,
            period_start=TODAY,
            period_end=TODAY,
            total=10,
            counts={("sex", "other"): 1},
            by=coordinator_partner,
        )


def test_partner_adds_notes_and_challenges_but_does_not_edit(coordinator_partner, coordinator_b, initiative):
    initiatives.note_add(initiative=initiative, text="أنجزنا الورشة الأولى", by=coordinator_partner)
    challenges.challenge_create(
        initiative=initiative, data={"title": "نقص المدربين", "category": "staffing"}, by=coordinator_partner
    )
    with pytest.raises(PermissionDenied):
        initiatives.initiative_update(
            initiative=initiative, data={"title_ar": "تغيير"}, by=coordinator_partner
        )
    with pytest.raises(PermissionDenied):
        initiatives.note_add(initiative=initiative, text="لست شريكا", by=coordinator_b)


def test_escalation_puts_the_challenge_on_the_next_coordination_meeting(
    english, coordinator_a, manager, initiative
):
    challenge = challenges.challenge_create(
        initiative=initiative,
        data={"title": "تأخر القاعات", "category": "logistics", "severity": "high"},
        by=coordinator_a,
    )
    with pytest.raises(ValidationError, match="No coordination meeting"):
        challenges.challenge_escalate(challenge=challenge, by=coordinator_a)
    later = MeetingFactory(
        learning_city=initiative.learning_city, starts_at=timezone.now() + dt.timedelta(days=20)
    )
    sooner_elsewhere = MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=5))
    MeetingFactory(
        learning_city=initiative.learning_city,
        starts_at=timezone.now() + dt.timedelta(days=3),
        meeting_type="workshop",
    )
    item = challenges.challenge_escalate(challenge=challenge, by=coordinator_a)
    assert item.meeting == later and item.meeting != sooner_elsewhere
    assert item.title_ar == "تحدٍّ ميداني: تأخر القاعات"
    challenge.refresh_from_db()
    assert (challenge.status, challenge.escalated_to) == (ChallengeStatus.ESCALATED, item)
    assert Notification.objects.filter(kind="challenge.escalated", recipient=manager).exists()
    with pytest.raises(ValidationError):
        challenges.challenge_escalate(challenge=challenge, by=coordinator_a)
    assert AgendaItem.objects.count() == 1


def test_resolving_needs_a_resolution(coordinator_a, initiative):
    challenge = challenges.challenge_create(
        initiative=initiative, data={"title": "x", "category": "other"}, by=coordinator_a
    )
    with pytest.raises(ValidationError):
        challenges.challenge_update(challenge=challenge, data={"status": "resolved"}, by=coordinator_a)
    challenges.challenge_update(
        challenge=challenge, data={"status": "resolved", "resolution": "وُفرت قاعة بديلة"}, by=coordinator_a
    )
    challenge.refresh_from_db()
    assert challenge.resolved_on == timezone.localdate()


def _scores(score=4):
    return dict.fromkeys(
        ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"), (score, "")
    )


def test_evaluation_scores_every_dac_criterion(english, evaluator, coordinator_a, initiative):
    data = {"method": "survey", "period_start": TODAY, "period_end": TODAY, "findings": "نتائج جيدة"}
    with pytest.raises(ValidationError, match="missing"):
        evaluations.evaluation_create(
            initiative=initiative, data=data, scores={"relevance": (4, "")}, by=evaluator
        )
    with pytest.raises(ValidationError):
        evaluations.evaluation_create(initiative=initiative, data=data, scores=_scores(6), by=evaluator)
    with pytest.raises(PermissionDenied):
        evaluations.evaluation_create(initiative=initiative, data=data, scores=_scores(), by=coordinator_a)
    evaluation = evaluations.evaluation_create(
        initiative=initiative,
        data=data,
        scores=_scores(),
        recommendations=["توسيع البرنامج", " "],
        by=evaluator,
    )
    assert evaluation.average_score == 4.0
    assert evaluation.recommendations.count() == 1


def test_recommendation_becomes_an_action_item(evaluator, manager, initiative, entity_a):
    evaluation = evaluations.evaluation_create(
        initiative=initiative,
        data={"method": "survey", "period_start": TODAY, "period_end": TODAY, "findings": "x"},
        scores=_scores(),
        recommendations=["توسيع البرنامج"],
        by=evaluator,
    )
    recommendation = evaluation.recommendations.get()
    item = evaluations.recommendation_to_action_item(
        recommendation=recommendation, owner_entity=entity_a, due_date=TODAY, by=manager
    )
    assert (item.meeting, item.title_ar, item.owner_entity) == (None, "توسيع البرنامج", entity_a)
    with pytest.raises(ValidationError):
        evaluations.recommendation_to_action_item(
            recommendation=recommendation, owner_entity=entity_a, due_date=TODAY, by=manager
        )
    assert ActionItem.objects.count() == 1


def test_proposal_workflow_notifies_the_proposer(coordinator_a, manager, entity_a):
    proposal = proposals.proposal_submit(
        data={"title": "الحي المتعلم", "summary": "جلسات أسبوعية"}, by=coordinator_a
    )
    proposals.proposal_start_review(proposal=proposal, by=manager)
    with pytest.raises(ValidationError):
        proposals.proposal_decline(proposal=proposal, reason=" ", by=manager)
    initiative = proposals.proposal_accept(
        proposal=proposal, track=TrackFactory(), owner_entity=entity_a, learning_city=LearningCityFactory(),
        start_date=TODAY, end_date=TODAY + dt.timedelta(days=90), by=manager,
    )  # fmt: skip
    proposal.refresh_from_db()
    assert (proposal.status, proposal.initiative) == (ProposalStatus.ACCEPTED, initiative)
    assert initiative.title_ar == "الحي المتعلم"
    titles = list(
        Notification.objects.filter(recipient=coordinator_a).order_by("pk").values_list("title", flat=True)
    )
    assert len(titles) == 3
    with pytest.raises(ValidationError):
        proposals.proposal_decline(proposal=proposal, reason="متأخر", by=manager)


def test_only_managers_review_proposals(coordinator_a):
    proposal = proposals.proposal_submit(data={"title": "x", "summary": "y"}, by=coordinator_a)
    with pytest.raises(PermissionDenied):
        proposals.proposal_decline(proposal=proposal, reason="لا", by=coordinator_a)


def test_resource_is_never_double_booked(english, coordinator_a, coordinator_b, entity_b, initiative):
    venue = ResourceFactory(owner_entity=entity_b, kind="venue")
    other = InitiativeFactory(owner_entity=initiative.owner_entity)
    first = resources.resource_request_create(
        resource=venue,
        initiative=initiative,
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=2),
        by=coordinator_a,
    )
    second = resources.resource_request_create(
        resource=venue,
        initiative=other,
        start_date=TODAY + dt.timedelta(days=2),
        end_date=TODAY + dt.timedelta(days=4),
        by=coordinator_a,
    )
    with pytest.raises(PermissionDenied):
        resources.resource_request_decide(request=first, approve=True, by=coordinator_a)  # not the owner
    resources.resource_request_decide(request=first, approve=True, by=coordinator_b)
    with pytest.raises(ValidationError, match="already booked"):
        resources.resource_request_decide(request=second, approve=True, by=coordinator_b)
    with pytest.raises(ValidationError, match="already booked"):
        resources.resource_request_create(
            resource=venue,
            initiative=other,
            start_date=TODAY + dt.timedelta(days=1),
            end_date=TODAY + dt.timedelta(days=1),
            by=coordinator_a,
        )
    second.refresh_from_db()
    assert second.status == ResourceRequestStatus.PENDING
    with pytest.raises(ValidationError):
        resources.resource_request_decide(request=second, approve=False, note="", by=coordinator_b)
    resources.resource_request_decide(request=second, approve=False, note="القاعة مشغولة", by=coordinator_b)


def test_shared_resources_may_overlap(coordinator_a, coordinator_b, entity_b, initiative):
    trainers = ResourceFactory(owner_entity=entity_b, kind="trainers")
    for _ in range(2):
        request = resources.resource_request_create(
            resource=trainers, initiative=initiative, start_date=TODAY, end_date=TODAY, by=coordinator_a
        )
        resources.resource_request_decide(request=request, approve=True, by=coordinator_b)
    assert trainers.requests.filter(status="approved").count() == 2


def test_requests_outside_the_availability_window_are_refused(
    english, coordinator_a, coordinator_b, entity_b, initiative
):
    venue = resources.resource_save(
        data={"owner_entity": entity_b, "kind": "venue", "title_ar": "قاعة"},
        windows=[(TODAY, TODAY + dt.timedelta(days=10))],
        by=coordinator_b,
    )
    with pytest.raises(ValidationError, match="not offered"):
        resources.resource_request_create(
            resource=venue,
            initiative=initiative,
            start_date=TODAY + dt.timedelta(days=5),
            end_date=TODAY + dt.timedelta(days=20),
            by=coordinator_a,
        )


def test_owner_change_only_by_a_manager(coordinator_a, manager, initiative):
    other = EntityFactory()
    with pytest.raises(PermissionDenied):
        initiatives.initiative_update(initiative=initiative, data={"owner_entity": other}, by=coordinator_a)
    initiatives.initiative_update(initiative=initiative, data={"owner_entity": other}, by=manager)
