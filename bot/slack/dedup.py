"""Never answer one message twice: Slack's retries, `app_mention` + `message`, restarts.

Slack retries an event it thinks failed, up to three times over five minutes, with
`X-Slack-Retry-Num` (https://docs.slack.dev/apis/events-api/#retries), and one message can
arrive as both `app_mention` and `message.*`. Bolt de-duplicates neither. Two layers:

- `RecentKeys`, in memory, checked before the ack: a duplicate costs no database write and no
  thread. It knows the event id and the message's `(channel, ts)`.
- The store (`first_seen`, kept 15 minutes, shared by processes and restarts), checked after
  the ack, before replying: a retry that reaches a restarted process is still answered once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Protocol

log = logging.getLogger(__name__)

SEEN_TTL_SECONDS = 900
MESSAGE_EVENTS = {"app_mention", "message"}


class SeenKeys(Protocol):
    def first_seen(self, key: str, *, ttl_seconds: int = ...) -> bool: ...


def event_keys(body: dict[str, Any]) -> list[str]:
    """Keys that identify one delivery: the event id and, for messages, the message itself."""
    keys = []
    if body.get("event_id"):
        keys.append(f"event:{body['event_id']}")
    key = message_key(body.get("event") or {})
    if key:
        keys.append(key)
    return keys


def message_key(event: dict[str, Any]) -> str | None:
    if event.get("type") in MESSAGE_EVENTS and event.get("channel") and event.get("ts"):
        return f"message:{event['channel']}:{event['ts']}"
    return None


class RecentKeys:
    """A thread-safe, bounded, expiring set: `add_all(keys)` is True only if none was there."""

    def __init__(self, *, ttl_seconds: float = SEEN_TTL_SECONDS, max_keys: int = 50_000) -> None:
        self._ttl = ttl_seconds
        self._max = max_keys
        self._keys: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def add_all(self, keys: list[str], *, now: float | None = None) -> bool:
        clock = time.monotonic() if now is None else now
        with self._lock:
            while self._keys and (next(iter(self._keys.values())) < clock or len(self._keys) > self._max):
                self._keys.popitem(last=False)
            fresh = not any(key in self._keys for key in keys)
            for key in keys:
                self._keys[key] = clock + self._ttl
                self._keys.move_to_end(key)
            return fresh


def first_time(store: SeenKeys, event: dict[str, Any]) -> bool:
    """The durable check for a message (after the ack): True only for the first delivery ever.

    If the database cannot answer, the message is answered anyway: the in-memory layer already
    stopped duplicates within this process, and an answer beats an apology.
    """
    key = message_key(event)
    if key is None:
        return True
    try:
        return store.first_seen(key, ttl_seconds=SEEN_TTL_SECONDS)
    except Exception as error:  # noqa: BLE001 - any database failure: degrade, do not fail the reply
        log.warning("store unavailable for de-duplication (%s); answering anyway", type(error).__name__)
        return True
