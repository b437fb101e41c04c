"""Forms of the programme area, one module per part, as its views/ are."""

from learningcity.programme.forms.challenges import ChallengeFilterForm, ChallengeForm, ChallengeUpdateForm
from learningcity.programme.forms.choices import entities_for
from learningcity.programme.forms.evaluations import EvaluationForm, RecommendationActionForm
from learningcity.programme.forms.initiatives import InitiativeFilterForm, InitiativeForm
from learningcity.programme.forms.proposals import ProposalAcceptForm, ProposalDeclineForm, ProposalForm
from learningcity.programme.forms.records import (
    BeneficiaryForm,
    DocumentForm,
    FundingForm,
    MilestoneForm,
    NoteForm,
    PartnerForm,
)
from learningcity.programme.forms.resources import ResourceDecisionForm, ResourceForm, ResourceRequestForm

__all__ = [
    "entities_for",
    "InitiativeFilterForm",
    "InitiativeForm",
    "MilestoneForm",
    "PartnerForm",
    "FundingForm",
    "NoteForm",
    "DocumentForm",
    "BeneficiaryForm",
    "ChallengeForm",
    "ChallengeUpdateForm",
    "ChallengeFilterForm",
    "EvaluationForm",
    "RecommendationActionForm",
    "ResourceForm",
    "ResourceRequestForm",
    "ResourceDecisionForm",
    "ProposalForm",
    "ProposalAcceptForm",
    "ProposalDeclineForm",
]
