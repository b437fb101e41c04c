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

        from learningcity.core.retention import register_retention
        from learningcity.exchange.models import ExportJob, ImportRun, delete_old_files

        register_retention("import_files_deleted", "import_file", delete_old_files(ImportRun))
        register_retention("export_files_deleted", "export_file", delete_old_files(ExportJob))
