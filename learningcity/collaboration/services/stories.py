"""Writing success stories and their review. A story a coordinator writes or changes waits for
a programme manager before the public sees it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.collaboration.models import Story
from learningcity.collaboration.permissions import can_edit_story
from learningcity.collaboration.services.review import ReviewWords, record_review, submit_for_review
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.partners.permissions import can_edit_entity

WORDS = ReviewWords(
    kind="story",
    awaiting=gettext_lazy("A success story awaits your review: %(title)s"),
    published=gettext_lazy("Your story was published: %(title)s"),
    returned=gettext_lazy("Your story was returned: %(title)s"),
    managers_only=gettext_lazy("Only programme managers review stories."),
    say_what=gettext_lazy("Say what should change before the story is published."),
)


@transaction.atomic
def story_save(*, data: Mapping[str, Any], by: User, story: Story | None = None) -> Story:
    require(can_edit_entity(by, data.get("entity")), _("You may write stories only for your own entity."))
    created = story is None
    changes: dict = {}
    if story is None:
        story = model_create(instance=Story(**data, author=by), by=by)
    else:
        require(can_edit_story(by, story))
        story, changes = model_update(instance=story, data=data, by=by)
    submit_for_review(story, by=by, words=WORDS, created=created, changed=created or bool(changes))
    return story


def story_review(*, story: Story, publish: bool, note: str, by: User) -> Story:
    if publish:
        # The photo rule is checked again at publication: the story may predate it.
        story.full_clean()
    stamp = {"published_at": timezone.now()} if publish and story.published_at is None else {}
    return record_review(story, publish=publish, note=note, by=by, words=WORDS, stamp=stamp)
