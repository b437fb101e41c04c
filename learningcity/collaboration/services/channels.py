"""Posting in a track's channel, mentions (who is notified), and moderation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.accounts.models import User
from learningcity.collaboration.models import ChannelPost
from learningcity.collaboration.permissions import (
    can_use_channel,
    channel_entity_ids,
    is_manager,
    track_member_entity_ids,
)
from learningcity.core.audit import audit_record
from learningcity.core.models import AuditAction
from learningcity.core.permissions import require
from learningcity.core.services import model_create
from learningcity.notifications.said import Named, said
from learningcity.notifications.services import notify
from learningcity.partners.models import Entity
from learningcity.partners.selectors import entity_coordinator_users

# "@name": a username or an entity's short name, in Latin or Arabic letters.
MENTION = re.compile(r"(?<![\w@])@([\w.\-]+)", re.UNICODE)


def mentionable_users(track: Any) -> Any:
    """Who can be mentioned in the channel: the people who can read it."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from learningcity.accounts.models import Role

    members = Q(
        coordinator_records__entity_id__in=list(track_member_entity_ids(track)),
        coordinator_records__is_active=True,
    )
    return (
        get_user_model().objects.filter(Q(role=Role.PROGRAMME_MANAGER) | members, is_active=True).distinct()
    )


def mentionable_entities(track: Any) -> Any:
    return Entity.objects.filter(pk__in=track_member_entity_ids(track)).order_by("name_ar")


def _mentions_in(text: str, track: Any) -> tuple[list[Any], list[Entity]]:
    names = {name.rstrip(".-").casefold() for name in MENTION.findall(text)}
    if not names:
        return [], []
    users = [user for user in mentionable_users(track) if user.get_username().casefold() in names]
    entities = [
        entity
        for entity in mentionable_entities(track)
        if entity.acronym and entity.acronym.casefold() in names
    ]
    return users, entities


@transaction.atomic
def channel_post(
    *,
    track: Any,
    text: str,
    by: User,
    parent: ChannelPost | None = None,
    attachment: Any = None,
    mention_users: Iterable[Any] = (),
    mention_entities: Iterable[Entity] = (),
) -> ChannelPost:
    """Post an update or a question in the track's channel, or reply in a thread. The people
    mentioned — by name in the text (@username, @short-name) or chosen in the form — and the
    coordinators of mentioned entities are notified."""
    require(
        can_use_channel(by, track), _("Only the coordinators of this track's partner entities post here.")
    )
    if parent is not None:
        if parent.track_id != track.pk:
            raise ValidationError(_("The message you reply to is in another channel."))
        parent = parent.parent or parent  # replies stay one level deep, under the thread's first post
    if not text.strip():
        raise ValidationError({"text": _("Write a message.")})
    typed_users, typed_entities = _mentions_in(text, track)
    allowed_users = {user.pk for user in mentionable_users(track)}
    allowed_entities = track_member_entity_ids(track)
    users = {user.pk: user for user in [*typed_users, *mention_users] if user.pk in allowed_users}
    entities = {
        entity.pk: entity for entity in [*typed_entities, *mention_entities] if entity.pk in allowed_entities
    }
    entity_ids = sorted(channel_entity_ids(by, track))
    post = model_create(
        instance=ChannelPost(
            track=track,
            parent=parent,
            author=by,
            entity_id=entity_ids[0] if entity_ids and not is_manager(by) else None,
            text=text.strip(),
            attachment=attachment or "",
        ),
        by=by,
        m2m={"mentioned_users": list(users.values()), "mentioned_entities": list(entities.values())},
    )
    recipients = [*users.values(), *entity_coordinator_users(list(entities))]
    mentioned = {user.pk for user in recipients}
    if parent is not None and parent.author_id and parent.author_id not in mentioned | {by.pk}:
        # The one who started the conversation hears of each reply (unless mentioned in it).
        notify(
            recipients=[parent.author],
            kind="channel.reply",
            title=said(
                gettext_lazy("%(name)s replied in your conversation in the channel of %(track)s"),
                name=by.get_full_name() or by.get_username(),
                track=Named(track, "title"),
            ),
            body=post.text[:500],
            url=post_url(post),
        )
    notify(
        recipients=[user for user in recipients if user.pk != by.pk],
        kind="channel.mention",
        title=said(
            gettext_lazy("%(name)s mentioned you in the channel of %(track)s"),
            name=by.get_full_name() or by.get_username(),
            track=Named(track, "title"),
        ),
        body=post.text[:500],
        url=post_url(post),
    )
    return post


def post_url(post: ChannelPost) -> str:
    from django.urls import reverse

    thread = post.parent_id or post.pk
    return f"{reverse('collaboration:channel', args=[post.track_id])}?thread={thread}#post-{post.pk}"


@transaction.atomic
def channel_post_hide(*, post: ChannelPost, reason: str, by: User) -> ChannelPost:
    """Hide a post (and so its replies) from the channel; the reason stays in the audit log."""
    require(is_manager(by), _("Only programme managers moderate the channels."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the message is hidden.")})
    post.hidden_at = timezone.now()
    post.hidden_by = by
    post.hidden_reason = reason.strip()
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(
        actor=by, action=AuditAction.UPDATE, instance=post,
        changes={"hidden": [False, True], "hidden_reason": ["", post.hidden_reason]},
    )  # fmt: skip
    return post
