"""The claims the provider puts in its ID tokens, and the ways it can be told to misbehave
(for the tests: an ID token already expired, or signed with a key it never published)."""

from __future__ import annotations

import json
import time
from typing import Any

from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

from identity_provider.people import PEOPLE

MODE = {"id_token": "ok"}  # "ok", "expired" or "wrong_key"; set by POST /control/


class Validator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "national_id": "national_id",
        "name_en": "profile",
    }

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        person = PEOPLE.get(request.user.username, {})
        claims: dict[str, Any] = {"name": person.get("name", ""), "name_en": person.get("name_en", "")}
        if person.get("email"):
            claims.update(email=person["email"], email_verified=True)
        if person.get("phone_number"):
            claims.update(phone_number=person["phone_number"], phone_number_verified=True)
        if person.get("national_id"):
            claims["national_id"] = person["national_id"]
        return claims

    def finalize_id_token(
        self, id_token: dict[str, Any], token: Any, token_handler: Any, request: Any
    ) -> str:
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        mode = MODE["id_token"]
        if mode == "ok":
            return signed
        claims = json.loads(jwt.JWT(jwt=signed, key=request.client.jwk_key).claims)
        key = request.client.jwk_key
        if mode == "expired":
            claims["exp"] = int(time.time()) - 3600
            claims["iat"] = claims["exp"] - 300
        else:  # wrong_key: the same key id, another key
            key = jwk.JWK.generate(kty="RSA", size=2048)
        header = {"typ": "JWT", "alg": "RS256", "kid": request.client.jwk_key.thumbprint()}
        forged = jwt.JWT(header=json.dumps(header), claims=json.dumps(claims))
        forged.make_signed_token(key)
        return forged.serialize()
