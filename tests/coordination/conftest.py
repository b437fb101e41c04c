import pytest

from learningcity.coordination.models import Invitation
from tests.factories import MeetingFactory


@pytest.fixture
def meeting(entity_a, entity_b, manager):
    """A meeting next week to which entity A (not entity B) is invited."""
    meeting = MeetingFactory(organiser=entity_a)
    Invitation.objects.create(meeting=meeting, entity=entity_a)
    return meeting
