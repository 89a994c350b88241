"""Global middleware: replies that retry, other bots ignored, and every message answered once.

Slack retries an event it thinks failed, up to three times over five minutes, with
`X-Slack-Retry-Num` (https://docs.slack.dev/apis/events-api/#retries), and one message can
arrive as both `app_mention` and `message.*`. Bolt de-duplicates neither, so the store
remembers each `event_id` and each message's `(channel, ts)` for 15 minutes (across restarts).
Bolt drops the bot's own events (IgnoringSelfEvents) but not other bots': those, edits and
deletions (any `subtype`) are acknowledged and dropped here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from slack_bolt import BoltRequest, BoltResponse

from bot.slack.webapi import RetryingRespond

log = logging.getLogger(__name__)

SEEN_TTL_SECONDS = 900
MESSAGE_EVENTS = {"app_mention", "message"}


class SeenKeys(Protocol):
    def first_seen(self, key: str, *, ttl_seconds: int = ...) -> bool: ...


def answerable(event: dict[str, Any]) -> bool:
    """A person's new message the bot should answer: a mention, or a DM (`message.im`)."""
    if event.get("bot_id") or event.get("subtype") or event.get("bot_profile"):
        return False  # other bots, edits (message_changed), deletions (message_deleted), joins...
    if event.get("type") == "app_mention":
        return True
    return event.get("type") == "message" and event.get("channel_type") == "im"


def dedup_keys(body: dict[str, Any]) -> list[str]:
    """Keys that identify this delivery: the event id, and the message itself."""
    keys = []
    if body.get("event_id"):
        keys.append(f"event:{body['event_id']}")
    event = body.get("event") or {}
    if event.get("type") in MESSAGE_EVENTS and event.get("channel") and event.get("ts"):
        keys.append(f"message:{event['channel']}:{event['ts']}")
    return keys


def events_once(store: SeenKeys) -> Callable[..., BoltResponse | None]:
    """Middleware: drop unanswerable message events, and any event (or message) seen before."""

    def middleware(
        req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        body = req.body
        if body.get("type") != "event_callback":
            return next()
        event = body.get("event") or {}
        if event.get("type") in MESSAGE_EVENTS and not answerable(event):
            return BoltResponse(status=200, body="")
        fresh = [store.first_seen(key, ttl_seconds=SEEN_TTL_SECONDS) for key in dedup_keys(body)]
        if not all(fresh):
            retry = req.headers.get("x-slack-retry-num", ["0"])[0]
            log.info("duplicate delivery dropped: event_id=%s retry=%s", body.get("event_id"), retry)
            return BoltResponse(status=200, body="")
        return next()

    return middleware


def retrying_respond(
    req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
) -> BoltResponse | None:
    """Make `respond` use the retry handlers (429 Retry-After, 5xx, connection errors)."""
    url = req.context.response_url
    if url:
        req.context["respond"] = RetryingRespond(response_url=url)
    return next()
