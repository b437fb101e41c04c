"""Writing success stories and their review. A story a coordinator writes or changes waits for
a programme manager before the public sees it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.collaboration.models import ReviewStatus, Story
from learningcity.collaboration.permissions import can_edit_story, is_manager
from learningcity.collaboration.services.common import programme_managers, require, stored_message
from learningcity.core.services import model_create, model_update
from learningcity.notifications.services import notify
from learningcity.partners.permissions import can_edit_entity


@transaction.atomic
def story_save(*, data: Mapping[str, Any], by: Any, story: Story | None = None) -> Story:
    require(can_edit_entity(by, data.get("entity")), _("You may write stories only for your own entity."))
    if story is None:
        story = model_create(instance=Story(**data, author=by), by=by)
    else:
        require(can_edit_story(by, story))
        story, changes = model_update(instance=story, data=data, by=by)
        if not changes or is_manager(by) or story.status == ReviewStatus.SUBMITTED:
            return story
        # Changed after review: back to the programme managers before the public sees it again.
        model_update(instance=story, data={"status": ReviewStatus.SUBMITTED, "review_note": ""}, by=by)
    notify(
        recipients=programme_managers(),
        kind="story.submitted",
        title=stored_message(
            gettext_lazy("A success story awaits your review: %(title)s"), title=story.title_ar
        ),
        url=story.get_absolute_url(),
    )
    return story


def story_review(*, story: Story, publish: bool, note: str, by: Any) -> Story:
    require(is_manager(by), _("Only programme managers review stories."))
    if not publish and not note.strip():
        raise ValidationError({"note": _("Say what should change before the story is published.")})
    if publish:
        # The photo rule is checked again at publication: the story may predate it.
        story.full_clean()
    data: dict[str, Any] = {
        "status": ReviewStatus.PUBLISHED if publish else ReviewStatus.RETURNED,
        "review_note": note.strip(),
        "reviewed_by": by,
    }
    if publish and story.published_at is None:
        data["published_at"] = timezone.now()
    story = model_update(instance=story, data=data, by=by)[0]
    if story.author is not None:
        message = (
            gettext_lazy("Your story was published: %(title)s")
            if publish
            else gettext_lazy("Your story was returned: %(title)s")
        )
        notify(
            recipients=[story.author], kind="story.reviewed", title=stored_message(message, title=story.title_ar),
            body=note, url=story.get_absolute_url(),
        )  # fmt: skip
    return story
