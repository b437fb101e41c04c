"""Expertise exchange and partnership: partners learn from each other (practices, channels),
find each other (the marketplace) and tell the public what came of it (stories)."""

from learningcity.collaboration.models.channels import ChannelPost
from learningcity.collaboration.models.marketplace import Need, NeedKind, Pledge, PledgeStatus
from learningcity.collaboration.models.practices import (
    Practice,
    PracticeAttachment,
    PracticeComment,
    PracticeMark,
    ReviewStatus,
)
from learningcity.collaboration.models.stories import Story, StoryKind

__all__ = [
    "ChannelPost",
    "Need",
    "NeedKind",
    "Pledge",
    "PledgeStatus",
    "Practice",
    "PracticeAttachment",
    "PracticeComment",
    "PracticeMark",
    "ReviewStatus",
    "Story",
    "StoryKind",
]
