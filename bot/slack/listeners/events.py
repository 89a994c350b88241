"""@mentions (answered in a thread), direct messages (answered in the DM) and follow-ups in a
thread the bot has answered in (answered in that thread, no mention needed).

https://docs.slack.dev/reference/events/app_mention, .../message.im, .../message.channels and
.../message.groups. Each is one conversation (bot.slack.conversations): the question is read in
its context and the conversation's state saved once the answer is out. Bolt acknowledges
events as soon as these return (the reply is sent on a background thread); the middleware has
already dropped bots, edits, deletions and recent duplicates, and the store catches a delivery
answered before a restart, so each message is answered exactly once.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack import conversations
from bot.slack.dedup import first_time, message_key
from bot.slack.deps import Deps
from bot.slack.jobs import admit, finishing
from bot.slack.messages import answer_message, help_message
from bot.slack.middleware import answerable
from bot.slack.text import plain_question

log = logging.getLogger(__name__)


EVENT_FIELDS = ("type", "channel", "channel_type", "user", "text", "ts", "thread_ts", "team")
"""What answering a message reads from its event (kept in the job, and for a recovery)."""


def reply_to_message(
    *,
    deps: Deps,
    event: dict[str, Any],
    client: Any,
    bot_user_id: str | None,
    check_seen: bool = True,
    team_id: str = "",
) -> None:
    """Answer one message: in its thread for a channel mention, in place for a DM.

    `check_seen=False` when its durable job already made it unique (bot.slack.jobs).
    """
    if check_seen and not first_time(deps.store, event):
        log.info(
            "message answered before (restart?): channel=%s ts=%s", event.get("channel"), event.get("ts")
        )
        return
    question = plain_question(str(event.get("text") or ""), bot_user_id=bot_user_id)
    where = conversations.for_message(event, team_id=team_id or str(event.get("team") or ""))
    answer = None
    if question.text:
        answer = deps.engine.ask(question.text, state=conversations.state_for(deps.store, where))
        message = answer_message(answer, question=question, share=False)
    else:
        message = help_message(deps.answers.help())
    thread_ts = event.get("thread_ts")
    if event.get("type") == "app_mention":
        thread_ts = thread_ts or event.get("ts")
    # kept before the post: once the answer is visible, a reply to it must find the thread followed
    if answer is not None:
        conversations.save(deps.store, where, answer)
    elif where is not None and where.key.startswith("thread:"):
        conversations.save(deps.store, where, deps.engine.ask("", intent="help"))  # the bot is in it now
    client.chat_postMessage(channel=event["channel"], thread_ts=thread_ts, unfurl_links=False, **message)


def register(app: App, *, deps: Deps) -> None:
    def reply_later(body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext) -> None:
        bot_user_id = context.bot_user_id
        kept = {name: event[name] for name in EVENT_FIELDS if name in event}
        queue, job_id = admit(
            deps.store,
            claims=deps.claims,
            key=message_key(event) or f"event:{body.get('event_id') or uuid.uuid4().hex}",
            kind="message",
            team_id=str(body.get("team_id") or event.get("team") or ""),
            channel_id=str(event.get("channel") or ""),
            user_id=str(event.get("user") or ""),
            thread_ts=event.get("thread_ts") or event.get("ts"),
            text=str(event.get("text") or ""),
            payload={"event": kept, "bot_user_id": bot_user_id, "event_id": body.get("event_id")},
        )
        if not queue:
            return
        check_seen = job_id is None  # a job's unique key already stopped a second delivery

        team_id = str(body.get("team_id") or event.get("team") or "")

        def work() -> None:
            reply_to_message(
                deps=deps,
                event=kept,
                client=client,
                bot_user_id=bot_user_id,
                check_seen=check_seen,
                team_id=team_id,
            )

        deps.background.run(finishing(deps.store, job_id, work), body=body, client=client, context=context)

    def on_mention(body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext) -> None:
        reply_later(body, event, client, context)

    def on_message(body: dict[str, Any], event: dict[str, Any], client: Any, context: BoltContext) -> None:
        """DMs and follow-ups in the bot's threads (the middleware checked the thread) are answered;
        other channel messages are not (a mention comes as app_mention too)."""
        if answerable(event, bot_user_id=context.bot_user_id):
            reply_later(body, event, client, context)

    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
