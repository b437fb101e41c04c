"""Writing the practice library: practices (resubmitted for review whenever a coordinator
changes them), their review, attachments, useful marks and comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.collaboration.models import (
    Practice,
    PracticeAttachment,
    PracticeComment,
    PracticeMark,
    ReviewStatus,
)
from learningcity.collaboration.permissions import can_edit_practice, can_respond_to_practice, is_manager
from learningcity.collaboration.services.common import programme_managers, require, stored_message
from learningcity.core.audit import audit_created
from learningcity.core.services import model_create, model_update
from learningcity.notifications.services import notify
from learningcity.partners.permissions import can_edit_entity


@transaction.atomic
def practice_save(
    *,
    data: Mapping[str, Any],
    partner_entities: Iterable[Any] = (),
    by: Any,
    practice: Practice | None = None,
) -> Practice:
    """Share a practice for the entity in `data`, or change one. Whatever a coordinator writes
    waits for a programme manager's review before every partner sees it."""
    require(can_edit_entity(by, data.get("entity")), _("You may share practices only for your own entity."))
    m2m = {"partner_entities": list(partner_entities)}
    if practice is None:
        practice = model_create(instance=Practice(**data, author=by), by=by, m2m=m2m)
    else:
        require(can_edit_practice(by, practice))
        practice, changes = model_update(instance=practice, data=data, by=by, m2m=m2m)
        if not changes or is_manager(by) or practice.status == ReviewStatus.SUBMITTED:
            return practice
        model_update(instance=practice, data={"status": ReviewStatus.SUBMITTED, "review_note": ""}, by=by)
    notify(
        recipients=programme_managers(),
        kind="practice.submitted",
        title=stored_message(
            gettext_lazy("A practice awaits your review: %(title)s"), title=practice.title_ar
        ),
        url=practice.get_absolute_url(),
    )
    return practice


def practice_review(*, practice: Practice, publish: bool, note: str, by: Any) -> Practice:
    """Publish the practice to every partner, or return it to its entity with a note."""
    require(is_manager(by), _("Only programme managers review practices."))
    if not publish and not note.strip():
        raise ValidationError({"note": _("Say what should change before the practice is published.")})
    status = ReviewStatus.PUBLISHED if publish else ReviewStatus.RETURNED
    data = {"status": status, "review_note": note.strip(), "reviewed_by": by, "reviewed_at": timezone.now()}
    practice = model_update(instance=practice, data=data, by=by)[0]
    if practice.author is not None:
        message = (
            gettext_lazy("Your practice was published: %(title)s")
            if publish
            else gettext_lazy("Your practice was returned: %(title)s")
        )
        title = stored_message(message, title=practice.title_ar)
        notify(
            recipients=[practice.author], kind="practice.reviewed", title=title, body=note,
            url=practice.get_absolute_url(),
        )  # fmt: skip
    return practice


def practice_attach(*, practice: Practice, title: str, file: Any, by: Any) -> PracticeAttachment:
    require(can_edit_practice(by, practice))
    return model_create(
        instance=PracticeAttachment(practice=practice, title=title, file=file, uploaded_by=by), by=by
    )


@transaction.atomic
def practice_mark_useful(*, practice: Practice, useful: bool, by: Any) -> bool:
    """Mark (or unmark) the practice useful; returns whether it is marked now."""
    require(can_respond_to_practice(by, practice))
    if useful:
        PracticeMark.objects.get_or_create(practice=practice, user=by)
    else:
        PracticeMark.objects.filter(practice=practice, user=by).delete()
    return useful


@transaction.atomic
def practice_comment(*, practice: Practice, text: str, by: Any) -> PracticeComment:
    require(can_respond_to_practice(by, practice))
    comment = PracticeComment(practice=practice, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    audit_created(actor=by, instance=comment)
    if practice.author is not None and practice.author != by:
        notify(
            recipients=[practice.author],
            kind="practice.comment",
            title=stored_message(
                gettext_lazy("%(name)s commented on your practice “%(title)s”"),
                name=by.get_full_name() or by.get_username(),
                title=practice.title_ar,
            ),
            body=comment.text[:500],
            url=f"{practice.get_absolute_url()}#comment-{comment.pk}",
        )
    return comment
