"""Open Badges 3.0 credentials as a wallet and a verifier meet them.

Every credential is checked against 1EdTech's own JSON Schema and the issuer profile against
its own (tests/standards/open_badges, copied unedited), with every format the schemas declare
checked too. The JWT is verified by an independent JOSE library, jwcrypto, the way a wallet
does it (OB 3.0 §8.2.6): from the token and what its addresses serve over HTTP, nothing else —
the key its `kid` names, the issuer its `iss` names, and the revocation list its
`credentialStatus` names (W3C Bitstring Status List), which revoking the certificate flips.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import gzip
import json
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse
from django.utils import timezone
from jwcrypto import jwk, jws
from jwcrypto import jwt as jose_jwt

from learningcity.catalogue import credentials
from learningcity.catalogue.services.certificates import certificate_revoke
from learningcity.catalogue.services.registrations import attendance_mark, registrations_complete
from tests.conftest import client_for
from tests.factories import LearnerFactory, SessionFactory

STANDARDS = Path(__file__).resolve().parents[1] / "standards" / "open_badges"
ACHIEVEMENT_CREDENTIAL = json.loads((STANDARDS / "achievementcredential.json").read_text())
PROFILE = json.loads((STANDARDS / "profile.json").read_text())
JWT_CLAIMS = {"iss", "jti", "sub", "nbf", "exp"}


def schema_errors(schema: dict, document: dict) -> list[str]:
    validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.FormatChecker())
    return sorted(
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    )


def _issue(opportunity, coordinator, name: str, username: str):
    started = timezone.now() - dt.timedelta(hours=3)
    session = SessionFactory(
        opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    learner = LearnerFactory(full_name=name, user__username=username)
    registration = session.registrations.create(learner=learner, status="confirmed", confirmed_at=started)
    attendance_mark(session=session, attended={registration.pk: True}, by=coordinator)
    registrations_complete(session=session, registration_ids=[registration.pk], by=coordinator)
    return registration.certificate


@pytest.fixture
def certificate(opportunity, coordinator_a):
    return _issue(opportunity, coordinator_a, "نورة الحربي", "noura")


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the live test server
        return response.headers.get_content_type(), response.read()


def _verified_claims(token: str) -> dict:
    """What a wallet does: read the header, fetch the key its `kid` names, verify."""
    envelope = jws.JWS()
    envelope.deserialize(token)
    header = envelope.jose_header
    # OB 3.0 §8.2.3: "Additional JOSE Headers are NOT allowed."
    assert set(header) == {"alg", "kid", "typ"}, header
    assert header["typ"] == "JWT"
    content_type, body = _fetch(header["kid"])
    assert content_type == "application/jwk+json"
    published = json.loads(body)
    assert "d" not in published  # never the private key
    key = jwk.JWK(**published)
    verified = jose_jwt.JWT(jwt=token, key=key, algs=[header["alg"]], expected_type="JWS")
    return json.loads(verified.claims)


def _revoked(list_token: str, index: int) -> bool:
    """W3C Bitstring Status List §3.2: multibase base64url, GZIP, bit 0 leftmost."""
    status_list = _verified_claims(list_token)
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = status_list["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072  # the specification's minimum, for herd privacy
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


@pytest.mark.django_db
def test_every_kind_of_credential_validates_against_the_official_schema(opportunity, coordinator_a, settings):
    completion = _issue(opportunity, coordinator_a, "نورة الحربي", "noura")
    opportunity.credential = "attendance"
    opportunity.hours = 0
    opportunity.save()
    attendance = _issue(opportunity, coordinator_a, "Sara Ahmed", "sara")
    for certificate in (completion, attendance):
        credential = credentials.achievement_credential(certificate)
        assert schema_errors(ACHIEVEMENT_CREDENTIAL, credential) == [], certificate.credential
        assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
        assert credential["credentialSubject"]["id"].startswith("urn:uuid:")
    assert completion.registration.learner_id != attendance.registration.learner_id
    ids = {credentials.achievement_credential(c)["credentialSubject"]["id"] for c in (completion, attendance)}
    assert len(ids) == 2  # one id per learner, the same in every credential they hold


@pytest.mark.django_db
def test_the_official_schema_refuses_what_the_platform_used_to_issue(certificate):
    """Guard against a schema that accepts anything: VC 1.1's context and issuanceDate fail."""
    credential = credentials.achievement_credential(certificate)
    old = copy.deepcopy(credential)
    old["@context"][0] = "https://www.w3.org/2018/credentials/v1"
    old["issuanceDate"] = old.pop("validFrom")
    errors = schema_errors(ACHIEVEMENT_CREDENTIAL, old)
    assert any("validFrom" in error for error in errors)
    assert any(error.startswith("['@context', 0]") for error in errors)


@pytest.mark.django_db(transaction=True)
def test_a_wallet_verifies_the_credential_from_its_addresses_alone(
    live_server, settings, opportunity, coordinator_a
):
    settings.PLATFORM_BASE_URL = live_server.url
    certificate = _issue(opportunity, coordinator_a, "نورة الحربي", "noura")
    learner = client_for(certificate.registration.learner.user)
    token = learner.get(f"/ar/certificates/{certificate.uuid}/credential.json?format=jwt").content.decode()

    claims = _verified_claims(token)
    credential = {name: value for name, value in claims.items() if name not in JWT_CLAIMS}
    assert schema_errors(ACHIEVEMENT_CREDENTIAL, credential) == []
    # OB 3.0 §8.2.6.1: the registered claims repeat the credential's own members.
    assert claims["iss"] == credential["issuer"]["id"]
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["jti"] == credential["id"]
    assert dt.datetime.fromtimestamp(claims["nbf"], dt.UTC) == dt.datetime.fromisoformat(
        credential["validFrom"]
    )
    # Every address the credential publishes answers where the verifier is, not elsewhere.
    for address in (
        credential["id"],
        credential["issuer"]["id"],
        credential["credentialStatus"]["statusListCredential"],
    ):
        assert address.startswith(live_server.url), address
    content_type, issuer = _fetch(credential["issuer"]["id"])
    profile = json.loads(issuer)
    assert profile["id"] == credential["issuer"]["id"]
    assert schema_errors(PROFILE, profile) == []
    assert _fetch(credential["id"])[0] == "text/html"  # the public verification page

    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    index = int(status["statusListIndex"])
    assert not _revoked(_fetch(status["statusListCredential"])[1].decode(), index)
    certificate_revoke(certificate=certificate, reason="شهادة صدرت بالخطأ", by=coordinator_a)
    assert _revoked(_fetch(status["statusListCredential"])[1].decode(), index)


@pytest.mark.django_db
def test_a_tampered_or_foreign_credential_fails_an_independent_verifier(client, certificate):
    key = jwk.JWK(**client.get(reverse("credentials:key", args=[credentials.key_id()])).json())
    token = credentials.sign(credentials.achievement_credential(certificate))
    jose_jwt.JWT(jwt=token, key=key, algs=["EdDSA"])  # the genuine one verifies
    header, payload, signature = token.split(".")
    claims = json.loads(credentials.b64url_decode(payload))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "شخص آخر"
    forged = f"{header}.{credentials.b64url(json.dumps(claims).encode())}.{signature}"
    with pytest.raises(jws.InvalidJWSSignature):
        jose_jwt.JWT(jwt=forged, key=key, algs=["EdDSA"])
    foreign = credentials.sign(credentials.achievement_credential(certificate), Ed25519PrivateKey.generate())
    with pytest.raises(jws.InvalidJWSSignature):
        jose_jwt.JWT(jwt=foreign, key=key, algs=["EdDSA"])


@pytest.mark.django_db
def test_the_key_set_lists_the_key_and_an_unknown_key_is_not_found(client):
    keys = client.get("/credentials/keys").json()["keys"]
    assert [key["kid"] for key in keys] == [credentials.key_url()]
    assert client.get("/credentials/keys/not-a-key").status_code == 404


def test_the_signing_key_comes_from_settings_when_configured(settings):
    seed = bytes(range(32))
    settings.CREDENTIAL_SIGNING_KEY = base64.urlsafe_b64encode(seed).decode().rstrip("=")
    expected = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    assert credentials.public_jwk() == credentials.public_jwk(expected)
    assert credentials.key_id() == credentials.key_id(expected)
