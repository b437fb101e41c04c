from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataCollectionConfig(AppConfig):
    """Indicator data a ministry can stand behind (DHIS2's aggregate data collection): data
    sets entered as one form per period and place, checked by the validation rules, approved
    level by level up the place hierarchy, and locked once approved."""

    name = "learningcity.datacollection"
    label = "datacollection"
    verbose_name = _("Data collection")

    def ready(self) -> None:
        from learningcity.datacollection import tasks  # noqa: F401 - registers the periodic job
        from learningcity.datacollection.selectors import not_under_approval
        from learningcity.indicators.held import register_holder

        register_holder(not_under_approval)
