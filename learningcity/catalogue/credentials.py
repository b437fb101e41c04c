"""Open Badges 3.0 credentials for certificates, secured as VC-JWTs.

A certificate becomes an `OpenBadgeCredential` (1EdTech Open Badges 3.0, the class its JSON
Schema calls AchievementCredential) in the Verifiable Credentials 2.0 data model: the VC 2.0
context first and then Open Badges', `validFrom`, the learner as `credentialSubject.id`, and a
`credentialStatus` entry in the issuer's revocation list (`status_list.py`), so a wallet that
checks offline still learns when a certificate was revoked.

The JWT follows Open Badges 3.0 §8.2 (JSON Web Token Proof Format): the header has only `alg`,
`kid` and `typ`; `kid` is the URL of the public key as a JWK, which a verifier dereferences; the
payload is the credential plus `iss` (issuer.id), `jti` (id), `sub` (credentialSubject.id) and
`nbf` (validFrom). The key is Ed25519 (`EdDSA`, RFC 8037).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from learningcity.core.addresses import absolute_url
from learningcity.core.identifiers import stable_uuid

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT]
SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"


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


def _public_members(key: Ed25519PublicKey) -> dict[str, str]:
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}


def key_id(key: Ed25519PublicKey | None = None) -> str:
    """The key's RFC 7638 thumbprint: a new key gets a new id, so old and new never collide."""
    members = _public_members(key or signing_key().public_key())
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return b64url(hashlib.sha256(canonical).digest())


def key_url(key: Ed25519PublicKey | None = None) -> str:
    """Where a verifier fetches the public key (the JWT's `kid`)."""
    return absolute_url(reverse("credentials:key", args=[key_id(key)]))


def public_jwk(key: Ed25519PublicKey | None = None) -> dict[str, str]:
    key = key or signing_key().public_key()
    return {**_public_members(key), "kid": key_url(key), "use": "sig", "alg": "EdDSA"}


def issuer_id() -> str:
    return absolute_url(reverse("credentials:issuer"))


def issuer_profile() -> dict[str, Any]:
    return {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.PLATFORM_ADMINISTRATION_NAME_AR,
        "description": settings.PLATFORM_ADMINISTRATION_NAME_EN,
        "url": absolute_url("/"),
    }


def subject_id(learner_pk: int) -> str:
    """The learner's id in every credential they hold: stable, and not their name or e-mail."""
    return f"urn:uuid:{stable_uuid('learner', learner_pk)}"


def status_list_url() -> str:
    """The issuer's revocation list (a Bitstring Status List credential, `status_list.py`)."""
    return absolute_url(reverse("credentials:revocation_list"))


def status_entry(index: int) -> dict[str, str]:
    """Where the certificate's revocation bit is: its number is its index in the list."""
    url = status_list_url()
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def achievement_credential(certificate: Any) -> dict[str, Any]:
    """The unsigned Open Badges 3.0 credential for `certificate`."""
    registration = certificate.registration
    opportunity = registration.session.opportunity
    with translation.override("ar"):
        verify_url = absolute_url(certificate.get_absolute_url())
    with translation.override("en"):
        achievement_url = absolute_url(opportunity.get_absolute_url())
        creator_url = absolute_url(reverse("catalogue:provider_detail", args=[opportunity.provider_id]))
    achievement_type = "CertificateOfCompletion" if certificate.credential == "completion" else "Certificate"
    hours = float(certificate.hours)
    subject: dict[str, Any] = {
        "id": subject_id(registration.learner_id),
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
            "creator": {"id": creator_url, "type": ["Profile"], "name": certificate.issuer_ar},
            "inLanguage": "ar",
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
        "validFrom": timestamp(certificate.issued_at),
        "credentialSubject": subject,
        "credentialStatus": status_entry(certificate.pk),
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def sign(credential: dict[str, Any], key: Ed25519PrivateKey | None = None) -> str:
    """`credential` as a compact JWS (VC-JWT, Open Badges 3.0 §8.2)."""
    key = key or signing_key()
    header = {"alg": "EdDSA", "kid": key_url(key.public_key()), "typ": "JWT"}
    claims = {
        **credential,
        "iss": credential["issuer"] if isinstance(credential["issuer"], str) else credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(dt.datetime.fromisoformat(credential["validFrom"]).timestamp()),
    }
    subject = credential["credentialSubject"].get("id")
    if subject:
        claims["sub"] = subject
    signing_input = f"{_segment(header)}.{_segment(claims)}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def _segment(value: dict[str, Any]) -> str:
    return b64url(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    )


def verify(token: str, public_key: Ed25519PublicKey | None = None) -> dict[str, Any]:
    """The payload of `token` if its signature is ours; raises ValueError otherwise."""
    public_key = public_key or signing_key().public_key()
    try:
        header_part, payload_part, signature_part = token.split(".")
        public_key.verify(b64url_decode(signature_part), f"{header_part}.{payload_part}".encode("ascii"))
    except (ValueError, InvalidSignature) as exc:
        raise ValueError("The signature does not match.") from exc
    return json.loads(b64url_decode(payload_part))
