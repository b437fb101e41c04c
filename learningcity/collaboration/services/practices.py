"""Writing the practice library: practices (resubmitted for review whenever a coordinator
changes them), their review, attachments, useful marks and comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.collaboration.models import (
    Practice,
    PracticeAttachment,
    PracticeComment,
    PracticeMark,
)
from learningcity.collaboration.permissions import can_edit_practice, can_respond_to_practice
from learningcity.collaboration.services.review import ReviewWords, record_review, submit_for_review
from learningcity.core.audit import audit_created
from learningcity.core.permissions import require
from learningcity.core.services import model_create, model_update
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.permissions import can_edit_entity

WORDS = ReviewWords(
    kind="practice",
    awaiting=gettext_lazy("A practice awaits your review: %(title)s"),
    published=gettext_lazy("Your practice was published: %(title)s"),
    returned=gettext_lazy("Your practice was returned: %(title)s"),
    managers_only=gettext_lazy("Only programme managers review practices."),
    say_what=gettext_lazy("Say what should change before the practice is published."),
)


@transaction.atomic
def practice_save(
    *,
    data: Mapping[str, Any],
    partner_entities: Iterable[Any] = (),
    by: User,
    practice: Practice | None = None,
) -> Practice:
    """Share a practice for the entity in `data`, or change one. Whatever a coordinator writes
    waits for a programme manager's review before every partner sees it."""
    require(can_edit_entity(by, data.get("entity")), _("You may share practices only for your own entity."))
    m2m = {"partner_entities": list(partner_entities)}
    created = practice is None
    changes: dict = {}
    if practice is None:
        practice = model_create(instance=Practice(**data, author=by), by=by, m2m=m2m)
    else:
        require(can_edit_practice(by, practice))
        practice, changes = model_update(instance=practice, data=data, by=by, m2m=m2m)
    submit_for_review(practice, by=by, words=WORDS, created=created, changed=created or bool(changes))
    return practice


def practice_review(*, practice: Practice, publish: bool, note: str, by: User) -> Practice:
    """Publish the practice to every partner, or return it to its entity with a note."""
    return record_review(
        practice, publish=publish, note=note, by=by, words=WORDS, stamp={"reviewed_at": timezone.now()}
    )


def practice_attach(*, practice: Practice, title: str, file: Any, by: User) -> PracticeAttachment:
    require(can_edit_practice(by, practice))
    return model_create(
        instance=PracticeAttachment(practice=practice, title=title, file=file, uploaded_by=by), by=by
    )


@transaction.atomic
def practice_mark_useful(*, practice: Practice, useful: bool, by: User) -> bool:
    """Mark (or unmark) the practice useful; returns whether it is marked now."""
    require(can_respond_to_practice(by, practice))
    if useful:
        PracticeMark.objects.get_or_create(practice=practice, user=by)
    else:
        PracticeMark.objects.filter(practice=practice, user=by).delete()
    return useful


@transaction.atomic
def practice_comment(*, practice: Practice, text: str, by: User) -> PracticeComment:
    require(can_respond_to_practice(by, practice))
    comment = PracticeComment(practice=practice, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    audit_created(actor=by, instance=comment)
    if practice.author is not None and practice.author != by:
        notify(
            recipients=[practice.author],
            kind="practice.comment",
            title=said(
                gettext_lazy("%(name)s commented on your practice “%(title)s”"),
                name=by.get_full_name() or by.get_username(),
                title=Named(practice, "title"),
            ),
            body=comment.text[:500],
            url=f"{practice.get_absolute_url()}#comment-{comment.pk}",
        )
    return comment
