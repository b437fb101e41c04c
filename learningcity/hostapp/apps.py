from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostAppConfig(AppConfig):
    name = "learningcity.hostapp"
    verbose_name = _("Host app")
