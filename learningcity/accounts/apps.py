from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    # Users and roles get an app of their own (DESIGN.md put roles in core) because the
    # custom user model must exist before any other app's first migration.
    name = "learningcity.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(remember_language, dispatch_uid="accounts.remember_language")


def remember_language(sender: object, request: object, user: object, **kwargs: object) -> None:
    """Messages are written in the language a person signs in with (notifications/said.py)."""
    language = getattr(request, "LANGUAGE_CODE", "")
    if language and getattr(user, "language", language) != language and getattr(user, "pk", None):
        type(user).objects.filter(pk=user.pk).update(language=language)  # type: ignore[attr-defined]
        user.language = language  # type: ignore[attr-defined]
