"""One serializer pair per endpoint: a read shape (what GET returns) and a strict write shape
(what POST/PATCH accepts, handed to the area's services)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from learningcity.catalogue.models import (
    DisabilityKind,
    Opportunity,
    OpportunityStatus,
    Registration,
    Session,
)
from learningcity.coordination.models import ActionItem, ActionStatus, Meeting
from learningcity.core.disaggregation import AgeGroup
from learningcity.core.models import Governorate, LearningCity
from learningcity.exchange.api.base import StrictModelSerializer, StrictSerializer
from learningcity.exchange.models import ApiToken
from learningcity.indicators.models import Indicator, Measurement
from learningcity.partners.models import Entity
from learningcity.programme.models import (
    Challenge,
    ChallengeCategory,
    ChallengeStatus,
    Initiative,
    InitiativeStatus,
    Milestone,
    Severity,
    Track,
)
from learningcity.skills.models import Skill

BILINGUAL = ("_ar", "_en")


def bilingual(*names: str) -> list[str]:
    return [f"{name}{suffix}" for name in names for suffix in BILINGUAL]


# --- Read shapes ------------------------------------------------------------------------------


class RecordId(serializers.IntegerField):
    """A record's id as a client sends it: a positive integer within what a database key
    holds (a larger one would reach the database as an overflow, not as a wrong id)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class EntitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Entity
        fields = ["id", "external_id", *bilingual("name"), "acronym", "sector", "entity_type", "status",
                  "website", "governorates", "updated_at"]  # fmt: skip


class TrackSerializer(serializers.ModelSerializer):
    axis = serializers.IntegerField(source="axis.number", read_only=True)

    class Meta:
        model = Track
        fields = ["id", "code", "axis", *bilingual("title", "description"), "lead_sector", "updated_at"]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", *bilingual("title", "venue"), "meeting_type", "learning_city", "organiser", "starts_at",
                  "duration_minutes", "online_url", "status", "minutes_status", "updated_at"]  # fmt: skip


class InitiativeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Initiative
        fields = ["id", "code", "external_id", *bilingual("title", "description"), "learning_city", "track",
                  "owner_entity", "status", "start_date", "end_date", "budget", "progress", "governorates",
                  "updated_at"]  # fmt: skip


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "initiative", *bilingual("title"), "due_date", "weight", "progress", "completed_on",
                  "owner_entity", "updated_at"]  # fmt: skip


class ChallengeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = ["id", "initiative", "title", "description", "category", "severity", "status", "owner_entity",
                  "due_date", "resolution", "resolved_on", "updated_at"]  # fmt: skip


class MeasurementSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)

    class Meta:
        model = Measurement
        fields = ["id", "indicator", "indicator_code", "period_start", "region", "learning_city", "governorate",
                  "dimension", "category", "value", "numerator", "denominator", "status", "comment",
                  "updated_at"]  # fmt: skip


def _related(opportunity: Opportunity, name: str) -> Any:
    """The rows of the relation `name`: as the list queryset prefetched them into a plain
    list (`<name>_rows`, views.py _opportunities_for), or read now (one opportunity written)."""
    rows = getattr(opportunity, f"{name}_rows", None)
    return rows if rows is not None else getattr(opportunity, name).all()


class OpportunitySerializer(serializers.ModelSerializer):
    # By code, as a write takes them (they were ids here and codes there).
    skills = serializers.SerializerMethodField()
    campaigns = serializers.SerializerMethodField()
    age_groups = serializers.SerializerMethodField()
    disabilities = serializers.SerializerMethodField()

    class Meta:
        model = Opportunity
        fields = ["id", "external_id", *bilingual("title", "description", "venue", "prerequisites"),
                  "opportunity_type", "provider", "initiative", "campaigns", "learning_city", "governorate",
                  "address", "latitude", "longitude", "online_url", "fee", "audience_sex", "level", "language",
                  "wheelchair_access", "sign_language", "braille_large_print", "easy_read", "skills", "hours",
                  "credential", "status", "age_groups", "disabilities", "updated_at"]  # fmt: skip

    def get_skills(self, opportunity: Opportunity) -> list[str]:
        return [skill.code for skill in _related(opportunity, "skills")]

    def get_campaigns(self, opportunity: Opportunity) -> list[int]:
        return [campaign.pk for campaign in _related(opportunity, "campaigns")]

    def get_age_groups(self, opportunity: Opportunity) -> list[str]:
        return sorted(item.age_group for item in _related(opportunity, "age_groups"))

    def get_disabilities(self, opportunity: Opportunity) -> list[str]:
        return sorted(item.kind for item in _related(opportunity, "suited_disabilities"))


class SessionSerializer(serializers.ModelSerializer):
    confirmed = serializers.IntegerField(read_only=True, source="confirmed_count")
    # Places offered from the waiting list and not yet answered: held, so not free.
    offered = serializers.IntegerField(read_only=True, source="offered_count")

    class Meta:
        model = Session
        fields = ["id", "opportunity", "starts_at", "ends_at", "capacity", "audience_sex", *bilingual("note"),
                  "status", "confirmed", "offered", "updated_at"]  # fmt: skip


class RegistrationSerializer(serializers.ModelSerializer):
    learner_name = serializers.CharField(source="learner.full_name", read_only=True)
    mobile = serializers.CharField(source="learner.mobile_display", read_only=True, allow_null=True)
    email = serializers.CharField(source="learner.user.email", read_only=True, allow_null=True)
    sex = serializers.CharField(source="learner.sex", read_only=True)
    age_group = serializers.CharField(source="learner.age_group", read_only=True)
    accommodation_needs = serializers.CharField(
        source="learner.accommodation_needs", read_only=True, allow_null=True
    )

    # Given only to callers who may see them: see `to_representation`.
    PERSONAL_FIELDS = ("mobile", "email", "accommodation_needs")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        auth = getattr(self.context.get("request"), "auth", None)
        if isinstance(auth, ApiToken) and not auth.personal_data:
            for name in self.PERSONAL_FIELDS:
                data[name] = None
        return data

    class Meta:
        model = Registration
        fields = ["id", "session", "status", "learner_name", "mobile", "email", "sex", "age_group",
                  "accommodation_needs", "offer_expires_at", "attended", "completed_at", "created_at",
                  "updated_at"]  # fmt: skip


class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["id", "meeting", "decision", *bilingual("title", "description"), "owner_entity", "due_date",
                  "priority", "status", "completed_at", "updated_at"]  # fmt: skip


# --- Write shapes -----------------------------------------------------------------------------


class InitiativeWriteSerializer(StrictModelSerializer):
    class Meta:
        model = Initiative
        fields = ["external_id", *bilingual("title", "description"), "learning_city", "track", "owner_entity",
                  "status", "start_date", "end_date", "budget", "governorates"]  # fmt: skip
        extra_kwargs = {"status": {"default": InitiativeStatus.PLANNED}}


class MilestoneWriteSerializer(StrictModelSerializer):
    class Meta:
        model = Milestone
        fields = ["initiative", *bilingual("title"), "due_date", "weight", "progress", "owner_entity"]


class ChallengeWriteSerializer(StrictSerializer):
    initiative = serializers.PrimaryKeyRelatedField(queryset=Initiative.objects.all())
    title = serializers.CharField(max_length=255)
    description = serializers.CharField(required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=ChallengeCategory.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    status = serializers.ChoiceField(choices=ChallengeStatus.choices, required=False)
    resolution = serializers.CharField(required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)


class MeasurementWriteSerializer(StrictSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    period_start = serializers.DateField()
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    learning_city = serializers.PrimaryKeyRelatedField(
        queryset=LearningCity.objects.all(), required=False, allow_null=True
    )
    governorate = serializers.SlugRelatedField(
        slug_field="code", queryset=Governorate.objects.all(), required=False, allow_null=True
    )
    parts = serializers.DictField(
        child=serializers.DictField(child=serializers.DecimalField(max_digits=18, decimal_places=4)),
        required=False,
    )
    numerator = serializers.DecimalField(max_digits=18, decimal_places=4, required=False, allow_null=True)
    denominator = serializers.DecimalField(max_digits=18, decimal_places=4, required=False, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True)


class OpportunityWriteSerializer(StrictModelSerializer):
    age_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=AgeGroup.choices), required=False
    )
    disabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=DisabilityKind.choices), required=False
    )
    skills = serializers.SlugRelatedField(
        slug_field="code", queryset=Skill.objects.all(), many=True, required=False
    )

    class Meta:
        model = Opportunity
        fields = ["external_id", *bilingual("title", "description", "venue", "prerequisites"), "opportunity_type",
                  "provider", "initiative", "learning_city", "governorate", "address", "latitude", "longitude",
                  "online_url", "fee", "audience_sex", "level", "language", "wheelchair_access", "sign_language",
                  "braille_large_print", "easy_read", "skills", "hours", "credential", "age_groups",
                  "disabilities"]  # fmt: skip


class OpportunityStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=OpportunityStatus.choices)


class SessionWriteSerializer(StrictModelSerializer):
    class Meta:
        model = Session
        fields = ["opportunity", "starts_at", "ends_at", "capacity", "audience_sex", *bilingual("note")]


class AttendanceRowSerializer(StrictSerializer):
    registration = RecordId()
    attended = serializers.BooleanField()


class AttendanceSerializer(StrictSerializer):
    attendance = AttendanceRowSerializer(many=True, allow_empty=False)


class CompletionSerializer(StrictSerializer):
    registrations = serializers.ListField(child=RecordId(), allow_empty=False)


class ActionItemProgressSerializer(StrictSerializer):
    note = serializers.CharField()
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
