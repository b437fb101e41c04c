from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "learningcity.identity"
    label = "identity"
    verbose_name = _("Sign-in with identity providers")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from learningcity.identity import linking

        linking.register_national_identity_proof()
        # A link waiting for its proof is made when the person signs in as the account.
        user_logged_in.connect(linking.link_after_proof, dispatch_uid="identity.link_after_proof")
