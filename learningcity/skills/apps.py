from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "learningcity.skills"
    label = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        # Registers the skills gap's computed indicators.
        from learningcity.skills import indicators  # noqa: F401
