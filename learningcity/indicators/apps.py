from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "learningcity.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # The cached scorecard (views/dashboard.py) depends on the indicators, their values
        # and targets, the frameworks they sit in and the places values roll up through.
        from learningcity.core.cache import invalidate_on
        from learningcity.core.files import register_document
        from learningcity.core.models import Governorate, LearningCity, Region
        from learningcity.core.reference import register_reference
        from learningcity.indicators import tasks  # noqa: F401 - registers the periodic job
        from learningcity.indicators.kept_series import values_changed
        from learningcity.indicators.models import (
            Framework,
            FrameworkNode,
            Indicator,
            IndicatorTarget,
            Measurement,
        )
        from learningcity.indicators.reference import seed_frameworks
        from learningcity.indicators.selectors import INDICATORS_CACHE

        invalidate_on(
            INDICATORS_CACHE,
            Indicator,
            Measurement,
            IndicatorTarget,
            Framework,
            FrameworkNode,
            Region,
            LearningCity,
            Governorate,
            m2m=[Indicator.framework_nodes.through],
        )

        # Each indicator's kept series (kept_series.py) depends on its own values only.
        def values_changed_one(instance: Measurement, **kwargs: object) -> None:
            values_changed([instance.indicator_id])

        post_save.connect(values_changed_one, sender=Measurement, dispatch_uid="indicator-values:save")
        post_delete.connect(values_changed_one, sender=Measurement, dispatch_uid="indicator-values:delete")
        register_document("measurement-evidence", "indicators.Measurement", "evidence")
        register_reference(lambda: seed_frameworks() or "the indicator frameworks")
