from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "learningcity.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from learningcity.core.files import register_document

        register_document("agreement", "partners.Agreement", "document")
