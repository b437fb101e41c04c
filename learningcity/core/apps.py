from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "learningcity.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        # Imported for what they register: the deployment checks, the sign-in counters and the
        # integer `in` lookup that ignores ids no column can hold.
        from learningcity.core import checks, lookups, signin_limits  # noqa: F401


class PlatformAdminConfig(admin_apps.AdminConfig):
    """Django's admin, answering to the platform's roles instead of the is_staff flag."""

    default = False
    default_site = "learningcity.core.admin_site.PlatformAdminSite"
