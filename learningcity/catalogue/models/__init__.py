from learningcity.catalogue.models.certificates import Certificate
from learningcity.catalogue.models.codes import CodePurpose, MobileCode
from learningcity.catalogue.models.learners import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    AccessNeed,
    Learner,
    Registration,
    RegistrationStatus,
)
from learningcity.catalogue.models.opportunities import (
    AudienceSex,
    Campaign,
    Credential,
    DisabilityKind,
    Level,
    Opportunity,
    OpportunityAgeGroup,
    OpportunityDisability,
    OpportunityStatus,
    OpportunityType,
    Session,
    SessionStatus,
    TeachingLanguage,
)
from learningcity.catalogue.models.search import OpportunityEmbedding, SavedSearch, SynonymGroup
from learningcity.catalogue.models.walk_ins import WalkInAllotment

__all__ = [
    "ACTIVE_STATUSES",
    "HOLDING_STATUSES",
    "AccessNeed",
    "AudienceSex",
    "Campaign",
    "Certificate",
    "CodePurpose",
    "Credential",
    "DisabilityKind",
    "Learner",
    "MobileCode",
    "Level",
    "Opportunity",
    "OpportunityAgeGroup",
    "OpportunityDisability",
    "OpportunityEmbedding",
    "OpportunityStatus",
    "OpportunityType",
    "Registration",
    "RegistrationStatus",
    "SavedSearch",
    "Session",
    "SessionStatus",
    "SynonymGroup",
    "TeachingLanguage",
    "WalkInAllotment",
]
