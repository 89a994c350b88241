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

Follows = Callable[[dict[str, Any], str], bool]
"""(event, team id) -> whether a channel thread reply is in a thread the bot answered in."""

VERIFIED = "aitl_verified"
"""Context key set once a request passed Bolt's built-in middleware (its signature check): the
error handler replies only to requests that carry it."""


def answerable(event: dict[str, Any], *, bot_user_id: str | None = None) -> bool:
    """A person's new message the bot may answer: a mention, a DM (`message.im`), or a reply in a
    channel thread (`message.channels`, `message.groups`) that does not mention the bot (a mention
    comes as `app_mention` too, and is answered as that). A thread reply is then answered only in
    a thread the bot has answered in (`Incoming`'s `follows`); a top-level channel message
    without a mention never."""
    if event.get("bot_id") or event.get("subtype") or event.get("bot_profile"):
        return False  # other bots, edits (message_changed), deletions (message_deleted), joins...
    if event.get("type") == "app_mention":
        return True
    if event.get("type") != "message":
        return False
    if event.get("channel_type") == "im":
        return True
    return is_thread_reply(event) and not (bot_user_id and f"<@{bot_user_id}" in str(event.get("text") or ""))


def is_thread_reply(event: dict[str, Any]) -> bool:
    """A reply inside a channel's thread (not the thread's parent, not a top-level message)."""
    thread_ts = event.get("thread_ts")
    return (
        event.get("channel_type") in ("channel", "group") and bool(thread_ts) and thread_ts != event.get("ts")
    )


class Incoming(Middleware):
    """Marks the request verified; `respond` with retry handlers (Slack's hooks host only);
    unanswerable message events and recent duplicates dropped."""

    def __init__(
        self,
        recent: RecentKeys,
        *,
        response_url_prefix: str = DEFAULT_RESPONSE_URL_PREFIX,
        follows: Follows | None = None,
    ) -> None:
        self.recent = recent
        self.response_url_prefix = response_url_prefix
        self.follows = follows

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
        if event.get("type") in MESSAGE_EVENTS and not answerable(event, bot_user_id=req.context.bot_user_id):
            return BoltResponse(status=200, body="")
        if event.get("type") == "message" and is_thread_reply(event):
            team_id = str(body.get("team_id") or event.get("team") or "")
            if self.follows is None or not self.follows(event, team_id):
                return BoltResponse(status=200, body="")  # a thread the bot is not part of
        if not self.recent.add_all(event_keys(body)):
            retry = req.headers.get("x-slack-retry-num", ["0"])[0]
            log.info("duplicate delivery dropped: event_id=%s retry=%s", body.get("event_id"), retry)
            return BoltResponse(status=200, body="")
        return next()
