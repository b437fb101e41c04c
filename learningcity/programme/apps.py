from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "learningcity.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from learningcity.core.cache import invalidate_on
        from learningcity.core.files import register_document
        from learningcity.core.reference import register_reference
        from learningcity.programme.models import Initiative, Track
        from learningcity.programme.reference import seed_axes
        from learningcity.programme.selectors import PROGRAMME_CACHE

        invalidate_on(PROGRAMME_CACHE, Initiative, Track)

        register_reference(lambda: f"{len(seed_axes())} axes")

        register_document("initiative-document", "programme.InitiativeDocument", "file")
        register_document("evaluation-evidence", "programme.Evaluation", "evidence")
