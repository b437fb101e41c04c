from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "learningcity.exchange"
    label = "exchange"
    verbose_name = _("Data exchange")

    def ready(self) -> None:
        from learningcity.exchange import (
            recovery,
            webhooks,  # noqa: F401 - listens to domain events
        )
        from learningcity.exchange.api import schema  # noqa: F401 - registers the token scheme

        recovery.register()
