from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "learningcity.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from learningcity.coordination import tasks  # noqa: F401 - registers the periodic job
        from learningcity.coordination.models import ActionItem, Decision, Meeting
        from learningcity.coordination.selectors import ACTION_ITEMS_CACHE, MEETINGS_CACHE
        from learningcity.core.cache import invalidate_on
        from learningcity.core.files import register_document
        from learningcity.partners.models import Entity

        invalidate_on(ACTION_ITEMS_CACHE, ActionItem, Decision, Entity)
        invalidate_on(MEETINGS_CACHE, Meeting)

        register_document("meeting-attachment", "coordination.MeetingAttachment", "file")
        register_document("action-evidence", "coordination.ActionItemUpdate", "evidence")
