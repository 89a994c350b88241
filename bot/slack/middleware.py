"""Global middleware, run before the ack: replies that retry, other bots ignored, duplicates dropped.

Bolt drops the bot's own events (IgnoringSelfEvents) but not other bots': those, edits and
deletions (any `subtype`) are acknowledged and dropped here, as is any delivery seen before
(https://docs.slack.dev/apis/events-api/#retries; see bot.slack.dedup).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse

from bot.slack.dedup import MESSAGE_EVENTS, RecentKeys, event_keys
from bot.slack.webapi import RetryingRespond

log = logging.getLogger(__name__)

Next = Callable[[], BoltResponse]


def answerable(event: dict[str, Any]) -> bool:
    """A person's new message the bot should answer: a mention, or a DM (`message.im`)."""
    if event.get("bot_id") or event.get("subtype") or event.get("bot_profile"):
        return False  # other bots, edits (message_changed), deletions (message_deleted), joins...
    if event.get("type") == "app_mention":
        return True
    return event.get("type") == "message" and event.get("channel_type") == "im"


def events_once(recent: RecentKeys) -> Callable[..., BoltResponse | None]:
    """Middleware: drop unanswerable message events, and any event (or message) seen lately."""

    def middleware(req: BoltRequest, resp: BoltResponse, next: Next) -> BoltResponse | None:
        body = req.body
        if body.get("type") != "event_callback":
            return next()
        event = body.get("event") or {}
        if event.get("type") in MESSAGE_EVENTS and not answerable(event):
            return BoltResponse(status=200, body="")
        if not recent.add_all(event_keys(body)):
            retry = req.headers.get("x-slack-retry-num", ["0"])[0]
            log.info("duplicate delivery dropped: event_id=%s retry=%s", body.get("event_id"), retry)
            return BoltResponse(status=200, body="")
        return next()

    return middleware


def retrying_respond(req: BoltRequest, resp: BoltResponse, next: Next) -> BoltResponse | None:
    """Make `respond` use the retry handlers (429 Retry-After, 5xx, connection errors)."""
    url = req.context.response_url
    if url:
        req.context["respond"] = RetryingRespond(response_url=url)
    return next()
