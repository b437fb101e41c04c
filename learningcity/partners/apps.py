from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "learningcity.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from learningcity.core.cache import invalidate_on
        from learningcity.core.files import register_document
        from learningcity.core.reference import register_reference
        from learningcity.partners.models import Coordinator, Entity
        from learningcity.partners.reference import seed_responsibilities
        from learningcity.partners.selectors import PARTNER_SUMMARY_CACHE, PARTNERS_CACHE

        invalidate_on(PARTNERS_CACHE, Entity)
        invalidate_on(PARTNER_SUMMARY_CACHE, Entity, Coordinator)

        register_reference(lambda: seed_responsibilities() or "the responsibility matrix")

        register_document("agreement", "partners.Agreement", "document")
