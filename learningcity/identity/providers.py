"""The identity providers configured in settings (IDENTITY_PROVIDERS), each an Authlib OpenID
Connect client built from its discovery document: the authorization-code flow with PKCE (S256),
`state` and `nonce` kept in the session, and the ID token's signature (the provider's published
keys) and claims (issuer, audience, expiry, nonce) checked when the code is exchanged.

Why Authlib: it reads the discovery document, handles several providers side by side, and
checks ID tokens against the provider's JWKS; mozilla-django-oidc takes one provider and its
endpoints by hand, and django-allauth would bring a second account system beside ours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The provider as people call it ("Nafath"), unless OIDC_<NAME>_LABEL_AR / _LABEL_EN say.
DEFAULT_LABELS = {
    "national": _("the national single sign-on"),
    "organisation": _("your organisation's account"),
}


@dataclass(frozen=True)
class Provider:
    name: str
    kind: str
    config: dict[str, Any]

    @property
    def label(self) -> str:
        own = self.config.get("label_en" if get_language() == "en" else "label_ar")
        return own or str(DEFAULT_LABELS[self.kind])

    @property
    def button(self) -> str:
        return _("Sign in with %(provider)s") % {"provider": self.label}

    @property
    def client(self) -> Any:
        return _client(
            self.name,
            self.config["discovery_url"],
            self.config["client_id"],
            self.config["client_secret"],
            self.config["scopes"],
        )


def configured(kind: str | None = None) -> list[Provider]:
    """The providers that can be used, in the order they are named (of one kind if asked)."""
    return [
        Provider(name, config["kind"], config)
        for name, config in settings.IDENTITY_PROVIDERS.items()
        if config.get("discovery_url")
        and config.get("client_id")
        and (kind is None or config["kind"] == kind)
    ]


def provider(name: str) -> Provider:
    for candidate in configured():
        if candidate.name == name:
            return candidate
    raise Http404


@cache
def _client(name: str, discovery_url: str, client_id: str, client_secret: str, scopes: str) -> Any:
    # One client per configuration, kept for the process: its discovery document and keys are
    # fetched once (a key it does not know makes Authlib fetch the keys again).
    registry = OAuth()
    return registry.register(
        name=name,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=discovery_url,
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "timeout": 10},
    )
