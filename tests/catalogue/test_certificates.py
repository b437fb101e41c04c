"""Certificates: issued on completion, a PDF in both languages with a QR code to the public
verification page, and an Open Badges 3.0 credential that validates against 1EdTech's JSON
Schema and carries a signature a third party can check."""

import base64
import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import jwt
import pymupdf as fitz
import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone
from PIL import Image

from learningcity.catalogue import credentials
from learningcity.catalogue.services.certificates import certificate_revoke
from learningcity.catalogue.services.registrations import attendance_mark, registrations_complete
from learningcity.notifications.models import Notification
from tests.conftest import client_for
from tests.factories import LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text()
)


@pytest.fixture
def certificate(opportunity, coordinator_a):
    started = timezone.now() - dt.timedelta(hours=3)
    session = SessionFactory(
        opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    learner = LearnerFactory(full_name="نورة الحربي", user__username="noura")
    registration = session.registrations.create(learner=learner, status="confirmed", confirmed_at=started)
    attendance_mark(session=session, attended={registration.pk: True}, by=coordinator_a)
    registrations_complete(session=session, registration_ids=[registration.pk], by=coordinator_a)
    return registration.certificate


def test_completion_issues_a_certificate_and_tells_the_learner(certificate):
    assert certificate.learner_name == "نورة الحربي"
    assert certificate.achievement_ar == "البرمجة بلغة الإشارة"
    assert certificate.is_valid
    assert Notification.objects.filter(
        recipient=certificate.registration.learner.user, kind="certificate.issued"
    ).exists()


def test_completion_needs_attendance_first(opportunity, coordinator_a):
    from django.core.exceptions import ValidationError

    started = timezone.now() - dt.timedelta(hours=3)
    session = SessionFactory(
        opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    registration = session.registrations.create(learner=LearnerFactory(), status="confirmed")
    with pytest.raises(ValidationError):
        registrations_complete(session=session, registration_ids=[registration.pk], by=coordinator_a)
    registration.refresh_from_db()
    assert registration.completed_at is None


def test_no_certificate_when_the_opportunity_awards_none(opportunity, coordinator_a):
    opportunity.credential = "none"
    opportunity.save()
    started = timezone.now() - dt.timedelta(hours=3)
    session = SessionFactory(
        opportunity=opportunity, starts_at=started, ends_at=started + dt.timedelta(hours=2)
    )
    registration = session.registrations.create(learner=LearnerFactory(), status="confirmed", attended=True)
    registrations_complete(session=session, registration_ids=[registration.pk], by=coordinator_a)
    registration.refresh_from_db()
    assert registration.completed_at and not hasattr(registration, "certificate")


def test_the_credential_validates_against_the_open_badges_schema(certificate):
    credential = credentials.achievement_credential(certificate)
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(credential), key=str)
    assert not errors, [error.message for error in errors]
    assert credential["credentialSubject"]["achievement"]["name"] == "البرمجة بلغة الإشارة"
    assert credential["validFrom"] == credential["issuanceDate"]


def test_the_schema_would_catch_a_broken_credential(certificate):
    # Guard against a schema that accepts anything: remove a required member and it must fail.
    credential = credentials.achievement_credential(certificate)
    del credential["credentialSubject"]["achievement"]["criteria"]
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(credential))


def test_the_signed_credential_verifies_with_an_independent_jwt_library(certificate):
    token = credentials.sign(credentials.achievement_credential(certificate))
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
    public_key = jwt.PyJWK(header["jwk"]).key
    claims = jwt.decode(token, key=public_key, algorithms=["EdDSA"], options={"verify_aud": False})
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == "نورة الحربي"
    assert claims["iss"] == claims["issuer"]["id"]
    assert claims["jti"] == claims["id"]
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    credential = {k: v for k, v in claims.items() if k not in {"iss", "jti", "sub", "nbf"}}
    assert not list(validator.iter_errors(credential))


def test_a_tampered_credential_fails_verification(certificate):
    token = credentials.sign(credentials.achievement_credential(certificate))
    header, payload, signature = token.split(".")
    claims = json.loads(credentials.b64url_decode(payload))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "شخص آخر"
    forged = f"{header}.{credentials.b64url(json.dumps(claims).encode())}.{signature}"
    with pytest.raises(ValueError):
        credentials.verify(forged)
    other_key = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError):
        credentials.verify(credentials.sign(credentials.achievement_credential(certificate), other_key))


def test_the_issuer_profile_publishes_the_key_that_verifies_the_credential(client, certificate):
    profile = client.get("/ar/certificates/issuer/").json()
    jwk = profile["verificationMethod"][0]["publicKeyJwk"]
    token = credentials.sign(credentials.achievement_credential(certificate))
    assert jwt.decode(token, key=jwt.PyJWK(jwk).key, algorithms=["EdDSA"])["id"]


def test_the_signing_key_comes_from_settings_when_configured(settings, certificate):
    seed = bytes(range(32))
    settings.CREDENTIAL_SIGNING_KEY = base64.urlsafe_b64encode(seed).decode().rstrip("=")
    expected = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    assert credentials.public_jwk() == credentials.public_jwk(expected)


def test_the_learner_downloads_the_credential_as_json_with_its_proof(certificate):
    client = client_for(certificate.registration.learner.user)
    response = client.get(f"/ar/certificates/{certificate.uuid}/credential.json")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert credentials.verify(body["proof"][0]["jwt"])["id"] == body["id"]
    jwt_response = client.get(f"/ar/certificates/{certificate.uuid}/credential.json?format=jwt")
    assert credentials.verify(jwt_response.content.decode())["id"] == body["id"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_pdf_has_the_name_achievement_and_a_qr_code_to_the_verification_page(certificate, language):
    client = client_for(certificate.registration.learner.user)
    response = client.get(f"/{language}/certificates/{certificate.uuid}/certificate.pdf?language={language}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = fitz.open(stream=response.content, filetype="pdf")
    text = "".join(page.get_text() for page in document)
    assert "نورة الحربي" in text
    assert str(certificate.uuid) in text
    assert f"/ar/certificates/{certificate.uuid}/" in text
    heading = "شهادة إتمام" if language == "ar" else "Certificate of completion"
    assert heading in text
    pix = document[0].get_pixmap(dpi=150)
    assert pix.width > pix.height  # landscape
    # Read the QR code back off the rendered page, as a phone would.
    image = Image.open(io.BytesIO(pix.tobytes("png")))
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [f"http://testserver/ar/certificates/{certificate.uuid}/"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_public_verification_page_shows_valid_name_achievement_and_issuer(client, certificate, language):
    body = client.get(f"/{language}/certificates/{certificate.uuid}/").content.decode()
    assert "نورة الحربي" in body
    assert ("شهادة صحيحة" if language == "ar" else "Valid certificate") in body
    assert certificate.issuer_ar in body or certificate.issuer_en in body
    assert certificate.achievement_ar in body or certificate.achievement_en in body
    assert "certificate.pdf" not in body  # downloads are for the learner and the provider


def test_a_revoked_certificate_says_so_with_the_reason(client, certificate, coordinator_a):
    certificate_revoke(certificate=certificate, reason="أُصدرت بالخطأ", by=coordinator_a)
    body = client.get(f"/ar/certificates/{certificate.uuid}/").content.decode()
    assert "شهادة ملغاة" in body and "أُصدرت بالخطأ" in body


def test_an_unknown_or_malformed_certificate_number_is_404(client):
    assert client.get("/ar/certificates/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/ar/certificates/not-a-uuid/").status_code == 404
