"""Certificates: issued on completion, a PDF in both languages with a QR code to the public
verification page, and the Open Badges 3.0 credential to download (what wallets and verifiers
make of it: test_open_badges.py)."""

import datetime as dt
import io
import json
from decimal import Decimal

import pymupdf as fitz
import pytest
import zxingcpp
from django.conf import settings
from django.utils import timezone
from PIL import Image

from learningcity.catalogue import credentials
from learningcity.catalogue.services.certificates import certificate_revoke
from learningcity.catalogue.services.registrations import attendance_mark, registrations_complete
from learningcity.notifications.models import Notification
from tests import pdf_ua
from tests.conftest import client_for
from tests.factories import LearnerFactory, SessionFactory

pytestmark = pytest.mark.django_db


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


def test_the_learner_downloads_the_credential_as_json_and_as_its_signed_jwt(certificate):
    client = client_for(certificate.registration.learner.user)
    response = client.get(f"/ar/certificates/{certificate.uuid}/credential.json")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body == credentials.achievement_credential(certificate)
    jwt_response = client.get(f"/ar/certificates/{certificate.uuid}/credential.json?format=jwt")
    assert jwt_response["Content-Type"] == "application/vc+jwt"
    assert credentials.verify(jwt_response.content.decode())["id"] == body["id"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_pdf_has_the_name_achievement_and_a_qr_code_to_the_verification_page(certificate, language):
    client = client_for(certificate.registration.learner.user)
    response = client.get(f"/{language}/certificates/{certificate.uuid}/certificate.pdf?language={language}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_ua.problems(response.content, language=language) == []
    # The administration's emblem, named, then the QR code, described.
    emblem, qr_description = pdf_ua.figure_texts(response.content)
    assert emblem.startswith("شعار" if language == "ar" else "Logo of")
    assert f"/ar/certificates/{certificate.uuid}/" in qr_description
    assert qr_description.startswith("رمز" if language == "ar" else "QR code")
    document = fitz.open(stream=response.content, filetype="pdf")
    text = "".join(page.get_text() for page in document)
    assert "نورة الحربي" in text
    assert str(certificate.uuid) in text
    assert f"/ar/certificates/{certificate.uuid}/" in text
    heading = "شهادة إتمام" if language == "ar" else "Certificate of completion"
    assert heading in text
    # A signature block for the provider and for the administration.
    signatory = (
        "مدير عام التعليم بمنطقة المدينة المنورة" if language == "ar" else "Director General of Education"
    )
    assert (
        signatory in " ".join(text.split())
        and ("عن الجهة" if language == "ar" else "For the provider") in text
    )
    pix = document[0].get_pixmap(dpi=150)
    assert pix.width > pix.height  # landscape
    # Read the QR code back off the rendered page, as a phone would.
    image = Image.open(io.BytesIO(pix.tobytes("png")))
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    # The platform's public address, whatever host the request named (core/addresses.py).
    assert decoded == [f"{settings.PLATFORM_BASE_URL}/ar/certificates/{certificate.uuid}/"]


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


# Text extraction puts a shadda where the font's ligature left it, not always on its letter.
SHADDA = "\u0651"


def _certificate_text(certificate, language="ar") -> str:
    client = client_for(certificate.registration.learner.user)
    content = client.get(
        f"/{language}/certificates/{certificate.uuid}/certificate.pdf?language={language}"
    ).content
    return " ".join("".join(page.get_text() for page in fitz.open(stream=content, filetype="pdf")).split())


@pytest.mark.parametrize(
    ("sex", "credential", "said"),
    [
        ("female", "completion", "قد أتمّت"),
        ("female", "attendance", "قد حضرت"),
        ("male", "completion", "قد أتمّ"),
        ("male", "attendance", "قد حضر"),
    ],
)
def test_the_certificate_agrees_with_the_learner_in_arabic(certificate, sex, credential, said):
    """The found case: نورة's certificate said «قد حضر», as of a man."""
    certificate.registration.learner.sex = sex
    certificate.registration.learner.save()
    certificate.credential = credential
    certificate.save()
    text = _certificate_text(certificate).replace(SHADDA, "")
    said = said.replace(SHADDA, "")
    assert f" {said} " in f" {text} "
    other = {"قد أتمت": "قد أتم", "قد حضرت": "قد حضر"}.get(said)
    assert other is None or f" {other} " not in f" {text} "
    assert "has completed" in _certificate_text(certificate, "en") or "has attended" in _certificate_text(
        certificate, "en"
    )


@pytest.mark.parametrize(
    ("hours", "arabic", "english"),
    [
        ("1", "ساعة تعلّم واحدة", "1 learning hour"),
        ("2", "ساعتا تعلّم", "2 learning hours"),
        ("10", "10 ساعات تعلّم", "10 learning hours"),
        ("12", "12 ساعة تعلّم", "12 learning hours"),
        ("2.5", "2.5 ساعة تعلّم", "2.5 learning hours"),
    ],
)
def test_the_hours_agree_with_their_number(certificate, client, hours, arabic, english):
    certificate.hours = Decimal(hours)
    certificate.save()
    # The PDF's text extracts a number beside Arabic in visual order: check the noun's form there.
    noun = arabic.replace(hours, "").strip()
    assert noun in _certificate_text(certificate)
    assert arabic in client.get(f"/ar/certificates/{certificate.uuid}/").content.decode()
    assert english in client.get(f"/en/certificates/{certificate.uuid}/").content.decode()


def test_registering_twice_is_refused_in_words_that_agree_with_the_learner(certificate):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from learningcity.catalogue.services.registrations import check_can_register

    registration = certificate.registration
    registration.session.starts_at = timezone.now() + dt.timedelta(days=2)
    registration.session.ends_at = registration.session.starts_at + dt.timedelta(hours=2)
    registration.session.save()
    for sex, expected in (("female", "أنتِ مسجّلة"), ("male", "أنت مسجّل")):
        registration.learner.sex = sex
        with translation.override("ar"), pytest.raises(ValidationError) as refused:
            check_can_register(learner=registration.learner, session=registration.session)
        assert expected in refused.value.messages[0]


def test_a_verifier_types_the_number_however_it_was_copied(client, certificate):
    typed = f"  {str(certificate.uuid).upper().replace('-', '')} "
    response = client.get("/ar/certificates/", {"number": typed})
    assert response.status_code == 302 and response["Location"] == f"/ar/certificates/{certificate.uuid}/"
    assert "/ar/certificates/" in client.get("/ar/").content.decode()  # the footer's link


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("12345", "رقم الشهادة 32 حرفًا ورقمًا"),
        ("0b1c2d3e-0000-4000-8000-000000000000", "لا توجد شهادة بهذا الرقم"),
    ],
)
def test_a_wrong_number_says_why_and_keeps_what_was_typed(client, db, number, says):
    response = client.get("/ar/certificates/", {"number": number})
    body = response.content.decode()
    assert response.status_code == 404 and says in body and f'value="{number}"' in body
    # The same page, not a bare "not found", when the number came in the address.
    response = client.get(f"/ar/certificates/{number}/")
    assert response.status_code == 404 and says in response.content.decode()
