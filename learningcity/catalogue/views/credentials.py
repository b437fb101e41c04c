"""What a verifier fetches to check a certificate's credential, outside any language prefix:
the issuer's profile, its public keys and its revocation list."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from learningcity.catalogue import credentials, selectors, status_list


def _json(body: dict, content_type: str) -> HttpResponse:
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=2), content_type=content_type)
    # Verifiers and wallets fetch these from other origins.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def issuer(request: HttpRequest) -> HttpResponse:
    """The issuer profile every credential names (`issuer.id` and the JWTs' `iss`)."""
    profile = {"@context": credentials.CONTEXTS, **credentials.issuer_profile()}
    return _json(profile, "application/ld+json; charset=utf-8")


@require_GET
def key_set(request: HttpRequest) -> HttpResponse:
    """The issuer's public keys as a JWK Set (RFC 7517 §5)."""
    return _json({"keys": [credentials.public_jwk()]}, "application/jwk-set+json")


@require_GET
def key(request: HttpRequest, kid: str) -> HttpResponse:
    """One public key as a JWK: what a JWT's `kid` dereferences to (Open Badges 3.0 §8.2.6)."""
    if kid != credentials.key_id():
        raise Http404
    return _json(credentials.public_jwk(), "application/jwk+json")


@require_GET
def revocation_list(request: HttpRequest) -> HttpResponse:
    """The signed Bitstring Status List of revoked certificates, as a VC-JWT."""
    token = credentials.sign(status_list.revocation_list_credential(selectors.revoked_certificate_numbers()))
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    # A verifier may cache it a little; a revocation shows within five minutes at most.
    response["Cache-Control"] = "public, max-age=300"
    return response
