from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalsConfig(AppConfig):
    """Learning festivals (مهرجانات التعلم): a call for hosts, the events they submit, the
    programme manager's review, and the public programme of the accepted events."""

    name = "learningcity.festivals"
    label = "festivals"
    verbose_name = _("Learning festivals")

    def ready(self) -> None:
        from learningcity.catalogue.models import Opportunity, Session
        from learningcity.core.cache import invalidate_on
        from learningcity.core.models import Governorate
        from learningcity.core.retention import register_retention
        from learningcity.festivals.models import Festival, FestivalEvent, FestivalTheme
        from learningcity.festivals.selectors import FESTIVALS_CACHE
        from learningcity.festivals.services import delete_declined_host_requests
        from learningcity.partners.models import Entity

        # The public programme shows the events with their hosts, places and sessions; places
        # left follow registrations within the kept page's minute, as in the catalogue.
        register_retention("host_requests_deleted", "declined_host_request", delete_declined_host_requests)
        invalidate_on(
            FESTIVALS_CACHE, Festival, FestivalTheme, FestivalEvent, Opportunity, Session, Entity, Governorate
        )
