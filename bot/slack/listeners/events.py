"""@mentions (answered in a thread) and direct messages (answered in the DM).

https://docs.slack.dev/reference/events/app_mention and .../message.im. Bolt acknowledges
events as soon as these return (the reply is sent on a background thread); the middleware has
already dropped bots, edits, deletions and recent duplicates, and the store catches a delivery
answered before a restart, so each message is answered exactly once.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.dedup import first_time
from bot.slack.deps import Deps
from bot.slack.messages import help_message
from bot.slack.middleware import answerable
from bot.slack.text import plain_question

log = logging.getLogger(__name__)


def reply_to_message(*, deps: Deps, event: dict[str, Any], client: Any, bot_user_id: str | None) -> None:
    """Answer one message: in its thread for a channel mention, in place for a DM."""
    if not first_time(deps.store, event):
        log.info(
            "message answered before (restart?): channel=%s ts=%s", event.get("channel"), event.get("ts")
        )
        return
    question = plain_question(str(event.get("text") or ""), bot_user_id=bot_user_id)
    if question.text:
        message = deps.answers.message(question)
    else:
        message = help_message(deps.answers.help())
    thread_ts = event.get("thread_ts")
    if event.get("type") == "app_mention":
        thread_ts = thread_ts or event.get("ts")
    client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, unfurl_links=False, **message)


def register(app: App, *, deps: Deps) -> None:
    def reply_later(body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext) -> None:
        bot_user_id = context.bot_user_id
        deps.background.run(
            lambda: reply_to_message(deps=deps, event=event, client=client, bot_user_id=bot_user_id),
            body=body,
            client=client,
            context=context,
        )

    def on_mention(body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext) -> None:
        reply_later(body, event, client, context)

    def on_message(body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext) -> None:
        """DMs are answered; channel messages (a mention comes as app_mention too) are not."""
        if answerable(event):
            reply_later(body, event, client, context)

    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
