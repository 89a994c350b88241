"""`/aitl`: help, the contract's subcommands, tips, and free text.

Slack wants the acknowledgement within 3,000 ms
(https://docs.slack.dev/interactivity/implementing-slash-commands): `ack()` comes first, and the
answer follows on a background thread through `respond()` (the command's response_url), which
works in private channels and DMs where the bot is not a member. Replies are ephemeral with a
**Share in channel** button.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.slack import conversations
from bot.slack.deps import Deps
from bot.slack.jobs import admit, finishing
from bot.slack.listeners.home import intent_label
from bot.slack.messages import answer_message, help_message, why_message
from bot.slack.routing import route, suggest
from bot.slack.text import plain_question

log = logging.getLogger(__name__)

COMMAND = "/aitl"

KEPT_FIELDS = (
    "command",
    "text",
    "team_id",
    "enterprise_id",
    "channel_id",
    "channel_name",
    "user_id",
    "response_url",
)
"""What the work after the ack reads from a command's payload (tips too); the rest is not kept
while a reply waits for its turn."""


def handle_command(*, deps: Deps, body: dict[str, Any], client: Any, respond: Respond) -> None:
    """Answer one `/aitl` invocation (after the ack)."""
    question = plain_question(str(body.get("text") or ""))
    decision = route(question.text)
    if decision.kind == "help":
        respond(**help_message(deps.answers.help(), commands=True), response_type="ephemeral")
        return
    if decision.kind == "tips":
        respond(**_tips(deps=deps, args=list(decision.args), body=body, client=client))
        return
    where = conversations.for_command(body)  # one user in one channel, until idle 10 minutes
    state = conversations.state_for(deps.store, where)
    if decision.kind == "why":
        asked = decision.question or conversations.last_asked(deps.store, where)
        respond(**why_message(deps.engine, asked), response_type="ephemeral")
        return
    answer = deps.engine.ask(decision.question, intent=decision.intent, state=state)
    if answer.intent == "unknown" and decision.intent is None:
        choices = [(intent, _label(deps.engine, intent)) for intent in suggest(decision.question)]
        message = help_message(deps.answers.help(), lead=answer, question=question, suggestions=choices)
    else:
        message = answer_message(answer, question=question, share=True)
    respond(**message, response_type="ephemeral")
    conversations.save(deps.store, where, answer, asked=decision.question)


def _label(engine: object, intent: str) -> str:
    return intent_label(intent, (getattr(getattr(engine, "kb", None), "intents", None) or {}).get(intent))


def _tips(*, deps: Deps, args: list[str], body: dict[str, Any], client: Any) -> dict[str, Any]:
    from bot.slack.listeners.tips import commands as tips_commands

    return tips_commands.handle(args=args, body=body, client=client, store=deps.store, engine=deps.engine)


def register(app: App, *, deps: Deps) -> None:
    def aitl_command(
        ack: Ack, body: dict[str, Any], client: Any, respond: Respond, context: BoltContext
    ) -> None:
        kept = {name: body[name] for name in KEPT_FIELDS if name in body}
        queue, job_id = admit(
            deps.store,
            claims=deps.claims,
            key=f"command:{body.get('trigger_id') or uuid.uuid4().hex}",
            kind="command",
            team_id=str(kept.get("team_id") or ""),
            channel_id=str(kept.get("channel_id") or ""),
            user_id=str(kept.get("user_id") or ""),
            text=str(kept.get("text") or ""),
            response_url=kept.get("response_url"),
            payload={"body": kept},
        )
        ack()  # Bolt answers Slack once this listener returns: the job is committed by then
        if not queue:
            return
        work = lambda: handle_command(deps=deps, body=kept, client=client, respond=respond)  # noqa: E731
        deps.background.run(finishing(deps.store, job_id, work), body=kept, client=client, context=context)

    app.command(COMMAND)(aitl_command)
