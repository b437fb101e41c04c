from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Expertise exchange and partnership (تبادل الخبرات والشراكات): the practice library, the
    tracks' channels, the partnership marketplace and the public success stories."""

    name = "learningcity.collaboration"
    label = "collaboration"
    verbose_name = _("Expertise exchange and partnership")

    def ready(self) -> None:
        from learningcity.collaboration.permissions import (
            may_download_channel_file,
            may_download_practice_file,
        )
        from learningcity.core.files import register_document

        register_document(
            "practice-attachment", "collaboration.PracticeAttachment", "file", may_download_practice_file
        )
        register_document(
            "channel-attachment", "collaboration.ChannelPost", "attachment", may_download_channel_file
        )
