"""What every channel back-end promises: send one message, return a receipt, or say whether
trying again later may help (a provider outage, a timeout) or not (a number that does not exist,
a rejected sender)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import requests
from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from learningcity.notifications.models import OutboundMessage


@dataclass(frozen=True)
class Receipt:
    provider: str
    message_id: str = ""
    parts: int = 1


class DeliveryFailure(Exception):
    """The provider did not take the message. `temporary`: trying again later may work."""

    temporary = True


class TemporaryFailure(DeliveryFailure):
    temporary = True


class PermanentFailure(DeliveryFailure):
    temporary = False


class Channel(Protocol):
    name: str

    def send(self, message: OutboundMessage) -> Receipt: ...


def backend_for(channel: str) -> Channel | None:
    """The configured back-end of a channel, or None when the platform does not use it."""
    path = settings.MESSAGE_CHANNEL_BACKENDS.get(channel)
    return import_string(path)() if path else None


def post(url: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
    """One HTTP POST to a provider: a refused connection, a timeout or a 5xx is temporary; the
    caller reads any other answer."""
    try:
        response = requests.post(url, headers=headers, timeout=settings.MESSAGE_PROVIDER_TIMEOUT, **kwargs)
    except requests.RequestException as error:
        raise TemporaryFailure(f"{error.__class__.__name__}: {error}"[:500]) from error
    if response.status_code >= 500 or response.status_code == 429:
        raise TemporaryFailure(f"HTTP {response.status_code}: {response.text[:300]}")
    return response


def answer(response: requests.Response) -> dict[str, Any]:
    """The provider's JSON answer; an answer that is not JSON is a provider fault (temporary)."""
    try:
        data = response.json()
    except (ValueError, json.JSONDecodeError) as error:
        raise TemporaryFailure(f"HTTP {response.status_code}: not JSON: {response.text[:200]}") from error
    return data if isinstance(data, dict) else {"data": data}
