"""The programme: roadmap (axes → tracks → goals), initiatives with milestones, partners,
funding and beneficiaries, shared resources, field challenges, impact evaluations and the
community intake of proposed initiatives."""

from learningcity.programme.models.challenges import Challenge, ChallengeCategory, ChallengeStatus, Severity
from learningcity.programme.models.evaluations import (
    DacCriterion,
    Evaluation,
    EvaluationMethod,
    EvaluationRecommendation,
    EvaluationScore,
)
from learningcity.programme.models.initiatives import (
    BeneficiaryCount,
    BeneficiaryReport,
    Initiative,
    InitiativeDocument,
    InitiativeFunding,
    InitiativeNote,
    InitiativePartner,
    InitiativeStatus,
    InitiativeTargetGroup,
    Milestone,
    PartnerRole,
    TargetGroup,
    milestone_overdue,
)
from learningcity.programme.models.proposals import Proposal, ProposalStatus
from learningcity.programme.models.resources import (
    Resource,
    ResourceAvailability,
    ResourceKind,
    ResourceRequest,
    ResourceRequestStatus,
)
from learningcity.programme.models.roadmap import Axis, Goal, Track

__all__ = [
    "Axis", "BeneficiaryCount", "BeneficiaryReport", "Challenge", "ChallengeCategory", "ChallengeStatus",
    "DacCriterion", "Evaluation", "EvaluationMethod", "EvaluationRecommendation", "EvaluationScore", "Goal",
    "Initiative", "InitiativeDocument", "InitiativeFunding", "InitiativeNote", "InitiativePartner",
    "InitiativeStatus", "InitiativeTargetGroup", "Milestone", "milestone_overdue", "PartnerRole", "Proposal", "ProposalStatus",
    "Resource", "ResourceAvailability", "ResourceKind", "ResourceRequest", "ResourceRequestStatus", "Severity",
    "TargetGroup", "Track",
]  # fmt: skip
