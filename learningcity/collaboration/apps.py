from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Expertise exchange and partnership (تبادل الخبرات والشراكات): the practice library, the
    tracks' channels, the partnership marketplace and the public success stories."""

    name = "learningcity.collaboration"
    label = "collaboration"
    verbose_name = _("Expertise exchange and partnership")
