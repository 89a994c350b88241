"""One global middleware, run before the ack: replies that retry, other bots ignored, duplicates dropped.

Bolt drops the bot's own events (IgnoringSelfEvents) but not other bots': those, edits and
deletions (any `subtype`) are acknowledged and dropped here, as is any delivery seen lately
(https://docs.slack.dev/apis/events-api/#retries; see bot.slack.dedup). A `Middleware`
subclass rather than a function: Bolt calls it directly, without building keyword arguments
for every request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.config import DEFAULT_RESPONSE_URL_PREFIX
from bot.slack.dedup import MESSAGE_EVENTS, RecentKeys, event_keys
from bot.slack.webapi import RetryingRespond

log = logging.getLogger(__name__)

VERIFIED = "aitl_verified"
"""Context key set once a request passed Bolt's built-in middleware (its signature check): the
error handler replies only to requests that carry it."""


def answerable(event: dict[str, Any]) -> bool:
    """A person's new message the bot should answer: a mention, or a DM (`message.im`)."""
    if event.get("bot_id") or event.get("subtype") or event.get("bot_profile"):
        return False  # other bots, edits (message_changed), deletions (message_deleted), joins...
    if event.get("type") == "app_mention":
        return True
    return event.get("type") == "message" and event.get("channel_type") == "im"


class Incoming(Middleware):
    """Marks the request verified; `respond` with retry handlers (Slack's hooks host only);
    unanswerable message events and recent duplicates dropped."""

    def __init__(self, recent: RecentKeys, *, response_url_prefix: str = DEFAULT_RESPONSE_URL_PREFIX) -> None:
        self.recent = recent
        self.response_url_prefix = response_url_prefix

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        req.context[VERIFIED] = True  # Bolt's signature check (or Socket Mode's socket) let it through
        url = req.context.response_url
        if url:
            prefix = self.response_url_prefix
            req.context["respond"] = RetryingRespond(response_url=url, allowed_prefix=prefix)
        body = req.body
        kind = body.get("type")
        if kind == "app_rate_limited":  # https://docs.slack.dev/apis/events-api/#rate-limiting
            log.warning(
                "Slack is rate limiting event deliveries: minute_rate_limited=%s",
                body.get("minute_rate_limited"),
            )
            return BoltResponse(status=200, body="")
        if kind != "event_callback":
            return next()
        event = body.get("event") or {}
        if event.get("type") in MESSAGE_EVENTS and not answerable(event):
            return BoltResponse(status=200, body="")
        if not self.recent.add_all(event_keys(body)):
            retry = req.headers.get("x-slack-retry-num", ["0"])[0]
            log.info("duplicate delivery dropped: event_id=%s retry=%s", body.get("event_id"), retry)
            return BoltResponse(status=200, body="")
        return next()
