"""Pure Block Kit builders for the Slack adapter: data in, list of blocks out.

Limits from https://docs.slack.dev/reference/block-kit/blocks: ≤ 50 blocks in a message,
≤ 100 in a Home tab or modal; button text ≤ 75, value ≤ 2,000; section text ≤ 3,000.
Action ids are the architecture's: `aitl_feedback_up`, `aitl_feedback_down`, `aitl_share`.
"""

from __future__ import annotations

from typing import Any

from bot.engine.answers.base import DYM_PREFIX
from bot.engine.render import escape, truncate
from bot.webapi.feedback import FEEDBACK_DOWN as FEEDBACK_DOWN
from bot.webapi.feedback import FEEDBACK_UP as FEEDBACK_UP
from bot.webapi.feedback import MAX_VALUE as MAX_VALUE
from bot.webapi.feedback import SHARE as SHARE
from bot.webapi.feedback import VALUE_QUESTION, button_value
from bot.webapi.feedback import feedback_blocks as feedback_blocks

Block = dict[str, Any]

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
TOPIC_PREFIX = "aitl_topic_"
DOWNVOTE_CALLBACK = "aitl_downvote"

DOWNVOTE_REASONS: tuple[tuple[str, str], ...] = (
    ("wrong_topic", "It answered a different question"),
    ("incomplete", "It missed what I needed"),
    ("unclear", "Hard to understand"),
    ("other", "Something else"),
)


def did_you_mean_blocks(*, question: str, choices: list[tuple[str, str]]) -> list[Block]:
    """ "Did you mean" buttons (the engine's action ids `DYM_PREFIX + intent`, value {"i", "q"})."""
    if not choices:
        return []
    buttons = [
        {
            "type": "button",
            "action_id": f"{DYM_PREFIX}{intent}",
            "text": {"type": "plain_text", "text": (label or intent)[:75], "emoji": True},
            "value": button_value({"i": intent, "q": question[:VALUE_QUESTION]}),
        }
        for intent, label in choices[:5]
    ]
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Did you mean…*"}},
        {"type": "actions", "block_id": "aitl_suggest", "elements": buttons},
    ]


def note_block(text: str) -> Block:
    """A small grey line (context block) with plain mrkdwn text already escaped by the caller."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(text, 3000)}]}


def attribution_block(*, user_id: str, question: str) -> Block:
    """`<@U…> asked: …` above a shared answer; `user_id` comes from the payload, never from text."""
    shown = truncate(question, 300)
    text = f"<@{user_id}> asked: {escape(shown)}" if shown else f"<@{user_id}> shared this answer"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def fit(
    content: list[Block],
    *,
    before: list[Block] | None = None,
    after: list[Block] | None = None,
    limit: int = MAX_MESSAGE_BLOCKS,
) -> list[Block]:
    """`before + content + after` within `limit` blocks, dropping content blocks from the end
    (but keeping a trailing actions block, the did-you-mean buttons)."""
    before, after = before or [], after or []
    room = limit - len(before) - len(after)
    if len(content) > room:
        tail = [content[-1]] if content and content[-1].get("type") == "actions" and room > 1 else []
        content = content[: room - len(tail)] + tail
    return [*before, *content, *after]


def downvote_modal(*, metadata: str) -> dict[str, Any]:
    """A modal asking why an answer missed (https://docs.slack.dev/surfaces/modals).

    `metadata` (≤ 3,000 chars) is the feedback button value plus where it was clicked.
    """
    options = [
        {"text": {"type": "plain_text", "text": label}, "value": key} for key, label in DOWNVOTE_REASONS
    ]
    return {
        "type": "modal",
        "callback_id": DOWNVOTE_CALLBACK,
        "notify_on_close": True,
        "private_metadata": metadata[:3000],
        "title": {"type": "plain_text", "text": "What went wrong?"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Skip"},
        "blocks": [
            {
                "type": "input",
                "block_id": "reason",
                "optional": True,
                "label": {"type": "plain_text", "text": "The answer..."},
                "element": {"type": "radio_buttons", "action_id": "choice", "options": options},
            },
            {
                "type": "input",
                "block_id": "details",
                "optional": True,
                "label": {"type": "plain_text", "text": "Anything else? (optional)"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "multiline": True,
                    "max_length": 1000,
                },
            },
        ],
    }


FOLLOW_UP_EXAMPLE = (
    "*Follow-ups*: I remember the question before (in a thread, a DM, or `/aitl` in one channel)\n"
    "• `salary senior boston` → `and in NYC?` → `what about at a bank?`\n"
    "• `what are the biggest challenges?` → `tell me more about the third one` → `more`"
)
"""App Home's example of a conversation (issue 10)."""


def home_view(
    *,
    topics: list[tuple[str, str, str]],
    examples: list[str],
    subscriptions: list[Block],
) -> dict[str, Any]:
    """The App Home tab (https://docs.slack.dev/surfaces/app-home): ≤ 100 blocks.

    `topics` are (intent, label, description) triples; `subscriptions` come from
    bot.slack.listeners.tips.home.
    """
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": "AI Tech Lead, answered", "emoji": True}},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": (
                    "I answer questions about the *AI Tech Lead* role from one career guide: "
                    "what the job is, skills, career path, salaries, market, trends, best practices "
                    "and common challenges.\nUse `/aitl &lt;question&gt;` anywhere, mention me in a channel, "
                    "or write to me here in Messages. Follow-ups need no repeating: in a thread I answered "
                    "in, just reply, no mention needed."
                ),
            },
        },
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Quick topics* — I answer in our DM"}},
    ]
    buttons = [
        {
            "type": "button",
            "action_id": f"{TOPIC_PREFIX}{intent}",
            "text": {"type": "plain_text", "text": label[:75] or intent, "emoji": True},
            "value": intent,
        }
        for intent, label, _ in topics
    ]
    for start in range(0, len(buttons), 5):
        blocks.append(
            {"type": "actions", "block_id": f"aitl_topics_{start}", "elements": buttons[start : start + 5]}
        )
    described = [
        f"• *{escape(label)}*: {escape(description)}" for _, label, description in topics if description
    ]
    if described:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": truncate("\n".join(described), 3000)}}
        )
    if examples:
        lines = "\n".join(f"• `/aitl {escape(example)}`" for example in examples[:12])
        blocks += [
            {"type": "divider"},
            {"type": "section", "text": {"type": "mrkdwn", "text": "*Try*\n" + truncate(lines, 2990)}},
            {"type": "section", "text": {"type": "mrkdwn", "text": FOLLOW_UP_EXAMPLE}},
        ]
    if subscriptions:
        blocks += [{"type": "divider"}, *subscriptions]
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}
