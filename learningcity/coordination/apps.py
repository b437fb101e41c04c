from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "learningcity.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from learningcity.coordination import tasks  # noqa: F401 - registers the periodic job
        from learningcity.core.files import register_document

        register_document("meeting-attachment", "coordination.MeetingAttachment", "file")
        register_document("action-evidence", "coordination.ActionItemUpdate", "evidence")
