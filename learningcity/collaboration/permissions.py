"""Who may do what in expertise exchange and partnership (tested in
tests/collaboration/ and the permission matrix).

- Practice library: every staff member reads published practices, marks them useful and
  comments; coordinators write practices for their own entity, which their entity's
  coordinators and the programme managers see until a manager publishes them.
- Track channels: the coordinators of a track's member entities (owners and partners of its
  initiatives) and the programme managers read and post; managers hide posts.
- Marketplace: every staff member browses; an initiative's owner coordinators publish its
  needs and accept or decline offers; coordinators pledge for their own entity (not to their
  own initiative's needs); managers do all of it.
- Success stories: everyone reads published stories; coordinators write for their own entity;
  managers review and publish.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from learningcity.collaboration.models import Need, Practice, ReviewStatus, Story
from learningcity.core.permissions import is_manager, is_staff
from learningcity.partners.models import Entity, EntityStatus
from learningcity.partners.permissions import can_edit_entity, coordinated_entity_ids


def writing_entities(user: Any) -> Any:
    """The entities `user` may write practices, stories, posts or pledges for."""
    entities = Entity.objects.filter(status=EntityStatus.ACTIVE).order_by("name_ar")
    if is_manager(user):
        return entities
    return entities.filter(pk__in=coordinated_entity_ids(user))


def can_write_for_an_entity(user: Any) -> bool:
    return is_manager(user) or bool(coordinated_entity_ids(user))


# --- Practice library ---------------------------------------------------------------------


def visible_practices(user: Any) -> Any:
    practices = Practice.objects.all()
    if is_manager(user):
        return practices
    if not is_staff(user):
        return practices.none()
    return practices.filter(Q(status=ReviewStatus.PUBLISHED) | Q(entity_id__in=coordinated_entity_ids(user)))


def can_edit_practice(user: Any, practice: Practice) -> bool:
    return can_edit_entity(user, practice.entity_id)


def can_respond_to_practice(user: Any, practice: Practice) -> bool:
    """Mark useful and comment: on published practices, any staff member."""
    return is_staff(user) and practice.status == ReviewStatus.PUBLISHED


# --- Marketplace --------------------------------------------------------------------------


def can_keep_needs(user: Any, need_or_initiative: Any) -> bool:
    """Publish, change and close an initiative's needs; accept and decline offers."""
    initiative = getattr(need_or_initiative, "initiative", need_or_initiative)
    return can_edit_entity(user, initiative.owner_entity_id)


def pledging_entities(user: Any, need: Need) -> Any:
    return writing_entities(user).exclude(pk=need.initiative.owner_entity_id)


def can_pledge(user: Any, need: Need) -> bool:
    return pledging_entities(user, need).exists()


# --- Success stories ----------------------------------------------------------------------


def visible_stories(user: Any) -> Any:
    stories = Story.objects.all()
    if is_manager(user):
        return stories
    published = Q(status=ReviewStatus.PUBLISHED)
    if is_staff(user):
        return stories.filter(published | Q(entity_id__in=coordinated_entity_ids(user)))
    return stories.filter(published)


def can_edit_story(user: Any, story: Story) -> bool:
    return can_edit_entity(user, story.entity_id)


# --- Track channels -----------------------------------------------------------------------


def track_member_entity_ids(track: Any) -> frozenset[int]:
    """A track's member entities: those owning or partnering in one of its initiatives."""
    from learningcity.programme.models import Initiative, InitiativePartner

    cached = getattr(track, "_member_entity_ids", None)
    if cached is None:
        owners = Initiative.objects.filter(track=track).values_list("owner_entity_id", flat=True)
        partners = InitiativePartner.objects.filter(initiative__track=track).values_list(
            "entity_id", flat=True
        )
        cached = frozenset(owners) | frozenset(partners)
        track._member_entity_ids = cached
    return cached


def channel_entity_ids(user: Any, track: Any) -> frozenset[int]:
    """The member entities of the track that `user` coordinates for."""
    return coordinated_entity_ids(user) & track_member_entity_ids(track)


def can_use_channel(user: Any, track: Any) -> bool:
    """Read and post in the track's channel."""
    return is_manager(user) or bool(channel_entity_ids(user, track))


def channel_tracks(user: Any) -> Any:
    """The tracks whose channel `user` may use."""
    from learningcity.programme.models import Track

    tracks = Track.objects.select_related("axis")
    if is_manager(user):
        return tracks
    entity_ids = list(coordinated_entity_ids(user))
    return tracks.filter(
        Q(initiatives__owner_entity_id__in=entity_ids) | Q(initiatives__partners__entity_id__in=entity_ids)
    ).distinct()


# --- Files (served by core.files) ------------------------------------------------------------


def may_download_practice_file(user: Any, attachment: Any) -> bool:
    return visible_practices(user).filter(pk=attachment.practice_id).exists()


def may_download_channel_file(user: Any, post: Any) -> bool:
    return can_use_channel(user, post.track) and (post.hidden_at is None or is_manager(user))
