"""@mentions (answered in a thread) and direct messages (answered in the DM).

https://docs.slack.dev/reference/events/app_mention and .../message.im. Bolt acknowledges
events before these run; the middleware has already dropped bots, edits, deletions and
duplicates, so each callback answers exactly once.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.deps import Deps
from bot.slack.messages import answer_message, help_message
from bot.slack.middleware import answerable
from bot.slack.text import plain_question

log = logging.getLogger(__name__)


def reply_to_message(*, deps: Deps, event: dict[str, Any], client: Any, bot_user_id: str | None) -> None:
    """Answer one message: in its thread for a channel mention, in place for a DM."""
    question = plain_question(str(event.get("text") or ""), bot_user_id=bot_user_id)
    if question.text:
        answer = deps.engine.ask(question.text)
        message = answer_message(answer, question=question, share=False)
    else:
        message = help_message(deps.engine.help())
    thread_ts = event.get("thread_ts")
    if event.get("type") == "app_mention":
        thread_ts = thread_ts or event.get("ts")
    client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, unfurl_links=False, **message)


def register(app: App, *, deps: Deps) -> None:
    def on_mention(event: dict[str, Any], client: Any, context: BoltContext) -> None:
        reply_to_message(deps=deps, event=event, client=client, bot_user_id=context.bot_user_id)

    def on_message(event: dict[str, Any], client: Any, context: BoltContext) -> None:
        """DMs are answered; channel messages (a mention comes as app_mention too) are not."""
        if answerable(event):
            reply_to_message(deps=deps, event=event, client=client, bot_user_id=context.bot_user_id)

    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
