from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Expertise exchange and partnership (تبادل الخبرات والشراكات): the practice library, the
    tracks' channels, the partnership marketplace and the public success stories."""

    name = "learningcity.collaboration"
    label = "collaboration"
    verbose_name = _("Expertise exchange and partnership")

    def ready(self) -> None:
        from learningcity.collaboration.models import Story
        from learningcity.collaboration.permissions import (
            may_download_channel_file,
            may_download_practice_file,
        )
        from learningcity.collaboration.selectors import STORIES_CACHE
        from learningcity.core.cache import invalidate_on
        from learningcity.core.files import register_document
        from learningcity.partners.models import Entity
        from learningcity.programme.models import Initiative

        invalidate_on(STORIES_CACHE, Story, Entity, Initiative)

        register_document(
            "practice-attachment", "collaboration.PracticeAttachment", "file", may_download_practice_file
        )
        register_document(
            "channel-attachment", "collaboration.ChannelPost", "attachment", may_download_channel_file
        )
