"""One place for errors (https://docs.slack.dev/tools/bolt-python/concepts/errors): log with context,
tell the user one friendly line, never show an exception's text, never crash a listener.

A request that was not verified (Bolt calls this handler for errors raised before or inside its
signature check, with the unverified body) gets no reply at all: no response_url call, no
chat.postMessage, only a 401 and a log line without its content."""

from __future__ import annotations

import logging
from http.client import RemoteDisconnected
from typing import Any

from slack_bolt import BoltResponse

from bot.slack.messages import ERROR_TEXT
from bot.slack.middleware import VERIFIED
from bot.slack.webapi import RetryingRespond

log = logging.getLogger("bot.slack.errors")


def describe(body: dict[str, Any]) -> str:
    """Where it happened (ids only: never text, tokens or secrets)."""
    event = body.get("event") or {}
    kind = body.get("command") or event.get("type") or body.get("type") or "request"
    actions = body.get("actions") or []
    if actions:
        kind = f"{kind}:{actions[0].get('action_id', '?')}"
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    user = body.get("user_id") or event.get("user") or (body.get("user") or {}).get("id") or ""
    channel = body.get("channel_id") or event.get("channel") or (body.get("channel") or {}).get("id") or ""
    return f"{kind} team={team} user={user} channel={channel} event_id={body.get('event_id', '')}"


def may_have_arrived(error: BaseException) -> bool:
    """A read timeout or a connection lost after the request left: Slack may have posted the
    answer, so an apology could follow a good answer. (A refused connection, a 4xx, a 5xx or a
    429 mean it certainly did not arrive.)"""
    return isinstance(error, TimeoutError | RemoteDisconnected | ConnectionResetError | BrokenPipeError)


def on_bolt_error(
    error: Exception, body: dict[str, Any], client: Any, respond: Any, context: Any
) -> BoltResponse | None:
    """Registered with `@app.error`: Bolt injects these by name; `context` says whether it was verified."""
    verified = bool(context is not None and context.get(VERIFIED))
    return handle_error(error=error, body=body, client=client, respond=respond, verified=verified)


def handle_error(
    error: Exception, body: dict[str, Any], client: Any, respond: Any = None, *, verified: bool
) -> BoltResponse | None:
    """Log with context and apologise, for a verified request; for another, a 401 and nothing else.

    Background jobs (bot.slack.background.Background) call it with `verified=True`: only
    listeners, which run after the signature check, queue work.
    """
    if not verified:
        log.warning("request refused (401): %s before it was verified", type(error).__name__)
        return BoltResponse(status=401, body={"error": "invalid request"})
    if may_have_arrived(error):
        log.error(
            "gave up on a reply that may have arrived (%s): %s; no apology",
            describe(body),
            type(error).__name__,
        )
        return None
    log.error("listener failed (%s): %s", describe(body), type(error).__name__, exc_info=error)
    try:
        _tell_user(body=body, client=client, respond=respond)
    except Exception as second:  # noqa: BLE001 - the apology must never raise
        log.warning("could not tell the user about the failure: %s", type(second).__name__)
    return None


def _tell_user(*, body: dict[str, Any], client: Any, respond: Any) -> None:
    if isinstance(respond, RetryingRespond) and respond.response_url:  # it calls Slack's hooks host only
        respond(text=ERROR_TEXT, response_type="ephemeral", replace_original=False)
        return
    event = body.get("event") or {}
    if event.get("type") in {"app_mention", "message"} and event.get("channel"):
        thread_ts = event.get("thread_ts") or (event.get("ts") if event["type"] == "app_mention" else None)
        client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, text=ERROR_TEXT)
