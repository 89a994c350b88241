"""One place for errors (https://docs.slack.dev/tools/bolt-python/concepts/errors): log with context,
tell the user one friendly line, never show an exception's text, never crash a listener."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltResponse

from bot.slack.messages import ERROR_TEXT

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


def handle_error(
    error: Exception, body: dict[str, Any], client: Any, respond: Any = None
) -> BoltResponse | None:
    """Registered with `@app.error`, and called for background jobs (bot.slack.deps.Background)."""
    log.error("listener failed (%s): %s", describe(body), type(error).__name__, exc_info=error)
    try:
        _tell_user(body=body, client=client, respond=respond)
    except Exception as second:  # noqa: BLE001 - the apology must never raise
        log.warning("could not tell the user about the failure: %s", type(second).__name__)
    return None


def _tell_user(*, body: dict[str, Any], client: Any, respond: Any) -> None:
    if respond is not None and getattr(respond, "response_url", None):
        respond(text=ERROR_TEXT, response_type="ephemeral", replace_original=False)
        return
    event = body.get("event") or {}
    if event.get("type") in {"app_mention", "message"} and event.get("channel"):
        thread_ts = event.get("thread_ts") or (event.get("ts") if event["type"] == "app_mention" else None)
        client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, text=ERROR_TEXT)
