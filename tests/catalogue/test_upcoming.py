"""Opportunity.upcoming_session_at: the stored next session that orders lists soonest first
(services/upcoming.py) follows every change to the sessions and, as sessions begin, the job."""

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.catalogue.models import Opportunity
from learningcity.catalogue.services.upcoming import refresh_upcoming_sessions
from learningcity.catalogue.tasks import refresh_upcoming_sessions as hourly_job
from tests.factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def stored(opportunity):
    return Opportunity.objects.values_list("upcoming_session_at", flat=True).get(pk=opportunity.pk)


def test_the_next_session_is_stored_as_sessions_are_added_changed_and_removed():
    opportunity = OpportunityFactory()
    assert stored(opportunity) is None
    now = timezone.now()
    later = SessionFactory(opportunity=opportunity, starts_at=now + dt.timedelta(days=9))
    assert stored(opportunity) == later.starts_at
    sooner = SessionFactory(opportunity=opportunity, starts_at=now + dt.timedelta(days=2))
    assert stored(opportunity) == sooner.starts_at
    sooner.status = "cancelled"
    sooner.save()
    assert stored(opportunity) == later.starts_at
    later.delete()
    assert stored(opportunity) is None
    SessionFactory(opportunity=opportunity, starts_at=now - dt.timedelta(days=2))  # already held
    assert stored(opportunity) is None


def test_the_job_moves_on_to_the_next_session_once_one_has_begun():
    opportunity = OpportunityFactory()
    now = timezone.now()
    first = SessionFactory(opportunity=opportunity, starts_at=now + dt.timedelta(hours=1))
    second = SessionFactory(opportunity=opportunity, starts_at=now + dt.timedelta(days=3))
    untouched = OpportunityFactory()
    SessionFactory(opportunity=untouched, starts_at=now + dt.timedelta(days=5))
    assert stored(opportunity) == first.starts_at
    two_hours_on = now + dt.timedelta(hours=2)
    # Only opportunities whose stored session has begun are looked at.
    assert refresh_upcoming_sessions(now=two_hours_on) == 1
    assert stored(opportunity) == second.starts_at
    assert refresh_upcoming_sessions(now=two_hours_on) == 0


def test_the_hourly_job_runs_the_refresh():
    opportunity = OpportunityFactory()
    session = SessionFactory(opportunity=opportunity, starts_at=timezone.now() + dt.timedelta(days=1))
    Opportunity.objects.filter(pk=opportunity.pk).update(
        upcoming_session_at=timezone.now() - dt.timedelta(hours=1)
    )
    hourly_job.call()
    assert stored(opportunity) == session.starts_at
