"""The review every practice and story goes through: whatever a coordinator writes or changes
waits for a programme manager, who publishes it or returns it with a note. The two kinds
differ only in their words and in what publishing stamps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError

from learningcity.accounts.models import User
from learningcity.accounts.selectors import programme_managers
from learningcity.collaboration.models import Practice, ReviewStatus, Story
from learningcity.collaboration.permissions import is_manager
from learningcity.core.permissions import require
from learningcity.core.services import model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify

Reviewed = TypeVar("Reviewed", Practice, Story)


@dataclass(frozen=True)
class ReviewWords:
    kind: str  # the notifications' kind prefix: "practice", "story"
    awaiting: Any  # lazy messages with %(title)s
    published: Any
    returned: Any
    managers_only: Any
    say_what: Any


def submit_for_review(
    record: Practice | Story, *, by: User, words: ReviewWords, created: bool, changed: bool
) -> None:
    """After a write: a new record goes to the managers; a coordinator's change to a reviewed
    one sends it back (a manager's own correction stands, and one already waiting is not
    announced twice)."""
    if not created:
        if not changed or is_manager(by) or record.status == ReviewStatus.SUBMITTED:
            return
        model_update(instance=record, data={"status": ReviewStatus.SUBMITTED, "review_note": ""}, by=by)
    notify(
        recipients=programme_managers(),
        kind=f"{words.kind}.submitted",
        title=said(words.awaiting, title=Named(record, "title")),
        url=record.get_absolute_url(),
    )


def record_review(
    record: Reviewed, *, publish: bool, note: str, by: User, words: ReviewWords, stamp: dict[str, Any]
) -> Reviewed:
    """Publish `record` (writing `stamp` too) or return it with a note; its author is told."""
    require(is_manager(by), str(words.managers_only))
    if not publish and not note.strip():
        raise ValidationError({"note": str(words.say_what)})
    data = {
        "status": ReviewStatus.PUBLISHED if publish else ReviewStatus.RETURNED,
        "review_note": note.strip(),
        "reviewed_by": by,
        **stamp,
    }
    record = model_update(instance=record, data=data, by=by)[0]
    if record.author is not None:
        notify(
            recipients=[record.author],
            kind=f"{words.kind}.reviewed",
            title=said(words.published if publish else words.returned, title=Named(record, "title")),
            body=note,
            url=record.get_absolute_url(),
        )
    return record
