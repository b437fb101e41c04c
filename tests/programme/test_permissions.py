"""The programme's permission matrix: every write path × every role. The owner entity's
coordinators edit their initiative; its partners' coordinators add beneficiaries, field
challenges and notes; a resource's owner decides its requests; evaluators evaluate;
managers do everything. A refused request changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.coordination.models import AgendaItem
from learningcity.core.models import AuditEntry
from learningcity.programme.models import (
    BeneficiaryReport,
    Challenge,
    Evaluation,
    Initiative,
    InitiativeFunding,
    InitiativeNote,
    InitiativePartner,
    Milestone,
    Proposal,
    Resource,
    ResourceRequest,
)
from learningcity.programme.services import challenges as challenge_services
from tests.factories import MeetingFactory, ResourceFactory
from tests.permission_matrix import check_write

ROLES = (
    "anonymous",
    "learner",
    "viewer",
    "evaluator",
    "coordinator_a",
    "coordinator_b",
    "coordinator_partner",
    "manager",
)
TODAY = timezone.localdate()

# Who may do what (all others are refused with 403; anonymous visitors go to sign in).
ALLOWED = {
    "initiative_create": {"manager", "coordinator_a"},
    "initiative_edit": {"manager", "coordinator_a"},
    "milestone_add": {"manager", "coordinator_a"},
    "milestone_edit": {"manager", "coordinator_a"},
    "milestone_delete": {"manager", "coordinator_a"},
    "partner_add": {"manager", "coordinator_a"},
    "partner_remove": {"manager", "coordinator_a"},
    "funding_add": {"manager", "coordinator_a"},
    "note_add": {"manager", "coordinator_a", "coordinator_partner"},
    "beneficiaries_add": {"manager", "coordinator_a", "coordinator_partner"},
    "challenge_add": {"manager", "coordinator_a", "coordinator_partner"},
    "challenge_update": {"manager", "coordinator_a", "coordinator_partner"},
    "challenge_escalate": {"manager", "coordinator_a", "coordinator_partner"},
    "evaluation_add": {"manager", "evaluator"},
    "resource_create": {"manager", "coordinator_b"},
    "resource_edit": {"manager", "coordinator_b"},
    "resource_request": {"manager", "coordinator_a"},
    "resource_decide": {"manager", "coordinator_b"},
    "proposal_submit": {
        "manager",
        "coordinator_a",
        "coordinator_b",
        "coordinator_partner",
        "viewer",
        "evaluator",
        "learner",
    },
    "proposal_review": {"manager"},
}
# Paths where a refused staff member gets a form error (400) rather than 403, because the
# choice they made (an initiative, an entity) is not among those offered to them.
REFUSED_WITH_400 = {
    ("initiative_create", "coordinator_b"),
    ("initiative_create", "coordinator_partner"),
    ("resource_create", "coordinator_a"),
    ("resource_create", "coordinator_partner"),
    ("resource_request", "coordinator_b"),
    ("resource_request", "coordinator_partner"),
}


@pytest.fixture
def world(
    manager,
    entity_a,
    entity_b,
    coordinator_a,
    coordinator_b,
    coordinator_partner,
    evaluator,
    viewer,
    learner,
    initiative,
):
    milestone = Milestone.objects.create(initiative=initiative, title_ar="مرحلة", due_date=TODAY)
    challenge = challenge_services.challenge_create(
        initiative=initiative, data={"title": "تحد", "category": "other"}, by=manager
    )
    MeetingFactory(learning_city=initiative.learning_city, starts_at=timezone.now() + dt.timedelta(days=9))
    venue = ResourceFactory(owner_entity=entity_b, kind="venue")
    pending = ResourceRequest.objects.create(
        resource=venue, initiative=initiative, start_date=TODAY, end_date=TODAY
    )
    proposal = Proposal.objects.create(title="مقترح", summary="ملخص", proposer=coordinator_a)
    return {
        "initiative": initiative,
        "milestone": milestone,
        "challenge": challenge,
        "venue": venue,
        "pending": pending,
        "proposal": proposal,
        "entity_a": entity_a,
        "entity_b": entity_b,
        "users": {
            "anonymous": None,
            "learner": learner,
            "viewer": viewer,
            "evaluator": evaluator,
            "coordinator_a": coordinator_a,
            "coordinator_b": coordinator_b,
            "coordinator_partner": coordinator_partner,
            "manager": manager,
        },  # fmt: skip
    }


def _request(path: str, world: dict) -> tuple[str, dict]:
    initiative, entity_a, entity_b = world["initiative"], world["entity_a"], world["entity_b"]
    scores = {
        f"score_{c}": 4
        for c in ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability")
    }
    initiative_form = {
        "title_ar": "مبادرة", "learning_city": initiative.learning_city_id, "track": initiative.track_id,
        "owner_entity": entity_a.pk, "status": "active", "start_date": "2026-01-01", "end_date": "2026-12-31",
    }  # fmt: skip
    resource_form = {"owner_entity": entity_b.pk, "kind": "lab", "title_ar": "مختبر", "is_available": "on"}
    return {
        "initiative_create": ("/ar/initiatives/new/", initiative_form),
        "initiative_edit": (
            f"/ar/initiatives/{initiative.pk}/edit/",
            {**initiative_form, "title_ar": "معدلة"},
        ),
        "milestone_add": (
            f"/ar/initiatives/{initiative.pk}/milestones/",
            {"title_ar": "مرحلة جديدة", "due_date": TODAY.isoformat(), "progress": 50},
        ),
        "milestone_edit": (
            f"/ar/initiatives/milestones/{world['milestone'].pk}/edit/",
            {"title_ar": "مرحلة", "due_date": TODAY.isoformat(), "progress": 100},
        ),
        "milestone_delete": (f"/ar/initiatives/milestones/{world['milestone'].pk}/delete/", {}),
        "partner_add": (
            f"/ar/initiatives/{initiative.pk}/partners/",
            {"entity": entity_b.pk, "role": "funder"},
        ),
        "partner_remove": (
            f"/ar/initiatives/{initiative.pk}/partners/{initiative.partners.get().entity_id}/remove/",
            {},
        ),
        "funding_add": (
            f"/ar/initiatives/{initiative.pk}/funding/",
            {"source": entity_b.pk, "amount": "1000"},
        ),
        "note_add": (f"/ar/initiatives/{initiative.pk}/notes/", {"text": "ملاحظة"}),
        "beneficiaries_add": (
            f"/ar/initiatives/{initiative.pk}/beneficiaries/",
            {
                "period_start": TODAY.isoformat(),
                "period_end": TODAY.isoformat(),
                "total": 10,
                "count__sex__male": 4,
            },
        ),
        "challenge_add": (
            f"/ar/initiatives/{initiative.pk}/challenges/",
            {"title": "تحد جديد", "category": "funding", "severity": "low"},
        ),
        "challenge_update": (
            f"/ar/challenges/{world['challenge'].pk}/",
            {"status": "mitigating", "severity": "high"},
        ),
        "challenge_escalate": (f"/ar/challenges/{world['challenge'].pk}/escalate/", {}),
        "evaluation_add": (
            f"/ar/initiatives/{initiative.pk}/evaluations/",
            {
                "method": "survey",
                "period_start": TODAY.isoformat(),
                "period_end": TODAY.isoformat(),
                "findings": "نتائج",
                **scores,
            },
        ),
        "resource_create": ("/ar/resources/new/", resource_form),
        "resource_edit": (
            f"/ar/resources/{world['venue'].pk}/edit/",
            {**resource_form, "kind": "venue", "title_ar": "قاعة معدلة"},
        ),
        "resource_request": (
            f"/ar/resources/{world['venue'].pk}/request/",
            {
                "initiative": initiative.pk,
                "start_date": (TODAY + dt.timedelta(days=30)).isoformat(),
                "end_date": (TODAY + dt.timedelta(days=31)).isoformat(),
            },
        ),
        "resource_decide": (f"/ar/resources/requests/{world['pending'].pk}/decide/", {"decision": "approve"}),
        "proposal_submit": ("/ar/initiatives/propose/", {"title": "فكرة", "summary": "وصف"}),
        "proposal_review": (
            f"/ar/initiatives/proposals/{world['proposal'].pk}/review/",
            {"action": "review"},
        ),
    }[path]


def _state() -> tuple:
    return (
        list(Initiative.objects.order_by("pk").values_list("title_ar", "status", "progress")),
        list(Milestone.objects.order_by("pk").values_list("title_ar", "progress")),
        list(InitiativePartner.objects.order_by("pk").values_list("entity_id", "role")),
        InitiativeFunding.objects.count(), InitiativeNote.objects.count(), BeneficiaryReport.objects.count(),
        list(Challenge.objects.order_by("pk").values_list("title", "status", "severity")),
        Evaluation.objects.count(), AgendaItem.objects.count(),
        list(Resource.objects.order_by("pk").values_list("title_ar", "kind")),
        list(ResourceRequest.objects.order_by("pk").values_list("status", "start_date")),
        list(Proposal.objects.order_by("pk").values_list("title", "status")),
        AuditEntry.objects.count(),
    )  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(ALLOWED))
def test_write_path_permission(world, path, role):
    url, data = _request(path, world)
    check_write(
        user=world["users"][role], role=role, path=path, url=url, data=data, allowed=ALLOWED[path],
        state=_state, refused_with_400=(path, role) in REFUSED_WITH_400,
    )  # fmt: skip
