"""Open Badges 3.0 credentials for certificates, signed as VC-JWTs.

The credential is an `AchievementCredential` (1EdTech Open Badges 3.0). It carries both
`issuanceDate` (the 3.0 schema of 2023) and `validFrom` (3.0.3), so it validates against
either version of 1EdTech's JSON Schema; tests check it against the vendored schema.

It is signed as a compact JWS with Ed25519 (`alg: EdDSA`), following the spec's VC-JWT proof
format (§8.2): the JWT payload is the credential itself plus the registered claims `iss`,
`jti`, `sub` and `nbf`, and the header carries the issuer's public key as `jwk`, so a
verifier needs nothing but the token. The same key is published at the issuer profile.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.urls import reverse
from django.utils import translation

CONTEXTS = [
    "https://www.w3.org/2018/credentials/v1",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
KEY_ID = "key-1"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_key() -> Ed25519PrivateKey:
    configured = settings.CREDENTIAL_SIGNING_KEY
    if configured:
        seed = b64url_decode(configured.strip())
        if len(seed) != 32:
            raise ValueError("CREDENTIAL_SIGNING_KEY must be 32 bytes in base64url")
    else:
        # Development and tests: a stable key derived from SECRET_KEY.
        seed = hmac.new(settings.SECRET_KEY.encode(), b"open-badges-signing-key", hashlib.sha256).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_jwk(key: Ed25519PublicKey | None = None) -> dict[str, str]:
    key = key or signing_key().public_key()
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw), "kid": KEY_ID, "use": "sig", "alg": "EdDSA"}


def absolute(path: str) -> str:
    return f"{settings.PLATFORM_BASE_URL.rstrip('/')}{path}"


def issuer_profile() -> dict[str, Any]:
    with translation.override("en"):
        issuer_id = absolute(reverse("catalogue:credential_issuer"))
    return {
        "id": issuer_id,
        "type": ["Profile"],
        "name": settings.PLATFORM_ADMINISTRATION_NAME_AR,
        "description": settings.PLATFORM_ADMINISTRATION_NAME_EN,
        "url": absolute("/"),
    }


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def achievement_credential(certificate: Any) -> dict[str, Any]:
    """The unsigned Open Badges 3.0 credential for `certificate`."""
    registration = certificate.registration
    opportunity = registration.session.opportunity
    with translation.override("ar"):
        verify_url = absolute(certificate.get_absolute_url())
    with translation.override("en"):
        achievement_url = absolute(opportunity.get_absolute_url())
    issued = _timestamp(certificate.issued_at)
    achievement_type = "CertificateOfCompletion" if certificate.credential == "completion" else "Certificate"
    hours = float(certificate.hours)
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": certificate.learner_name,
                "identityType": "name",
            }
        ],
        "achievement": {
            "id": achievement_url,
            "type": ["Achievement"],
            "achievementType": achievement_type,
            "name": certificate.achievement_ar,
            "description": certificate.achievement_en or certificate.achievement_ar,
            "criteria": {
                "narrative": "أتمّ المتعلّم متطلبات فرصة التعلّم وحضورها، بحسب سجلّ الجهة المقدِّمة."
                " The learner attended and completed the learning opportunity, as recorded by its provider."
            },
            "creator": {
                "id": absolute(reverse("catalogue:provider_detail", args=[opportunity.provider_id])),
                "type": ["Profile"],
                "name": certificate.issuer_ar,
            },
            "@language": "ar",
        },
    }
    if hours:
        subject["creditsEarned"] = hours
    return {
        "@context": CONTEXTS,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.achievement_ar,
        "description": certificate.achievement_en or certificate.achievement_ar,
        "issuer": issuer_profile(),
        "issuanceDate": issued,
        "validFrom": issued,
        "credentialSubject": subject,
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def sign(credential: dict[str, Any], key: Ed25519PrivateKey | None = None) -> str:
    """The credential as a compact JWS (VC-JWT)."""
    key = key or signing_key()
    header = {
        "alg": "EdDSA",
        "typ": "JWT",
        "kid": f"{credential['issuer']['id']}#{KEY_ID}",
        "jwk": public_jwk(key.public_key()),
    }
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["identifier"][0]["identityHash"],
        "nbf": int(dt.datetime.fromisoformat(credential["issuanceDate"]).timestamp()),
    }
    signing_input = f"{_segment(header)}.{_segment(claims)}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def _segment(value: dict[str, Any]) -> str:
    return b64url(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    )


def verify(token: str, public_key: Ed25519PublicKey | None = None) -> dict[str, Any]:
    """The payload of `token` if its signature is ours; raises ValueError otherwise."""
    from cryptography.exceptions import InvalidSignature

    public_key = public_key or signing_key().public_key()
    try:
        header_part, payload_part, signature_part = token.split(".")
        public_key.verify(b64url_decode(signature_part), f"{header_part}.{payload_part}".encode("ascii"))
    except (ValueError, InvalidSignature) as exc:
        raise ValueError("The signature does not match.") from exc
    return json.loads(b64url_decode(payload_part))
