from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    # Users and roles get an app of their own (DESIGN.md put roles in core) because the
    # custom user model must exist before any other app's first migration.
    name = "learningcity.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
