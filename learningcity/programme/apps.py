from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "learningcity.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from learningcity.core.files import register_document

        register_document("initiative-document", "programme.InitiativeDocument", "file")
        register_document("evaluation-evidence", "programme.Evaluation", "evidence")
