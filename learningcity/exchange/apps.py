from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "learningcity.exchange"
    label = "exchange"
    verbose_name = _("Data exchange")

    def ready(self) -> None:
        # Imported for what they register: webhooks listen to domain events, tasks adds the
        # webhook retries to the hourly jobs.
        from learningcity.exchange import recovery, tasks, webhooks  # noqa: F401
        from learningcity.exchange.api import schema  # noqa: F401 - registers the token scheme

        recovery.register()
