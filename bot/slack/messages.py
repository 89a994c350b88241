"""Answers -> the messages the Slack adapter sends (pure: no Web API calls here).

Every message is `{"text": fallback, "blocks": [...]}`: `text` is the notification and screen
reader fallback (https://docs.slack.dev/reference/methods/chat.postMessage), kept ≤ 4,000
characters, and every mrkdwn string is defused so no answer can ping anyone
(https://docs.slack.dev/messaging/formatting-message-text#special-mentions).
"""

from __future__ import annotations

from typing import Any, Protocol

from bot.engine.render import MAX_TEXT, escape, truncate
from bot.slack.blocks import (
    DYM_PREFIX,
    Block,
    attribution_block,
    did_you_mean_blocks,
    feedback_blocks,
    fit,
    note_block,
)
from bot.slack.text import TRUNCATION_NOTE, Question, defuse

Message = dict[str, Any]


class AnswerLike(Protocol):
    intent: str
    confidence: float
    text: str
    blocks: list[dict[str, Any]]


def defuse_blocks(value: Any) -> Any:
    """A copy of `value` with every mrkdwn text defused (plain_text cannot mention anyone)."""
    if isinstance(value, list):
        return [defuse_blocks(item) for item in value]
    if isinstance(value, dict):
        copy = {key: defuse_blocks(item) for key, item in value.items()}
        if copy.get("type") == "mrkdwn" and isinstance(copy.get("text"), str):
            copy["text"] = defuse(copy["text"])
        return copy
    return value


def _text(text: str) -> str:
    return truncate(defuse(text).strip() or "Here is what I found.", MAX_TEXT)


def answer_message(answer: AnswerLike, *, question: Question, share: bool) -> Message:
    """An answer with its feedback row (and Share in channel for ephemeral replies)."""
    after = []
    if question.truncated:
        after.append(note_block(TRUNCATION_NOTE))
    after += feedback_blocks(
        intent=answer.intent, confidence=answer.confidence, question=question.text, share=share
    )
    blocks = fit(defuse_blocks(answer.blocks), after=after)
    return {"text": _text(answer.text), "blocks": blocks}


def commands_block() -> Block:
    """The `/aitl` subcommands, one line each (bot.slack.routing.COMMANDS)."""
    from bot.slack.routing import COMMANDS

    lines = [f"• `/aitl {escape(usage)}` — {what}" for usage, what in COMMANDS]
    return {"type": "section", "text": {"type": "mrkdwn", "text": "*Commands*\n" + "\n".join(lines)}}


def help_message(
    help_answer: AnswerLike,
    *,
    lead: AnswerLike | None = None,
    question: Question | None = None,
    suggestions: list[tuple[str, str]] | None = None,
    commands: bool = False,
) -> Message:
    """Help; with `lead` (an `unknown` answer) and "did you mean" `suggestions` (intent, label) first;
    `commands` adds the `/aitl` subcommands (for the slash command's help)."""
    after = [note_block(TRUNCATION_NOTE)] if question is not None and question.truncated else []
    if commands:
        after.insert(0, commands_block())
    if lead is None:
        return {
            "text": _text(help_answer.text),
            "blocks": fit(defuse_blocks(help_answer.blocks), after=after),
        }
    lead_blocks = defuse_blocks(lead.blocks)
    if suggestions and not any(_is_dym_row(block) for block in lead_blocks):
        asked = question.text if question is not None else ""
        lead_blocks += did_you_mean_blocks(question=asked, choices=suggestions)
    blocks = fit(defuse_blocks(help_answer.blocks), before=[*lead_blocks, {"type": "divider"}], after=after)
    return {"text": _text(lead.text), "blocks": blocks}


def shared_message(answer: AnswerLike, *, user_id: str, question: str) -> Message:
    """The same answer posted for everyone, attributed `<@U…> asked: …` (no did-you-mean buttons)."""
    content = [block for block in answer.blocks if not _is_dym_row(block)]
    after = feedback_blocks(intent=answer.intent, confidence=answer.confidence, question=question)
    blocks = fit(
        defuse_blocks(content), before=[attribution_block(user_id=user_id, question=question)], after=after
    )
    lead = f"<@{user_id}> asked: {escape(question[:300])}\n" if question else f"<@{user_id}> shared:\n"
    return {"text": truncate(lead + defuse(answer.text), MAX_TEXT), "blocks": blocks}


def _is_dym_row(block: Block) -> bool:
    return block.get("type") == "actions" and any(
        str(element.get("action_id", "")).startswith(DYM_PREFIX) for element in block.get("elements", [])
    )


ERROR_TEXT = "Sorry, something went wrong on my side. Please try again in a moment."


WHY_LIMIT = 2800
"""The explanation's code block is cut here (a section's text holds 3,000 characters)."""


def why_message(engine: Any, asked: str) -> Message:
    """`/aitl why` and `/aitl explain QUESTION`: how a question was read (scores per intent, the
    cutoff, the nearest labelled examples), for people who edit the knowledge base."""
    if not asked.strip():
        text = (
            "Nothing to explain yet: ask me something with `/aitl` first, then `/aitl why`; "
            "or `/aitl explain <question>`."
        )
        return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}
    from bot.engine.nlu.explain import format_explanation

    lines = format_explanation(engine.explain(asked))
    body = truncate(lines.replace("```", "'''"), WHY_LIMIT)
    head = f"*How I read* “{escape(asked[:200])}”"
    text = defuse(f"{head}\n```{body}```")
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": defuse(head)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": defuse(f"```{body}```")}},
    ]
    return {"text": truncate(text, MAX_TEXT), "blocks": blocks}
