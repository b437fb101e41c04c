"""Delivery receipts from the WhatsApp Business Cloud API's webhook (notifications/
delivery_reports.py): the one-time verification, a signed status call, and refusals."""

import hashlib
import hmac
import json

import pytest
from django.test import Client

from learningcity.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db

SECRET, TOKEN = "app-secret", "verify-token"


@pytest.fixture
def configured(settings):
    settings.WHATSAPP_APP_SECRET, settings.WHATSAPP_VERIFY_TOKEN = SECRET, TOKEN


def _call(payload, secret=SECRET):
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return Client().post(
        "/hooks/whatsapp/", body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature
    )


def _statuses(*statuses):
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "966110000000",
                                "phone_number_id": "106540352242922",
                            },
                            "statuses": list(statuses),
                        },
                    }
                ],
            }
        ],
    }


def test_the_webhook_is_verified_with_the_token_given_to_meta(configured):
    ok = Client().get(
        "/hooks/whatsapp/",
        {"hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "1158201444"},
    )
    assert (ok.status_code, ok.content) == (200, b"1158201444")
    wrong = Client().get(
        "/hooks/whatsapp/", {"hub.mode": "subscribe", "hub.verify_token": "x", "hub.challenge": "1"}
    )
    assert wrong.status_code == 403


def test_a_signed_delivery_receipt_marks_the_message_delivered(configured):
    message = OutboundMessage.objects.create(
        channel="whatsapp", kind="registration.confirmed", to="966512345678", body="تأكيد",
        status="sent", provider="whatsapp_cloud", provider_message_id="wamid.HBgLOTY2NTEy",
    )  # fmt: skip
    failed = OutboundMessage.objects.create(
        channel="whatsapp", kind="registration.confirmed", to="966512345679", body="تأكيد",
        status="sent", provider="whatsapp_cloud", provider_message_id="wamid.OTHER",
    )  # fmt: skip
    response = _call(
        _statuses(
            {"id": "wamid.HBgLOTY2NTEy", "status": "delivered", "timestamp": "1765011600", "recipient_id": "966512345678"},
            {"id": "wamid.OTHER", "status": "failed", "timestamp": "1765011601", "recipient_id": "966512345679",
             "errors": [{"code": 131026, "title": "Message undeliverable"}]},
            {"id": "wamid.NOT-OURS", "status": "read", "timestamp": "1765011602", "recipient_id": "966500000000"},
        )
    )  # fmt: skip
    assert response.status_code == 200
    message.refresh_from_db()
    failed.refresh_from_db()
    assert message.status == "delivered" and message.delivered_at.timestamp() == 1765011600
    assert (failed.status, failed.error) == ("failed", "131026: Message undeliverable")


def test_an_unsigned_or_wrongly_signed_call_changes_nothing(configured):
    message = OutboundMessage.objects.create(
        channel="whatsapp",
        kind="x",
        to="966512345678",
        body="b",
        status="sent",
        provider_message_id="wamid.A",
    )
    assert (
        _call(_statuses({"id": "wamid.A", "status": "delivered"}), secret="not-the-secret").status_code == 403
    )
    assert Client().post("/hooks/whatsapp/", "{}", content_type="application/json").status_code == 403
    message.refresh_from_db()
    assert message.status == "sent"


def test_without_a_configured_secret_the_webhook_is_closed(settings):
    settings.WHATSAPP_APP_SECRET = ""
    assert Client().get("/hooks/whatsapp/", {"hub.mode": "subscribe"}).status_code == 403
    assert _call(_statuses()).status_code == 403


# Unifonic: the receipts its DLR webhook sends, at the address holding our secret.

DLR_SECRET = "dlr-secret-in-the-address"


@pytest.fixture
def unifonic_sent(providers, settings, django_capture_on_commit_callbacks):
    """A text sent through the local Unifonic server by the pipeline, and the log entry."""
    from django.utils import timezone

    from learningcity.notifications.said import said
    from learningcity.notifications.services import notify
    from tests.factories import LearnerFactory

    settings.UNIFONIC_DLR_SECRET = DLR_SECRET
    learner = LearnerFactory(user__email="", mobile="+966512345678", mobile_verified_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[learner.user], kind="registration.confirmed", title=said("Your place is confirmed")
        )
    return OutboundMessage.objects.get(recipient=learner.user, channel="sms")


def test_a_unifonic_receipt_marks_the_text_delivered_when_the_network_said_so(providers, unifonic_sent):
    assert unifonic_sent.status == "sent" and unifonic_sent.provider == "unifonic"
    receipt = providers.unifonic_receipt("966512345678")
    response = Client().post(f"/hooks/unifonic/{DLR_SECRET}/", receipt)
    assert response.status_code == 200
    unifonic_sent.refresh_from_db()
    assert unifonic_sent.status == "delivered"
    # SCTS is the account's (Riyadh) time: 09:00:04 there is 06:00:04 UTC.
    assert unifonic_sent.delivered_at.isoformat() == "2026-12-06T06:00:04+00:00"


def test_an_undeliverable_receipt_fails_the_text_and_says_so(providers, unifonic_sent):
    receipt = providers.unifonic_receipt("966512345678", dlr="Undeliverable")
    Client().post(f"/hooks/unifonic/{DLR_SECRET}/", json.dumps(receipt), content_type="application/json")
    unifonic_sent.refresh_from_db()
    assert (unifonic_sent.status, unifonic_sent.error) == ("failed", "Unifonic: Undeliverable")
    assert unifonic_sent.delivered_at is None


def test_a_unifonic_receipt_at_another_address_or_for_another_number_changes_nothing(
    providers, unifonic_sent, settings
):
    receipt = providers.unifonic_receipt("966512345678")
    assert Client().post("/hooks/unifonic/guessed/", receipt).status_code == 403
    settings.UNIFONIC_DLR_SECRET = ""
    assert Client().post("/hooks/unifonic/guessed/", receipt).status_code == 403
    settings.UNIFONIC_DLR_SECRET = DLR_SECRET
    # The right address, but the message id with another number: not ours to change.
    forged = {**receipt, "Recipient": "966500000000"}
    assert Client().post(f"/hooks/unifonic/{DLR_SECRET}/", forged).status_code == 200
    assert Client().get(f"/hooks/unifonic/{DLR_SECRET}/").status_code == 405
    unifonic_sent.refresh_from_db()
    assert unifonic_sent.status == "sent"
