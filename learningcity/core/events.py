"""Domain events: services announce what happened; other parts (webhooks) listen.

`publish` runs listeners after the transaction commits, so a rolled-back change announces
nothing. The core knows no listener: the exchange app registers its own in `ready()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

Listener = Callable[[str, list[int], dict[str, Any]], None]
_listeners: list[Listener] = []

# The events partners can subscribe to, with what their payload describes.
EVENTS = (
    "opportunity.published",
    "registration.created",
    "action_item.assigned",
    "measurement.verified",
    "initiative.updated",
)


def subscribe(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def publish(event: str, *, entity_ids: Iterable[int | None], payload: dict[str, Any]) -> None:
    """Announce `event` to the entities it concerns (their webhooks receive it)."""
    entities = sorted({pk for pk in entity_ids if pk})
    if not entities:
        return
    for listener in list(_listeners):
        transaction.on_commit(lambda listener=listener: listener(event, entities, payload))
