"""The partner API (/api/v1/). Reads are scoped to what the caller may see; every write goes
through the area's services, which check that the caller (for a token: a coordinator of the
token's entity and nothing more) may make it."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from learningcity.catalogue.models import (
    Campaign,
    Opportunity,
    OpportunityAgeGroup,
    OpportunityDisability,
    OpportunityStatus,
    Registration,
    RegistrationStatus,
    Session,
)
from learningcity.catalogue.permissions import can_edit_opportunity
from learningcity.catalogue.places import registrations_counted
from learningcity.catalogue.services import opportunities as opportunity_services
from learningcity.catalogue.services import registrations as registration_services
from learningcity.coordination.models import ActionItem, Meeting
from learningcity.coordination.services import action_item_add_progress
from learningcity.core.audit import audit_personal_data_access
from learningcity.core.params import LARGEST_ID, id_param
from learningcity.exchange.api import serializers as s
from learningcity.exchange.api.base import ApiViewMixin
from learningcity.indicators.models import Measurement, MeasurementStatus
from learningcity.indicators.services import measurement_submit
from learningcity.partners.models import Entity
from learningcity.partners.permissions import coordinated_entity_ids
from learningcity.programme.models import Challenge, Initiative, Milestone, Track
from learningcity.programme.services import challenges as challenge_services
from learningcity.programme.services import initiatives as initiative_services
from learningcity.skills.models import Skill


def record_filter(name: str) -> OpenApiParameter:
    """A list filter naming one record by id, as `record_filter_value` reads it."""
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
        description=f"Only those of this {name}.",
    )


def record_filter_value(request: Request, name: str) -> int | None:
    """The id a list filter names, or None when it is not given; anything but one whole
    number in the contract's range is a 400 (a filter quietly ignored would list everything)."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    number = id_param(values[0]) if len(values) == 1 else None
    if number is None:
        raise ValidationError({name: [_("The id of one record: a whole number, given once.")]})
    return number


UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only records changed at or after this time (ISO 8601 with a time zone).",
)


def _own_entities(request: Request) -> Any:
    """The entities whose private records the caller sees: all for a manager (signed in),
    the token's entity for a token, the coordinated entities otherwise."""
    user = request.user
    if user.is_programme_manager:
        return None  # no restriction
    return coordinated_entity_ids(user)


class ReadViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self) -> QuerySet:
        return self.filter_updated_since(self.base_queryset())

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError


def _refuse_unless(allowed: bool) -> None:
    """Refuse before reading the body: someone who may not act on the record learns nothing
    from validation errors (the service checks again when it writes)."""
    if not allowed:
        raise PermissionDenied


class ReadShapeAnswers(AutoSchema):
    """A write answers with the record in its read shape (`WriteViewSet.respond`), and the
    contract says so (drf-spectacular would document the write serializer)."""

    def get_response_serializers(self) -> Any:
        if getattr(self.view, "action", None) in ("create", "update", "partial_update"):
            return self.view.serializer_class
        return super().get_response_serializers()


class WriteViewSet(ReadViewSet, mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Create and update through services; the response is the read shape."""

    write_serializer_class: Any = None
    schema = ReadShapeAnswers()

    def get_serializer_class(self) -> Any:
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return self.serializer_class

    def respond(self, instance: Any, code: int = status.HTTP_200_OK) -> Response:
        instance = self.base_queryset().get(pk=instance.pk)
        return Response(
            self.serializer_class(instance, context=self.get_serializer_context()).data, status=code
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(
            self.perform_write(None, dict(serializer.validated_data)), status.HTTP_201_CREATED
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.perform_write(instance, dict(serializer.validated_data)))

    def perform_write(self, instance: Any, data: dict) -> Any:
        raise NotImplementedError


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class EntityViewSet(ReadViewSet):
    queryset = Entity.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.EntitySerializer

    def base_queryset(self) -> QuerySet:
        return Entity.objects.prefetch_related("governorates")


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class TrackViewSet(ReadViewSet):
    queryset = Track.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.TrackSerializer

    def base_queryset(self) -> QuerySet:
        return Track.objects.select_related("axis")


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class MeetingViewSet(ReadViewSet):
    """Meetings the caller's entity organises or is invited to (all, for managers)."""

    queryset = Meeting.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.MeetingSerializer

    def base_queryset(self) -> QuerySet:
        meetings = Meeting.objects.all()
        own = _own_entities(self.request)
        if own is not None:
            meetings = meetings.filter(Q(organiser__in=own) | Q(invitations__entity__in=own)).distinct()
        return meetings


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class InitiativeViewSet(WriteViewSet):
    queryset = Initiative.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.InitiativeSerializer
    write_serializer_class = s.InitiativeWriteSerializer

    def base_queryset(self) -> QuerySet:
        return Initiative.objects.prefetch_related("governorates")

    def perform_write(self, instance: Initiative | None, data: dict) -> Initiative:
        governorates = data.pop("governorates", None)
        if instance is None:
            return initiative_services.initiative_create(
                data=data, governorates=governorates or (), by=self.request.user
            )
        return initiative_services.initiative_update(
            initiative=instance, data=data, governorates=governorates, by=self.request.user
        )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE, record_filter("initiative")]))
class MilestoneViewSet(WriteViewSet, mixins.DestroyModelMixin):
    queryset = Milestone.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.MilestoneSerializer
    write_serializer_class = s.MilestoneWriteSerializer

    def base_queryset(self) -> QuerySet:
        milestones = Milestone.objects.all()
        if initiative := record_filter_value(self.request, "initiative"):
            milestones = milestones.filter(initiative=initiative)
        return milestones

    def perform_write(self, instance: Milestone | None, data: dict) -> Milestone:
        initiative = data.pop("initiative", None) or instance.initiative
        if instance is not None and initiative.pk != instance.initiative_id:
            raise ValidationError({"initiative": [_("A milestone cannot move to another initiative.")]})
        return initiative_services.milestone_save(
            initiative=initiative, data=data, milestone=instance, by=self.request.user
        )

    def perform_destroy(self, instance: Milestone) -> None:
        initiative_services.milestone_delete(milestone=instance, by=self.request.user)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ChallengeViewSet(WriteViewSet):
    queryset = Challenge.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.ChallengeSerializer
    write_serializer_class = s.ChallengeWriteSerializer

    def base_queryset(self) -> QuerySet:
        return Challenge.objects.all()

    def perform_write(self, instance: Challenge | None, data: dict) -> Challenge:
        initiative = data.pop("initiative", None)
        if instance is None:
            return challenge_services.challenge_create(initiative=initiative, data=data, by=self.request.user)
        return challenge_services.challenge_update(challenge=instance, data=data, by=self.request.user)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE, OpenApiParameter("indicator", str)]))
class MeasurementViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet, mixins.CreateModelMixin):
    """Verified values of every indicator, and the caller's own entity's submissions."""

    queryset = Measurement.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.MeasurementSerializer

    def get_serializer_class(self) -> Any:
        return s.MeasurementWriteSerializer if self.action == "create" else s.MeasurementSerializer

    def get_queryset(self) -> QuerySet:
        measurements = Measurement.objects.select_related("indicator")
        own = _own_entities(self.request)
        if own is not None:
            measurements = measurements.filter(
                Q(status=MeasurementStatus.VERIFIED) | Q(indicator__owner_entity__in=own)
            )
        code = self.request.query_params.get("indicator")
        if code:
            measurements = measurements.filter(indicator__code=code)
        return self.filter_updated_since(measurements)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = s.MeasurementWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        parts = {
            (dimension, category): value
            for dimension, categories in data.pop("parts", {}).items()
            for category, value in categories.items()
        }
        measurement = measurement_submit(**data, parts=parts, by=request.user)
        return Response(s.MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


def _opportunities_for(request: Request) -> QuerySet:
    """Published opportunities, and every status of the caller's own."""
    # Not the search index (three long derived texts a row), and of the related rows only what
    # the answer shows, into plain lists (serializers.py _related): a page of 100 spent most of
    # its time building a queryset per row and relation, and freeing them paused the process
    # for ~20 ms every tenth page (bench/bench_lists.py).
    opportunities = Opportunity.objects.defer(*Opportunity.derived_fields).prefetch_related(
        Prefetch(
            "age_groups",
            queryset=OpportunityAgeGroup.objects.only("opportunity_id", "age_group"),
            to_attr="age_groups_rows",
        ),
        Prefetch(
            "suited_disabilities",
            queryset=OpportunityDisability.objects.only("opportunity_id", "kind"),
            to_attr="suited_disabilities_rows",
        ),
        Prefetch("skills", queryset=Skill.objects.only("pk", "code"), to_attr="skills_rows"),
        Prefetch("campaigns", queryset=Campaign.objects.only("pk"), to_attr="campaigns_rows"),
    )
    own = _own_entities(request)
    if own is None:
        return opportunities
    return opportunities.filter(Q(status=OpportunityStatus.PUBLISHED) | Q(provider__in=own))


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class OpportunityViewSet(WriteViewSet):
    queryset = Opportunity.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.OpportunitySerializer
    write_serializer_class = s.OpportunityWriteSerializer

    def base_queryset(self) -> QuerySet:
        return _opportunities_for(self.request)

    def perform_write(self, instance: Opportunity | None, data: dict) -> Opportunity:
        related = {name: data.pop(name) for name in ("age_groups", "disabilities", "skills") if name in data}
        if instance is None:
            return opportunity_services.opportunity_create(data=data, **related, by=self.request.user)
        # A partial update leaves the many-valued choices that were not sent as they are.
        current = {
            "age_groups": [item.age_group for item in instance.age_groups.all()],
            "disabilities": [item.kind for item in instance.suited_disabilities.all()],
            "skills": list(instance.skills.all()),
            "campaigns": list(instance.campaigns.all()),
        }
        return opportunity_services.opportunity_update(
            opportunity=instance, data=data, **{**current, **related}, by=self.request.user
        )

    @extend_schema(request=s.OpportunityStatusSerializer, responses=s.OpportunitySerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        opportunity = self.get_object()
        _refuse_unless(can_edit_opportunity(request.user, opportunity))
        serializer = s.OpportunityStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        opportunity_services.opportunity_set_status(
            opportunity=opportunity, status=serializer.validated_data["status"], by=request.user
        )
        return self.respond(opportunity)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE, record_filter("opportunity")]))
class SessionViewSet(WriteViewSet):
    queryset = Session.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.SessionSerializer
    write_serializer_class = s.SessionWriteSerializer

    def base_queryset(self) -> QuerySet:
        # Correlated subqueries, counted for the page's rows only: a grouped COUNT over the
        # join would count every session's registrations before the page is cut (0.8 s over a
        # million registrations).
        sessions = Session.objects.filter(opportunity__in=_opportunities_for(self.request)).annotate(
            confirmed_count=registrations_counted([RegistrationStatus.CONFIRMED]),
            offered_count=registrations_counted([RegistrationStatus.OFFERED]),
        )
        if opportunity := record_filter_value(self.request, "opportunity"):
            sessions = sessions.filter(opportunity=opportunity)
        return sessions

    def perform_write(self, instance: Session | None, data: dict) -> Session:
        opportunity = data.pop("opportunity", None)
        if instance is None:
            return opportunity_services.session_create(
                opportunity=opportunity, data=data, by=self.request.user
            )
        return opportunity_services.session_update(session=instance, data=data, by=self.request.user)

    @extend_schema(request=s.AttendanceSerializer, responses={200: s.RegistrationSerializer(many=True)})
    # The answer is the changed registrations as a plain list, not a page of them.
    @action(detail=True, methods=["post"], pagination_class=None)
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        session = self.get_object()
        _refuse_unless(can_edit_opportunity(request.user, session.opportunity))
        serializer = s.AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marks = {row["registration"]: row["attended"] for row in serializer.validated_data["attendance"]}
        registration_services.attendance_mark(session=session, attended=marks, by=request.user)
        return self._registrations(session, marks)

    @extend_schema(request=s.CompletionSerializer, responses={200: s.RegistrationSerializer(many=True)})
    # The answer is the changed registrations as a plain list, not a page of them.
    @action(detail=True, methods=["post"], pagination_class=None)
    def complete(self, request: Request, pk: str | None = None) -> Response:
        session = self.get_object()
        _refuse_unless(can_edit_opportunity(request.user, session.opportunity))
        serializer = s.CompletionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = serializer.validated_data["registrations"]
        registration_services.registrations_complete(session=session, registration_ids=ids, by=request.user)
        return self._registrations(session, ids)

    def _registrations(self, session: Session, ids: Any) -> Response:
        registrations = session.registrations.filter(pk__in=list(ids)).select_related("learner__user")
        return Response(
            s.RegistrationSerializer(registrations, many=True, context=self.get_serializer_context()).data
        )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE, record_filter("session")]))
class RegistrationViewSet(ReadViewSet):
    """Registrations for the caller's own sessions (they carry personal data)."""

    queryset = Registration.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.RegistrationSerializer

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else response.data
        self._record_access(request, "api registrations", len(rows))
        return response

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        self._record_access(request, "api registration", 1)
        return response

    @staticmethod
    def _record_access(request: Any, what: str, records: int) -> None:
        # Who received whose personal data: the token's entity (or the signed-in user).
        token = getattr(request, "auth", None)
        audit_personal_data_access(
            actor=request.user,
            instance=getattr(token, "entity", None) or request.user,
            what=what,
            records=records,
        )

    def base_queryset(self) -> QuerySet:
        registrations = Registration.objects.select_related("learner__user")
        own = _own_entities(self.request)
        if own is not None:
            registrations = registrations.filter(session__opportunity__provider__in=own)
        if session := record_filter_value(self.request, "session"):
            registrations = registrations.filter(session=session)
        return registrations


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ActionItemViewSet(ReadViewSet):
    """The caller's entity's action items; progress notes (and status) through `progress`."""

    queryset = ActionItem.objects.none()  # the model, for the schema; get_queryset scopes the rows
    serializer_class = s.ActionItemSerializer

    def base_queryset(self) -> QuerySet:
        items = ActionItem.objects.all()
        own = _own_entities(self.request)
        if own is not None:
            items = items.filter(owner_entity__in=own)
        return items

    @extend_schema(request=s.ActionItemProgressSerializer, responses=s.ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        serializer = s.ActionItemProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action_item_add_progress(item=item, by=request.user, **serializer.validated_data)
        return Response(s.ActionItemSerializer(ActionItem.objects.get(pk=item.pk)).data)
