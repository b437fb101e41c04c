from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "learningcity.catalogue"
    label = "catalogue"
    verbose_name = _("Learning opportunities")

    def ready(self) -> None:
        # Registers the catalogue's computed indicators (learners, hours, opportunities).
        from learningcity.catalogue import indicators  # noqa: F401
