from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from learningcity.core import context
from learningcity.exchange.models import TokenActor
from learningcity.exchange.tokens import token_find


class BearerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer lc_…`. The request then acts as a `TokenActor`: a coordinator of
    the token's entity only, and the audit log records the token."""

    keyword = "bearer"

    def authenticate(self, request: Any) -> tuple[TokenActor, Any] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer”, with no spaces in it."))
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from exc
        token = token_find(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid, has expired or was revoked."))
        actor = TokenActor.for_token(token)
        if not actor.is_active:
            raise exceptions.AuthenticationFailed(_("The account that made this token is no longer active."))
        context.replace(dataclasses.replace(context.current(), api_token_id=token.pk))
        return actor, token

    def authenticate_header(self, request: Any) -> str:
        return 'Bearer realm="api"'
