"""Buttons: did-you-mean, Show the whole section, 👍 / 👎 (with an optional "why" modal), Share in
channel, Home topics.

Every interaction is acknowledged within 3 s (https://docs.slack.dev/interactivity/handling-user-interaction);
the reply goes through the payload's response_url (`respond`). Unknown actions are acknowledged
and logged, never shown to the user as an error.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk.errors import SlackApiError

from bot.engine.answers.base import FULL_ACTION
from bot.slack import conversations
from bot.slack.blocks import (
    DOWNVOTE_CALLBACK,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    SHARE,
    TOPIC_PREFIX,
    downvote_modal,
)
from bot.slack.deps import Deps
from bot.slack.jobs import admit, finishing
from bot.slack.messages import DYM_PREFIX, answer_message, shared_message
from bot.slack.text import cut

log = logging.getLogger(__name__)


def _value(body: dict[str, Any]) -> dict[str, Any]:
    """The clicked button's JSON value (`{"i": intent, "c": confidence, "q": question}`), or {}."""
    try:
        data = json.loads(body["actions"][0].get("value") or "{}")
    except (KeyError, IndexError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _where(body: dict[str, Any]) -> tuple[str, str, str]:
    team = (body.get("team") or {}).get("id") or body.get("user", {}).get("team_id", "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    return str(team), str(body.get("user", {}).get("id", "")), str(channel)


ONCE_SECONDS = 400 * 86_400
"""How long a share or a vote is remembered: longer than anyone scrolls back to click again."""


def _message_id(body: dict[str, Any]) -> str:
    """The message the button was in (channel and ts), or the answer it carries when there is none."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    if ts:
        return f"{channel}:{ts}"
    value = _value(body)
    return f"{channel}:{value.get('i', '')}:{str(value.get('q', ''))[:150]}"


def _first_click(deps: Deps, key: str) -> bool:
    """True the first time `key` is seen (the store decides, across threads and restarts); when
    the store cannot say, the click counts (a second share beats a lost one)."""
    try:
        return bool(deps.store.first_seen(key, ttl_seconds=ONCE_SECONDS))
    except Exception as error:  # noqa: BLE001 - a store failure degrades, it does not fail the click
        log.warning("store unavailable for a button's once-only check (%s)", type(error).__name__)
        return True


def did_you_mean(*, deps: Deps, body: dict[str, Any], client: Any, respond: Respond) -> None:
    """Answer the chosen topic in place of the message that offered it."""
    value = _value(body)
    action_id = body["actions"][0]["action_id"]
    intent = str(value.get("i") or action_id[len(DYM_PREFIX) :])
    question = cut(str(value.get("q") or ""))
    earlier = value.get("s") if isinstance(value.get("s"), dict) else None  # a follow-up's context
    if earlier is not None:
        answer = deps.engine.ask(question.text or intent.replace("_", " "), intent=intent, state=earlier)
    else:
        answer = deps.answers.ask(question.text or intent.replace("_", " "), intent=intent)
    container = body.get("container") or {}
    message = answer_message(answer, question=question, share=bool(container.get("is_ephemeral")))
    if body.get("response_url"):
        respond(**message, replace_original=True)
    else:
        client.chat_update(channel=container.get("channel_id"), ts=container.get("message_ts"), **message)


def whole_section(*, deps: Deps, body: dict[str, Any], client: Any, respond: Respond) -> None:
    """ "Show the whole section" under a focused answer: the same question with `full`.

    An ephemeral answer (a slash command's) is replaced in place; an answer everyone sees (an
    @mention) stays, and the whole section goes to the clicker only, so a channel is not flooded.
    """
    value = _value(body)
    intent = str(value.get("i") or "") or None
    question = cut(str(value.get("q") or ""))
    earlier = value.get("s") if isinstance(value.get("s"), dict) else None  # a follow-up's context
    answer = deps.answers.engine.ask(question.text, intent=intent, full=True, state=earlier)
    container = body.get("container") or {}
    ephemeral = bool(container.get("is_ephemeral"))
    message = answer_message(answer, question=question, share=ephemeral)
    if body.get("response_url"):
        if ephemeral:
            respond(**message, replace_original=True)
        else:
            respond(**message, response_type="ephemeral", replace_original=False)
    else:
        client.chat_postEphemeral(
            channel=container.get("channel_id"), user=body.get("user", {}).get("id"), **message
        )


def feedback_up(*, deps: Deps, body: dict[str, Any], respond: Respond) -> None:
    """Keep the 👍 with the intent and confidence it was for, and say thanks (to the clicker only).
    One vote per user and answer: a second click is only acknowledged."""
    if not _first_vote(deps, body, respond):
        return
    _record(deps=deps, body=body, value=_value(body), vote="up")
    if body.get("response_url"):
        respond(text="Thanks for the feedback! :+1:", response_type="ephemeral", replace_original=False)


def feedback_down(*, deps: Deps, body: dict[str, Any], client: Any, respond: Respond) -> None:
    """Keep the 👎 at once, then offer a modal to say why (its answer is stored as vote `reason`).

    The modal needs the click's trigger_id within 3 s (https://docs.slack.dev/surfaces/modals);
    if it cannot open, the vote is kept and the user is simply thanked.
    """
    if not _first_vote(deps, body, respond):
        return
    value = _value(body)
    _record(deps=deps, body=body, value=value, vote="down")
    team, _user, channel = _where(body)
    metadata = json.dumps({"v": value, "t": team, "ch": channel}, separators=(",", ":"))
    try:
        client.views_open(trigger_id=body["trigger_id"], view=downvote_modal(metadata=metadata))
    except (KeyError, SlackApiError) as error:
        log.warning("could not open the feedback modal: %s", type(error).__name__)
        if body.get("response_url"):
            respond(text="Thanks, noted. :pray:", response_type="ephemeral", replace_original=False)


def _first_vote(deps: Deps, body: dict[str, Any], respond: Respond) -> bool:
    _team, user, _channel = _where(body)
    if _first_click(deps, f"vote:{user}:{_message_id(body)}"):
        return True
    if body.get("response_url"):
        respond(
            text="Your vote on this answer is already counted.",
            response_type="ephemeral",
            replace_original=False,
        )
    return False


def downvote_reason(*, deps: Deps, body: dict[str, Any], view: dict[str, Any]) -> None:
    """The modal's answer: which way the answer missed, and optional words."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    values = (view.get("state") or {}).get("values") or {}
    choice = ((values.get("reason") or {}).get("choice") or {}).get("selected_option") or {}
    details = ((values.get("details") or {}).get("text") or {}).get("value") or ""
    reason = ": ".join(part for part in (choice.get("value", ""), details.strip()) if part)
    if not reason:
        return
    value = meta.get("v") or {}
    deps.store.record_feedback(
        team_id=str(meta.get("t", "")),
        user_id=str(body.get("user", {}).get("id", "")),
        channel_id=str(meta.get("ch", "")),
        intent=str(value.get("i", "unknown")),
        confidence=float(value.get("c", 0.0) or 0.0),
        vote="reason",
        reason=reason,
        question=str(value.get("q", "")),
    )


def share(*, deps: Deps, body: dict[str, Any], respond: Respond) -> None:
    """Post the same answer in the channel, attributed to whoever asked (response_url, `in_channel`).
    Once per message: a second click (or a second person's) gets a private note instead."""
    if not _first_click(deps, f"share:{_message_id(body)}"):
        respond(
            text="This answer is already shared in the channel.",
            response_type="ephemeral",
            replace_original=False,
        )
        return
    value = _value(body)
    question = cut(str(value.get("q") or "")).text
    intent = value.get("i") or None
    answer = deps.answers.ask(question, intent=intent) if question else deps.answers.help()
    _team, user, _channel = _where(body)
    respond(
        **shared_message(answer, user_id=user, question=question),
        response_type="in_channel",
        replace_original=False,
    )


def home_topic(*, deps: Deps, body: dict[str, Any], client: Any) -> None:
    """A quick-topic button on App Home: the answer arrives in the app's DM (Messages tab)."""
    action = body["actions"][0]
    intent = str(action.get("value") or action["action_id"][len(TOPIC_PREFIX) :])
    answer = deps.answers.ask(intent.replace("_", " "), intent=intent)
    message = answer_message(answer, question=cut(intent.replace("_", " ")), share=False)
    posted = client.chat_postMessage(channel=body["user"]["id"], **message)
    channel = posted.get("channel") if hasattr(posted, "get") else None
    if channel:  # the DM it opened: "the third one" there follows on from this list
        dm = {"type": "message", "channel_type": "im", "channel": channel}
        conversations.save(deps.store, conversations.for_message(dm, team_id=_where(body)[0]), answer)


def _record(*, deps: Deps, body: dict[str, Any], value: dict[str, Any], vote: str) -> None:
    team, user, channel = _where(body)
    deps.store.record_feedback(
        team_id=team,
        user_id=user,
        channel_id=channel,
        intent=str(value.get("i", "unknown")),
        confidence=float(value.get("c", 0.0) or 0.0),
        vote=vote,
        question=str(value.get("q", "")),
    )


def run_action(name: str, *, deps: Deps, body: dict[str, Any], client: Any, respond: Respond) -> None:
    """The work after the ack for the action `name` (a live click, or a job recovered at start)."""
    if name == "did_you_mean":
        did_you_mean(deps=deps, body=body, client=client, respond=respond)
    elif name == "feedback_up":
        feedback_up(deps=deps, body=body, respond=respond)
    elif name == "feedback_down":
        feedback_down(deps=deps, body=body, client=client, respond=respond)
    elif name == "share":
        share(deps=deps, body=body, respond=respond)
    elif name == "whole_section":
        whole_section(deps=deps, body=body, client=client, respond=respond)
    elif name == "home_topic":
        home_topic(deps=deps, body=body, client=client)
    elif name == "downvote_reason":
        downvote_reason(deps=deps, body=body, view=body.get("view") or {})
    else:
        log.warning("unknown action job %r", name)


def register(app: App, *, deps: Deps) -> None:
    def later(
        name: str,
        body: dict[str, Any],
        client: Any,
        respond: Any,
        context: BoltContext,
        *,
        urgent: bool = False,
    ) -> None:
        """Commit the click as a job (bot.slack.jobs), then run it after the ack."""
        user = (body.get("user") or {}).get("id", "")
        team, _user, channel = _where(body)
        queue, job_id = admit(
            deps.store,
            claims=deps.claims,
            key=f"action:{body.get('trigger_id') or uuid.uuid4().hex}:{user}",
            kind="action",
            team_id=team,
            channel_id=channel,
            user_id=str(user),
            response_url=body.get("response_url"),
            payload={"action": name, "body": body},
        )
        if not queue:
            return
        work = lambda: run_action(name, deps=deps, body=body, client=client, respond=respond)  # noqa: E731
        deps.background.run(
            finishing(deps.store, job_id, work), body=body, client=client, context=context, urgent=urgent
        )

    def on_did_you_mean(
        ack: Ack, body: dict[str, Any], client: Any, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        later("did_you_mean", body, client, respond, context)

    def on_whole_section(
        ack: Ack, body: dict[str, Any], client: Any, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        later("whole_section", body, client, respond, context)

    def on_feedback_up(
        ack: Ack, body: dict[str, Any], client: Any, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        later("feedback_up", body, client, respond, context)

    def on_feedback_down(
        ack: Ack, body: dict[str, Any], client: Any, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        later(
            "feedback_down", body, client, respond, context, urgent=True
        )  # views.open: trigger_id lasts 3 s

    def on_share(ack: Ack, body: dict[str, Any], client: Any, respond: Respond, context: BoltContext) -> None:
        ack()
        later("share", body, client, respond, context)

    def on_home_topic(ack: Ack, body: dict[str, Any], client: Any, context: BoltContext) -> None:
        ack()
        later("home_topic", body, client, None, context)

    def on_downvote_submit(ack: Ack, body: dict[str, Any], client: Any, context: BoltContext) -> None:
        ack()
        later("downvote_reason", body, client, None, context)

    def on_downvote_closed(ack: Ack) -> None:
        ack()

    app.action(re.compile(f"^{DYM_PREFIX}"))(on_did_you_mean)
    app.action(FULL_ACTION)(on_whole_section)
    app.action(FEEDBACK_UP)(on_feedback_up)
    app.action(FEEDBACK_DOWN)(on_feedback_down)
    app.action(SHARE)(on_share)
    app.action(re.compile(f"^{TOPIC_PREFIX}"))(on_home_topic)
    app.view(DOWNVOTE_CALLBACK)(on_downvote_submit)
    app.view_closed(DOWNVOTE_CALLBACK)(on_downvote_closed)
