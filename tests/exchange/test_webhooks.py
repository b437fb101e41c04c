"""Webhooks against a real HTTP receiver on 127.0.0.1: signed payloads for the entity's events,
retries with back-off, switched off after repeated failures with the owner told."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learningcity.catalogue.services.opportunities import opportunity_set_status
from learningcity.catalogue.services.registrations import registration_create
from learningcity.exchange import webhooks
from learningcity.exchange.models import DeliveryStatus, WebhookDelivery
from learningcity.notifications.models import Notification
from tests.conftest import client_for
from tests.factories import LearnerFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Receiver:
    """A tiny HTTP server that records what it receives and answers with `status`."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body, "path": self.path})
                self.send_response(receiver.status)
                if 300 <= receiver.status < 400:
                    self.send_header("Location", "/latest/meta-data/iam")
                self.end_headers()

            def do_GET(self) -> None:  # a followed redirect would arrive here
                receiver.received.append({"headers": dict(self.headers), "body": b"", "path": self.path})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def test_a_published_opportunity_reaches_the_providers_webhook_signed(receiver, coordinator_a, entity_a):
    subscription = webhooks.subscription_create(
        entity=entity_a,
        url=receiver.url,
        event_names=["opportunity.published", "registration.created"],
        by=coordinator_a,
    )
    opportunity = OpportunityFactory(provider=entity_a, status="draft")
    session = SessionFactory(opportunity=opportunity)
    opportunity_set_status(opportunity=opportunity, status="published", by=coordinator_a)
    registration_create(learner=LearnerFactory(), session=session)

    assert [json.loads(item["body"])["event"] for item in receiver.received] == [
        "opportunity.published",
        "registration.created",
    ]
    first = receiver.received[0]
    headers = {key.lower(): value for key, value in first["headers"].items()}
    expected = hmac.new(
        subscription.secret.encode(),
        f"{headers['x-learningcity-timestamp']}.".encode() + first["body"],
        hashlib.sha256,
    ).hexdigest()
    assert headers["x-learningcity-signature"] == f"sha256={expected}"
    assert headers["x-learningcity-event"] == "opportunity.published"
    payload = json.loads(first["body"])
    assert payload["data"]["id"] == opportunity.pk and payload["data"]["title_ar"] == opportunity.title_ar
    assert "learner" not in json.dumps(json.loads(receiver.received[1]["body"]))  # no personal data
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == 2


def test_other_entities_events_are_not_sent(receiver, coordinator_a, entity_a, entity_b, manager):
    webhooks.subscription_create(
        entity=entity_a, url=receiver.url, event_names=["opportunity.published"], by=coordinator_a
    )
    opportunity = OpportunityFactory(provider=entity_b, status="draft")
    SessionFactory(opportunity=opportunity)
    opportunity_set_status(opportunity=opportunity, status="published", by=manager)
    assert receiver.received == []


def test_a_failing_receiver_is_retried_with_back_off_then_succeeds(receiver, coordinator_a, entity_a):
    webhooks.subscription_create(
        entity=entity_a, url=receiver.url, event_names=["opportunity.published"], by=coordinator_a
    )
    receiver.status = 500
    opportunity = OpportunityFactory(provider=entity_a, status="draft")
    SessionFactory(opportunity=opportunity)
    opportunity_set_status(opportunity=opportunity, status="published", by=coordinator_a)
    delivery = WebhookDelivery.objects.get()
    assert (
        delivery.status == DeliveryStatus.RETRYING
        and delivery.attempts == 1
        and delivery.response_status == 500
    )
    first_wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=50) < first_wait <= dt.timedelta(minutes=1)
    assert webhooks.retry_due() == 0  # not yet due
    webhooks.retry_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at - timezone.now() > dt.timedelta(
        minutes=1, seconds=50
    )
    receiver.status = 204
    webhooks.retry_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and len(receiver.received) == 3


def test_repeated_failures_switch_the_webhook_off_and_tell_the_owner(
    receiver, coordinator_a, entity_a, settings
):
    settings.WEBHOOK_DISABLE_AFTER = 3
    subscription = webhooks.subscription_create(
        entity=entity_a, url=receiver.url, event_names=["registration.created"], by=coordinator_a
    )
    receiver.status = 503
    session = SessionFactory(opportunity=OpportunityFactory(provider=entity_a), capacity=10)
    for learner in LearnerFactory.create_batch(3):
        registration_create(learner=learner, session=session)
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.disabled_at is not None
    assert Notification.objects.filter(recipient=coordinator_a, kind="webhook.disabled").exists()
    registration_create(learner=LearnerFactory(), session=session)
    assert len(receiver.received) == 3  # nothing more is sent


def test_an_unreachable_receiver_is_logged_not_raised(coordinator_a, entity_a):
    webhooks.subscription_create(
        entity=entity_a,
        url="http://127.0.0.1:9/nothing",
        event_names=["registration.created"],
        by=coordinator_a,
    )
    session = SessionFactory(opportunity=OpportunityFactory(provider=entity_a))
    registration_create(learner=LearnerFactory(), session=session)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.error


def test_production_refuses_private_addresses(settings, coordinator_a, entity_a):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    for url in (
        "http://example.org/hook",
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://localhost/hook",
        "https://100.64.0.1/hook",  # carrier-grade NAT
        "https://192.0.0.8/hook",  # IETF protocol assignments
        "https://[::1]/hook",
    ):
        with pytest.raises(ValidationError):
            webhooks.subscription_create(
                entity=entity_a, url=url, event_names=["registration.created"], by=coordinator_a
            )


def test_every_delivery_checks_the_address_again(settings, receiver, coordinator_a, entity_a):
    webhooks.subscription_create(
        entity=entity_a, url=receiver.url, event_names=["registration.created"], by=coordinator_a
    )
    # The name now leads inside the network (here: the setting that allowed it is gone).
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    registration_create(
        learner=LearnerFactory(), session=SessionFactory(opportunity=OpportunityFactory(provider=entity_a))
    )
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.response_status is None
    assert receiver.received == [] and delivery.error


def test_a_redirect_is_the_receivers_answer_not_an_address_to_fetch(receiver, coordinator_a, entity_a):
    receiver.status = 302
    webhooks.subscription_create(
        entity=entity_a, url=receiver.url, event_names=["registration.created"], by=coordinator_a
    )
    registration_create(
        learner=LearnerFactory(), session=SessionFactory(opportunity=OpportunityFactory(provider=entity_a))
    )
    delivery = WebhookDelivery.objects.get()
    assert [hit["path"] for hit in receiver.received] == ["/hook"]  # never /latest/meta-data/iam
    assert delivery.status == DeliveryStatus.RETRYING and delivery.response_status == 302
    assert "meta-data" not in delivery.error


def test_webhook_pages_are_for_the_entitys_coordinators(coordinator_a, coordinator_b, entity_a, receiver):
    client = client_for(coordinator_a)
    response = client.post(
        "/ar/exchange/webhooks/",
        {"entity": entity_a.pk, "url": receiver.url, "events": ["registration.created"]},
    )
    assert response.status_code == 200
    subscription = entity_a.webhooks.get()
    assert subscription.secret in response.content.decode()
    assert subscription.secret not in client.get("/ar/exchange/webhooks/").content.decode()
    assert client_for(coordinator_b).get(f"/ar/exchange/webhooks/{subscription.pk}/").status_code == 403
    assert (
        client_for(coordinator_b).post(f"/ar/exchange/webhooks/{subscription.pk}/delete/").status_code == 403
    )
    client.post(f"/ar/exchange/webhooks/{subscription.pk}/toggle/")
    subscription.refresh_from_db()
    assert not subscription.is_active
